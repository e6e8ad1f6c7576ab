namespace ConnectorGen;

/// <summary>Tracking names of the pipeline steps, asserted by the caching tests.</summary>
internal static class GeneratorStepNames
{
    public const string Parse = "ConnectorGen.Parse";
    public const string Settings = "ConnectorGen.Settings";
    public const string Enabled = "ConnectorGen.Enabled";
    public const string Resolve = "ConnectorGen.Resolve";
    public const string Facts = "ConnectorGen.Facts";

    /// <summary>The probing of the references (CompilationFacts.Read): runs only when the references or the assembly's identity change.</summary>
    public const string ReferenceFacts = "ConnectorGen.ReferenceFacts";

    /// <summary>The assembly's name and public key, read from every new compilation (cheap; Unchanged on a C# edit).</summary>
    public const string Assembly = "ConnectorGen.Assembly";
    public const string Unique = "ConnectorGen.Unique";
    public const string Plan = "ConnectorGen.Plan";
    public const string Diagnostics = "ConnectorGen.Diagnostics";
    public const string DuplicateTypes = "ConnectorGen.DuplicateTypes";
    public const string Shared = "ConnectorGen.Shared";
    public const string Language = "ConnectorGen.Language";
    public const string References = "ConnectorGen.References";
    public const string ProjectDiagnostics = "ConnectorGen.ProjectDiagnostics";
    public const string SharedConnectorNames = "ConnectorGen.SharedConnectorNames";
}
