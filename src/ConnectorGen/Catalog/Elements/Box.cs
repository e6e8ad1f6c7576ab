using ConnectorGen.Model;
using static ConnectorGen.Catalog.CatalogParameter;

namespace ConnectorGen.Catalog.Elements;

/// <summary>Box (<c>box</c>). Source: cloud-elements/devportal:docs/elements/box/authenticate.md.</summary>
internal static class Box
{
    public static readonly CatalogElement Element = new(
        "box",
        "Box",
        "Box",
        CatalogAuth.OAuth2("https://app.box.com/api/oauth2/authorize", "https://app.box.com/api/oauth2/token"),
        "cloud-elements/devportal:docs/elements/box/authenticate.md",
        ClientId("client_id"),
        ClientSecret("client_secret"),
        CallbackUrl("Redirect URL"),
        Flag("DocumentTagging", "Document Hub Tagging", "document.tagging"),
        Flag("FilterResponseNulls", "Filter null values from the response", "filter.response.nulls"))
    {
        Quirks = "Endpoints from the Element Builder tutorial (docs/legacy/element-builder/element-builder-authorization-types.md); the setup page gives https://www.box.com/api/oauth2/authorize.",
    };
}
