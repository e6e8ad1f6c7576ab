using ConnectorGen.Model;
using static ConnectorGen.Catalog.CatalogParameter;

namespace ConnectorGen.Catalog.Elements;

/// <summary>Shopify (<c>shopify</c>). Source: cloud-elements/devportal:docs/elements/shopify/authenticate.md. The OAuth endpoints are per instance (docs/catalog.md): a mapping names them in auth, else CG1044.</summary>
internal static class Shopify
{
    public static readonly CatalogElement Element = new(
        "shopify",
        "Shopify",
        "Shopify",
        CatalogAuth.OAuth2(null, null),
        "cloud-elements/devportal:docs/elements/shopify/authenticate.md",
        ClientId("API key"),
        ClientSecret("API secret key"),
        CallbackUrl("App URL"),
        new("SiteAddress", "Shopify Site Address", "shopify.site.address", Description: "The shop name only, e.g. cloud-elements."),
        new("Scope", "Scopes", OpenConnectorsVocabulary.Scope, Required: false, Description: "Comma-separated, e.g. write_orders,write_products,write_customers."))
    {
        Quirks = "The authorize URL depends on the shop (https://{shop}.myshopify.com/admin/oauth/authorize); oauth.scope is comma-separated.",
    };
}
