using ConnectorGen.Model;
using static ConnectorGen.Catalog.CatalogParameter;

namespace ConnectorGen.Catalog.Elements;

/// <summary>Infusionsoft Online Sales (<c>infusionsoftecommerce</c>). Source: cloud-elements/devportal:docs/elements/infusionsoft-ecommerce/infusionsoft-ecommerce-create-instance.md.</summary>
internal static class InfusionsoftEcommerce
{
    public static readonly CatalogElement Element = new(
        "infusionsoftecommerce",
        "Infusionsoft Online Sales",
        "Infusionsoft",
        CatalogAuth.OAuth2("https://signin.infusionsoft.com/app/oauth/authorize", "https://api.infusionsoft.com/token", "full") with { AuthorizationHosts = CatalogAuth.KeapAuthorizationHosts, DeadGrantErrors = InfusionsoftKeap.DeadGrantErrors },
        "cloud-elements/devportal:docs/elements/infusionsoft-ecommerce/infusionsoft-ecommerce-create-instance.md",
        ClientId("Key"),
        ClientSecret("Secret"),
        CallbackUrl(),
        Flag("DocumentTagging", "Document Hub Tagging", "document.tagging"))
    {
        Quirks = "The page calls the client id Key and the secret Secret; its example also sets document.tagging.",
    };
}
