using System.Reflection;
using System.Text;
using ConnectorGen.Catalog;
using ConnectorGen.Mapping;
using ConnectorGen.Model;
using ConnectorGen.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ConnectorGen.Tests;

/// <summary>
/// Secrets by meaning (issue 23 items 1 and 6): a credential whose role, name or key says secret is secret unless the
/// mapping says "secret": false (CG1012 then explains); an override keeps the catalogue's secrecy. The generator's
/// "looks secret" rule for keys and the templates' IsWellKnownSecretKey are one rule (issue 21 item 1).
/// </summary>
public sealed class SecretMeaningTests
{
    private static ParseResult Parse(string json) =>
        MappingParser.Parse("/project/acme.connector.json", SourceText.From(json, Encoding.UTF8), CancellationToken.None);

    private static string Acme(string credentials) =>
        "{ \"connector\": \"Acme\", \"elementKey\": \"acme\", \"credentials\": [ " + credentials + " ] }";

    [Theory]
    [InlineData("Password", "acme.pass", null)]
    [InlineData("AccessToken", "acme.access", null)]
    [InlineData("ApiKey", "acme.api.key", null)]
    [InlineData("Login", "acme.login", "password")]
    [InlineData("Other", "acme.other", "clientSecret")]
    [InlineData("Value", "acme.value", "apiKey")]
    [InlineData("Value", "acme.consumerSecret", null)]
    [InlineData("Value", "acme.private_key", null)]
    public void A_credential_whose_role_name_or_key_says_secret_is_secret_and_redacted_without_secret_true(string name, string key, string? role)
    {
        var json = Acme("{ \"name\": \"" + name + "\", \"source\": \"s\", \"parameter\": \"" + key + "\"" + (role is null ? string.Empty : ", \"role\": \"" + role + "\"") + " }");
        var run = GeneratorHarness.RunGenerator(json);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompileDiagnostics);
        var type = GeneratorHarness.Load(run.Output).GetType("Tests.Consumer.AcmeCredentials", throwOnError: true)!;
        var instance = Activator.CreateInstance(type)!;
        type.GetProperty(name)!.SetValue(instance, "canary-Zq81-value");
        Assert.DoesNotContain("canary-Zq81", instance.ToString(), StringComparison.Ordinal);
        Assert.Contains(type.GetProperty(name)!.GetCustomAttributesData(), a => a.AttributeType.Name == "ConnectorSecretAttribute");
    }

    [Theory]
    [InlineData("Region", "acme.region")]
    [InlineData("Username", "username")]
    [InlineData("ApiKey", "oauth.api.key")] // the OAuth client id: public whatever it is called
    [InlineData("TokenLifetime", "oauth.callback.url")]
    public void A_credential_with_a_public_meaning_stays_public(string name, string key)
    {
        var model = Parse(Acme("{ \"name\": \"" + name + "\", \"source\": \"s\", \"parameter\": \"" + key + "\" }")).Model!;
        Assert.False(Assert.Single(model.Credentials).Secret);
    }

    [Fact]
    public void Secret_false_makes_a_meaning_secret_credential_public_and_CG1012_says_why()
    {
        var result = Parse(Acme("{ \"name\": \"ApiKey\", \"source\": \"s\", \"parameter\": \"acme.api.key\", \"secret\": false }"));
        Assert.False(Assert.Single(result.Model!.Credentials).Secret);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("CG1012", d.Id);
        Assert.Contains("'ApiKey'", d.ToDiagnostic().GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(", \"secert\": true")] // misspelled: reported as an unknown property, the catalogue's secrecy stays
    public void An_override_of_a_catalogued_secret_that_does_not_say_secret_stays_secret(string extra)
    {
        var result = Parse("{ \"connector\": \"Keap\", \"elementKey\": \"infusionsoftcrm\", \"credentials\": [ { \"name\": \"Key\", \"source\": \"Encrypted Key\", \"parameter\": \"infusionsoft.private.key\"" + extra + " } ] }");
        Assert.True(result.Model!.Credentials.Single(c => c.Parameter == "infusionsoft.private.key").Secret);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "CG1012");

        var catalogued = Parse("{ \"connector\": \"Team\", \"elementKey\": \"slack\", \"credentials\": [ { \"name\": \"AppCredential\", \"source\": \"Client Secret\", \"parameter\": \"oauth.api.secret\"" + extra + " } ] }");
        Assert.True(catalogued.Model!.Credentials.Single(c => c.Parameter == "oauth.api.secret").Secret);
    }

    /// <summary>
    /// Every key the project knows (vocabulary, catalogue, the element-definition fixtures) and words around the rule's
    /// edges: the emitted template answers exactly as the generator's rule.
    /// </summary>
    [Fact]
    public void The_templates_IsWellKnownSecretKey_is_the_generators_looks_secret_rule()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal)
        {
            "acme.pass", "acme.api.key", "acme.apiKey", "consumerSecret", "consumer_secret", "user.password", "x.passwd", "x.pwd",
            "x.passphrase", "x.passport", "monkey", "keyboard", "x.keyId", "x.token.url", "oauth.basic.header", "OAUTH.BASIC.HEADER",
            "a-b_c.d", "", ".", "x..key", "KEY", "PrivateKey", "hubspot.authorization.type", "zendesk.subdomain", "AccessToken",
        };
        keys.UnionWith(OpenConnectorsVocabulary.ReservedKeys);
        keys.UnionWith(OpenConnectorsVocabulary.SecretKeys);
        keys.UnionWith(OpenConnectorsVocabulary.PublicKeys);
        keys.UnionWith(OpenConnectorsVocabulary.InternalKeys);
        foreach (var element in ElementCatalog.All)
        {
            keys.UnionWith(element.Parameters.Select(p => p.Key));
            keys.UnionWith(element.Parameters.Select(p => p.Name));
        }

        var run = GeneratorHarness.RunGenerator(GeneratorHarness.SampleMapping("infusionsoft.connector.json"), path: "/project/infusionsoft.connector.json");
        Assert.Empty(run.CompileDiagnostics);
        var template = GeneratorHarness.Load(run.Output).GetType("ConnectorGen.Generated.OpenConnectorsInstance", throwOnError: true)!
            .GetMethod("IsWellKnownSecretKey", BindingFlags.Public | BindingFlags.Static)!;
        Assert.Contains(keys, k => OpenConnectorsVocabulary.LooksSecret(k));
        Assert.Contains(keys, k => !OpenConnectorsVocabulary.LooksSecret(k));
        foreach (var key in keys)
        {
            Assert.True(OpenConnectorsVocabulary.LooksSecret(key) == (bool)template.Invoke(null, [key])!, key);
        }
    }
}
