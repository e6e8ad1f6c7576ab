using ConnectorGen.Model;
using static ConnectorGen.Catalog.CatalogParameter;

namespace ConnectorGen.Catalog.Elements;

/// <summary>SugarCRM (<c>sugarcrmv2</c>). Source: cloud-elements/devportal:docs/elements/sugarcrm/sugarcrm-create-instance.md.</summary>
internal static class SugarCrmV2
{
    public static readonly CatalogElement Element = new(
        "sugarcrmv2",
        "SugarCRM",
        "SugarCrm",
        CatalogAuth.Custom,
        "cloud-elements/devportal:docs/elements/sugarcrm/sugarcrm-create-instance.md",
        new("ClientId", "Consumer Key", OpenConnectorsVocabulary.ApiKey, Role: CredentialRole.ClientId),
        new("ClientSecret", "Consumer Secret", OpenConnectorsVocabulary.ApiSecret, Secret: true, Role: CredentialRole.ClientSecret),
        CallbackUrl(required: false),
        new("SiteUrl", "Site URL", "site.url", Format: FormatKind.HostName, Description: "The domain without a scheme, e.g. yourdomain.sugarondemand.com."),
        Username(),
        Password())
    {
        Quirks = "Likely an OAuth 2.0 password grant: the consumer key and secret are chosen in Sugar Admin and sent with the user name and password; no browser handshake. site.url is a host without a scheme.",
    };
}
