using System.Collections.Immutable;
using ConnectorGen.Tests.Support;
using Microsoft.CodeAnalysis;

namespace ConnectorGen.Tests;

/// <summary>
/// Issue 23 (lower item): <c>Add&lt;Connector&gt;Connector</c>, <c>...TokenManagement</c>, <c>...AccessToken</c> and
/// <c>...Authentication</c> live in Microsoft.Extensions.DependencyInjection, as DI extensions conventionally do, so the
/// mapping's namespace need not be imported; where that would make two connectors collide they stay in their own.
/// </summary>
public sealed class DependencyInjectionNamespaceTests
{
    private const string OAuthMapping = """
        { "connector": "__NAME__", "elementKey": "__KEY__", "namespace": "__NS__",
          "auth": { "type": "oauth2", "authorizationEndpoint": "https://provider.example/authorize", "tokenEndpoint": "https://provider.example/token" },
          "credentials": [
            { "name": "ClientId", "source": "client_id", "parameter": "oauth.api.key", "role": "clientId" },
            { "name": "ClientSecret", "source": "client_secret", "parameter": "oauth.api.secret", "role": "clientSecret" },
            { "name": "CallbackUrl", "source": "Callback URL", "parameter": "oauth.callback.url", "role": "redirectUri", "format": "url" } ] }
        """;

    private const string ApiKeyMapping = """
        { "connector": "__NAME__", "elementKey": "__KEY__", "namespace": "__NS__", "apiBaseUrl": "https://api.example",
          "auth": { "type": "apiKey", "apiKeyName": "X-Api-Key" },
          "credentials": [ { "name": "ApiKey", "source": "API key", "parameter": "acme.api.key", "role": "apiKey" } ] }
        """;

    private static AdditionalText Mapping(string template, string name, string key, string ns, string path) =>
        new InMemoryAdditionalText(path, template.Replace("__NAME__", name, StringComparison.Ordinal).Replace("__KEY__", key, StringComparison.Ordinal).Replace("__NS__", ns, StringComparison.Ordinal));

    private static string[] Hints(GeneratorHarness.Run run) => run.Result.Results.Single().GeneratedSources.Select(s => s.HintName).ToArray();

    [Fact]
    public void Every_registration_method_is_found_with_only_the_dependency_injection_namespace_imported()
    {
        // The caller imports neither Contoso.Billing nor Contoso.Keys: only the namespace every DI user imports anyway.
        const string caller = """
            using Microsoft.Extensions.DependencyInjection;

            namespace Somewhere.Else
            {
                internal static class Startup
                {
                    internal static void Configure(IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
                    {
                        services.AddBillingConnector(configuration.GetSection("Billing"));
                        services.AddBillingTokenManagement();
                        services.AddHttpClient("billing-api").AddBillingAccessToken("tenant-1");
                        services.AddKeysConnector(configuration.GetSection("Keys"));
                        services.AddHttpClient("keys-api").AddKeysAuthentication();
                        services.AddBillingTokenKeepAlive(o => o.GrantKeys = (_, _) => System.Threading.Tasks.Task.FromResult<System.Collections.Generic.IEnumerable<string>>(new[] { "tenant-1" }));
                    }
                }
            }
            """;
        var run = GeneratorHarness.RunGenerator(
            [Mapping(OAuthMapping, "Billing", "billing", "Contoso.Billing", "/p/billing.connector.json"), Mapping(ApiKeyMapping, "Keys", "keys", "Contoso.Keys", "/p/keys.connector.json")],
            source: caller,
            extraReferences: [KeepAliveEmitTests.Hosting]);

        Assert.Empty(run.GeneratorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Empty(run.CompileDiagnostics);
        Assert.Contains("namespace Microsoft.Extensions.DependencyInjection", run.Source("Billing.ServiceCollectionExtensions.g.cs"), StringComparison.Ordinal);
        Assert.Contains("namespace Microsoft.Extensions.DependencyInjection", run.Source("Billing.Hosting.TokenKeepAlive.g.cs"), StringComparison.Ordinal);
        Assert.Contains("namespace Microsoft.Extensions.DependencyInjection", run.Source("Billing.DependencyInjection.AccessTokenRegistration.g.cs"), StringComparison.Ordinal);
        Assert.Contains("namespace Microsoft.Extensions.DependencyInjection", run.Source("Keys.ApiAuthentication.g.cs"), StringComparison.Ordinal);
        // The connector's own types stay in the mapping's namespace.
        Assert.Contains("namespace Contoso.Billing", run.Source("Billing.Credentials.g.cs"), StringComparison.Ordinal);
        Assert.Contains("namespace Contoso.Keys", run.Source("Keys.ApiAuthentication.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_connectors_of_one_name_in_two_namespaces_keep_their_registrations_in_their_own_namespaces()
    {
        const string caller = """
            namespace Contoso.Crm
            {
                internal static class UsesCrm
                {
                    internal static void Configure(Microsoft.Extensions.DependencyInjection.IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration section) =>
                        services.AddHubConnector(section);
                }
            }

            namespace Contoso.Support
            {
                internal static class UsesSupport
                {
                    internal static void Configure(Microsoft.Extensions.DependencyInjection.IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration section) =>
                        services.AddHubConnector(section);
                }
            }
            """;
        var run = GeneratorHarness.RunGenerator(
            [Mapping(OAuthMapping, "Hub", "hubspotcrm", "Contoso.Crm", "/p/crm.connector.json"), Mapping(OAuthMapping, "Hub", "zendesk", "Contoso.Support", "/p/support.connector.json")],
            source: caller);

        // Without the rule: CS0101 (one extension class twice) and CS0121 (AddHubConnector twice).
        Assert.Empty(run.CompileDiagnostics);
        Assert.Contains("namespace Contoso.Crm", run.Source("Contoso.Crm.Hub.ServiceCollectionExtensions.g.cs"), StringComparison.Ordinal);
        Assert.Contains("namespace Contoso.Support", run.Source("Contoso.Support.Hub.ServiceCollectionExtensions.g.cs"), StringComparison.Ordinal);
        Assert.Contains("namespace Contoso.Support", run.Source("Contoso.Support.Hub.DependencyInjection.AccessTokenRegistration.g.cs"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_connector_named_like_one_of_a_referenced_project_keeps_its_registrations_in_its_own_namespace(bool sameName)
    {
        var library = GeneratorHarness.RunGenerator([Mapping(OAuthMapping, "Hub", "hubspotcrm", "Shared.Crm", "/shared/hub.connector.json")], assemblyName: "Shared", rootNamespace: "Shared");
        Assert.Empty(library.CompileDiagnostics);
        var shared = Reference(library.Output);
        var name = sameName ? "Hub" : "Desk";
        var caller = "using Microsoft.Extensions.DependencyInjection; namespace App { internal static class UsesBoth { internal static void Configure(Microsoft.Extensions.DependencyInjection.IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration section) { "
            + "services.Add" + name + "Connector(section); "
            + (sameName ? "Microsoft.Extensions.DependencyInjection.HubConnectorServiceCollectionExtensions.AddHubConnector(services, section); " : string.Empty)
            + "} } }";

        var run = GeneratorHarness.RunGenerator([Mapping(OAuthMapping, name, "zendesk", "App", "/app/hub.connector.json")], source: caller, assemblyName: "App", rootNamespace: "App", extraReferences: [shared]);

        Assert.Empty(run.GeneratorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        // The library's public AddHubConnector is in Microsoft.Extensions.DependencyInjection: a second one there would be CS0121/CS0436.
        Assert.Empty(run.CompileDiagnostics);
        Assert.Contains(sameName ? "namespace App" : "namespace Microsoft.Extensions.DependencyInjection", run.Source(name + ".ServiceCollectionExtensions.g.cs"), StringComparison.Ordinal);
    }

    /// <summary>
    /// The class of collision the fuzz tests found: a connector named after a type of Microsoft.Extensions.DependencyInjection
    /// (a connector "Options" made <c>OptionsServiceCollectionExtensions</c>, which the generated code itself calls). Every
    /// public type of that namespace in the references gives a connector name; none may collide or warn.
    /// </summary>
    [Fact]
    public void Connectors_named_after_any_type_of_the_dependency_injection_namespace_compile_warning_free()
    {
        var compilation = GeneratorHarness.Compilation(extraReferences: [KeepAliveEmitTests.Hosting]);
        var names = compilation.References
            .Select(compilation.GetAssemblyOrModuleSymbol)
            .OfType<IAssemblySymbol>()
            .SelectMany(a => TypesOf(a.GlobalNamespace, "Microsoft.Extensions.DependencyInjection"))
            .Where(t => t.DeclaredAccessibility == Accessibility.Public)
            .SelectMany(t => Prefixes(t.Name))
            .Where(n => n.Length > 0 && char.IsUpper(n[0]) && n.All(char.IsLetterOrDigit))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Contains("Options", names);
        Assert.Contains("HttpClientFactory", names);

        var mappings = names.Select((n, i) => Mapping(i % 2 == 0 ? OAuthMapping : ApiKeyMapping, n, "k" + i, "Contoso.N" + i, "/p/n" + i + ".connector.json")).ToArray();
        var run = GeneratorHarness.RunGenerator(mappings, extraReferences: [KeepAliveEmitTests.Hosting]);
        Assert.Contains(run.Result.Results.Single().GeneratedSources, s => s.HintName.EndsWith(".Hosting.TokenKeepAlive.g.cs", StringComparison.Ordinal));

        Assert.Empty(run.GeneratorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Empty(run.CompileDiagnostics);
    }

    private static IEnumerable<string> Prefixes(string typeName)
    {
        var name = typeName.Split('`')[0];
        foreach (var suffix in new[] { "ConnectorServiceCollectionExtensions", "ConnectorAccessTokenExtensions", "ConnectorAuthenticationExtensions", "ConnectorTokenKeepAliveExtensions", "ServiceCollectionExtensions", "HttpClientBuilderExtensions", "Extensions" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                yield return name[..^suffix.Length];
            }
        }

        yield return name;
    }

    private static IEnumerable<INamedTypeSymbol> TypesOf(INamespaceSymbol root, string qualifiedName)
    {
        var ns = root;
        foreach (var part in qualifiedName.Split('.'))
        {
            ns = ns.GetNamespaceMembers().FirstOrDefault(n => n.Name == part);
            if (ns is null)
            {
                return [];
            }
        }

        return ns.GetTypeMembers();
    }

    private static MetadataReference Reference(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }
}
