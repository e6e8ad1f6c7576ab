using ConnectorGen.Tests.Support;
using Microsoft.CodeAnalysis;

namespace ConnectorGen.Tests;

/// <summary>CG1050: a RootNamespace that had to be changed is reported once, naming both, with no source location.</summary>
public sealed class RootNamespaceTests
{
    private const string WithoutNamespace = """{ "connector": "Acme", "elementKey": "acme", "credentials": [ { "name": "Token", "source": "Token", "parameter": "acme.token", "secret": true } ] }""";
    private const string WithNamespace = """{ "connector": "Beta", "elementKey": "beta", "namespace": "Contoso.Connectors", "credentials": [ { "name": "Token", "source": "Token", "parameter": "beta.token", "secret": true } ] }""";

    private static GeneratorHarness.Run Run(string? rootNamespace, params string[] mappings) =>
        GeneratorHarness.RunGenerator(
            mappings.Select((json, i) => (AdditionalText)new InMemoryAdditionalText($"/p/m{i}.connector.json", json)),
            rootNamespace: rootNamespace);

    [Theory]
    [InlineData("Contoso.class", "Contoso._class")]
    [InlineData("Contoso App", "Contoso_App")]
    [InlineData("Contoso.2024", "Contoso._2024")]
    [InlineData("Contoso..Api", "Contoso.Api")]
    public void A_changed_root_namespace_is_reported_once_naming_both_and_the_code_uses_the_new_one(string rootNamespace, string used)
    {
        var run = Run(rootNamespace, WithoutNamespace, WithoutNamespace.Replace("Acme", "Other").Replace("acme", "other"));

        var diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("CG1050", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        Assert.Equal(Location.None, diagnostic.Location);
        Assert.Equal(
            $"The project's RootNamespace '{rootNamespace}' is not a valid C# namespace; mappings without a \"namespace\" generate their types in '{used}'",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("namespace " + used + "\n", run.Source("Acme.Credentials.g.cs").ReplaceLineEndings("\n"));
        Assert.Empty(run.CompileDiagnostics);
    }

    [Fact]
    public void An_assembly_name_that_had_to_change_is_named_as_such()
    {
        // No RootNamespace visible (a project that does not import ConnectorGen.props): the assembly name is the default.
        GeneratorHarness.Driver([new InMemoryAdditionalText("/p/acme.connector.json", WithoutNamespace)], rootNamespace: null)
            .RunGeneratorsAndUpdateCompilation(GeneratorHarness.Compilation(assemblyName: "Contoso-Tools"), out _, out var diagnostics);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Contains("The project's AssemblyName 'Contoso-Tools'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Contoso.Connectors")]
    [InlineData("Contoso._class")]
    public void A_valid_root_namespace_is_not_reported(string rootNamespace) =>
        Assert.Empty(Run(rootNamespace, WithoutNamespace).GeneratorDiagnostics);

    [Fact]
    public void Nothing_is_reported_when_every_mapping_names_its_own_namespace_or_there_is_none()
    {
        Assert.Empty(Run("Contoso.class", WithNamespace).GeneratorDiagnostics);
        Assert.Empty(Run("Contoso.class").GeneratorDiagnostics);
    }
}
