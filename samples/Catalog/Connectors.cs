using System.Collections.Generic;

namespace Contoso.Catalog;

/// <summary>
/// What an application does with catalogued connectors: each mapping above named only the connector and the element
/// key, yet every parameter the element's setup page documents is a typed property, secrets are marked and redacted.
/// </summary>
public static class Connectors
{
    /// <summary>The instance configurations, read from SLACK_*, HELPDESK_* and PAYMENTS_* environment variables.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> FromEnvironment() =>
    [
        SlackCredentials.FromEnvironment().ToOpenConnectorsConfiguration(),
        HelpdeskCredentials.FromEnvironment().ToOpenConnectorsConfiguration(),
        PaymentsCredentials.FromEnvironment().ToOpenConnectorsConfiguration(),
    ];

    /// <summary>An imported element definition (tillerpos.element.json, an export with a pasted tail): its OAuth client too.</summary>
    public static IReadOnlyDictionary<string, string> PointOfSale(string clientSecret) =>
        new TillerPosCredentials { ClientId = "id", ClientSecret = clientSecret, CallbackUrl = new System.Uri("https://app.example/cb"), Sandbox = true }
            .ToOpenConnectorsConfiguration();

    /// <summary>The import takes the token endpoint from the definition's oauth.token.url default.</summary>
    public static string PointOfSaleTokenEndpoint => TillerPosOAuthMetadata.TokenEndpoint;

    /// <summary>The Slack authorize and token endpoints come from the catalogue.</summary>
    public static string SlackTokenEndpoint => SlackOAuthMetadata.TokenEndpoint;

    /// <summary>
    /// The Zendesk subdomain is a typed, validated property; the client secret is marked secret by the catalogue, so
    /// ToString redacts it (and CG2001 would flag a hard-coded value here).
    /// </summary>
    public static string Describe(string subdomain, string clientSecret) =>
        new HelpdeskCredentials { Subdomain = subdomain, ClientId = "id", ClientSecret = clientSecret }.ToString();
}
