namespace ConnectorGen;

/// <summary>
/// The version written into [GeneratedCode]. <c>Version</c> is generated at build time (the
/// <c>_ConnectorGenThisAssembly</c> target in ConnectorGen.csproj) from the assembly's informational version without its
/// <c>+commit</c> suffix, so <c>dotnet pack -p:Version=X</c> stamps X into every consumer's generated code; and
/// <c>RepositoryUrl</c>, the package's repository, which the rule help links are built on (Diagnostics/HelpLinks.cs).
/// </summary>
internal static partial class ThisAssembly
{
}
