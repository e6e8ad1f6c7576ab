using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ConnectorGen.Benchmarks.Analyzers;

/// <summary>
/// Deterministic corpus of realistic service code: HTTP calls with headers, configuration reads, dictionaries,
/// string switches, log messages, constants, and about one hard-coded secret per 150 lines.
/// </summary>
internal static class CorpusGenerator
{
    public static List<string> Generate(int targetLines, bool withSecrets, out int lines)
    {
        var random = new Random(20261128);
        var files = new List<string>();
        lines = 0;
        for (var i = 0; lines < targetLines; i++)
        {
            var text = File(i, random, withSecrets);
            lines += CountLines(text);
            files.Add(text);
        }

        return files;
    }

    private static int CountLines(string text)
    {
        var n = 1;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                n++;
            }
        }

        return n;
    }

    private static string Token(Random random, int length)
    {
        const string alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    private static string File(int i, Random random, bool withSecrets)
    {
        var n = i.ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.Append($$"""
            #nullable enable
            using System;
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Net.Http.Headers;
            using System.Threading;
            using System.Threading.Tasks;

            namespace Corpus.Module{{n}};

            public sealed class Service{{n}}
            {
                private const string BaseUrl = "https://api.contoso{{n}}.example.com/v1/";
                private const string UserAgent = "Contoso.Service{{n}}/1.0";
                private const string TokenEndpoint = "https://login.contoso.example.com/oauth/token";
                private static readonly string DefaultRegion = "westeurope";
                private static readonly string[] Scopes = { "contacts.read", "contacts.write", "orders.read" };
                private readonly HttpClient _client;
                private readonly Dictionary<string, string> _settings = new()
                {
                    ["timeout"] = "30",
                    ["region"] = "eu-west-1",
                    ["retry.count"] = "3",
                    ["oauth.callback.url"] = "https://app.contoso.example.com/callback",
                };

                public Service{{n}}(HttpClient client)
                {
                    _client = client;
                    _client.DefaultRequestHeaders.Add("User-Agent", UserAgent);
                    _client.DefaultRequestHeaders.Add("Accept", "application/json");
                }

            """);
        var methods = 8 + random.Next(4);
        for (var j = 0; j < methods; j++)
        {
            var m = j.ToString(CultureInfo.InvariantCulture);
            sb.Append($$"""
                    public async Task<string> GetResource{{m}}Async(int id, string? filter, CancellationToken cancellationToken)
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Get, BaseUrl + "resources{{m}}/" + id.ToString() + "?filter=" + (filter ?? "all"));
                        request.Headers.Add("X-Request-Id", Guid.NewGuid().ToString("N"));
                        request.Headers.Add("X-Client", "service-{{n}}");
                        var kind = filter switch
                        {
                            "active" => "A",
                            "archived" => "R",
                            "deleted" => "D",
                            _ => "U",
                        };
                        if (string.Equals(kind, "D", StringComparison.Ordinal))
                        {
                            Console.WriteLine("Resource {0} of kind {1} was deleted; skipping", id, kind);
                            return string.Empty;
                        }

                        var region = Environment.GetEnvironmentVariable("CONTOSO_REGION") ?? DefaultRegion;
                        var message = $"Fetching resource {id} in {region} with scopes {string.Join(" ", Scopes)}";
                        Console.WriteLine(message);
                        using var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
                        if (!response.IsSuccessStatusCode)
                        {
                            throw new InvalidOperationException("Request for resource " + id + " failed with " + (int)response.StatusCode);
                        }

                        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                    }

                """);
            if (random.Next(3) == 0 && withSecrets)
            {
                sb.Append(Secret(random, m));
            }
        }

        sb.Append("""
            }

            """);
        return sb.ToString();
    }

    private static string Secret(Random random, string m) => random.Next(6) switch
    {
        0 => $$"""
                private const string Password{{m}} = "{{Token(random, 12)}}";

            """,
        1 => $$"""
                public void Authorize{{m}}(HttpRequestMessage request) => request.Headers.Add("Authorization", "Bearer {{Token(random, 32)}}");

            """,
        2 => $$"""
                public AuthenticationHeaderValue Header{{m}}() => new AuthenticationHeaderValue("Basic", "{{Token(random, 24)}}");

            """,
        3 => $$"""
                public Dictionary<string, string> Configuration{{m}}() => new() { ["oauth.api.key"] = "app-{{Token(random, 8)}}", ["oauth.api.secret"] = "{{Token(random, 20)}}" };

            """,
        4 => $$"""
                private readonly string _connectionString{{m}} = "Server=db;Database=app;User Id=svc;Password={{Token(random, 14)}};";

            """,
        _ => $$"""
                private string ApiToken{{m}} { get; } = Environment.GetEnvironmentVariable("API_TOKEN") ?? "{{Token(random, 16)}}";

            """,
    };
}
