using ConnectorGen.Model;
using static ConnectorGen.Catalog.CatalogParameter;

namespace ConnectorGen.Catalog.Elements;

/// <summary>Stripe (<c>stripe</c>). Source: cloud-elements/devportal:docs/elements/stripe/stripe-create-instance.md.</summary>
internal static class Stripe
{
    public static readonly CatalogElement Element = new(
        "stripe",
        "Stripe",
        "Stripe",
        CatalogAuth.Custom,
        "cloud-elements/devportal:docs/elements/stripe/stripe-create-instance.md",
        new CatalogParameter("ApiKey", "API Key", "api.key", Secret: true, Role: CredentialRole.ApiKey))
    {
        Quirks = "Basic auth where the API key is the only credential (stored as username, password masked); the catalogue maps the documented key api.key.",
    };
}
