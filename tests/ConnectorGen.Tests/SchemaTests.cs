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
}
