using ConnectorGen.Model;
using static ConnectorGen.Catalog.CatalogParameter;

namespace ConnectorGen.Catalog.Elements;

/// <summary>Dropbox (<c>dropbox</c>). Source: cloud-elements/devportal:_includes/Elements/dropbox/authenticate.md. Endpoints not on that page: the provider's own documentation, see docs/catalog.md.</summary>
internal static class Dropbox
{
    public static readonly CatalogElement Element = new(
        "dropbox",
        "Dropbox",
        "Dropbox",
        CatalogAuth.OAuth2("https://www.dropbox.com/1/oauth2/authorize", "https://api.dropboxapi.com/oauth2/token"),
        "cloud-elements/devportal:_includes/Elements/dropbox/authenticate.md",
        ClientId("App key"),
        ClientSecret("App secret"),
        CallbackUrl("Redirect URI"),
        Flag("DocumentTagging", "Document Hub Tagging", "document.tagging"))
    {
        Quirks = null,
    };
}
