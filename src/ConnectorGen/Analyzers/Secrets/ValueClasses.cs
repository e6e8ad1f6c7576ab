using System;

namespace ConnectorGen.Analyzers.Secrets;

/// <summary>
/// The classes of value that are not credentials although a secret-sounding name holds them (issue 20 item 1): slugs,
/// identifiers, templates, regular expressions, markers, file names and paths, option lists, codes and short tags.
/// <see cref="SecretValues.Shape"/> asks them in order; docs/rules/CG2003.md lists them with examples.
/// </summary>
internal static class ValueClasses
{
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
    public static bool IsTag(string v, int upper, int letters)
    {
        if (v.Length > 7 || letters == 0 || (upper > 0 && upper < letters))
        {
            return false;
        }

        var switches = 0;
        for (var i = 0; i < v.Length; i++)
        {
            if (!SecretValues.IsAlnum(v[i]))
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
}
