namespace ConnectorGen;

/// <summary>Tracking names of the pipeline steps, asserted by the caching tests.</summary>
internal static class GeneratorStepNames
{
    public const string Parse = "ConnectorGen.Parse";
    public const string Settings = "ConnectorGen.Settings";
    public const string Enabled = "ConnectorGen.Enabled";
    public const string Resolve = "ConnectorGen.Resolve";
    public const string Facts = "ConnectorGen.Facts";
    public const string Unique = "ConnectorGen.Unique";
    public const string Emit = "ConnectorGen.Emit";
    public const string Diagnostics = "ConnectorGen.Diagnostics";
    public const string DuplicateTypes = "ConnectorGen.DuplicateTypes";
    public const string Shared = "ConnectorGen.Shared";
    public const string Language = "ConnectorGen.Language";
    public const string References = "ConnectorGen.References";
    public const string ProjectDiagnostics = "ConnectorGen.ProjectDiagnostics";
    public const string SharedConnectorNames = "ConnectorGen.SharedConnectorNames";
}
