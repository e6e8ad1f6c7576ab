namespace ConnectorGen.Diagnostics;

/// <summary>
/// The one rule for every diagnostic's help link: the rule page in the package's repository (the csproj's
/// <c>RepositoryUrl</c>) at the release tag of this version, so the page a user opens describes the rule as their package
/// version applies it, never a later edit. Releasing tags <c>v&lt;Version&gt;</c> there (docs/releasing.md); the package
/// carries the same pages under <c>docs/rules/</c>.
/// </summary>
internal static class HelpLinks
{
    public const string PagesBase = ThisAssembly.RepositoryUrl + "/blob/v" + ThisAssembly.Version + "/docs/rules/";

    public static string For(string id) => PagesBase + id + ".md";
}
