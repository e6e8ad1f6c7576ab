namespace ConnectorGen;

/// <summary>The version written into [GeneratedCode]; a test keeps it equal to the assembly's version.</summary>
internal static class ThisAssembly
{
    public const string Version = "0.1.0";
}
