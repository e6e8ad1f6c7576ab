namespace ConnectorGen.Analyzers.Tests;

internal static class Code
{
    public const string Usings = """
        #nullable enable
        using System;
        using System.Collections.Generic;
        using System.Data.Common;
        using System.Net;
        using System.Net.Http;
        using System.Net.Http.Headers;
        using Microsoft.Extensions.Configuration;
        using Contoso.Connectors;
        using static Sinks;

        """;

    /// <summary>Wraps members in a class with the usings every test needs.</summary>
    public static string Class(string members) => Usings + "class C\n{\n" + members + "\n}\n" + Support;

    /// <summary>Types the snippets use: a holder of named constants, a positional record with a secret, secret parameters.</summary>
    public const string Support = """
        static class Holder
        {
            public const string Neutral = "q7Vb2kLp9Xz";
            public static readonly string ReadOnlyNeutral = "q7Vb" + "2kLp9Xz";
            public static readonly string Part = "2kLp9Xz";
        }
        record Rec([property: ConnectorGen.ConnectorSecret] string Key);
        static class Sinks
        {
            public static void Use([ConnectorGen.ConnectorSecret] string secretValue) { }
            public static void UsePlain(string value) { }
            public static void SetPassword(string password) { }
        }

        """;

    /// <summary>Wraps statements in a method of such a class.</summary>
    public static string Method(string statements) => Class("void M(HttpRequestMessage request, HttpClient client, Dictionary<string, string> dict, IConfiguration config)\n{\n" + statements + "\n}");

    // Fake credentials in the documented formats (random, never issued).
    public const string Keap = "KeapAK-a4c123b1612dd272d1371c17149d439536b3216fdaeeb97572";
    public const string GitHub = "ghp_KtHF4vUCsMehGAkWvj7FAc9QeWJKY40uvSwM";
    public const string GitHubPat = "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";
    public const string AwsKeyId = "AKIAQSAJ08XUI6D39ZZZ";
    public const string AwsSecret = "Yn9ZhyiA4uoRgnatmUdjAWtGSU8po/799NksnRH9";
    public const string Stripe = "sk_live_1SkHbn88HxjSI6bWHtP3fS2q";
    public const string Slack = "https://hooks.slack.com/services/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";
    public const string Hex32 = "7f6a6f0fb23c6f5da2cec255404e4fb4";
    public const string Jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.JJibaZUPgHV7iB3m03nbqnsGpWLuqIA1id6Vw5DQL05";
}
