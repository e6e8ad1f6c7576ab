using System.Text.Json;
using ConnectorGen.Mapping;

namespace ConnectorGen.Tests;

/// <summary>The JSON schema and the reader describe the same format.</summary>
public sealed class SchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "connector-mapping.schema.json"))).RootElement;

    private static string[] Names(JsonElement properties) => properties.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();

    private static string[] Sorted(IEnumerable<string> names) => names.Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Property_names_match()
    {
        Assert.Equal(Sorted(MappingVocabulary.MappingProperties), Names(Schema.GetProperty("properties")));
        var definitions = Schema.GetProperty("definitions");
        Assert.Equal(Sorted(MappingVocabulary.AuthProperties), Names(definitions.GetProperty("auth").GetProperty("properties")));
        Assert.Equal(Sorted(MappingVocabulary.CredentialProperties), Names(definitions.GetProperty("credential").GetProperty("properties")));
        Assert.Equal(Sorted(MappingVocabulary.ClientAuthenticationProperties), Names(definitions.GetProperty("auth").GetProperty("properties").GetProperty("clientAuthentication").GetProperty("properties")));
    }

    [Fact]
    public void Enumerations_match()
    {
        var definitions = Schema.GetProperty("definitions");
        string[] Enum(JsonElement e) => e.GetProperty("enum").EnumerateArray().Select(v => v.GetString()!).ToArray();
        Assert.Equal(MappingVocabulary.AuthTypes.Names, Enum(definitions.GetProperty("auth").GetProperty("properties").GetProperty("type")));
        Assert.Equal(MappingVocabulary.Roles.Names, Enum(definitions.GetProperty("credential").GetProperty("properties").GetProperty("role")));
        Assert.Equal(MappingVocabulary.Formats.Names, Enum(definitions.GetProperty("credential").GetProperty("properties").GetProperty("format").GetProperty("oneOf")[0]));
        Assert.Equal(Sorted(MappingVocabulary.RequiredMappingProperties), Sorted(Schema.GetProperty("required").EnumerateArray().Select(v => v.GetString()!)));
    }

    [Fact]
    public void Every_sample_names_the_schema()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Mappings"), "*.connector.json", SearchOption.AllDirectories))
        {
            var root = (JsonObject)JsonReader.Read(File.ReadAllText(file)).Root!;
            Assert.Equal("../../schema/connector-mapping.schema.json", ((JsonString)root.Find("$schema")!.Value).Value);
        }
    }

    [Fact]
    public void Generated_code_version_is_the_assembly_informational_version_without_the_commit()
    {
        var informational = typeof(ConnectorGenerator).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .Cast<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion;
        Assert.Equal(ThisAssembly.Version, informational.Split('+')[0]);
    }

    /// <summary>
    /// Issue 23 item 9: the schema asks for oauth2 endpoints exactly where the generator does, so a catalogued element
    /// with known endpoints may have an auth section with only its type and scopes.
    /// </summary>
    [Fact]
    public void The_schema_requires_oauth2_endpoints_only_where_the_catalogue_does_not_supply_them()
    {
        Assert.False(Schema.GetProperty("definitions").GetProperty("auth").TryGetProperty("then", out _));
        var withEndpoints = Schema.GetProperty("if").GetProperty("properties").GetProperty("elementKey").GetProperty("not").GetProperty("enum")
            .EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal(
            Sorted(ConnectorGen.Catalog.ElementCatalog.All.Where(e => e.Auth.Type == ConnectorGen.Model.AuthType.OAuth2 && e.Auth.HasEndpoints).Select(e => e.Key)),
            Sorted(withEndpoints));
        Assert.Equal(["authorizationEndpoint", "tokenEndpoint"], Schema.GetProperty("then").GetProperty("properties").GetProperty("auth").GetProperty("required").EnumerateArray().Select(e => e.GetString()!).ToArray());

        // ... and the generator takes such a mapping without a word.
        var run = Support.GeneratorHarness.RunGenerator("""{ "connector": "Team", "elementKey": "slack", "auth": { "type": "oauth2", "scopes": ["users:read"] } }""");
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains("\"users:read\"", run.Source("Team.OAuthMetadata.g.cs"), StringComparison.Ordinal);
    }
}
