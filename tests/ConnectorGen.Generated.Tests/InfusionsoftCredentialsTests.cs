using Contoso.Connectors;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ConnectorGen.Generated.Tests;

/// <summary>The code generated from samples/Infusionsoft/infusionsoft.connector.json, executed.</summary>
public sealed class InfusionsoftCredentialsTests
{
    // Canary values: they must never appear in ToString, validation messages or exceptions.
    private const string CanaryKey = "c4a1a2b3c4d5e6f7a8b9c0d1e2f3a4b5";
    private const string CanarySecret = "CANARY-client-secret-7f3a9";

    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["INFUSIONSOFT_ENCRYPTED_KEY"] = CanaryKey,
        ["INFUSIONSOFT_CLIENT_ID"] = "client-123",
        ["INFUSIONSOFT_CLIENT_SECRET"] = CanarySecret,
        ["INFUSIONSOFT_CALLBACK_URL"] = "https://app.contoso.com/callback",
    };

    private static InfusionsoftCredentials FromVariables(Dictionary<string, string?> variables) =>
        InfusionsoftCredentials.FromEnvironment(name => variables.TryGetValue(name, out var v) ? v : null);

    [Fact]
    public void Configuration_holds_exactly_the_four_mapped_keys_in_mapping_order()
    {
        var configuration = FromVariables(Valid).ToOpenConnectorsConfiguration();
        Assert.Equal(["infusionsoft.private.key", "oauth.api.key", "oauth.api.secret", "oauth.callback.url"], configuration.Keys);
        Assert.Equal(CanaryKey, configuration["infusionsoft.private.key"]);
        Assert.Equal("client-123", configuration["oauth.api.key"]);
        Assert.Equal(CanarySecret, configuration["oauth.api.secret"]);
        Assert.Equal("https://app.contoso.com/callback", configuration["oauth.callback.url"]);
    }

    [Fact]
    public void Configuration_includes_the_server_when_it_is_set()
    {
        var credentials = FromVariables(new(Valid) { ["INFUSIONSOFT_SERVER"] = "ab123.infusionsoft.com" });
        var configuration = credentials.ToOpenConnectorsConfiguration();
        Assert.Equal(5, configuration.Count);
        Assert.Equal("ab123.infusionsoft.com", configuration["infusionsoft.server"]);
        Assert.Equal("infusionsoft.server", configuration.Keys.Last());
    }

    [Fact]
    public void Configuration_is_read_only() =>
        Assert.Throws<NotSupportedException>(() => ((IDictionary<string, string>)FromVariables(Valid).ToOpenConnectorsConfiguration()).Add("x", "y"));

    [Fact]
    public void Binds_from_configuration_including_double_underscore_environment_variables()
    {
        Environment.SetEnvironmentVariable("CGTEST_Infusionsoft__ClientSecret", CanarySecret);
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Infusionsoft:EncryptedKey"] = CanaryKey,
                    ["Infusionsoft:ClientId"] = "client-123",
                    ["Infusionsoft:CallbackUrl"] = "https://app.contoso.com/callback",
                })
                .AddEnvironmentVariables("CGTEST_")
                .Build();
            var credentials = InfusionsoftCredentials.FromConfiguration(configuration.GetSection(InfusionsoftCredentials.ConfigurationSectionName));
            Assert.Empty(credentials.Validate());
            Assert.Equal(CanarySecret, credentials.ClientSecret);
            Assert.Equal(new Uri("https://app.contoso.com/callback"), credentials.CallbackUrl);
        }
        finally
        {
            Environment.SetEnvironmentVariable("CGTEST_Infusionsoft__ClientSecret", null);
        }
    }

    [Fact]
    public void Binds_from_the_process_environment()
    {
        foreach (var (k, v) in Valid)
        {
            Environment.SetEnvironmentVariable(k, v);
        }

        try
        {
            var credentials = InfusionsoftCredentials.FromEnvironment();
            Assert.Equal("client-123", credentials.ClientId);
            Assert.Empty(credentials.Validate());
        }
        finally
        {
            foreach (var k in Valid.Keys)
            {
                Environment.SetEnvironmentVariable(k, null);
            }
        }
    }

    [Fact]
    public void Missing_credentials_are_reported_by_label_and_parameter()
    {
        var errors = FromVariables([]).Validate();
        Assert.Equal(
        [
            // The retired Encrypted Key is optional: a new Keap user has none (docs/handshake.md).
            "ClientId: client_id (oauth.api.key) is required.",
            "ClientSecret: client_secret (oauth.api.secret) is required.",
            "CallbackUrl: Callback URL (oauth.callback.url) is required.",
        ], errors);
    }

    [Theory]
    [InlineData("INFUSIONSOFT_ENCRYPTED_KEY", "c4a1a2b3c4d5e6f7a8b9c0d1e2f3a4b", "EncryptedKey: Encrypted Key (infusionsoft.private.key) must be text matching the pattern ^(?:[0-9A-Fa-f]{32}|KeapAK-[0-9a-f]{50})$.")]
    [InlineData("INFUSIONSOFT_ENCRYPTED_KEY", "z4a1a2b3c4d5e6f7a8b9c0d1e2f3a4b5", "EncryptedKey: Encrypted Key (infusionsoft.private.key) must be text matching the pattern ^(?:[0-9A-Fa-f]{32}|KeapAK-[0-9a-f]{50})$.")]
    [InlineData("INFUSIONSOFT_ENCRYPTED_KEY", "KeapAK-c4a1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c4a1a2b3c4d5e6f7a", "EncryptedKey: Encrypted Key (infusionsoft.private.key) must be text matching the pattern ^(?:[0-9A-Fa-f]{32}|KeapAK-[0-9a-f]{50})$.")]
    [InlineData("INFUSIONSOFT_CALLBACK_URL", "http://app.contoso.com/callback", "CallbackUrl: Callback URL (oauth.callback.url) must be an absolute HTTPS URL (http only for loopback hosts).")]
    [InlineData("INFUSIONSOFT_CALLBACK_URL", "not a url", "CallbackUrl: Callback URL (oauth.callback.url) must be an absolute HTTPS URL (http only for loopback hosts).")]
    [InlineData("INFUSIONSOFT_SERVER", "ab123 .infusionsoft.com", "Server: Infusionsoft server (infusionsoft.server) must be a host name such as api.example.com.")]
    public void Bad_values_are_rejected_with_a_message_that_names_the_credential_and_not_the_value(string variable, string value, string expected)
    {
        var credentials = FromVariables(new(Valid) { [variable] = value });
        var error = Assert.Single(credentials.Validate());
        Assert.Equal(expected, error);
        Assert.DoesNotContain(value, error);
        var thrown = Assert.Throws<InvalidOperationException>(() => credentials.ToOpenConnectorsConfiguration());
        Assert.Contains(expected, thrown.Message);
        AssertNoCanary(thrown.ToString());
    }

    [Fact]
    public void Loopback_http_callback_is_allowed_for_local_development()
    {
        var credentials = FromVariables(new(Valid) { ["INFUSIONSOFT_CALLBACK_URL"] = "http://127.0.0.1:5000/callback" });
        Assert.Empty(credentials.Validate());
    }

    [Fact]
    public void Setting_a_typed_property_clears_an_earlier_parse_failure()
    {
        var credentials = FromVariables(new(Valid) { ["INFUSIONSOFT_CALLBACK_URL"] = "not a url" });
        Assert.NotEmpty(credentials.Validate());
        credentials.CallbackUrl = new Uri("https://app.contoso.com/callback");
        Assert.Empty(credentials.Validate());
    }

    [Fact]
    public void ToString_redacts_secrets_and_shows_the_rest()
    {
        var text = FromVariables(Valid).ToString();
        Assert.Equal("InfusionsoftCredentials { EncryptedKey = [redacted], ClientId = client-123, ClientSecret = [redacted], CallbackUrl = https://app.contoso.com/callback, Server = (not set) }", text);
        AssertNoCanary(text);
        Assert.Contains("EncryptedKey = (not set)", new InfusionsoftCredentials().ToString());
    }

    [Fact]
    public void Options_validation_fails_with_the_validator_messages_and_no_values()
    {
        IValidateOptions<InfusionsoftCredentials> validator = new InfusionsoftCredentialsValidator();
        var credentials = FromVariables(new(Valid) { ["INFUSIONSOFT_ENCRYPTED_KEY"] = CanarySecret });
        var result = validator.Validate(Options.DefaultName, credentials);
        Assert.True(result.Failed);
        Assert.Contains("Encrypted Key (infusionsoft.private.key) must be text matching the pattern ^(?:[0-9A-Fa-f]{32}|KeapAK-[0-9a-f]{50})$.", result.FailureMessage);
        AssertNoCanary(result.FailureMessage);
        Assert.True(validator.Validate(Options.DefaultName, FromVariables(Valid)).Succeeded);
    }

    [Fact]
    public void Metadata_is_visible_to_code_and_analyzers()
    {
        Assert.Equal("infusionsoftcrm", InfusionsoftCredentials.ElementKey);
        Assert.Equal("oauth.api.secret", InfusionsoftCredentials.Parameters.ClientSecret);
        Assert.Equal("INFUSIONSOFT_CLIENT_SECRET", InfusionsoftCredentials.EnvironmentVariables.ClientSecret);
        var property = typeof(InfusionsoftCredentials).GetProperty(nameof(InfusionsoftCredentials.ClientSecret))!;
        Assert.Contains(property.GetCustomAttributes(false), a => a.GetType().FullName == "ConnectorGen.ConnectorSecretAttribute");
        Assert.DoesNotContain(typeof(InfusionsoftCredentials).GetProperty(nameof(InfusionsoftCredentials.ClientId))!.GetCustomAttributes(false), a => a.GetType().FullName == "ConnectorGen.ConnectorSecretAttribute");
    }

    private static void AssertNoCanary(string? text)
    {
        Assert.DoesNotContain(CanaryKey, text ?? string.Empty);
        Assert.DoesNotContain(CanarySecret, text ?? string.Empty);
    }
}
