using ConnectorGen.Model;
using static ConnectorGen.Catalog.CatalogParameter;

namespace ConnectorGen.Catalog.Elements;

/// <summary>Infusionsoft CRM (<c>infusionsoftcrm</c>). Source: cloud-elements/devportal:_includes/Elements/infusionsoft/authenticate.md.</summary>
internal static class InfusionsoftCrm
{
    public static readonly CatalogElement Element = new(
        "infusionsoftcrm",
        "Infusionsoft CRM",
        "Infusionsoft",
        CatalogAuth.OAuth2("https://signin.infusionsoft.com/app/oauth/authorize", "https://api.infusionsoft.com/token", "full") with { AuthorizationHosts = CatalogAuth.KeapAuthorizationHosts },
        "cloud-elements/devportal:_includes/Elements/infusionsoft/authenticate.md",
        ClientId("client_id"),
        ClientSecret("client_secret"),
        CallbackUrl(),
        new("Server", "Infusionsoft Server", "infusionsoft.server", Format: FormatKind.HostName, Description: "The account host, e.g. dt123.infusionsoft.com."),
        new("EncryptedKey", "Encrypted Key", "infusionsoft.private.key", Secret: true, Description: "Generated from the API Passphrase."))
    {
        Quirks = "Needs the account host (infusionsoft.server) and the Encrypted Key (infusionsoft.private.key) besides the OAuth client.",
    };
}
