using ConnectorGen.Model;
using static ConnectorGen.Catalog.CatalogParameter;

namespace ConnectorGen.Catalog.Elements;

/// <summary>Infusionsoft REST (<c>infusionsoftrest</c>). Source: cloud-elements/devportal:docs/elements/infusionsoft-rest/setup.md.</summary>
internal static class InfusionsoftRest
{
    public static readonly CatalogElement Element = new(
        "infusionsoftrest",
        "Infusionsoft REST",
        "Infusionsoft",
        CatalogAuth.OAuth2("https://signin.infusionsoft.com/app/oauth/authorize", "https://api.infusionsoft.com/token", "full") with { AuthorizationHosts = CatalogAuth.KeapAuthorizationHosts, DeadGrantErrors = InfusionsoftKeap.DeadGrantErrors },
        "cloud-elements/devportal:docs/elements/infusionsoft-rest/setup.md",
        ClientId("client_id"),
        ClientSecret("client_secret"),
        CallbackUrl())
    {
        Quirks = null,
    };
}
