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

        if (IsPattern(v))
        {
            return ValueShape.Pattern;
        }

        if (IsTemplate(v))
        {
            return ValueShape.Template;
        }

        if (IsMarker(v))
        {
            return ValueShape.Marker;
        }

        if (IsFileOrPath(v))
        {
            return ValueShape.FileOrPath;
        }

        if (IsOptionList(v))
        {
            return ValueShape.OptionList;
        }

        if (IsCode(v))
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

        if (others > 0 && separators == 0 && IsTag(v, upper, letters))
        {
            return ValueShape.Tag;
        }

        if (others > 0)
        {
            return IsSlug(v) ? ValueShape.Slug : IsIdentifier(v) ? ValueShape.Identifier : ValueShape.Credential;
        }

        if (separators == 0)
        {
            return upper == 0 && letters <= 4 ? ValueShape.Vocabulary : IsIdentifier(v) ? ValueShape.Identifier : ValueShape.Word;
        }

        // Words joined by separators: protocol names and media types are lower case and made of short segments.
        if (upper == 0 && v.Length <= 40 && char.IsLetter(v[0]) && char.IsLetter(v[v.Length - 1]) && !HasDoubledSeparator(v))
        {
            return ValueShape.Vocabulary;
        }

        return IsSlug(v) ? ValueShape.Slug : IsIdentifier(v) ? ValueShape.Identifier : ValueShape.Credential;
    }

    /// <summary>
    /// Lower-case words and numbers joined by '-', '_' or '.': every part is letters, digits, or letters then digits
    /// (v2), and one part is a word of at least three letters. Generated secrets mix letters and digits inside a part.
    /// </summary>
    public static bool IsSlug(string v)
    {
        var parts = 0;
        var hasWord = false;
        var i = 0;
        while (i < v.Length)
        {
            var start = i;
            var letters = 0;
            while (i < v.Length && v[i] is >= 'a' and <= 'z')
            {
                i++;
                letters++;
            }

            var digits = 0;
            while (i < v.Length && v[i] is >= '0' and <= '9')
            {
                i++;
                digits++;
            }

            if (i == start || (i < v.Length && v[i] is not ('-' or '_' or '.')))
            {
                return false;
            }

            hasWord |= letters >= 3;
            parts++;
            if (i < v.Length)
            {
                i++;
                if (i == v.Length)
                {
                    return false;
                }
            }
        }

        return parts >= 2 && hasWord;
    }

    /// <summary>
    /// Two or more words written as a name: PascalCase, camelCase, or words joined by '.', '_', '-', ':', '/'; a word may
    /// end in digits (Sha256, V2), once in the whole name (SsoEmail2faSessionToken). Random strings of letters fail on vowels: at least half of the words of two or more
    /// letters have one (Vb, Rq, Lt in "VbRq-Lt_aZ" have none).
    /// </summary>
    public static bool IsIdentifier(string v)
    {
        if (v.Length < 4 || !char.IsLetter(v[0]))
        {
            return false;
        }

        var words = 0;
        var longWords = 0;
        var voweled = 0;
        var switches = 0;
        var i = 0;
        while (i < v.Length)
        {
            if (v[i] is '.' or '_' or '-' or ':' or '/')
            {
                if (i + 1 >= v.Length || !char.IsLetter(v[i + 1]))
                {
                    return false;
                }

                i++;
                continue;
            }

            if (!(v[i] is >= 'a' and <= 'z' or >= 'A' and <= 'Z'))
            {
                return false;
            }

            // One word: an upper-case run (an acronym, or the capital of the next word), then lower-case letters, then digits.
            var start = i;
            var vowel = false;
            while (i < v.Length && v[i] is >= 'A' and <= 'Z' && !(i + 1 < v.Length && v[i + 1] is >= 'a' and <= 'z' && i > start))
            {
                vowel |= IsVowel(v[i]);
                i++;
            }

            while (i < v.Length && v[i] is >= 'a' and <= 'z')
            {
                vowel |= IsVowel(v[i]);
                i++;
            }

            var letters = i - start;
            while (i < v.Length && v[i] is >= '0' and <= '9')
            {
                i++;
            }

            if (i > start && v[i - 1] is >= '0' and <= '9' && ++switches > 1)
            {
                return false; // more than one run of digits between letters: generated (k93jfu2Lq), not named (Email2fa, OAuth2Client)
            }

            words++;
            if (letters >= 2)
            {
                longWords++;
                if (vowel)
                {
                    voweled++;
                }
            }
        }

        return words >= 2 && longWords > 0 && voweled * 2 >= longWords;

        static bool IsVowel(char c) => (c | 0x20) is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';
    }

    private static readonly string[] RegexConstructs = { "(?", "\\d", "\\w", "\\s", "\\b", "\\.", ".*", ".+", "[^", "]+", "]*", "]?", ")?", ")+", ")*", "|" };

    /// <summary>Two or more regular-expression constructs (anchors count): a pattern, never a generated credential.</summary>
    public static bool IsPattern(string v)
    {
        var constructs = (v[0] == '^' ? 1 : 0) + (v[v.Length - 1] == '$' ? 1 : 0);
        foreach (var construct in RegexConstructs)
        {
            if (v.IndexOf(construct, StringComparison.Ordinal) >= 0 && ++constructs >= 2)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A format item ({0}, {0:N2}, {name}), a printf conversion (%s, %d, %1$s) or a doubled brace template.</summary>
    public static bool IsTemplate(string v)
    {
        for (var i = 0; i < v.Length - 1; i++)
        {
            if (v[i] == '{')
            {
                var close = v.IndexOf('}', i + 1);
                if (close > i + 1 && IsFormatItem(v, i + 1, close))
                {
                    return true;
                }
            }
            else if (v[i] == '%' && (v[i + 1] is 's' or 'd' or 'i' or 'x' or 'f' || (v[i + 1] is >= '1' and <= '9' && i + 2 < v.Length && v[i + 2] == '$')))
            {
                return i + 2 >= v.Length || !char.IsLetterOrDigit(v[i + 2]) || v[i + 2] == '$';
            }
        }

        return false;

        static bool IsFormatItem(string v, int start, int end)
        {
            for (var k = start; k < end; k++)
            {
                if (!(char.IsLetterOrDigit(v[k]) || v[k] is '_' or ':' or ',' or '.' or '-' or '#' or ' '))
                {
                    return false;
                }
            }

            return char.IsLetterOrDigit(v[start]) || v[start] == '_';
        }
    }

    /// <summary>Punctuation only (----, ...., ••••), or one word in brackets ([hidden], (none), [REDACTED]).</summary>
    public static bool IsMarker(string v)
    {
        var letterOrDigit = false;
        foreach (var c in v)
        {
            letterOrDigit |= char.IsLetterOrDigit(c);
        }

        if (!letterOrDigit)
        {
            return true;
        }

        if (v.Length < 3 || !((v[0] == '[' && v[v.Length - 1] == ']') || (v[0] == '(' && v[v.Length - 1] == ')')))
        {
            return false;
        }

        for (var i = 1; i < v.Length - 1; i++)
        {
            if (!(char.IsLetter(v[i]) || v[i] is ' ' or '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static readonly string[] FileExtensions =
    {
        "ps1", "psm1", "sh", "bat", "cmd", "js", "mjs", "ts", "css", "html", "htm", "cshtml", "razor", "json", "xml", "yml", "yaml",
        "txt", "md", "csv", "log", "config", "ini", "toml", "dll", "exe", "so", "dylib", "pem", "pfx", "p12", "cer", "crt", "der",
        "key", "pub", "jks", "snk", "png", "jpg", "jpeg", "gif", "svg", "ico", "mp4", "mkv", "mp3", "m3u8", "zip", "gz", "tar", "db",
        "sqlite", "sql", "cs", "csproj", "sln", "nupkg", "resx", "tmp", "bak", "lock", "env",
    };

    /// <summary>
    /// A file name with a known extension (reset.ps1, signing.pfx), an extension or suffix alone (.ts, _vaapi), or a
    /// path (/var/lib/keys, ./data, ~/x, C:\keys, a). A path's parts are names, never base64: base64 also holds '/'.
    /// </summary>
    public static bool IsFileOrPath(string v)
    {
        if (v.Length >= 2 && v[0] is '.' or '_' or '-' && v.TrimStart('.', '_', '-', ' ') is { Length: > 0 } rest && IsNamePart(rest, 0, rest.Length) && v.IndexOf('.', 1) < 0)
        {
            return true; // ".ts", "_vaapi", "-trailer", "- sample": an extension or a suffix appended to something else
        }

        var dot = v.LastIndexOf('.');
        if (dot > 0 && dot < v.Length - 1)
        {
            var extension = v.Substring(dot + 1);
            foreach (var known in FileExtensions)
            {
                if (string.Equals(extension, known, StringComparison.OrdinalIgnoreCase) && IsPathPart(v, 0, dot))
                {
                    return true;
                }
            }
        }

        var rooted = v[0] == '/' || v[0] == '\\' || v.StartsWith("~/", StringComparison.Ordinal) || v.StartsWith("./", StringComparison.Ordinal) || v.StartsWith("../", StringComparison.Ordinal) ||
                     (v.Length >= 3 && char.IsLetter(v[0]) && v[1] == ':' && v[2] is '\\' or '/');
        if (!rooted && v.IndexOf('\\') < 0)
        {
            return false;
        }

        return IsPathPart(v, 0, v.Length);
    }

    /// <summary>Folder and file names separated by '/' or '\': letters, digits, '.', '_', '-', ' ', a drive colon.</summary>
    private static bool IsPathPart(string v, int start, int end)
    {
        var segmentStart = start;
        for (var i = start; i <= end; i++)
        {
            if (i == end || v[i] is '/' or '\\')
            {
                if (i > segmentStart && !IsNamePart(v, segmentStart, i))
                {
                    return false;
                }

                segmentStart = i + 1;
                continue;
            }

            if (!(char.IsLetterOrDigit(v[i]) || v[i] is '.' or '_' or '-' or ' ' or ':' or '~' or '*' or '{' or '}' or '$'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A name part: a lower-case or digit run, a word, or a name of words (never a random mix like "bWWbjkloG1QX").</summary>
    private static bool IsNamePart(string v, int start, int end)
    {
        var part = v.Substring(start, end - start).Trim('.', '~', '*', ':', ' ');
        if (part.Length == 0)
        {
            return true;
        }

        var lower = true;
        foreach (var c in part)
        {
            if (c is >= 'A' and <= 'Z')
            {
                lower = false;
            }
        }

        return lower || IsIdentifier(part) || (char.IsUpper(part[0]) && part.Length > 1 && AllLowerOrDigits(part, 1)) || part.Length <= 3;

        static bool AllLowerOrDigits(string s, int from)
        {
            for (var i = from; i < s.Length; i++)
            {
                if (!(char.IsLower(s[i]) || char.IsDigit(s[i]) || s[i] is '.' or '_' or '-' or ' '))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>name=value options joined by '&amp;', ';', ':', ',', '|' or spaces, every key a name (base64 has '=' only at its end).</summary>
    public static bool IsOptionList(string v)
    {
        var eq = v.IndexOf('=');
        if (eq <= 0 || eq == v.Length - 1 || v[eq + 1] == '=')
        {
            return false;
        }

        var pairs = 0;
        var keyStart = 0;
        for (var i = 0; i < v.Length; i++)
        {
            var c = v[i];
            if (c is '&' or ';' or ',' or '|' or ' ' or ':' or '?' or '[' or ']')
            {
                keyStart = i + 1;
            }
            else if (c == '=')
            {
                if (i == keyStart || !char.IsLetter(v[keyStart]))
                {
                    return false;
                }

                for (var k = keyStart; k < i; k++)
                {
                    if (!(char.IsLetterOrDigit(v[k]) || v[k] is '_' or '-' or '.'))
                    {
                        return false;
                    }
                }

                pairs++;
                keyStart = i + 1;
            }
        }

        return pairs >= 2 || (pairs == 1 && v.IndexOf(' ') < 0 && v.IndexOfAny(new[] { '&', ';', ':', ',', '|' }) > 0);
    }

    /// <summary>An error or event code: up to six capitals then two to eight digits (IDX10223, E0001, CA-2000), or a SQLSTATE (28P01).</summary>
    public static bool IsCode(string v)
    {
        if (v.Length == 5 && char.IsDigit(v[0]) && char.IsDigit(v[1]) && AllUpperOrDigit(v, 2))
        {
            return true;
        }

        var i = 0;
        while (i < v.Length && v[i] is >= 'A' and <= 'Z')
        {
            i++;
        }

        if (i == 0 || i > 6)
        {
            return false;
        }

        if (i < v.Length && v[i] is '-' or '_' or '.')
        {
            i++;
        }

        var digits = 0;
        while (i < v.Length && char.IsDigit(v[i]))
        {
            i++;
            digits++;
        }

        return i == v.Length && digits is >= 2 and <= 8;

        static bool AllUpperOrDigit(string s, int from)
        {
            for (var k = from; k < s.Length; k++)
            {
                if (!(s[k] is >= 'A' and <= 'Z' || char.IsDigit(s[k])))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>
    /// A short tag: at most seven letters and digits in one case, with at most two switches between letters and digits
    /// (bd25, sbs3d, x264hi, H265). Leetspeak and generated values switch more or mix case (t0k3n, x7Yq2); digits alone
    /// (a numeric API key such as 195003) are not a tag.
    /// </summary>
    private static bool IsTag(string v, int upper, int letters)
    {
        if (v.Length > 7 || letters == 0 || (upper > 0 && upper < letters))
        {
            return false;
        }

        var switches = 0;
        for (var i = 0; i < v.Length; i++)
        {
            if (!IsAlnum(v[i]))
            {
                return false;
            }

            if (i > 0 && char.IsDigit(v[i]) != char.IsDigit(v[i - 1]))
            {
                switches++;
            }
        }

        return switches <= 2;
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
