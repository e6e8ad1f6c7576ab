using ConnectorGen.Model;
using static ConnectorGen.Catalog.CatalogParameter;

namespace ConnectorGen.Catalog.Elements;

/// <summary>Freshdesk (<c>freshdeskv2</c>). Source: cloud-elements/devportal:docs/elements/freshdesk/authenticate.md.</summary>
internal static class FreshdeskV2
{
    public static readonly CatalogElement Element = new(
        "freshdeskv2",
        "Freshdesk",
        "Freshdesk",
        CatalogAuth.Custom,
        "cloud-elements/devportal:docs/elements/freshdesk/authenticate.md",
        new("Subdomain", "Subdomain", "subdomain", Description: "e.g. cloudelements."),
        new("ApiKey", "Your API Key", OpenConnectorsVocabulary.Username, Secret: true, Role: CredentialRole.ApiKey))
    {
        Quirks = "Basic auth where the key username holds the API key, so it is secret; there is no password.",
    };
}
