using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using ConnectorGen.Analyzers;
using ConnectorGen.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace ConnectorGen.Analyzers.Tests;

/// <summary>
/// Test base for the secret analyzers: .NET 10 reference assemblies from Basic.Reference.Assemblies (no download at
/// test time) plus Microsoft.Extensions.Configuration, so IConfiguration and AddInMemoryCollection bind for real.
/// </summary>
internal sealed class SecretTest : CSharpCodeFixTest<HardcodedConnectorSecretAnalyzer, HardcodedSecretCodeFixProvider, DefaultVerifier>
{
    public static readonly ImmutableArray<MetadataReference> References = Basic.Reference.Assemblies.Net100.References.All
        .Cast<MetadataReference>()
        .Concat(new[]
        {
            typeof(Microsoft.Extensions.Configuration.IConfiguration).Assembly.Location,
            typeof(Microsoft.Extensions.Configuration.ConfigurationBuilder).Assembly.Location,
            typeof(Microsoft.Extensions.Primitives.StringValues).Assembly.Location,
        }.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)))
        .ToImmutableArray();

    public SecretTest()
    {
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestState.AdditionalReferences.AddRange(References);
        FixedState.AdditionalReferences.AddRange(References);
    }

    /// <summary>The marker attributes as the generator emits them (its own source, not a copy).</summary>
    public static readonly string EmittedAttributes = ConnectorGen.Emit.AttributesEmitter.EmbeddedSource + ConnectorGen.Emit.AttributesEmitter.Source;

    /// <summary>The emitted attributes and a credentials type shaped as the generator emits it.</summary>
    public static readonly string Generated = EmittedAttributes + """

        namespace Contoso.Connectors {
          [ConnectorGen.ConnectorCredentials("infusionsoftcrm", Connector = "Infusionsoft", ConfigurationSection = "Infusionsoft")]
          public sealed partial class InfusionsoftCredentials {
            [ConnectorGen.ConnectorParameter("infusionsoft.private.key")][ConnectorGen.ConnectorSecret] public string? EncryptedKey { get; set; }
            [ConnectorGen.ConnectorParameter("oauth.api.key")] public string? ClientId { get; set; }
            [ConnectorGen.ConnectorParameter("oauth.api.secret")][ConnectorGen.ConnectorSecret] public string? ClientSecret { get; set; }
            [ConnectorGen.ConnectorParameter("oauth.callback.url")] public System.Uri? CallbackUrl { get; set; }
            [ConnectorGen.ConnectorParameter("infusionsoft.server")] public string? Server { get; set; }
            public static class EnvironmentVariables { public const string EncryptedKey = "INFUSIONSOFT_ENCRYPTED_KEY"; public const string ClientId = "INFUSIONSOFT_CLIENT_ID"; public const string ClientSecret = "INFUSIONSOFT_CLIENT_SECRET"; public const string CallbackUrl = "INFUSIONSOFT_CALLBACK_URL"; public const string Server = "INFUSIONSOFT_SERVER"; }
            public static InfusionsoftCredentials FromEnvironment() => new InfusionsoftCredentials { ClientSecret = System.Environment.GetEnvironmentVariable(EnvironmentVariables.ClientSecret) };
            public static InfusionsoftCredentials FromEnvironment(System.Func<string, string?> getVariable) => new InfusionsoftCredentials { ClientSecret = getVariable(EnvironmentVariables.ClientSecret), ClientId = getVariable(EnvironmentVariables.ClientId) };
          }
        }
        """;

    public const string Mapping = """
        {"connector":"Infusionsoft","elementKey":"infusionsoftcrm","configurationSection":"Infusionsoft",
         "credentials":[
          {"name":"EncryptedKey","source":"encrypted_key","parameter":"infusionsoft.private.key","secret":true},
          {"name":"ClientId","source":"client_id","parameter":"oauth.api.key","secret":false},
          {"name":"ClientSecret","source":"client_secret","parameter":"oauth.api.secret","secret":true},
          {"name":"PortalToken","source":"portal_token","parameter":"contoso.portal.token","secret":true}
         ]}
        """;

    /// <summary>Analyzes <paramref name="source"/> (with the generated types and the mapping) and expects the markup diagnostics.</summary>
    public static Task AnalyzeAsync(string source, string? editorconfig = null, bool withGenerated = true)
    {
        var test = Create(source, editorconfig, withGenerated);
        return test.RunAsync();
    }

    public static SecretTest Create(string source, string? editorconfig = null, bool withGenerated = true)
    {
        var test = new SecretTest { TestCode = source };
        if (withGenerated)
        {
            test.TestState.Sources.Add(("Generated.cs", Generated));
        }

        test.TestState.AdditionalFiles.Add(("/0/infusionsoft.connector.json", Mapping));
        if (editorconfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\n" + editorconfig));
        }

        return test;
    }

    public static Task FixAsync(string source, string fixedSource, int iterations = 1)
    {
        var test = Create(source);
        test.FixedCode = fixedSource;
        test.FixedState.Sources.Add(("Generated.cs", Generated));
        test.NumberOfFixAllIterations = iterations;
        test.NumberOfFixAllInDocumentIterations = iterations;
        test.NumberOfFixAllInProjectIterations = iterations;
        return test.RunAsync();
    }
}

/// <summary>CG2004 runs on additional files only.</summary>
internal sealed class ConfigTest : CSharpAnalyzerTest<ConfigurationFileSecretAnalyzer, DefaultVerifier>
{
    public ConfigTest()
    {
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestState.AdditionalReferences.AddRange(SecretTest.References);
        TestCode = "class C { }";
        TestState.AdditionalFiles.Add(("/0/infusionsoft.connector.json", SecretTest.Mapping));
    }
}
