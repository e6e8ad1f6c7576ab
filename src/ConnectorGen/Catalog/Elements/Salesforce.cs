using ConnectorGen.Model;
using static ConnectorGen.Catalog.CatalogParameter;

namespace ConnectorGen.Catalog.Elements;

/// <summary>Salesforce Sales Cloud (<c>sfdc</c>). Source: cloud-elements/devportal:docs/elements/salesforce/salesforce-create-instance.md. Endpoints not on that page: the provider's own documentation, see docs/catalog.md.</summary>
internal static class Salesforce
{
    public static readonly CatalogElement Element = new(
        "sfdc",
        "Salesforce Sales Cloud",
        "Salesforce",
        CatalogAuth.OAuth2("https://login.salesforce.com/services/oauth2/authorize", "https://login.salesforce.com/services/oauth2/token", "full", "refresh_token"),
        "cloud-elements/devportal:docs/elements/salesforce/salesforce-create-instance.md",
        ClientId("Consumer Key"),
        ClientSecret("Consumer Secret"),
        CallbackUrl(),
        Flag("FilterResponseNulls", "Filter null values from the response", "filter.response.nulls"))
    {
        Quirks = "Sandbox orgs: pass siteAddress=https://test.salesforce.com when asking for the OAuth URL. The token URL is not documented on the setup page.",
    };
}
