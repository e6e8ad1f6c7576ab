using System;
using ConnectorGen.Model;

namespace ConnectorGen.Analyzers.Secrets;

/// <summary>What a constant looks like, decided from its characters alone (see docs/rules/CG2003.md).</summary>
internal enum ValueShape
{
    /// <summary>Empty or white space.</summary>
    Blank,

    /// <summary><c>changeme</c>, <c>&lt;your-key&gt;</c>, <c>${TOKEN}</c>, <c>__SECRET__</c>, <c>@Microsoft.KeyVault(...)</c>...</summary>
    Placeholder,

    /// <summary>One repeated character, a run (<c>123456</c>, <c>abcdef</c>) or two alternating characters.</summary>
    Trivial,

    /// <summary>Words separated by spaces: a prompt or a message.</summary>
    Message,

    /// <summary>An http(s) URL without a password.</summary>
    Url,

    /// <summary>The name of something else: an environment variable (<c>API_TOKEN</c>) or a parameter (<c>client_secret</c>).</summary>
    Reference,

    /// <summary>Protocol vocabulary: short lower-case words joined by <c>+ _ : / . -</c> (<c>at+jwt</c>, <c>tkn_lft:act</c>,
    /// <c>application/jwt</c>) or an abbreviation of at most four letters (<c>pwd</c>, <c>otp</c>).</summary>
    Vocabulary,

    /// <summary>A single word of letters (<c>letmein</c>, <c>Sommer</c>).</summary>
    Word,

    /// <summary>Two or more words written as one name (<c>OpenIddict</c>, <c>RefreshTokenKey</c>, <c>Jellyfin.Server</c>).</summary>
    Identifier,

    /// <summary>Lower-case words and numbers joined by <c>-</c>, <c>_</c> or <c>.</c> (<c>pm-5766-automatic-tax</c>, <c>v2-beta</c>).</summary>
    Slug,

    /// <summary>A format string or template: <c>{0}</c>, <c>{name}</c>, <c>%s</c> (<c>token:{0}:{1}</c>).</summary>
    Template,

    /// <summary>A regular expression: two or more regex constructs (<c>^(?&lt;name&gt;.*?)$</c>, <c>[eE]x\.\w+</c>).</summary>
    Pattern,

    /// <summary>A file name, an extension or a path (<c>reset.ps1</c>, <c>.ts</c>, <c>/var/lib/keys</c>, <c>C:\keys</c>).</summary>
    FileOrPath,

    /// <summary>An error or event code: letters then digits (<c>IDX10223</c>, <c>E0001</c>) or a SQLSTATE (<c>28P01</c>).</summary>
    Code,

    /// <summary>A marker: punctuation only (<c>----</c>) or a bracketed word (<c>[hidden]</c>, <c>(none)</c>).</summary>
    Marker,

    /// <summary>A short tag of letters and digits in one case, at most seven characters with at most two letter/digit switches (<c>bd25</c>, <c>sbs3d</c>, <c>x264</c>).</summary>
    Tag,

    /// <summary>A list of <c>name=value</c> options (<c>scale=1280:-2:flags=lanczos</c>, <c>a=1&amp;b=2</c>).</summary>
    OptionList,

    /// <summary>A GUID (client secrets of many samples are GUIDs).</summary>
    Guid,

    /// <summary>Anything else: letters mixed with digits or symbols, base64, hex, ...</summary>
    Credential,
}

/// <summary>
/// The shape of a value (placeholder, message, vocabulary, word, credential...), without allocating on the common path:
/// every constant of a compilation goes through <see cref="Shape"/>.
/// </summary>
internal static class SecretValues
{
    public static ValueShape Shape(string value)
    {
        var start = 0;
        var end = value.Length;
        while (start < end && char.IsWhiteSpace(value[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(value[end - 1]))
        {
            end--;
        }

        if (start == end)
        {
            return ValueShape.Blank;
        }

        var v = start == 0 && end == value.Length ? value : value.Substring(start, end - start);
        if (IsPlaceholder(v))
        {
            return ValueShape.Placeholder;
        }

        if (IsTrivial(v) || HasTrivialBody(v))
        {
            return ValueShape.Trivial;
        }

        if (IsMessage(v))
        {
            return ValueShape.Message;
        }

        if (IsEndpointUrl(v))
        {
            return ValueShape.Url;
        }

        if (LooksLikeParameterOrEnvironmentName(v) || OpenConnectorsVocabulary.SecretKeys.Contains(v))
        {
            return ValueShape.Reference;
        }

        if (IsGuid(v))
        {
            return ValueShape.Guid;
        }

        if (ValueClasses.IsPattern(v))
        {
            return ValueShape.Pattern;
        }

        if (ValueClasses.IsTemplate(v))
        {
            return ValueShape.Template;
        }

        if (ValueClasses.IsMarker(v))
        {
            return ValueShape.Marker;
        }

        if (ValueClasses.IsFileOrPath(v))
        {
            return ValueShape.FileOrPath;
        }

        if (ValueClasses.IsOptionList(v))
        {
            return ValueShape.OptionList;
        }

        if (ValueClasses.IsCode(v))
        {
            return ValueShape.Code;
        }

        return WordShape(v);
    }

    /// <summary>Vocabulary, a plain word, or a credential-like mix of character classes.</summary>
    private static ValueShape WordShape(string v)
    {
        var letters = 0;
        var upper = 0;
        var separators = 0;
        var others = 0;
        foreach (var c in v)
        {
            if (c is >= 'a' and <= 'z')
            {
                letters++;
            }
            else if (c is >= 'A' and <= 'Z')
            {
                letters++;
                upper++;
            }
            else if (c is '+' or '_' or ':' or '/' or '.' or '-')
            {
                separators++;
            }
            else
            {
                others++; // digits, other symbols, non-ASCII
            }
        }

        if (others > 0 && separators == 0 && ValueClasses.IsTag(v, upper, letters))
        {
            return ValueShape.Tag;
        }

        if (others > 0)
        {
            return ValueClasses.IsSlug(v) ? ValueShape.Slug : ValueClasses.IsIdentifier(v) ? ValueShape.Identifier : ValueShape.Credential;
        }

        if (separators == 0)
        {
            return upper == 0 && letters <= 4 ? ValueShape.Vocabulary : ValueClasses.IsIdentifier(v) ? ValueShape.Identifier : ValueShape.Word;
        }

        // Words joined by separators: protocol names and media types are lower case and made of short segments.
        if (upper == 0 && v.Length <= 40 && char.IsLetter(v[0]) && char.IsLetter(v[v.Length - 1]) && !HasDoubledSeparator(v))
        {
            return ValueShape.Vocabulary;
        }

        return ValueClasses.IsSlug(v) ? ValueShape.Slug : ValueClasses.IsIdentifier(v) ? ValueShape.Identifier : ValueShape.Credential;
    }

    private static bool HasDoubledSeparator(string v)
    {
        for (var i = 1; i < v.Length; i++)
        {
            if (!char.IsLetter(v[i]) && !char.IsLetter(v[i - 1]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A short prefix and a trivial body: <c>SG.1234567890...</c>, <c>sk_test_000000</c>, <c>tk-111111</c>.</summary>
    private static bool HasTrivialBody(string v)
    {
        for (var i = 1; i < v.Length && i <= 12; i++)
        {
            if (v[i] is '_' or '-' or '.' or ':')
            {
                var body = v.Length - i - 1;
                if (body >= 6 && IsTrivial(v, i + 1, body))
                {
                    return true;
                }
            }
        }

        return false;
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

    private static readonly string[] PlaceholderWords =
    {
        "changeme", "change_me", "change-me", "changeit", "placeholder", "redacted", "null", "none", "n/a", "todo", "tbd",
        "dummy", "secret", "password",
    };

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

        if (v.StartsWith("your_", StringComparison.OrdinalIgnoreCase) || v.StartsWith("your-", StringComparison.OrdinalIgnoreCase) ||
            v.StartsWith("your ", StringComparison.OrdinalIgnoreCase) || v.StartsWith("<your", StringComparison.OrdinalIgnoreCase) ||
            v.StartsWith("insert", StringComparison.OrdinalIgnoreCase) || v.StartsWith("replace", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var word in PlaceholderWords)
        {
            if (string.Equals(v, word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
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

    /// <summary>All one character, a run of consecutive characters (123456, abcdef, 654321), or two characters alternating.</summary>
    public static bool IsTrivial(string v) => IsTrivial(v, 0, v.Length);

    public static bool IsTrivial(string v, int start, int length)
    {
        if (length <= 0 || start + length > v.Length)
        {
            return true;
        }

        var same = true;
        var up = true;
        var down = true;
        var alternating = length >= 4;
        for (var i = start + 1; i < start + length; i++)
        {
            same &= v[i] == v[start];
            up &= v[i] == v[i - 1] + 1 || (v[i - 1] == '9' && v[i] == '0');
            down &= v[i] == v[i - 1] - 1;
            alternating &= i < start + 2 || v[i] == v[i - 2];
        }

        return same || (length >= 3 && (up || down)) || alternating;
    }

    public static bool IsEndpointUrl(string v) =>
        (v.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || v.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) &&
        !CredentialContent.HasUserInfoPassword(v, out _);

    /// <summary>Prompts and messages: at least two words of letters separated by spaces.</summary>
    public static bool IsMessage(string v)
    {
        var words = 0;
        var letters = 0;
        var length = 0;
        for (var i = 0; i <= v.Length; i++)
        {
            if (i == v.Length || v[i] == ' ')
            {
                if (length > 0 && letters >= 2 && letters >= length - 1)
                {
                    words++;
                }

                letters = 0;
                length = 0;
                continue;
            }

            length++;
            if (char.IsLetter(v[i]))
            {
                letters++;
            }
        }

        return words >= 2;
    }

    public static bool IsGuid(string v) => v.Length is 36 or 38 && Guid.TryParse(v, out _);

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

    public static bool IsAlnum(char c) => c is >= '0' and <= '9' or >= 'a' and <= 'z' or >= 'A' and <= 'Z';

    /// <summary>
    /// True when a value under a secret name is not a look-alike of a secret: not its own name or another name, not a
    /// colour, not a PublicKeyToken. The shape is decided separately (<see cref="Shape"/>).
    /// </summary>
    public static bool IsNotNameOrLookAlike(string value, string? targetName, string? secretWord)
    {
        var v = value.Trim();
        var normalized = SecretNames.Normalize(v);
        if (normalized.Length == 0)
        {
            return false;
        }

        if (targetName is not null && SecretNames.Normalize(targetName) is { Length: > 0 } n && normalized.Contains(n))
        {
            return false;
        }

        if (secretWord is not null && SecretNames.Normalize(secretWord) is { Length: > 0 } w && normalized.Contains(w) && LooksLikeName(v))
        {
            return false;
        }

        return !IsColour(v) && v.IndexOf("PublicKeyToken", StringComparison.OrdinalIgnoreCase) < 0;
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
}
