using ConnectorGen.Model;
using static ConnectorGen.Catalog.CatalogParameter;

namespace ConnectorGen.Catalog.Elements;

/// <summary>Sage One (<c>sageone</c>). Source: cloud-elements/devportal:docs/elements/sageone/authenticate.md.</summary>
internal static class SageOne
{
    public static readonly CatalogElement Element = new(
        "sageone",
        "Sage One",
        "SageOne",
        CatalogAuth.OAuth2("https://www.sageone.com/oauth2/auth", "https://oauth.na.sageone.com/token", "full_access"),
        "cloud-elements/devportal:docs/elements/sageone/authenticate.md",
        ClientId(),
        ClientSecret(),
        CallbackUrl(),
        new("SigningSecret", "Signing Secret", "signature.secret", Secret: true),
        new("SubscriptionKey", "APIM subscription Primary Key", "apim.subscription.key", Secret: true, Required: false),
        new("Country", "Country", "country", Required: false, Description: "Two letters, e.g. US.", Pattern: "[A-Za-z]{2}"))
    {
        Quirks = "Also needs the signing secret and, optionally, an APIM subscription key (both secret); the element definition says typeOauth: false although it is oauth2.",
    };
}
