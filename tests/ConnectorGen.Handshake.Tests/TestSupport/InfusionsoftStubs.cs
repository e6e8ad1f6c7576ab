// Hand-written stand-ins for what the emitter generates per mapping (the lead will switch these tests to the real
// generated InfusionsoftCredentials). Shapes follow the contract agreed for the templates.
#nullable enable
#pragma warning disable CS1591

namespace ConnectorGen.Templates
{
    public sealed partial class __Connector__Credentials
    {
        public string? EncryptedKey { get; set; }

        public string? ClientId { get; set; }

        public string? ClientSecret { get; set; }

        public global::System.Uri? CallbackUrl { get; set; }

        public string? Server { get; set; }

        public global::System.Collections.Generic.IReadOnlyDictionary<string, string> ToOpenConnectorsConfiguration()
        {
            var configuration = new global::System.Collections.Generic.Dictionary<string, string>(global::System.StringComparer.Ordinal)
            {
                ["infusionsoft.private.key"] = EncryptedKey ?? string.Empty,
                ["oauth.api.key"] = ClientId ?? string.Empty,
                ["oauth.api.secret"] = ClientSecret ?? string.Empty,
                ["oauth.callback.url"] = CallbackUrl?.AbsoluteUri ?? string.Empty,
            };
            if (!string.IsNullOrEmpty(Server))
            {
                configuration["infusionsoft.server"] = Server!;
            }

            return configuration;
        }

        public override string ToString() =>
            "InfusionsoftCredentials { EncryptedKey = ***, ClientId = " + ClientId + ", ClientSecret = ***, CallbackUrl = " + CallbackUrl + ", Server = " + Server + " }";
    }

    internal static class __Connector__OAuthMetadata
    {
        public const string ConnectorName = "Infusionsoft";
        public const string ElementKey = "infusionsoftcrm";
        public const string AuthorizationEndpoint = "https://accounts.infusionsoft.com/app/oauth/authorize";
        public const string TokenEndpoint = "https://api.infusionsoft.com/token";
        public static readonly string[] Scopes = { "full" };
        public const bool UsePkce = false;
        public const bool CodeExchangeUsesBasicAuthentication = false;
        public const bool RefreshUsesBasicAuthentication = true;

        public static string? GetClientId(__Connector__Credentials c) => c.ClientId;

        public static string? GetClientSecret(__Connector__Credentials c) => c.ClientSecret;

        public static string? GetRedirectUri(__Connector__Credentials c) => c.CallbackUrl?.AbsoluteUri;

        public static bool IsSecretParameter(string parameterKey) =>
            parameterKey == "oauth.api.secret" || parameterKey == "infusionsoft.private.key";
    }
}
