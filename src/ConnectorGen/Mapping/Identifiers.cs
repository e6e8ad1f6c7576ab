using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace ConnectorGen.Mapping;

/// <summary>Names: C# identifiers, environment-variable names, element keys, and the closest-name suggestion.</summary>
internal static class Identifiers
{
    /// <summary>Members the generated credentials type declares itself: a credential may not take these names.</summary>
    public static readonly string[] GeneratedMemberNames =
    {
        "ElementKey", "ConnectorName", "ConfigurationSectionName", "Parameters", GeneratedContract.EnvironmentVariablesClass, "FromEnvironment",
        "FromConfiguration", "ToOpenConnectorsConfiguration", "Validate", "EnsureValid", "ToString", "Equals", "GetHashCode",
        "GetType", "MemberwiseClone", "Finalize", "HasInvalidInput", "MarkInvalidInput",
    };

    /// <summary>Why <paramref name="name"/> cannot be the C# name it is meant for, or null when it can.</summary>
    public static string? IdentifierProblem(string name, string? containingType, bool isMember)
    {
        if (name.Length == 0)
        {
            return "it is empty";
        }

        if (!SyntaxFacts.IsValidIdentifier(name) || name.IndexOf('@') >= 0)
        {
            return "it is not a valid C# identifier (letters, digits and '_', not starting with a digit)";
        }

        if (SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) == SyntaxKind.GlobalKeyword)
        {
            return "it is a C# keyword";
        }

        if (isMember && Array.IndexOf(GeneratedMemberNames, name) >= 0)
        {
            return "the generated credentials type already has a member of that name";
        }

        if (isMember && name == containingType)
        {
            return "a member may not have the name of its type (" + containingType + ")";
        }

        return null;
    }

    public static bool IsNamespace(string value)
    {
        foreach (var part in value.Split('.'))
        {
            if (part.Length == 0 || !SyntaxFacts.IsValidIdentifier(part) || SyntaxFacts.GetKeywordKind(part) != SyntaxKind.None || part == "global")
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A PascalCase C# identifier from a label or key: "Acme Ledger" -> <c>AcmeLedger</c>, "API Key" -> <c>ApiKey</c>
    /// (all-capital words become Pascal case, as .NET names acronyms), "oauth.api.key" -> <c>OauthApiKey</c>,
    /// "2fa code" -> <c>_2faCode</c>. Null when nothing usable is left.
    /// </summary>
    public static string? ToIdentifier(string text)
    {
        var builder = new StringBuilder(text.Length + 1);
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) && SyntaxFacts.IsIdentifierPartCharacter(c))
            {
                word.Append(c);
            }
            else
            {
                AppendWord(builder, word);
            }
        }

        AppendWord(builder, word);
        if (builder.Length == 0)
        {
            return null;
        }

        if (!SyntaxFacts.IsIdentifierStartCharacter(builder[0]))
        {
            builder.Insert(0, '_');
        }

        var result = builder.ToString();
        return SyntaxFacts.IsValidIdentifier(result) ? result : null;

        static void AppendWord(StringBuilder builder, StringBuilder word)
        {
            if (word.Length == 0)
            {
                return;
            }

            var w = word.ToString();
            word.Clear();
            var allCapitals = w.Length > 1 && w.ToUpperInvariant() == w && w.ToLowerInvariant() != w;
            builder.Append(char.ToUpperInvariant(w[0])).Append(allCapitals ? w.Substring(1).ToLowerInvariant() : w.Substring(1));
        }
    }

    /// <summary>
    /// The environment variable FromEnvironment() reads for a credential that names none itself: the prefix, '_', the
    /// property name in UPPER_SNAKE_CASE (<c>INFUSIONSOFT_CLIENT_SECRET</c>). The one place of this rule: mapping
    /// credentials, catalogue entries and element-definition entries all take their names from it.
    /// </summary>
    public static string EnvironmentVariable(string prefix, string credentialName) => prefix + "_" + ToUpperSnake(credentialName);

    /// <summary>The prefix of a connector that names no <c>environmentPrefix</c>: its name in UPPER_SNAKE_CASE.</summary>
    public static string EnvironmentPrefix(string connector) => ToUpperSnake(connector);

    /// <summary>UPPER_SNAKE_CASE of a PascalCase or camelCase name: <c>ClientSecret</c> -> <c>CLIENT_SECRET</c>.</summary>
    public static string ToUpperSnake(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                if (builder.Length > 0 && builder[builder.Length - 1] != '_')
                {
                    builder.Append('_');
                }

                continue;
            }

            if (char.IsUpper(c) && i > 0 && builder.Length > 0 && builder[builder.Length - 1] != '_')
            {
                var previous = name[i - 1];
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && nextIsLower))
                {
                    builder.Append('_');
                }
            }

            builder.Append(char.ToUpperInvariant(c));
        }

        return builder.ToString().TrimEnd('_');
    }

    public static bool IsElementKey(string value)
    {
        if (value.Length == 0)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsLetterOrDigit(c) || c == '-' || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsEnvironmentName(string value)
    {
        if (value.Length == 0 || !IsAsciiLetter(value[0]))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(IsAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>" (did you mean 'x'?)" or empty.</summary>
    public static string Suggest(string name, IReadOnlyList<string> known)
    {
        var closest = ClosestName(name, known);
        return closest is null ? string.Empty : " (did you mean '" + closest + "'?)";
    }

    internal static string? ClosestName(string name, IReadOnlyList<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }

        var allowed = Math.Max(2, name.Length / 3);
        return bestDistance <= allowed ? best : null;
    }

    private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    private static int Distance(string a, string b)
    {
        if (a.Length > 64 || b.Length > 64)
        {
            return int.MaxValue;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
