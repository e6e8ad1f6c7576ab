using ConnectorGen.Model;
using static ConnectorGen.Catalog.CatalogParameter;

namespace ConnectorGen.Catalog.Elements;

/// <summary>GitHub (<c>github</c>). Source: cloud-elements/devportal:docs/elements/github/authenticate.md. Endpoints not on that page: the provider's own documentation, see docs/catalog.md.</summary>
internal static class GitHub
{
    public static readonly CatalogElement Element = new(
        "github",
        "GitHub",
        "GitHub",
        CatalogAuth.OAuth2("https://github.com/login/oauth/authorize", "https://github.com/login/oauth/access_token", "admin:org_hook", "admin:repo_hook", "public_repo"),
        "cloud-elements/devportal:docs/elements/github/authenticate.md",
        ClientId(),
        ClientSecret(),
        CallbackUrl("Authorization callback URL"),
        new("Organization", "GitHub Organization", "github.organization"),
        new("Repository", "GitHub Repository", "github.repository"))
    {
        Quirks = null,
    };
}
