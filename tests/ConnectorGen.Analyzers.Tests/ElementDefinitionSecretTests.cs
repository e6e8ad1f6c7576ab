using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace ConnectorGen.Analyzers.Tests;

/// <summary>
/// A credential that only an <c>*.element.json</c> defines is as much a secret source as a mapping's own: the analyzers
/// read the mapping set the generator reads (parse, link the definitions, overlay), so CG2001 knows its parameter key
/// and configuration path and CG2004 its configuration path. The definition's <c>acme.ledger.seal</c> is a PASSWORD
/// entry whose key and label do not look secret, so only the definition can make it one.
/// </summary>
public class ElementDefinitionSecretTests
{
    private const string Definition = """
        { "name": "Acme Ledger", "key": "acmeledger", "authentication": { "type": "custom" },
          "configuration": [
            { "key": "ledger.host", "name": "Ledger Host", "type": "TEXTFIELD_128", "required": true },
            { "key": "acme.ledger.seal", "name": "Seal", "type": "PASSWORD", "required": true },
            { "key": "acme.ledger.region", "name": "Region", "type": "TEXTFIELD_32" }
          ] }
        """;

    /// <summary>Renames the definition to Books and maps only the host itself: Seal and Region come from the definition.</summary>
    private const string Mapping = """
        { "connector": "Books", "elementKey": "acmeledger", "elementDefinition": "defs/acmeledger.element.json",
          "credentials": [ { "name": "Host", "source": "Ledger host", "parameter": "ledger.host" } ] }
        """;

    private static SecretTest Test(string statements, bool withMapping = true)
    {
        var test = SecretTest.Create(Code.Method(statements));
        test.TestState.AdditionalFiles.Add(("/0/defs/acmeledger.element.json", Definition));
        if (withMapping)
        {
            test.TestState.AdditionalFiles.Add(("/0/books.connector.json", Mapping));
        }

        return test;
    }

    [Fact]
    public Task Cg2001_finds_a_definition_only_secret_by_its_parameter_key() =>
        Test("dict[\"acme.ledger.seal\"] = {|CG2001:\"q7Vb2kLp9Xz\"|};").RunAsync();

    [Fact]
    public Task Cg2001_finds_a_definition_only_secret_by_the_mappings_configuration_path() =>
        Test("config[\"Books:Seal\"] = {|CG2001:\"q7Vb2kLp9Xz\"|};").RunAsync();

    [Fact]
    public Task Cg2001_finds_the_secret_of_a_definition_no_mapping_names_under_its_own_connector() =>
        Test("config[\"AcmeLedger:Seal\"] = {|CG2001:\"q7Vb2kLp9Xz\"|}; dict[\"acme.ledger.seal\"] = {|CG2001:\"Zr83kdP0qq1\"|};", withMapping: false).RunAsync();

    [Fact]
    public Task Public_definition_credentials_are_not_reported() =>
        Test("dict[\"acme.ledger.region\"] = \"q7Vb2kLp9Xz\"; config[\"Books:Region\"] = \"q7Vb2kLp9Xz\"; dict[\"ledger.host\"] = \"q7Vb2kLp9Xz\";").RunAsync();

    [Fact]
    public Task Cg2004_finds_a_definition_only_secret_in_appsettings_at_its_configuration_path()
    {
        var test = new ConfigTest();
        test.TestState.AdditionalFiles.Add(("/0/defs/acmeledger.element.json", Definition));
        test.TestState.AdditionalFiles.Add(("/0/books.connector.json", Mapping));
        test.TestState.AdditionalFiles.Add(("/0/appsettings.json", """
            {
              "Books": {
                "Host": "ledger.acme.example",
                "Region": "q7Vb2kLp9Xz",
                "Seal": "q7Vb2kLp9Xz"
              }
            }
            """));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("CG2004", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning)
            .WithSpan("/0/appsettings.json", 5, 13, 5, 26)
            .WithArguments("'Books:Seal'", "secret credential of connector 'Books'"));
        return test.RunAsync();
    }
}
