using System;
using System.Collections.Generic;
using System.Text;

namespace ConnectorGen.Analyzers;

/// <summary>
/// Pure string logic shared by the secret analyzers: splitting names into words, deciding whether a name means
/// "secret", whether a value is a placeholder or a look-alike, and recognising provider credential formats.
/// No Roslyn types here, so it is cheap to test and to reuse on JSON files.
/// </summary>
internal static class SecretText
{
    /// <summary>Open Connectors configuration keys that hold secrets whatever the mapping says.</summary>
    public static readonly HashSet<string> WellKnownSecretParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "oauth.api.secret", "infusionsoft.private.key", "oauth.user.token", "oauth.user.refresh_token",
        "oauth.user.token.secret", "password", "aws.api.secret", "oauth.basic.header",
    };

    /// <summary>Open Connectors configuration keys that are not secrets (the OAuth client id appears in browser URLs).</summary>
    public static readonly HashSet<string> WellKnownPublicParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "oauth.api.key", "oauth.callback.url", "oauth.scope", "infusionsoft.server", "base.url", "username", "aws.api.key",
        "aws.region", "oauth.token.url", "oauth.authorization.url", "oauth.token.refresh_url", "oauth.token.revoke_url",
        "oauth.request.url", "oauth.request.authorization.type", "pagination.type", "pagination.max",
    };

    private static readonly HashSet<string> SecretWords = new(StringComparer.Ordinal)
    {
        "secret", "secrets", "password", "passwords", "passwd", "pwd", "passphrase", "token", "tokens", "apikey",
        "apikeys", "credential", "credentials", "privatekey", "accesskey", "secretkey", "clientsecret", "authkey",
        "accesstoken", "refreshtoken", "bearertoken", "authtoken", "pat",
    };

    /// <summary>Second word that makes "key" a secret: api key, private key, encrypted key...</summary>
    private static readonly HashSet<string> KeyQualifiers = new(StringComparer.Ordinal)
    {
        "api", "private", "access", "secret", "encrypted", "signing", "master", "account", "shared", "auth",
        "subscription", "encryption", "license", "storage",
    };

    /// <summary>Words that turn a secret-looking name into the name of something else (a hash, a URL, a message...).</summary>
    private static readonly HashSet<string> NeutralWords = new(StringComparer.Ordinal)
    {
        "hash", "hashed", "md5", "sha", "sha1", "sha256", "sha384", "sha512", "checksum", "etag", "commit", "thumbprint",
        "fingerprint", "publickeytoken", "public", "id", "ids", "url", "uri", "urls", "endpoint", "name", "names", "header",
        "headers", "prompt", "message", "label", "format", "pattern", "regex", "path", "file", "type", "kind", "error",
        "invalid", "expired", "missing", "wrong", "incorrect", "mismatch", "required", "policy", "length", "min", "max",
        "validator", "field", "expiry", "expires", "expiration", "lifetime", "timeout", "count", "prefix", "separator",
        "csrf", "xsrf", "antiforgery", "placeholder", "description", "display", "text", "title", "caption", "hint",
        "claim", "scheme", "issuer", "audience", "mode", "provider", "version", "parameter", "param",
        "variable", "env", "environment", "location", "uses", "usage", "reset", "forgot", "changed", "strength", "mask",
        "char", "chars", "character", "characters", "rule", "rules", "section", "option", "options", "property",
    };

    /// <summary>Splits camelCase, PascalCase, snake_case, kebab-case, dotted and colon paths into lower-case words.</summary>
    public static List<string> SplitWords(string name)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush(words, current);
                continue;
            }

            if (current.Length > 0)
            {
                var prev = name[i - 1];
                var boundary =
                    (char.IsUpper(c) && char.IsLower(prev)) ||
                    (char.IsUpper(c) && char.IsUpper(prev) && i + 1 < name.Length && char.IsLower(name[i + 1])) ||
                    (char.IsDigit(c) != char.IsDigit(prev) && !(char.IsDigit(c) && IsHashFamily(current)));
                if (boundary)
                {
                    Flush(words, current);
                }
            }

            current.Append(char.ToLowerInvariant(c));
        }

        Flush(words, current);
        return words;

        static void Flush(List<string> words, StringBuilder current)
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        // "Sha256", "Md5": keep the digits with the algorithm name.
        static bool IsHashFamily(StringBuilder current)
        {
            var s = current.ToString();
            return s is "sha" or "md" or "base" or "x" or "utf";
        }
    }

    /// <summary>
    /// The secret word a name contains ("password", "api key", ...), or null. Neutral words (hash, url, name, id...)
    /// and names listed in <paramref name="ignoredNames"/> make the name neutral; <paramref name="extraSecretNames"/>
    /// adds words or whole names.
    /// </summary>
    public static string? FindSecretWord(string name, IReadOnlyCollection<string>? extraSecretNames, IReadOnlyCollection<string>? ignoredNames)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        var words = SplitWords(name);
        if (words.Count == 0)
        {
            return null;
        }

        var joined = string.Concat(words);
        if (ignoredNames is not null)
        {
            foreach (var ignored in ignoredNames)
            {
                if (Normalize(ignored) is { Length: > 0 } n && (joined == n || words.Contains(n)))
                {
                    return null;
                }
            }
        }

        foreach (var word in words)
        {
            if (NeutralWords.Contains(word))
            {
                return null;
            }
        }

        if (joined.Contains("publickey") || joined.Contains("clientid") || joined.Contains("keyid") || joined.Contains("tokenurl"))
        {
            return null;
        }

        if (extraSecretNames is not null)
        {
            foreach (var extra in extraSecretNames)
            {
                if (Normalize(extra) is { Length: > 0 } n && (joined == n || words.Contains(n)))
                {
                    return extra.Trim();
                }
            }
        }

        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (SecretWords.Contains(word))
            {
                return word;
            }

            if (word == "key" && i > 0 && KeyQualifiers.Contains(words[i - 1]))
            {
                return words[i - 1] + " key";
            }

            if (word == "pass" && (i + 1 == words.Count || words[i + 1] is "phrase" or "word"))
            {
                return "pass";
            }
        }

        return null;
    }

    /// <summary>True when a name says "key" or "secret" loosely (for formats that need a key context, such as 32 hex digits).</summary>
    public static bool IsKeyContext(string name)
    {
        var words = SplitWords(name);
        foreach (var word in words)
        {
            if (NeutralWords.Contains(word))
            {
                return false;
            }
        }

        foreach (var word in words)
        {
            if (word is "key" or "apikey" or "secret" or "token" or "password" || SecretWords.Contains(word))
            {
                return true;
            }
        }

        return false;
    }

    private static string Normalize(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        return sb.ToString();
    }

    /// <summary>UPPER_SNAKE_CASE of a name or key: ApiToken -> API_TOKEN, X-Keap-API-Key -> X_KEAP_API_KEY.</summary>
    public static string ToEnvironmentVariableName(string name)
    {
        var words = SplitWords(name);
        var result = string.Join("_", words).ToUpperInvariant();
        return result.Length == 0 ? "SECRET" : result;
    }

    /// <summary>
    /// True when a value is plausibly a real secret for a target called <paramref name="targetName"/>: not empty, not a
    /// placeholder, not a test vector, not a name, URL, message, GUID or colour.
    /// </summary>
    public static bool IsPlausibleSecret(string value, string? targetName, string? secretWord)
    {
        var v = value.Trim();
        if (v.Length == 0 || IsPlaceholder(v) || IsTrivial(v))
        {
            return false;
        }

        var normalized = Normalize(v);
        if (normalized.Length == 0)
        {
            return false;
        }

        if (targetName is not null && Normalize(targetName) is { Length: > 0 } n && normalized.Contains(n))
        {
            return false;
        }

        if (secretWord is not null && Normalize(secretWord) is { Length: > 0 } w && normalized.Contains(w) && LooksLikeName(v))
        {
            return false;
        }

        if (WellKnownSecretParameters.Contains(v) || LooksLikeParameterOrEnvironmentName(v))
        {
            return false;
        }

        if (IsEndpointUrl(v) || IsMessage(v) || IsGuid(v) || IsColour(v))
        {
            return false;
        }

        return v.IndexOf("PublicKeyToken", StringComparison.OrdinalIgnoreCase) < 0;
    }

    private static bool LooksLikeName(string v)
    {
        // "client_secret", "oauth.api.secret", "ApiToken", "X-Api-Key": letters and separators only.
        foreach (var c in v)
        {
            if (!(char.IsLetter(c) || c is '_' or '.' or '-' or ':'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>UPPER_SNAKE (environment variable) or dotted/underscored lower-case letter words (parameter and header names).</summary>
    public static bool LooksLikeParameterOrEnvironmentName(string v)
    {
        if (v.Length < 3)
        {
            return false;
        }

        var upperSnake = v.IndexOf('_') > 0;
        var lowerDotted = v.IndexOf('.') > 0 || v.IndexOf('_') > 0;
        foreach (var c in v)
        {
            if (!(c is >= 'A' and <= 'Z' || c is >= '0' and <= '9' || c == '_'))
            {
                upperSnake = false;
            }

            if (!(c is >= 'a' and <= 'z' || c is '.' or '_'))
            {
                lowerDotted = false;
            }
        }

        return (upperSnake && char.IsLetter(v[0])) || (lowerDotted && char.IsLetter(v[0]) && char.IsLetter(v[v.Length - 1]));
    }

    public static bool IsPlaceholder(string v)
    {
        if (v.Length >= 2 && v[0] == '<' && v[v.Length - 1] == '>')
        {
            return true;
        }

        if ((v.StartsWith("${", StringComparison.Ordinal) && v.EndsWith("}", StringComparison.Ordinal)) ||
            (v.StartsWith("#{", StringComparison.Ordinal) && v.EndsWith("}#", StringComparison.Ordinal)) ||
            (v.StartsWith("{{", StringComparison.Ordinal) && v.EndsWith("}}", StringComparison.Ordinal)) ||
            (v.StartsWith("$(", StringComparison.Ordinal) && v.EndsWith(")", StringComparison.Ordinal)) ||
            (v.Length > 2 && v[0] == '%' && v[v.Length - 1] == '%') ||
            IsDoubleUnderscoreToken(v) ||
            v.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var lower = v.ToLowerInvariant();
        if (lower.StartsWith("your_", StringComparison.Ordinal) || lower.StartsWith("your-", StringComparison.Ordinal) ||
            lower.StartsWith("your ", StringComparison.Ordinal) || lower.StartsWith("<your", StringComparison.Ordinal) ||
            lower.StartsWith("insert", StringComparison.Ordinal) || lower.StartsWith("replace", StringComparison.Ordinal))
        {
            return true;
        }

        if (lower is "changeme" or "change_me" or "change-me" or "changeit" or "placeholder" or "redacted" or "null" or "none" or "n/a" or "todo" or "tbd" or "dummy" or "secret" or "password")
        {
            return true;
        }

        return v.IndexOf("EXAMPLE", StringComparison.Ordinal) >= 0 || v.IndexOf("xxxx", StringComparison.OrdinalIgnoreCase) >= 0 || v.IndexOf("***", StringComparison.Ordinal) >= 0;
    }

    /// <summary>A replace-token placeholder such as __CLIENT_SECRET__ (token-replacement build and release steps).</summary>
    private static bool IsDoubleUnderscoreToken(string v)
    {
        if (v.Length < 5 || !v.StartsWith("__", StringComparison.Ordinal) || !v.EndsWith("__", StringComparison.Ordinal))
        {
            return false;
        }

        for (var i = 2; i < v.Length - 2; i++)
        {
            if (!(char.IsLetterOrDigit(v[i]) || v[i] == '_' || v[i] == '.' || v[i] == '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>All one character, or a run of consecutive characters (123456, abcdef, 654321).</summary>
    public static bool IsTrivial(string v)
    {
        if (v.Length == 0)
        {
            return true;
        }

        var same = true;
        var up = true;
        var down = true;
        for (var i = 1; i < v.Length; i++)
        {
            same &= v[i] == v[0];
            up &= v[i] == v[i - 1] + 1 || (v[i - 1] == '9' && v[i] == '0');
            down &= v[i] == v[i - 1] - 1;
        }

        return same || (v.Length >= 3 && (up || down));
    }

    public static bool IsEndpointUrl(string v) =>
        (v.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || v.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) &&
        !HasUserInfoPassword(v, out _);

    /// <summary>Prompts and messages: at least two words of letters separated by spaces.</summary>
    public static bool IsMessage(string v)
    {
        if (v.IndexOf(' ') < 0)
        {
            return false;
        }

        var words = 0;
        foreach (var part in v.Split(' '))
        {
            var letters = 0;
            foreach (var c in part)
            {
                if (char.IsLetter(c))
                {
                    letters++;
                }
            }

            if (letters >= 2 && letters >= part.Length - 1)
            {
                words++;
            }
        }

        return words >= 2;
    }

    public static bool IsGuid(string v) => v.Length is 32 or 36 or 38 && Guid.TryParse(v, out _) && (v.Length != 32);

    public static bool IsColour(string v)
    {
        if (v.Length is not (4 or 7 or 9) || v[0] != '#')
        {
            return false;
        }

        for (var i = 1; i < v.Length; i++)
        {
            if (!IsHex(v[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsHex(char c) => c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F';

    private static bool IsLowerHex(char c) => c is >= '0' and <= '9' or >= 'a' and <= 'f';

    private static bool IsAlnum(char c) => c is >= '0' and <= '9' or >= 'a' and <= 'z' or >= 'A' and <= 'Z';

    /// <summary>scheme://user:password@host with a non-placeholder password.</summary>
    public static bool HasUserInfoPassword(string v, out string? password)
    {
        password = null;
        if (v.IndexOf('@') < 0)
        {
            return false;
        }

        var scheme = v.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0)
        {
            return false;
        }

        var start = scheme + 3;
        var end = v.IndexOfAny(new[] { '/', '?', '#' }, start);
        var authority = end < 0 ? v.Substring(start) : v.Substring(start, end - start);
        var at = authority.LastIndexOf('@');
        if (at <= 0)
        {
            return false;
        }

        var userInfo = authority.Substring(0, at);
        var colon = userInfo.IndexOf(':');
        if (colon < 0 || colon == userInfo.Length - 1)
        {
            return false;
        }

        password = userInfo.Substring(colon + 1);
        return !IsPlaceholder(password) && !IsTrivial(password);
    }

    /// <summary>"Server=..;Password=..;" or "Pwd=..": a connection string with a literal password.</summary>
    public static bool HasConnectionStringPassword(string v)
    {
        if (v.IndexOf('=') < 0 ||
            (v.IndexOf("pass", StringComparison.OrdinalIgnoreCase) < 0 && v.IndexOf("pwd", StringComparison.OrdinalIgnoreCase) < 0 &&
             v.IndexOf("key", StringComparison.OrdinalIgnoreCase) < 0 && v.IndexOf("secret", StringComparison.OrdinalIgnoreCase) < 0))
        {
            return false;
        }

        foreach (var part in v.Split(';'))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0)
            {
                continue;
            }

            var key = part.Substring(0, eq).Trim().ToLowerInvariant();
            if (key is "password" or "pwd" or "passwd" or "accountkey" or "sharedaccesskey" or "client secret" or "clientsecret")
            {
                var value = part.Substring(eq + 1).Trim().Trim('\'', '"');
                if (value.Length > 0 && !IsPlaceholder(value) && !IsTrivial(value) && value.IndexOf('{') < 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The credential format a value contains ("a GitHub token"...), or null. <paramref name="keyContext"/> and
    /// <paramref name="awsContext"/> enable the formats that are only credentials in context (32 hex, AWS secret key).
    /// </summary>
    public static string? FindKnownFormat(string v, bool keyContext, bool awsContext)
    {
        if (v.Length < 16)
        {
            return null;
        }

        int i;
        if ((i = v.IndexOf("KeapAK-", StringComparison.Ordinal)) >= 0 && CountRun(v, i + 7, IsLowerHex) >= 50 && !IsTrivialRun(v, i + 7, 50))
        {
            return "a Keap API key";
        }

        foreach (var prefix in GitHubPrefixes)
        {
            if ((i = v.IndexOf(prefix, StringComparison.Ordinal)) >= 0 && (i == 0 || !IsAlnum(v[i - 1])) &&
                CountRun(v, i + prefix.Length, c => IsAlnum(c) || c == '_') >= 30 && !IsTrivialRun(v, i + prefix.Length, 30))
            {
                return "a GitHub token";
            }
        }

        foreach (var prefix in AwsPrefixes)
        {
            if ((i = v.IndexOf(prefix, StringComparison.Ordinal)) >= 0 && (i == 0 || !IsAlnum(v[i - 1])) &&
                CountRun(v, i + 4, c => c is >= 'A' and <= 'Z' or >= '0' and <= '9') == 16 && !IsTrivialRun(v, i + 4, 16))
            {
                return "an AWS access key ID";
            }
        }

        foreach (var prefix in StripePrefixes)
        {
            if ((i = v.IndexOf(prefix, StringComparison.Ordinal)) >= 0 && CountRun(v, i + prefix.Length, IsAlnum) >= 16 && !IsTrivialRun(v, i + prefix.Length, 16))
            {
                return "a Stripe live secret key";
            }
        }

        if ((i = v.IndexOf("https://hooks.slack.com/services/T", StringComparison.Ordinal)) >= 0)
        {
            var rest = v.Substring(i + "https://hooks.slack.com/services/".Length).Split('/');
            if (rest.Length >= 3 && rest[1].Length > 1 && rest[1][0] == 'B' && rest[2].Length >= 8 && CountRun(rest[2], 0, IsAlnum) >= 8 && !IsTrivial(rest[2].Substring(0, 8)))
            {
                return "a Slack webhook URL";
            }
        }

        if ((i = v.IndexOf("-----BEGIN ", StringComparison.Ordinal)) >= 0)
        {
            var end = v.IndexOf("-----", i + 11, StringComparison.Ordinal);
            if (end > 0 && v.Substring(i, end - i).EndsWith("PRIVATE KEY", StringComparison.Ordinal))
            {
                return "a PEM private key";
            }
        }

        if ((i = v.IndexOf("Bearer eyJ", StringComparison.OrdinalIgnoreCase)) >= 0 && IsJwt(v, i + 7))
        {
            return "a JWT bearer token";
        }

        if (keyContext && v.Length == 32 && CountRun(v, 0, IsHex) == 32 && !IsTrivial(v) && !IsAllDigits(v))
        {
            return "a Keap legacy Encrypted Key";
        }

        if (awsContext && v.Length == 40 && CountRun(v, 0, c => IsAlnum(c) || c is '/' or '+') == 40 && !IsTrivialRun(v, 0, 40) && HasMixedCase(v))
        {
            return "an AWS secret access key";
        }

        return null;
    }

    /// <summary>header.payload.signature with base64url parts, the first two starting with eyJ.</summary>
    public static bool IsJwt(string v, int start)
    {
        var end = start;
        while (end < v.Length && (IsAlnum(v[end]) || v[end] is '-' or '_' or '.'))
        {
            end++;
        }

        var parts = v.Substring(start, end - start).Split('.');
        return parts.Length == 3 && parts[0].StartsWith("eyJ", StringComparison.Ordinal) && parts[1].StartsWith("eyJ", StringComparison.Ordinal) &&
               parts[0].Length >= 10 && parts[1].Length >= 10;
    }

    private static readonly string[] GitHubPrefixes = { "ghp_", "gho_", "ghs_", "ghr_", "ghu_", "github_pat_" };
    private static readonly string[] AwsPrefixes = { "AKIA", "ASIA" };
    private static readonly string[] StripePrefixes = { "sk_live_", "rk_live_" };

    private static int CountRun(string v, int start, Func<char, bool> predicate)
    {
        var n = 0;
        while (start + n < v.Length && predicate(v[start + n]))
        {
            n++;
        }

        return n;
    }

    private static bool IsTrivialRun(string v, int start, int length) =>
        start + length > v.Length || IsTrivial(v.Substring(start, length)) || IsPlaceholder(v.Substring(start, length));

    private static bool IsAllDigits(string v)
    {
        foreach (var c in v)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasMixedCase(string v)
    {
        bool lower = false, upper = false;
        foreach (var c in v)
        {
            lower |= c is >= 'a' and <= 'z';
            upper |= c is >= 'A' and <= 'Z';
        }

        return lower && upper;
    }

    private static readonly HashSet<string> AuthorizationSchemes = new(StringComparer.OrdinalIgnoreCase)
    {
        "Bearer", "Basic", "Token", "Digest", "Negotiate", "NTLM", "User", "Organization", "Element", "ApiKey", "SharedKey", "OAuth",
    };

    /// <summary>The credential part of an Authorization value: "Bearer abc" -> "abc"; a value without a scheme as it is.</summary>
    public static string StripScheme(string value)
    {
        var v = value.Trim();
        var space = v.IndexOf(' ');
        return space > 0 ? v.Substring(space + 1).Trim() : v;
    }

    /// <summary>
    /// True when an Authorization value carries a literal credential: "Bearer abc", "Basic dXNlcjpwYXNz",
    /// "User abc, Organization def". Scheme-only values, placeholders and test vectors are not credentials.
    /// </summary>
    public static bool HasAuthorizationCredential(string value, bool parameterOnly)
    {
        foreach (var rawPart in parameterOnly ? new[] { value } : value.Split(','))
        {
            var part = rawPart.Trim();
            if (part.Length == 0)
            {
                continue;
            }

            string credential;
            if (parameterOnly)
            {
                credential = part;
            }
            else
            {
                var space = part.IndexOf(' ');
                if (space < 0)
                {
                    if (AuthorizationSchemes.Contains(part))
                    {
                        continue;
                    }

                    credential = part;
                }
                else
                {
                    credential = part.Substring(space + 1).Trim();
                }
            }

            if (credential.Length > 0 && credential.IndexOf(' ') < 0 && !IsPlaceholder(credential) && !IsTrivial(credential) &&
                credential.IndexOf('{') < 0 && !LooksLikeParameterOrEnvironmentName(credential))
            {
                return true;
            }
        }

        return false;
    }
}
