using ConnectorGen.Model;
using static ConnectorGen.Catalog.CatalogParameter;

namespace ConnectorGen.Catalog.Elements;

/// <summary>QuickBooks Online (<c>quickbooks</c>). Source: cloud-elements/devportal:docs/elements/quickbooksonline/authenticate.md. Endpoints not on that page: the provider's own documentation, see docs/catalog.md.</summary>
internal static class QuickBooks
{
    public static readonly CatalogElement Element = new(
        "quickbooks",
        "QuickBooks Online",
        "QuickBooks",
        CatalogAuth.OAuth2("https://appcenter.intuit.com/connect/oauth2", "https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer", "com.intuit.quickbooks.accounting") with { CodeExchangeAuthentication = ClientAuthentication.Basic },
        "cloud-elements/devportal:docs/elements/quickbooksonline/authenticate.md",
        ClientId(),
        ClientSecret(),
        CallbackUrl("Redirect URI"),
        AuthenticationType("oauth2", required: true, "Must be oauth2 for OAuth 2.0 instances."),
        new("Scope", "Scope", "scope", Description: "Space-separated, e.g. com.intuit.quickbooks.accounting openid profile email phone address."),
        Flag("UseSandbox", "Use sandbox", "use_sandbox"),
        new("MinorVersion", "Minor version", "quickbooks.minorversion", Required: false, Format: FormatKind.Integer))
    {
        Quirks = "OAuth 2.0 is chosen per instance with authentication.type = oauth2; the scopes go in the key scope (not oauth.scope); the code exchange also sends realmId.",
    };
}
