using System;

namespace ConnectorGen.Analyzers.Secrets;

/// <summary>Provider credential formats (anchors: secretlint's recommended preset and gitleaks' rules).</summary>
internal enum KnownFormat
{
    None,
    KeapApiKey,
    KeapLegacyKey,
    GitHubToken,
    AwsAccessKeyId,
    AwsSecretAccessKey,
    StripeSecretKey,
    SlackWebhook,
    SlackToken,
    PemPrivateKey,
    Jwt,
    SendGridApiKey,
    TwilioApiKey,
    AzureStorageKey,
    AzureSasToken,
    GoogleApiKey,
    NpmToken,
}

/// <summary>
/// Finds a provider credential format inside a value. Each format is anchored on a literal prefix (or on a context for
/// the two that have none), so a value without any prefix costs one vectorized scan per prefix and no allocation.
/// </summary>
internal static class KnownFormats
{
    private static readonly string[] GitHubPrefixes = { "ghp_", "gho_", "ghs_", "ghr_", "ghu_", "github_pat_" };
    private static readonly string[] AwsPrefixes = { "AKIA", "ASIA" };
    private static readonly string[] StripePrefixes = { "sk_live_", "rk_live_" };
    private static readonly string[] SlackPrefixes = { "xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxe-" };

    /// <summary>How a format reads in a diagnostic message.</summary>
    public static string Describe(KnownFormat format) => format switch
    {
        KnownFormat.KeapApiKey => "a Keap API key",
        KnownFormat.KeapLegacyKey => "a Keap legacy Encrypted Key",
        KnownFormat.GitHubToken => "a GitHub token",
        KnownFormat.AwsAccessKeyId => "an AWS access key ID",
        KnownFormat.AwsSecretAccessKey => "an AWS secret access key",
        KnownFormat.StripeSecretKey => "a Stripe live secret key",
        KnownFormat.SlackWebhook => "a Slack webhook URL",
        KnownFormat.SlackToken => "a Slack token",
        KnownFormat.PemPrivateKey => "a PEM private key",
        KnownFormat.Jwt => "a JWT",
        KnownFormat.SendGridApiKey => "a SendGrid API key",
        KnownFormat.TwilioApiKey => "a Twilio API key",
        KnownFormat.AzureStorageKey => "an Azure storage account key",
        KnownFormat.AzureSasToken => "an Azure shared access signature",
        KnownFormat.GoogleApiKey => "a Google API key",
        KnownFormat.NpmToken => "an npm token",
        _ => "a credential",
    };

    /// <summary>
    /// The credential format <paramref name="v"/> contains, or <see cref="KnownFormat.None"/>. <paramref name="keyContext"/>
    /// and <paramref name="awsContext"/> enable the formats that are only credentials in context (32 hex, AWS secret key).
    /// </summary>
    public static KnownFormat Find(string v, bool keyContext, bool awsContext)
    {
        // Every format below holds a run of at least 16 token characters (a PEM key is found by its armour line), so
        // one pass over the value rules out most literals (messages, names, paths) before any prefix is searched for.
        if (v.Length < 16 || (!HasTokenRun(v, 16) && v.IndexOf("-----BEGIN ", StringComparison.Ordinal) < 0))
        {
            return KnownFormat.None;
        }

        int i;
        if ((i = v.IndexOf("KeapAK-", StringComparison.Ordinal)) >= 0 && Run(v, i + 7, CharClass.LowerHex) >= 50 && !SecretValues.IsTrivial(v, i + 7, 50))
        {
            return KnownFormat.KeapApiKey;
        }

        foreach (var prefix in GitHubPrefixes)
        {
            if (Anchored(v, prefix, out i) && Run(v, i + prefix.Length, CharClass.Word) >= 30 && !Placeholder(v, i + prefix.Length, 30))
            {
                return KnownFormat.GitHubToken;
            }
        }

        foreach (var prefix in AwsPrefixes)
        {
            if (Anchored(v, prefix, out i) && Run(v, i + 4, CharClass.UpperDigit) == 16 && !Placeholder(v, i + 4, 16))
            {
                return KnownFormat.AwsAccessKeyId;
            }
        }

        foreach (var prefix in StripePrefixes)
        {
            if ((i = v.IndexOf(prefix, StringComparison.Ordinal)) >= 0 && Run(v, i + prefix.Length, CharClass.Alnum) >= 16 && !Placeholder(v, i + prefix.Length, 16))
            {
                return KnownFormat.StripeSecretKey;
            }
        }

        foreach (var prefix in SlackPrefixes)
        {
            // xoxb-<team digits>-<user digits>-<random>: at least 10 digits after the prefix, then a long run.
            if (Anchored(v, prefix, out i) && Run(v, i + prefix.Length, CharClass.Digit) >= 10 && Run(v, i + prefix.Length, CharClass.Token) >= 30 &&
                !Placeholder(v, i + prefix.Length, 30))
            {
                return KnownFormat.SlackToken;
            }
        }

        if ((i = v.IndexOf("https://hooks.slack.com/services/T", StringComparison.Ordinal)) >= 0 && IsSlackWebhook(v, i + "https://hooks.slack.com/services/".Length))
        {
            return KnownFormat.SlackWebhook;
        }

        if ((i = v.IndexOf("-----BEGIN ", StringComparison.Ordinal)) >= 0)
        {
            var end = v.IndexOf("-----", i + 11, StringComparison.Ordinal);
            if (end > 0 && string.CompareOrdinal(v, end - 11, "PRIVATE KEY", 0, 11) == 0 && HasPemBody(v, end + 5))
            {
                return KnownFormat.PemPrivateKey;
            }
        }

        if ((i = v.IndexOf("eyJ", StringComparison.Ordinal)) >= 0 && (i == 0 || !IsTokenChar(v[i - 1])) && IsJwt(v, i))
        {
            return KnownFormat.Jwt;
        }

        // SG.<22>.<43>
        if (Anchored(v, "SG.", out i) && Run(v, i + 3, CharClass.Base64Url) == 22 && i + 25 < v.Length && v[i + 25] == '.' &&
            Run(v, i + 26, CharClass.Base64Url) == 43 && !Placeholder(v, i + 26, 43))
        {
            return KnownFormat.SendGridApiKey;
        }

        // SK + 32 hex (an account SID, AC..., is not a secret)
        if (Anchored(v, "SK", out i) && Run(v, i + 2, CharClass.Hex) == 32 && !SecretValues.IsTrivial(v, i + 2, 32) && !AllDigits(v, i + 2, 32))
        {
            return KnownFormat.TwilioApiKey;
        }

        if ((i = v.IndexOf("AccountKey=", StringComparison.OrdinalIgnoreCase)) >= 0 && Run(v, i + 11, CharClass.Base64) >= 86 && !Placeholder(v, i + 11, 86))
        {
            return KnownFormat.AzureStorageKey;
        }

        if ((i = v.IndexOf("sig=", StringComparison.Ordinal)) >= 0 && (i == 0 || v[i - 1] is '?' or '&' or ';') &&
            v.IndexOf("sv=", StringComparison.Ordinal) >= 0 && Run(v, i + 4, CharClass.UrlBase64) >= 30 && !Placeholder(v, i + 4, 30))
        {
            return KnownFormat.AzureSasToken;
        }

        if (Anchored(v, "AIza", out i) && Run(v, i + 4, CharClass.Base64Url) == 35 && !Placeholder(v, i + 4, 35))
        {
            return KnownFormat.GoogleApiKey;
        }

        if (Anchored(v, "npm_", out i) && Run(v, i + 4, CharClass.Alnum) == 36 && !Placeholder(v, i + 4, 36))
        {
            return KnownFormat.NpmToken;
        }

        if (keyContext && v.Length == 32 && Run(v, 0, CharClass.Hex) == 32 && !SecretValues.IsTrivial(v) && !AllDigits(v, 0, 32))
        {
            return KnownFormat.KeapLegacyKey;
        }

        if (keyContext && v.Length == 88 && Run(v, 0, CharClass.Base64) == 88 && v.EndsWith("==", StringComparison.Ordinal) && !SecretValues.IsTrivial(v, 0, 86))
        {
            return KnownFormat.AzureStorageKey;
        }

        if (awsContext && v.Length == 40 && Run(v, 0, CharClass.AwsSecret) == 40 && !Placeholder(v, 0, 40) && HasMixedCase(v))
        {
            return KnownFormat.AwsSecretAccessKey;
        }

        return KnownFormat.None;
    }

    /// <summary>True when the value holds <paramref name="length"/> consecutive characters that can be part of a token,
    /// key, URL path or base64 text.</summary>
    private static bool HasTokenRun(string v, int length)
    {
        var run = 0;
        foreach (var c in v)
        {
            if (SecretValues.IsAlnum(c) || c is '-' or '_' or '+' or '/' or '=' or '%' or '.' or '~')
            {
                if (++run >= length)
                {
                    return true;
                }
            }
            else
            {
                run = 0;
            }
        }

        return false;
    }

    /// <summary>header.payload.signature with base64url parts, the first two starting with eyJ and a real signature.</summary>
    public static bool IsJwt(string v, int start)
    {
        var header = Run(v, start, CharClass.Base64Url);
        var payloadStart = start + header + 1;
        if (header < 10 || payloadStart >= v.Length || v[payloadStart - 1] != '.' || string.CompareOrdinal(v, payloadStart, "eyJ", 0, 3) != 0)
        {
            return false;
        }

        var payload = Run(v, payloadStart, CharClass.Base64Url);
        var signatureStart = payloadStart + payload + 1;
        return payload >= 10 && signatureStart < v.Length && v[signatureStart - 1] == '.' && Run(v, signatureStart, CharClass.Base64Url) >= 16;
    }

    private static bool IsSlackWebhook(string v, int start)
    {
        // T<team>/B<bot>/<secret>
        var team = Run(v, start, CharClass.Alnum);
        var bot = start + team + 1;
        if (team < 2 || bot >= v.Length || v[bot - 1] != '/' || v[bot] != 'B')
        {
            return false;
        }

        var botLength = Run(v, bot, CharClass.Alnum);
        var secret = bot + botLength + 1;
        return botLength > 1 && secret < v.Length && v[secret - 1] == '/' && Run(v, secret, CharClass.Alnum) >= 8 && !SecretValues.IsTrivial(v, secret, 8);
    }

    /// <summary>The prefix occurs where a token may start (not inside a longer word).</summary>
    private static bool Anchored(string v, string prefix, out int index)
    {
        index = v.IndexOf(prefix, StringComparison.Ordinal);
        while (index >= 0)
        {
            if (index == 0 || !IsTokenChar(v[index - 1]))
            {
                return true;
            }

            index = v.IndexOf(prefix, index + 1, StringComparison.Ordinal);
        }

        return false;
    }

    private static bool IsTokenChar(char c) => SecretValues.IsAlnum(c) || c is '_' or '-';

    private static bool Placeholder(string v, int start, int length) =>
        start + length > v.Length || SecretValues.IsTrivial(v, start, length) || ContainsPlaceholderMarker(v, start, length);

    private static bool ContainsPlaceholderMarker(string v, int start, int length)
    {
        for (var i = start; i + 4 <= start + length; i++)
        {
            if (char.ToLowerInvariant(v[i]) == 'x' && char.ToLowerInvariant(v[i + 1]) == 'x' && char.ToLowerInvariant(v[i + 2]) == 'x' && char.ToLowerInvariant(v[i + 3]) == 'x')
            {
                return true;
            }
        }

        return v.IndexOf("EXAMPLE", start, length, StringComparison.Ordinal) >= 0;
    }

    private static bool AllDigits(string v, int start, int length)
    {
        for (var i = start; i < start + length; i++)
        {
            if (v[i] is < '0' or > '9')
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

    private enum CharClass
    {
        LowerHex,
        Hex,
        Digit,
        UpperDigit,
        Alnum,
        Word,
        Token,
        Base64,
        Base64Url,
        UrlBase64,
        AwsSecret,
    }

    private static int Run(string v, int start, CharClass cls)
    {
        var n = 0;
        while (start + n < v.Length && Is(v[start + n], cls))
        {
            n++;
        }

        return n;
    }

    private static bool Is(char c, CharClass cls) => cls switch
    {
        CharClass.LowerHex => c is >= '0' and <= '9' or >= 'a' and <= 'f',
        CharClass.Hex => SecretValues.IsHex(c),
        CharClass.Digit => c is >= '0' and <= '9',
        CharClass.UpperDigit => c is >= 'A' and <= 'Z' or >= '0' and <= '9',
        CharClass.Alnum => SecretValues.IsAlnum(c),
        CharClass.Word => SecretValues.IsAlnum(c) || c == '_',
        CharClass.Token => SecretValues.IsAlnum(c) || c == '-',
        CharClass.Base64 => SecretValues.IsAlnum(c) || c is '+' or '/' or '=',
        CharClass.Base64Url => SecretValues.IsAlnum(c) || c is '-' or '_',
        CharClass.UrlBase64 => SecretValues.IsAlnum(c) || c is '%' or '+' or '/' or '=',
        CharClass.AwsSecret => SecretValues.IsAlnum(c) || c is '/' or '+',
        _ => false,
    };

    /// <summary>
    /// Key material after a PEM armour line: at least 8 base64 characters before the next armour or the end. An armour
    /// line alone ("-----BEGIN FAKE RSA PRIVATE KEY-----" written by a generator around run-time bytes) holds no key.
    /// </summary>
    private static bool HasPemBody(string v, int start)
    {
        var run = 0;
        for (var i = start; i < v.Length && v[i] != '-'; i++)
        {
            var c = v[i];
            if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '+' or '/' or '=')
            {
                if (++run >= 8)
                {
                    return true;
                }
            }
            else if (c == '\\' && i + 1 < v.Length && v[i + 1] is 'n' or 'r')
            {
                i++; // an escaped line break in text that was not unescaped
            }
            else if (!char.IsWhiteSpace(c) && c != ':')
            {
                run = 0;
            }
        }

        return false;
    }
}
