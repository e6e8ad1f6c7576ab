#nullable enable

namespace ConnectorGen.Templates
{
    /// <summary>Stands for the credentials class the generator emits per mapping (Emit/CredentialsEmitter.cs).</summary>
    public sealed partial class __Connector__Credentials
    {
        /// <summary>The client id.</summary>
        public string? ClientId { get; set; }

        /// <summary>The client secret.</summary>
        public string? ClientSecret { get; set; }

        /// <summary>The instance configuration.</summary>
        public global::System.Collections.Generic.IReadOnlyDictionary<string, string> ToOpenConnectorsConfiguration() =>
            new global::System.Collections.Generic.Dictionary<string, string>();
    }

    /// <summary>Stands for the metadata class the generator emits per oauth2 mapping (Emit/OAuthEmitter.cs).</summary>
    internal static class __Connector__OAuthMetadata
    {
        public const string ConnectorName = "__Connector__";
        public const string ElementKey = "infusionsoftcrm";
        public const string AuthorizationEndpoint = "https://accounts.infusionsoft.com/app/oauth/authorize";
        public static readonly global::System.Collections.Generic.IReadOnlyList<string> AuthorizationHosts = global::System.Array.AsReadOnly(new string[] { "accounts.infusionsoft.com" });
        public const string TokenEndpoint = "https://api.infusionsoft.com/token";
        public static readonly global::System.Collections.Generic.IReadOnlyList<string> Scopes = global::System.Array.AsReadOnly(new string[] { "full" });
        public const bool UsePkce = false;
        public const bool CodeExchangeUsesBasicAuthentication = false;
        public const bool RefreshUsesBasicAuthentication = true;
        public static readonly global::System.Collections.Generic.IReadOnlyList<string> DeadGrantErrors = global::System.Array.AsReadOnly(new string[] { "invalid_grant", "invalid_request" });
        public const string? ApiBaseUrl = "https://api.infusionsoft.com/crm/rest";
        public static readonly global::System.Collections.Generic.IReadOnlyList<global::System.Uri>? ApiOrigins = global::System.Array.AsReadOnly(new global::System.Uri[] { new global::System.Uri("https://api.infusionsoft.com/crm/rest") });

        public static string? GetClientId(__Connector__Credentials c) => c.ClientId;

        public static string? GetClientSecret(__Connector__Credentials c) => c.ClientSecret;

        public static string? GetRedirectUri(__Connector__Credentials c) => null;

        public static bool IsSecretParameter(string parameterKey) => parameterKey == "oauth.api.secret";

        public static readonly global::ConnectorGen.Generated.ConnectorAccess<__Connector__Credentials> Access = new global::ConnectorGen.Generated.ConnectorAccess<__Connector__Credentials>(ConnectorName, GetClientId, GetClientSecret, GetRedirectUri, credentials => credentials.ToOpenConnectorsConfiguration(), IsSecretParameter);
    }
}
