using System;
using System.Collections.Generic;

namespace ConnectorGen.Model;

/// <summary>What a configuration key is to Open Connectors, as far as a mapping is concerned.</summary>
internal enum ParameterKeyKind
{
    /// <summary>An element-specific key (<c>infusionsoft.server</c>, <c>zendesk.subdomain</c>...): the user supplies it.</summary>
    ElementSpecific,

    /// <summary>A reserved key that is a documented user-supplied parameter (<c>oauth.api.key</c>, <c>username</c>...).</summary>
    UserSuppliedReserved,

    /// <summary>A reserved key the platform fills in itself (<c>oauth.user.token</c>, <c>oauth.token.url</c>...).</summary>
    PlatformManaged,

    /// <summary>A key under a reserved prefix that is not itself reserved (<c>oauth.anything</c>, <c>bulk.x</c>...).</summary>
    UnderReservedPrefix,
}

/// <summary>
/// The ONE table of Open Connectors configuration keys (docs/elements.md 1.2, 1.5; docs/handshake.md): which keys
/// the platform reserves, which of those a user supplies, which hold secrets, which an element definition marks
/// internal, and the "looks secret" rule for element-specific keys. The mapping parser, the element-definition reader,
/// the catalogue, the emitters and the secret analyzers all read these facts from here.
/// Keys are compared ordinally (Open Connectors keys are case-sensitive) except where a member says otherwise.
/// </summary>
internal static class OpenConnectorsVocabulary
{
    public const string ApiKey = "oauth.api.key";
    public const string ApiSecret = "oauth.api.secret";
    public const string CallbackUrl = "oauth.callback.url";
    public const string Scope = "oauth.scope";
    public const string AuthorizationUrl = "oauth.authorization.url";
    public const string TokenUrl = "oauth.token.url";
    public const string Username = "username";
    public const string Password = "password";

    /// <summary>The instance key that chooses one of several auth modes (hubspotcrm, quickbooks, NetSuite, Dynamics).</summary>
    public const string AuthenticationType = "authentication.type";

    /// <summary>
    /// Exact keys Open Connectors reserves; creating a configuration entry with one is an error ("Reserved
    /// Configurations" in https://help.openconnectors.ext.hana.ondemand.com/home/element-builder-setup-configuration-and-parameters;
    /// elements.md 1.5).
    /// </summary>
    public static readonly HashSet<string> ReservedKeys = new(StringComparer.Ordinal)
    {
        "oauth.basic.header", "oauth.user.refresh_time", "oauth.user.refresh_token", "oauth.user.refresh_interval",
        "oauth.user.token", "oauth.user.token.secret", ApiKey, ApiSecret, Scope,
        CallbackUrl, TokenUrl, AuthorizationUrl, "oauth.token.refresh_url",
        "oauth.token.revoke_url", "oauth.request.authorization.type", "oauth.request.url", Username, Password,
        "base.url", "pagination.type", "pagination.max", "pagination.page.startindex", "aws.api.key", "aws.api.secret",
        "aws.region", "expires", "expires_in",
    };

    /// <summary>
    /// Reserved keys that are the documented, user-supplied parameters of OAuth and basic-auth elements: a mapping may
    /// use them. The other reserved keys are filled in by the platform itself.
    /// </summary>
    public static readonly HashSet<string> UserSuppliedReservedKeys = new(StringComparer.Ordinal)
    {
        ApiKey, ApiSecret, CallbackUrl, Scope, Username, Password,
    };

    /// <summary>Prefixes under which Open Connectors reserves every key: a mapping may not invent keys there.</summary>
    public static readonly string[] ReservedPrefixes = { "oauth.", "bulk.", "event.", "pagination.", "aws." };

    /// <summary>
    /// Keys whose value is a secret whatever a mapping or an element definition says (compared ignoring case, as the
    /// secret analyzers match them in user code).
    /// </summary>
    public static readonly HashSet<string> SecretKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ApiSecret, "infusionsoft.private.key", "oauth.user.token", "oauth.user.refresh_token",
        "oauth.user.token.secret", Password, "aws.api.secret", "oauth.basic.header",
    };

    /// <summary>Keys that are known not to be secrets (the OAuth client id appears in browser URLs), ignoring case.</summary>
    public static readonly HashSet<string> PublicKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ApiKey, CallbackUrl, Scope, "infusionsoft.server", "base.url", Username, "aws.api.key",
        "aws.region", TokenUrl, AuthorizationUrl, "oauth.token.refresh_url", "oauth.token.revoke_url",
        "oauth.request.url", "oauth.request.authorization.type", "pagination.type", "pagination.max",
    };

    /// <summary>
    /// Keys element definitions mark <c>internal: true</c> in the documented exports (elements.md 1.2): the platform
    /// fills them in, so an imported element never asks the user for them even when the export omits the flag.
    /// </summary>
    public static readonly HashSet<string> InternalKeys = new(StringComparer.Ordinal)
    {
        "oauth.user.token", "oauth.user.refresh_token", "oauth.user.refresh_time", "oauth.user.refresh_interval",
        AuthorizationUrl, TokenUrl, "oauth.token.refresh_url", "event.vendor.type", "authentication.time",
    };

    /// <summary>The role a reserved user-supplied key plays in its authentication, or None.</summary>
    public static CredentialRole RoleOf(string key) => key switch
    {
        ApiKey => CredentialRole.ClientId,
        ApiSecret => CredentialRole.ClientSecret,
        CallbackUrl => CredentialRole.RedirectUri,
        Username => CredentialRole.Username,
        Password => CredentialRole.Password,
        _ => CredentialRole.None,
    };

    /// <summary>What <paramref name="key"/> is to Open Connectors (callers check the key's shape first).</summary>
    public static ParameterKeyKind Classify(string key)
    {
        if (ReservedKeys.Contains(key))
        {
            return UserSuppliedReservedKeys.Contains(key) ? ParameterKeyKind.UserSuppliedReserved : ParameterKeyKind.PlatformManaged;
        }

        return ReservedPrefix(key) is null ? ParameterKeyKind.ElementSpecific : ParameterKeyKind.UnderReservedPrefix;
    }

    /// <summary>The reserved prefix <paramref name="key"/> starts with, or null.</summary>
    public static string? ReservedPrefix(string key)
    {
        foreach (var prefix in ReservedPrefixes)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                return prefix;
            }
        }

        return null;
    }

    /// <summary>A user may supply this key in an instance configuration (element-specific or user-supplied reserved).</summary>
    public static bool IsUserSupplied(string key) => Classify(key) is ParameterKeyKind.ElementSpecific or ParameterKeyKind.UserSuppliedReserved;

    /// <summary>A key that holds a secret whatever the mapping says.</summary>
    public static bool IsSecretKey(string key) => SecretKeys.Contains(key);

    /// <summary>
    /// THE "looks secret" rule for configuration keys (and, split the same way, credential names): a reserved secret
    /// key, or a key that is not known to be public (<see cref="PublicKeys"/>: <c>oauth.api.key</c> is the OAuth client
    /// id) with a word that says password, secret, token or key (<c>acme.pass</c>, <c>acme.api.key</c>,
    /// <c>consumer_secret</c>, <c>AccessToken</c>). The templates' <c>OpenConnectorsInstance.IsWellKnownSecretKey</c>
    /// applies the same rule to echoed configurations (pinned equal by SecretMeaningTests); docs/secrets.md explains it.
    /// </summary>
    public static bool LooksSecret(string key) =>
        IsSecretKey(key) || (!PublicKeys.Contains(key) && HasSecretWord(key));

    /// <summary>
    /// Whether a credential is secret when its mapping does not say: its role is a secret one, its key is a reserved
    /// secret, or its name or key looks secret and the key is not known to be public (<c>oauth.api.key</c> is the
    /// OAuth client id, shown in browser URLs, whatever the credential is called).
    /// </summary>
    public static bool IsSecretByMeaning(CredentialRole role, string? name, string key) =>
        role is CredentialRole.ClientSecret or CredentialRole.Password or CredentialRole.ApiKey
        || LooksSecret(key)
        || (!PublicKeys.Contains(key) && name is not null && HasSecretWord(name));

    /// <summary>
    /// Splits <paramref name="text"/> into words at every character that is not a letter or digit and before every
    /// upper-case letter that follows a lower-case one; true when a word contains password, passwd, secret or token,
    /// ends with key, or is pass, pwd or passphrase.
    /// </summary>
    public static bool HasSecretWord(string text)
    {
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            var end = i == text.Length || !char.IsLetterOrDigit(text[i]) || (i > start && char.IsUpper(text[i]) && char.IsLower(text[i - 1]));
            if (!end)
            {
                continue;
            }

            if (i > start && IsSecretWord(text.Substring(start, i - start).ToLowerInvariant()))
            {
                return true;
            }

            start = i < text.Length && char.IsLetterOrDigit(text[i]) ? i : i + 1;
        }

        return false;
    }

    private static bool IsSecretWord(string word) =>
        word.Contains("password") || word.Contains("passwd") || word.Contains("secret") || word.Contains("token")
        || word.EndsWith("key", StringComparison.Ordinal) || word is "pass" or "pwd" or "passphrase";

    /// <summary>A well-formed configuration key: a non-empty word without spaces or quotes.</summary>
    public static bool IsWellFormedKey(string key) =>
        key.Length != 0 && key.Trim().Length == key.Length && key.IndexOfAny(KeyBreakers) < 0;

    private static readonly char[] KeyBreakers = { ' ', '\t', '\r', '\n', '"' };
}
