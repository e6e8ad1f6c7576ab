using ConnectorGen.Model;
using static ConnectorGen.Catalog.CatalogParameter;

namespace ConnectorGen.Catalog.Elements;

/// <summary>NetSuite CRM 2016 (<c>netsuitecrmv2</c>). Source: cloud-elements/devportal:_includes/Elements/netsuite/authenticate.md.</summary>
internal static class NetSuiteCrmV2
{
    public static readonly CatalogElement Element = new(
        "netsuitecrmv2",
        "NetSuite CRM 2016",
        "NetSuite",
        CatalogAuth.Custom,
        "cloud-elements/devportal:_includes/Elements/netsuite/authenticate.md",
        AuthenticationType("Basic|custom", required: true, "custom (token-based, mapped here) or Basic (user.username, user.password, netsuite.appId)."),
        Flag("Sandbox", "Connect to Sandbox", "netsuite.sandbox", required: true),
        new("AccountId", "ACCOUNT ID", "netsuite.accountId"),
        new("ConsumerKey", "Consumer Key", "consumer_key", Secret: true), // NetSuite shows consumer and token credentials once, as secrets
        new("ConsumerSecret", "Consumer Secret", "consumer_secret", Secret: true),
        new("TokenId", "Token ID", "token_id", Secret: true),
        new("TokenSecret", "Token Secret", "token_secret", Secret: true),
        Flag("SingleSession", "Single session", "netsuite.single.session"))
    {
        Quirks = "authentication.type is Basic or custom (token-based; the docs misspell it casic). The catalogue maps the token-based mode; netsuiteerpv2, netsuitefinancev2 and netsuitehcv2 take the same keys.",
    };
}
