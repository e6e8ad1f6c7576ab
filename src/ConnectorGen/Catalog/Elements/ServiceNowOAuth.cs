using ConnectorGen.Model;
using static ConnectorGen.Catalog.CatalogParameter;

namespace ConnectorGen.Catalog.Elements;

/// <summary>ServiceNow OAuth (beta) (<c>servicenowoauth</c>). Source: cloud-elements/devportal:docs/elements/servicenow-oauth/authenticate.md. The OAuth endpoints are per instance (docs/catalog.md): a mapping names them in auth, else CG1044.</summary>
internal static class ServiceNowOAuth
{
    public static readonly CatalogElement Element = new(
        "servicenowoauth",
        "ServiceNow OAuth (beta)",
        "ServiceNowOAuth",
        CatalogAuth.OAuth2(null, null),
        "cloud-elements/devportal:docs/elements/servicenow-oauth/authenticate.md",
        ClientId(),
        ClientSecret(),
        CallbackUrl("Redirect URL"),
        new("Subdomain", "The ServiceNow Subdomain", "servicenow.subdomain", Description: "e.g. dev12345."))
    {
        Quirks = "The authorize URL depends on the subdomain (https://{subdomain}.service-now.com/oauth_auth.do); pass servicenow.subdomain when asking for the OAuth URL.",
    };
}
