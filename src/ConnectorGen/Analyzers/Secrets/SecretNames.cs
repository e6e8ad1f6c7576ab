using System;
using System.Collections.Generic;
using System.Text;

namespace ConnectorGen.Analyzers.Secrets;

/// <summary>
/// What a name says: splitting identifiers, keys and paths into words, and deciding whether the words mean "secret"
/// (password, api key, client secret...) or something next to a secret (its hash, its URL, its label...).
/// Pure string logic, shared by the C# analyzer and the configuration-file analyzer.
/// </summary>
internal static class SecretNames
{
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
        "regular", "expression",
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
    /// False when the name cannot contain a secret word, a key context or an AWS context: none of "secret", "pass",
    /// "pwd", "token", "key", "cred", "pat", "aws" occurs in it (ASCII, ignoring case). Every word the rules below
    /// look for contains one of them; names without any are the large majority and skip the word split.
    /// </summary>
    public static bool MayMeanSecret(string name)
    {
        for (var i = 0; i < name.Length; i++)
        {
            switch (name[i] | 0x20)
            {
                case 's' when At(name, i, "secret"):
                case 'p' when At(name, i, "pass") || At(name, i, "pwd") || At(name, i, "pat"):
                case 't' when At(name, i, "token"):
                case 'k' when At(name, i, "key"):
                case 'c' when At(name, i, "cred"):
                case 'a' when At(name, i, "aws"):
                    return true;
            }
        }

        return false;

        static bool At(string name, int start, string word)
        {
            if (start + word.Length > name.Length)
            {
                return false;
            }

            for (var k = 0; k < word.Length; k++)
            {
                if ((name[start + k] | 0x20) != word[k])
                {
                    return false;
                }
            }

            return true;
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

    /// <summary>
    /// A word that names a password: people choose passwords, so a plain word can be one ("letmein"); tokens, keys and
    /// secrets are generated, so under those words a word or a name is vocabulary, never the credential itself.
    /// </summary>
    public static bool IsPasswordWord(string word) => word is "password" or "passwords" or "passwd" or "pwd" or "passphrase" or "pass";

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

    public static string Normalize(string s)
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

}
