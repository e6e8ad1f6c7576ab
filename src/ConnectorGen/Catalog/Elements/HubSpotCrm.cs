using ConnectorGen.Model;
using static ConnectorGen.Catalog.CatalogParameter;

namespace ConnectorGen.Catalog.Elements;

/// <summary>HubSpot CRM (<c>hubspotcrm</c>). Source: cloud-elements/devportal:_includes/Elements/Hubspot/authenticate.md. Endpoints not on that page: the provider's own documentation, see docs/catalog.md.</summary>
internal static class HubSpotCrm
{
    public static readonly CatalogElement Element = new(
        "hubspotcrm",
        "HubSpot CRM",
        "HubSpot",
        CatalogAuth.OAuth2("https://app.hubspot.com/oauth/authorize", "https://api.hubapi.com/oauth/v1/token", "contacts", "timeline", "files") with { RefreshAuthentication = ClientAuthentication.Body },
        "cloud-elements/devportal:_includes/Elements/Hubspot/authenticate.md",
        ClientId(),
        ClientSecret(),
        CallbackUrl(),
        AuthenticationType("oauth2|apiKey", required: false, "oauth2 (default) or apiKey."),
        new("ApiKey", "HubSpot API Key (HAPIkey)", "hubspot.authorization.apikey", Secret: true, Required: false, Role: CredentialRole.ApiKey),
        Flag("CreateBulkProperties", "Create bulk properties", "create.bulk.properties"),
        Flag("FilterResponseNulls", "Filter null values from the response", "filter.response.nulls"))
    {
        Quirks = "oauth2 by default; set AuthenticationType to apiKey and map hubspot.authorization.apikey (secret) for the API-key mode. The documented authorize URL is misspelled (login.hubpot.com), so none is built in.",
    };
}
