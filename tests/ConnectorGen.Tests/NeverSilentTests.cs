using System.Globalization;
using System.Text;
using ConnectorGen.Mapping;
using ConnectorGen.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ConnectorGen.Tests;

/// <summary>
/// Inputs that used to generate something other than what their author meant without a word: each now says what was
/// generated instead and how to get what was probably wanted (CG1031, CG1032, CG1033), at the token that causes it.
/// </summary>
public sealed class NeverSilentTests
{
    private const string DefinitionPath = "/project/acme.element.json";

    private static Diagnostic Single(GeneratorHarness.Run run, string id)
    {
        Assert.Empty(run.CompileDiagnostics);
        return Assert.Single(run.GeneratorDiagnostics, d => d.Id == id);
    }

    [Theory]
    [InlineData("""{ "name": "Acme", "configuration": ⟪[⟫ { "key": "oauth.token.url", "internal": true }, { "key": "acme.base", "hideFromConsole": true }, { "key": "event.vendor.type" } ] }""", "every configuration entry it imports is internal, hidden from the console, platform-managed or an event setting (3 of 3)")]
    [InlineData("""{ "name": "Acme", "configuration": ⟪[⟫ ] }""", "the definition's 'configuration' array is empty")]
    public void CG1031_a_definition_without_user_supplied_entries_says_its_credentials_type_is_empty(string marked, string reason)
    {
        var (json, span) = MappingDiagnosticsTests.Markers(marked);

        var run = GeneratorHarness.RunGenerator(json, "class U { object M() => new Tests.Consumer.AcmeCredentials().ToOpenConnectorsConfiguration(); }", path: DefinitionPath);

        var d = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("CG1031", d.Id);
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Equal(span, d.Location.SourceSpan);
        Assert.StartsWith("AcmeCredentials is generated without properties: " + reason + ".", d.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains("\"credentials\"", d.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(run.CompileDiagnostics); // the empty type is still generated and usable
    }

    [Theory]
    [InlineData("""{ "name": ⟪"2024"⟫, "key": "acme", "configuration": [ { "key": "acme.user" } ] }""", "_2024", "from the name's digits")]
    [InlineData("""{ "name": ⟪"!!!"⟫, "key": "acme", "configuration": [ { "key": "acme.user" } ] }""", "Acme", "from the key 'acme'")]
    public void CG1032_a_name_without_letters_says_which_name_the_connector_got(string marked, string connector, string from)
    {
        var (json, span) = MappingDiagnosticsTests.Markers(marked);

        var run = GeneratorHarness.RunGenerator(json, $"class U {{ object M() => new Tests.Consumer.{connector}Credentials(); }}", path: DefinitionPath);

        var d = Single(run, "CG1032");
        Assert.Equal(span, d.Location.SourceSpan);
        Assert.Contains($"so the connector is named '{connector}' ({from})", d.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Single(run.GeneratorDiagnostics);
    }

    [Fact]
    public void A_definition_that_a_mapping_names_gets_neither_notice_because_the_mapping_decides()
    {
        var definition = """{ "name": "2024", "key": "acme", "configuration": [ { "key": "acme.base", "hideFromConsole": true } ] }""";
        var mapping = """
            { "connector": "Acme", "elementKey": "acme", "elementDefinition": "acme.element.json",
              "credentials": [ { "name": "User", "source": "User", "parameter": "acme.user" } ] }
            """;

        var run = GeneratorHarness.RunGenerator(
            [new InMemoryAdditionalText(DefinitionPath, definition), new InMemoryAdditionalText("/project/acme.connector.json", mapping)],
            "class U { object M() => new Tests.Consumer.AcmeCredentials { User = \"u\" }; }");

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompileDiagnostics);
    }

    [Theory]
    [InlineData("/project/acme.connector.json")]
    [InlineData(DefinitionPath)]
    public void CG1033_a_file_read_in_a_legacy_code_page_is_reported_at_its_first_non_ASCII_character(string path)
    {
        var json = path == DefinitionPath
            ? """{ "name": "Acme", "description": "Café", "configuration": [ { "key": "acme.user" } ] }"""
            : """{ "connector": "Acme", "elementKey": "acme", "description": "Café", "credentials": [ { "name": "User", "source": "User", "parameter": "acme.user" } ] }""";

        // What the compiler does with a file that is not valid UTF-8: it reads it in a legacy code page.
        var result = MappingParser.Parse(path, SourceText.From(json, Encoding.Latin1), CancellationToken.None);

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("CG1033", d.Id);
        Assert.Equal(new TextSpan(json.IndexOf('é', StringComparison.Ordinal), 1), d.Location.Span);
        Assert.Contains("it was read as iso-8859-1", d.ToDiagnostic().GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.NotNull(result.Model); // the rest of the file is still generated
    }

    [Fact]
    public void CG1033_bytes_that_are_not_UTF_8_are_reported_where_they_were_replaced()
    {
        var bytes = Encoding.Latin1.GetBytes("""{ "connector": "Acme", "elementKey": "acme", "description": "Café", "credentials": [ { "name": "User", "source": "User", "parameter": "acme.user" } ] }""");
        using var stream = new MemoryStream(bytes);
        var text = SourceText.From(stream, Encoding.UTF8);

        var result = MappingParser.Parse("/project/acme.connector.json", text, CancellationToken.None);

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("CG1033", d.Id);
        Assert.Equal('\uFFFD', text[d.Location.Span.Start]);
        Assert.Contains("not valid UTF-8", d.ToDiagnostic().GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void A_pure_ASCII_file_reads_the_same_in_any_code_page_and_gets_no_notice()
    {
        var json = """{ "connector": "Acme", "elementKey": "acme", "credentials": [ { "name": "User", "source": "User", "parameter": "acme.user" } ] }""";

        var result = MappingParser.Parse("/project/acme.connector.json", SourceText.From(json, Encoding.Latin1), CancellationToken.None);

        Assert.Empty(result.Diagnostics);
    }
}
