using ConnectorGen.Model;
using static ConnectorGen.Catalog.CatalogParameter;

namespace ConnectorGen.Catalog.Elements;

/// <summary>Marketo (<c>marketo</c>). Source: cloud-elements/devportal:docs/elements/marketo/authenticate.md.</summary>
internal static class Marketo
{
    public static readonly CatalogElement Element = new(
        "marketo",
        "Marketo",
        "Marketo",
        CatalogAuth.Custom,
        "cloud-elements/devportal:docs/elements/marketo/authenticate.md",
        new("ClientId", "Client Id", OpenConnectorsVocabulary.ApiKey, Role: CredentialRole.ClientId),
        new("ClientSecret", "Client Secret", OpenConnectorsVocabulary.ApiSecret, Secret: true, Role: CredentialRole.ClientSecret),
        new("IdentityUrl", "Identity URL", "marketo.identity.url", Format: FormatKind.HttpsUrl, Description: "e.g. https://338-ZRW-745.mktorest.com/identity."),
        new("EndpointUrl", "Endpoint (REST) URL", "base.url", Format: FormatKind.HttpsUrl, Description: "e.g. https://338-ZRW-745.mktorest.com/rest."))
    {
        UserSuppliedReservedKeys = new[] { "base.url" },
        Quirks = "OAuth 2.0 without a user redirect (client credentials; the instance sends code \"\"), so there is no callback URL and no browser handshake: the catalogue treats it as custom auth.",
    };
}
