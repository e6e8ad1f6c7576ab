using ConnectorGen.Model;
using static ConnectorGen.Catalog.CatalogParameter;

namespace ConnectorGen.Catalog.Elements;

/// <summary>Google Drive (<c>googledrive</c>). Source: cloud-elements/devportal:docs/elements/googledrive/authenticate.md. Endpoints not on that page: the provider's own documentation, see docs/catalog.md.</summary>
internal static class GoogleDrive
{
    public static readonly CatalogElement Element = new(
        "googledrive",
        "Google Drive",
        "GoogleDrive",
        CatalogAuth.OAuth2("https://accounts.google.com/o/oauth2/auth", "https://oauth2.googleapis.com/token", "https://www.googleapis.com/auth/drive"),
        "cloud-elements/devportal:docs/elements/googledrive/authenticate.md",
        ClientId("OAuth Client ID"),
        ClientSecret("OAuth Client Secret"),
        CallbackUrl(),
        new("RootFolder", "Document Root Folder", "document.root.folder.name", Required: false))
    {
        Quirks = "The authorize request adds access_type=offline.",
    };
}
