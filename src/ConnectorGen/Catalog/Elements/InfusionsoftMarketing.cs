using ConnectorGen.Model;
using static ConnectorGen.Catalog.CatalogParameter;

namespace ConnectorGen.Catalog.Elements;

/// <summary>Infusionsoft Marketing (<c>infusionsoftmarketing</c>). Source: cloud-elements/devportal:_includes/Elements/infusionsoft/authenticate.md.</summary>
internal static class InfusionsoftMarketing
{
    public static readonly CatalogElement Element = new(
        "infusionsoftmarketing",
        "Infusionsoft Marketing",
        "Infusionsoft",
        CatalogAuth.OAuth2("https://signin.infusionsoft.com/app/oauth/authorize", "https://api.infusionsoft.com/token", "full") with { AuthorizationHosts = CatalogAuth.KeapAuthorizationHosts, DeadGrantErrors = InfusionsoftKeap.DeadGrantErrors },
        "cloud-elements/devportal:_includes/Elements/infusionsoft/authenticate.md",
        ClientId("client_id"),
        ClientSecret("client_secret"),
        CallbackUrl(),
        new("Server", "Infusionsoft Server", "infusionsoft.server", Required: false, Format: FormatKind.HostName, Description: "The account host, e.g. dt123.infusionsoft.com; OAuth tokens name it in their scope (full|host)."),
        InfusionsoftKeap.EncryptedKey())
    {
        Quirks = "Takes the account host (infusionsoft.server) and the retired Encrypted Key (infusionsoft.private.key), both optional; Keap answers a dead refresh token with invalid_request.",
    };
}
