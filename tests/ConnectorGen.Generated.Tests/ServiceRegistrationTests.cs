using Contoso.Connectors;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConnectorGen.Generated.Tests;

/// <summary>The generated AddInfusionsoftConnector: options, start-up validation, typed clients, redacted logging.</summary>
public sealed class ServiceRegistrationTests
{
    private const string CanarySecret = "CANARY-client-secret-di-5b1";
    private const string CanaryUserSecret = "CANARY-user-secret-di-77";

    private static IConfigurationSection Section(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("Infusionsoft");

    private static Dictionary<string, string?> Valid() => new()
    {
        ["Infusionsoft:EncryptedKey"] = "0123456789abcdef0123456789abcdef",
        ["Infusionsoft:ClientId"] = "client-123",
        ["Infusionsoft:ClientSecret"] = CanarySecret,
        ["Infusionsoft:CallbackUrl"] = "https://app.contoso.com/callback",
        ["Infusionsoft:OAuth:AuthorizationEndpoint"] = "http://127.0.0.1:9/app/oauth/authorize",
        ["Infusionsoft:OAuth:TokenEndpoint"] = "http://127.0.0.1:9/token",
        ["Infusionsoft:OpenConnectors:BaseUrl"] = "http://127.0.0.1:9/elements/api-v2",
        ["Infusionsoft:OpenConnectors:UserSecret"] = CanaryUserSecret,
        ["Infusionsoft:OpenConnectors:OrganizationSecret"] = "org-secret",
    };

    [Fact]
    public void Valid_configuration_binds_and_passes_start_up_validation()
    {
        using var provider = new ServiceCollection().AddInfusionsoftConnector(Section(Valid())).BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        var credentials = provider.GetRequiredService<IOptions<InfusionsoftCredentials>>().Value;
        Assert.Equal("client-123", credentials.ClientId);
        Assert.Equal(new Uri("https://app.contoso.com/callback"), credentials.CallbackUrl);
    }

    [Fact]
    public void A_malformed_credential_fails_start_up_with_the_validator_message_and_no_value()
    {
        var values = Valid();
        values["Infusionsoft:EncryptedKey"] = CanarySecret;
        using var provider = new ServiceCollection().AddInfusionsoftConnector(Section(values)).BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("EncryptedKey: Encrypted Key (infusionsoft.private.key) must be text matching the pattern ^(?:[0-9A-Fa-f]{32}|KeapAK-[0-9a-f]{50})$.", ex.Message);
        Assert.DoesNotContain(CanarySecret, ex.ToString());
    }

    [Fact]
    public void Both_clients_resolve_as_typed_http_clients_with_the_configured_endpoints()
    {
        using var provider = new ServiceCollection().AddInfusionsoftConnector(Section(Valid())).BuildServiceProvider();
        var direct = provider.GetRequiredService<InfusionsoftOAuthClient>();
        var request = direct.CreateAuthorizationRequest();
        Assert.StartsWith("http://127.0.0.1:9/app/oauth/authorize?", request.AuthorizationUrl.ToString());
        Assert.NotNull(provider.GetRequiredService<InfusionsoftOpenConnectorsClient>());
    }

    [Fact]
    public void The_managed_client_names_missing_open_connectors_settings()
    {
        var values = Valid();
        values.Remove("Infusionsoft:OpenConnectors:UserSecret");
        using var provider = new ServiceCollection().AddInfusionsoftConnector(Section(values)).BuildServiceProvider();
        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<InfusionsoftOpenConnectorsClient>());
        Assert.Contains("OpenConnectors:UserSecret is required", ex.Message);
    }

    [Fact]
    public async Task Handshake_requests_are_logged_without_query_strings_or_secrets()
    {
        var sink = new ListLoggerProvider();
        var services = new ServiceCollection().AddLogging(b => b.AddProvider(sink).SetMinimumLevel(LogLevel.Trace));
        using var provider = services.AddInfusionsoftConnector(Section(Valid())).BuildServiceProvider();
        var client = provider.GetRequiredService<InfusionsoftOAuthClient>();
        // Port 9 (discard) on loopback refuses the connection: the exchange fails, and the failure is logged.
        await Assert.ThrowsAnyAsync<Exception>(() => client.ExchangeCodeAsync(new AuthorizationCode("CANARY-code-di-42", null, "https://app.contoso.com/callback")));
        var line = Assert.Single(sink.Lines, l => l.Contains("Infusionsoft handshake: POST http://127.0.0.1:9/token failed", StringComparison.Ordinal));
        foreach (var text in sink.Lines)
        {
            Assert.DoesNotContain(CanarySecret, text);
            Assert.DoesNotContain("CANARY-code-di-42", text);
            Assert.DoesNotContain("?", text);
        }

        Assert.NotNull(line);
    }

    [Fact]
    public void A_mapping_without_oauth_registers_options_and_validation_only()
    {
        var values = new Dictionary<string, string?>
        {
            ["Zendesk:Subdomain"] = "contoso",
            ["Zendesk:Username"] = "agent@contoso.com",
            ["Zendesk:Password"] = "short",
        };
        var section = new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("Zendesk");
        using var provider = new ServiceCollection().AddZendeskConnector(section).BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Equal(["Zendesk: Password: API token (password) must be at least 8 characters long. Read from the configuration key 'Zendesk:Password' (environment variable Zendesk__Password)."], ex.Failures);

        values["Zendesk:Password"] = "long-enough-" + Guid.NewGuid().ToString("N");
        var valid = new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("Zendesk");
        using var validProvider = new ServiceCollection().AddZendeskConnector(valid).BuildServiceProvider();
        validProvider.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal("contoso", validProvider.GetRequiredService<IOptions<ZendeskCredentials>>().Value.Subdomain);
    }

    private sealed class ListLoggerProvider : ILoggerProvider
    {
        public List<string> Lines { get; } = [];

        public ILogger CreateLogger(string categoryName) => new ListLogger(this);

        public void Dispose()
        {
        }

        private sealed class ListLogger(ListLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner.Lines)
                {
                    owner.Lines.Add(formatter(state, exception) + (exception is null ? string.Empty : " " + exception));
                }
            }
        }
    }

    /// <summary>Issue 23 item 5: two connectors fail start-up; every message says which one and where the value is read from.</summary>
    [Fact]
    public void Start_up_validation_names_the_connector_and_where_each_value_is_read_from()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Zendesk:Subdomain"] = "contoso", ["Infusionsoft:ClientId"] = "client-123" }).Build();
        using var provider = new ServiceCollection()
            .AddInfusionsoftConnector(configuration.GetSection("Infusionsoft"))
            .AddZendeskConnector(configuration.GetSection("Zendesk"))
            .BuildServiceProvider();
        var ex = Assert.Throws<AggregateException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        var failures = ex.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures).ToList();
        Assert.Contains("Infusionsoft: ClientSecret: client_secret (oauth.api.secret) is required. Read from the configuration key 'Infusionsoft:ClientSecret' (environment variable Infusionsoft__ClientSecret).", failures);
        Assert.Contains("Zendesk: Password: API token (password) is required. Read from the configuration key 'Zendesk:Password' (environment variable Zendesk__Password).", failures);
    }

    [Fact]
    public void Start_up_validation_recognises_the_configuration_root_or_a_missing_section_instead_of_the_connectors_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Valid()).Build();
        using var root = new ServiceCollection().AddInfusionsoftConnector(configuration).BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => root.GetRequiredService<IStartupValidator>().Validate());
        Assert.Equal("Infusionsoft: AddInfusionsoftConnector was given the configuration root, not the connector's section; pass configuration.GetSection(\"Infusionsoft\").", ex.Failures.First());
        Assert.Contains("Infusionsoft: ClientId: client_id (oauth.api.key) is required. Read from the configuration key 'ClientId' at the root.", ex.Failures);

        using var misspelled = new ServiceCollection().AddInfusionsoftConnector(configuration.GetSection("Infusionsfot")).BuildServiceProvider();
        ex = Assert.Throws<OptionsValidationException>(() => misspelled.GetRequiredService<IStartupValidator>().Validate());
        Assert.Equal("Infusionsoft: the configuration section 'Infusionsfot' is missing or empty; the mapping's section is 'Infusionsoft'.", ex.Failures.First());
        Assert.DoesNotContain(CanarySecret, ex.ToString());
    }
}
