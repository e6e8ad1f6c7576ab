using System;
using System.Collections.Generic;

namespace ConnectorGen.Analyzers.Secrets;

/// <summary>
/// Credentials carried inside a value: a password in a connection string or in a URI's user info, the credential of
/// an Authorization header value. Only values that contain the marker characters ('=', '@', ' ') get past the first check.
/// </summary>
internal static class CredentialContent
{
    private static readonly char[] AuthorityEnd = { '/', '?', '#' };

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
        var end = v.IndexOfAny(AuthorityEnd, start);
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
        return !SecretValues.IsPlaceholder(password) && !SecretValues.IsTrivial(password);
    }

    /// <summary>"Server=..;Password=..;" or "Pwd=..": a connection string with a literal password.</summary>
    public static bool HasConnectionStringPassword(string v)
    {
        if (v.IndexOf('=') < 0)
        {
            return false;
        }

        // Walk the key=value parts in place, comparing each key with the few password keys: most values that get here
        // ("a=b", query strings, messages) are not connection strings, and splitting them would allocate for nothing.
        for (var partStart = 0; partStart < v.Length;)
        {
            var partEnd = v.IndexOf(';', partStart);
            if (partEnd < 0)
            {
                partEnd = v.Length;
            }

            var eq = v.IndexOf('=', partStart, partEnd - partStart);
            if (eq > partStart && IsPasswordKey(v, partStart, eq) && HasLiteralValue(v, eq + 1, partEnd))
            {
                return true;
            }

            partStart = partEnd + 1;
        }

        return false;
    }

    private static readonly string[] PasswordKeys = { "password", "pwd", "passwd", "accountkey", "sharedaccesskey", "client secret", "clientsecret" };

    /// <summary>The key between start and end (white space around it ignored) is a password key, ignoring case.</summary>
    private static bool IsPasswordKey(string v, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(v[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(v[end - 1]))
        {
            end--;
        }

        foreach (var key in PasswordKeys)
        {
            if (key.Length == end - start && string.Compare(v, start, key, 0, key.Length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The value between start and end (trimmed, quotes removed) is a literal password, not a placeholder.</summary>
    private static bool HasLiteralValue(string v, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(v[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(v[end - 1]))
        {
            end--;
        }

        while (start < end && v[start] is '\'' or '"')
        {
            start++;
        }

        while (end > start && v[end - 1] is '\'' or '"')
        {
            end--;
        }

        if (start == end)
        {
            return false;
        }

        var value = v.Substring(start, end - start); // only for a password key with a value: rare
        return !SecretValues.IsPlaceholder(value) && !SecretValues.IsTrivial(value) && value.IndexOf('{') < 0;
    }

    /// <summary>
    /// "user:password" as a Basic header encodes it: a user, one colon, a password that is not a placeholder, trivial
    /// or a template, no white space and no scheme (a URL is not credentials).
    /// </summary>
    public static bool IsUserPassword(string v)
    {
        var colon = v.IndexOf(':');
        if (colon <= 0 || colon == v.Length - 1 || v.IndexOf(':', colon + 1) >= 0 || v.IndexOf('{') >= 0)
        {
            return false;
        }

        foreach (var c in v)
        {
            if (char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        var password = v.Substring(colon + 1);
        if (password.StartsWith("//", StringComparison.Ordinal))
        {
            return false; // scheme://host: a URL
        }

        return !SecretValues.IsPlaceholder(password) && !SecretValues.IsTrivial(password) && !SecretValues.IsPlaceholder(v.Substring(0, colon));
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

            if (credential.Length > 0 && credential.IndexOf(' ') < 0 && !SecretValues.IsPlaceholder(credential) && !SecretValues.IsTrivial(credential) &&
                credential.IndexOf('{') < 0 && !SecretValues.LooksLikeParameterOrEnvironmentName(credential))
            {
                return true;
            }
        }

        return false;
    }
}
