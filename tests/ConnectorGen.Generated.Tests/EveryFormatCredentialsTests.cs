using Contoso.Connectors;
using Contoso.Connectors.Testing;

namespace ConnectorGen.Generated.Tests;

/// <summary>Every format of the mapping language, through the code generated from samples/Mappings/everyformat.connector.json.</summary>
public sealed class EveryFormatCredentialsTests
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["EVERY_FORMAT_LABEL"] = "Main",
        ["EVERY_FORMAT_PAGE_SIZE"] = "200",
        ["EVERY_FORMAT_SANDBOX"] = "true",
        ["EVERY_FORMAT_SITE_URL"] = "http://intranet.contoso.com/",
        ["EVERY_FORMAT_WEBHOOK_URL"] = "https://hooks.contoso.com/in",
        ["EVERY_FORMAT_HOST"] = "api.contoso.com",
        ["EVERY_FORMAT_SIGNING_KEY"] = new string('a', 32) + new string('F', 32),
        ["EVERY_FORMAT_TENANT_ID"] = "6f9619ff-8b86-d011-b42d-00c04fc964ff",
        ["EVERY_FORMAT_CONTACT"] = "ops@contoso.com",
        ["EVERYFORMAT_ACCOUNT"] = "AB-1234",
    };

    private static EveryFormatCredentials From(Dictionary<string, string?> variables) =>
        EveryFormatCredentials.FromEnvironment(name => variables.TryGetValue(name, out var v) ? v : null);

    [Fact]
    public void Valid_values_of_every_format_pass_and_map_in_order()
    {
        var credentials = From(Valid);
        Assert.Empty(credentials.Validate());
        Assert.Equal(200, credentials.PageSize);
        Assert.True(credentials.Sandbox);
        var configuration = credentials.ToOpenConnectorsConfiguration();
        Assert.Equal("200", configuration["everyformat.page.size"]);
        Assert.Equal("true", configuration["everyformat.sandbox"]);
        Assert.Equal(10, configuration.Count);
    }

    [Fact]
    public void Optional_typed_values_are_left_out_when_absent()
    {
        var variables = new Dictionary<string, string?>(Valid);
        variables.Remove("EVERY_FORMAT_PAGE_SIZE");
        variables.Remove("EVERY_FORMAT_SANDBOX");
        variables.Remove("EVERY_FORMAT_CONTACT");
        var configuration = From(variables).ToOpenConnectorsConfiguration();
        Assert.Equal(7, configuration.Count);
        Assert.False(configuration.ContainsKey("everyformat.page.size"));
    }

    [Theory]
    [InlineData("EVERY_FORMAT_LABEL", "x", "Label: Label (everyformat.label) must be at least 2 characters long.")]
    [InlineData("EVERY_FORMAT_PAGE_SIZE", "ten", "PageSize: Page size (everyformat.page.size) must be a whole number.")]
    [InlineData("EVERY_FORMAT_SANDBOX", "yes", "Sandbox: Sandbox (everyformat.sandbox) must be true or false.")]
    [InlineData("EVERY_FORMAT_SITE_URL", "ftp://files.contoso.com/", "SiteUrl: Site URL (everyformat.site.url) must be an absolute http or https URL.")]
    [InlineData("EVERY_FORMAT_WEBHOOK_URL", "http://hooks.contoso.com/in", "WebhookUrl: Webhook URL (everyformat.webhook.url) must be an absolute HTTPS URL (http only for loopback hosts).")]
    [InlineData("EVERY_FORMAT_HOST", "-bad-.contoso..com", "Host: Host (everyformat.host) must be a host name such as api.example.com.")]
    [InlineData("EVERY_FORMAT_SIGNING_KEY", "abc", "SigningKey: Signing key (everyformat.signing.secret) must be 64 hexadecimal digits.")]
    [InlineData("EVERY_FORMAT_TENANT_ID", "6f9619ff-8b86-d011-b42d", "TenantId: Tenant ID (everyformat.tenant) must be a GUID.")]
    [InlineData("EVERY_FORMAT_CONTACT", "ops@@contoso", "Contact: Contact email (everyformat.contact) must be an email address.")]
    [InlineData("EVERYFORMAT_ACCOUNT", "AB-12345", "AccountCode: Account code (everyformat.account) must be text matching the pattern [A-Z]{2}-[0-9]{4}.")]
    public void Each_format_rejects_a_bad_value(string variable, string value, string expected)
    {
        var errors = From(new(Valid) { [variable] = value }).Validate();
        Assert.Equal(expected, Assert.Single(errors));
    }

    [Fact]
    public void Secret_of_every_format_is_redacted() =>
        Assert.DoesNotContain(Valid["EVERY_FORMAT_SIGNING_KEY"]!, From(Valid).ToString());

    [Fact]
    public void Basic_and_api_key_mappings_generate_too()
    {
        var zendesk = ZendeskCredentials.FromEnvironment(name => name switch
        {
            "ZENDESK_SUBDOMAIN" => "contoso",
            "ZENDESK_USERNAME" => "agent@contoso.com",
            "ZENDESK_PASSWORD" => "short",
            _ => null,
        });
        Assert.Equal(["Password: API token (password) must be at least 8 characters long."], zendesk.Validate());
        var sendGrid = SendGridCredentials.FromEnvironment(name => name == "SENDGRID_API_KEY" ? new string('k', 30) : null);
        Assert.Equal(["sendgrid.api.secret"], sendGrid.ToOpenConnectorsConfiguration().Keys);
    }
}
