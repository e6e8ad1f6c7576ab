using ConnectorGen.Model;
using static ConnectorGen.Catalog.CatalogParameter;

namespace ConnectorGen.Catalog.Elements;

/// <summary>Zendesk (<c>zendesk</c>). Source: cloud-elements/devportal:docs/elements/zendesk/authenticate.md. The OAuth endpoints are per instance (docs/catalog.md): a mapping names them in auth, else CG1044.</summary>
internal static class Zendesk
{
    public static readonly CatalogElement Element = new(
        "zendesk",
        "Zendesk",
        "Zendesk",
        CatalogAuth.OAuth2(null, null, "read", "write"),
        "cloud-elements/devportal:docs/elements/zendesk/authenticate.md",
        ClientId("Unique Identifier"),
        ClientSecret("Secret"),
        CallbackUrl("Redirect URL"),
        new("Subdomain", "Subdomain", "zendesk.subdomain", Description: "The bare subdomain, e.g. mycoolapp.", Pattern: "[A-Za-z0-9][A-Za-z0-9-]{0,62}"))
    {
        Quirks = "The authorize URL depends on the subdomain (https://{subdomain}.zendesk.com/oauth/authorizations/new); pass siteAddress=<subdomain> when asking for the OAuth URL.",
    };
}
