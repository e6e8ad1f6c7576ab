using ConnectorGen.Helpers;
using ConnectorGen.Model;

namespace ConnectorGen.Catalog.Elements;

/// <summary>
/// What every Infusionsoft (Keap) element shares, stated once: the retired Encrypted Key and Keap's dead-refresh answer.
/// Sources are in docs/handshake.md ("Keap as it is today").
/// </summary>
internal static class InfusionsoftKeap
{
    /// <summary>
    /// Keap stopped issuing legacy keys on 2024-07-10 and turned legacy authentication off on 2024-10-31
    /// (help.keap.com "sunsetting-legacy-api-keys"); it names the Service Account Key as the replacement.
    /// </summary>
    public const string EncryptedKeyDeprecation =
        "Keap stopped issuing legacy Encrypted Keys on 2024-07-10 and turned legacy authentication off on 2024-10-31 (revocation announced for Q1 2025); use OAuth, or a Service Account Key (KeapAK-...) sent as X-Keap-API-Key.";

    /// <summary>The legacy key (32 hex digits) or its replacement, a Service Account Key or PAT (<c>KeapAK-</c> + 50 hex).</summary>
    public const string EncryptedKeyPattern = "^(?:[0-9A-Fa-f]{32}|KeapAK-[0-9a-f]{50})$";

    /// <summary>
    /// Keap answers a dead refresh token with 400 <c>invalid_request</c> "Invalid Refresh Token"
    /// (integration.keap.com/t/invalid-refresh-token/82597), not RFC 6749's <c>invalid_grant</c>.
    /// </summary>
    public static readonly EquatableArray<string> DeadGrantErrors = new[] { "invalid_grant", "invalid_request" }.ToEquatableArray();

    /// <summary>The Encrypted Key entry: optional and deprecated.</summary>
    public static CatalogParameter EncryptedKey() =>
        new("EncryptedKey", "Encrypted Key", "infusionsoft.private.key", Secret: true, Required: false,
            Description: "The legacy Encrypted Key (retired), or a Service Account Key.", Pattern: EncryptedKeyPattern)
        {
            Deprecated = EncryptedKeyDeprecation,
        };
}
