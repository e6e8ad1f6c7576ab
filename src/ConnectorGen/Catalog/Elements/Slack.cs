using ConnectorGen.Model;
using static ConnectorGen.Catalog.CatalogParameter;

namespace ConnectorGen.Catalog.Elements;

/// <summary>Slack (<c>slack</c>). Source: cloud-elements/devportal:docs/elements/slack/slack-create-instance.md.</summary>
internal static class Slack
{
    public static readonly CatalogElement Element = new(
        "slack",
        "Slack",
        "Slack",
        CatalogAuth.OAuth2("https://slack.com/oauth/authorize", "https://slack.com/api/oauth.access", "users:read", "users:write"), // Slack requires a scope: the page's example (docs/catalog.md)
        "cloud-elements/devportal:docs/elements/slack/slack-create-instance.md",
        ClientId(),
        ClientSecret("Secret"),
        CallbackUrl(),
        new("Scope", "Scopes", OpenConnectorsVocabulary.Scope, Required: false, Description: "Comma-space list, e.g. users:write, users:read."))
    {
        Quirks = "oauth.scope is a comma-space list, e.g. users:write, users:read. The element definition says typeOauth: false although it is oauth2.",
    };
}
