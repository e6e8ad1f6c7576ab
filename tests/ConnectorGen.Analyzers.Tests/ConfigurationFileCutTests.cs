using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace ConnectorGen.Analyzers.Tests;

/// <summary>
/// The cut-file and fuzz campaign of the configuration-file analyzer, extended to every file kind it reads: each
/// sample is truncated, has a span deleted or duplicated, or gets characters that matter to its syntax inserted, at
/// random points (seeded). No analyzer may throw (no AD0001, nothing reaches OnAnalyzerException), and no message may
/// quote a planted value. <c>CONNECTORGEN_CONFIG_CUTS</c> sets the number of cut files per kind (default 150).
/// </summary>
public class ConfigurationFileCutTests
{
    private const string Secret = "Hx7!qL2#vR9z";

    public static readonly IReadOnlyList<(string Path, string Text)> Samples = new[]
    {
        ("/p/appsettings.json", "{ \"Infusionsoft\": { \"ClientSecret\": \"q7Vb2kLp9Xz\" }, \"Smtp\": { \"Password\": \"" + Secret + "\" }, \"A\": [ \"x\", { \"Token\": \"k93jfu2Lq\" } ] }"),
        ("/p/Properties/launchSettings.json", "{ \"profiles\": { \"web\": { \"environmentVariables\": { \"INFUSIONSOFT_CLIENT_SECRET\": \"q7Vb2kLp9Xz\", \"DB_PASSWORD\": \"" + Secret + "\" } } } }"),
        ("/p/app.config", "<?xml version=\"1.0\"?>\n<configuration>\n  <appSettings>\n    <add key=\"Infusionsoft:ClientSecret\" value=\"q7Vb2kLp9Xz\" />\n    <add key='SmtpPassword' value='" + Secret + "'/>\n  </appSettings>\n  <connectionStrings>\n    <add name=\"Db\" connectionString=\"Server=db;Password=k93jfu2Lq\" />\n  </connectionStrings>\n</configuration>\n"),
        ("/p/Web.Debug.config", "<configuration xmlns:xdt=\"http://schemas.microsoft.com/XML-Document-Transform\"><appSettings><add key=\"ApiKey\" value=\"Zm9vYmFyYmF6Vq3k\" xdt:Transform=\"Insert\"/></appSettings><!DOCTYPE x [<!ENTITY e \"boom\">]></configuration>"),
        ("/p/Properties/PublishProfiles/prod.pubxml", "<Project>\n  <PropertyGroup>\n    <UserName>$site</UserName>\n    <Password>" + Secret + "</Password>\n    <MSDeployPassword>&amp;k93jfu2Lq</MSDeployPassword>\n  </PropertyGroup>\n</Project>\n"),
        ("/p/api.http", "@host = https://localhost\n@token = k93jfu2Lq7Vb\n@apiKey = " + Secret + "\n\nGET {{host}}/a\nAuthorization: Bearer {{token}}\nX-Api-Key: {{apiKey}}\n\n###\nPOST {{host}}/b\nAuthorization: Basic aGFyYm9yOms5M2pmdTJMcQ==\n"),
        ("/p/api.rest", "GET https://api.contoso.com/me HTTP/1.1\nAuthorization: Bearer Vq3kT9zLm2Xp8RwC\n"),
        ("/p/.env", "# c\nINFUSIONSOFT_CLIENT_SECRET=q7Vb2kLp9Xz\nexport DB_PASSWORD=\"" + Secret + "\"\nAPI_TOKEN='k93jfu2Lq' # x\n=\n\"\nKEY\n"),
        ("/p/docker-compose.yml", "services:\n  api:\n    environment:\n      - Infusionsoft__ClientSecret=q7Vb2kLp9Xz\n      - \"DB_PASSWORD=" + Secret + "\"\n  db:\n    environment:\n      POSTGRES_PASSWORD: '" + Secret + "'\n      EMPTY:\n    ports: [\"80:80\"]\n"),
    };

    private static readonly string[] Planted = { "q7Vb2kLp9Xz", Secret, "k93jfu2Lq", "Zm9vYmFyYmF6Vq3k", "Vq3kT9zLm2Xp8RwC" };

    private static readonly string[] Syntax = { "<", ">", "\"", "'", "=", ":", "{{", "}}", "\n", "\r\n", "-", "#", "@", "&", "&#x0;", "]]>", "\t", "  ", "\u00e9", "\uFEFF", "\0" };

    [Fact]
    public async Task IntactSamplesReportEveryKind()
    {
        var diagnostics = await Analyze(Samples.Select(s => (AdditionalText)new InMemoryText(s.Path, s.Text)));
        foreach (var (path, _) in Samples)
        {
            Assert.Contains(diagnostics, d => d.Id == "CG2004" && d.Location.GetLineSpan().Path == path);
        }

        Assert.All(diagnostics, d => Assert.DoesNotContain(Planted, v => d.GetMessage().Contains(v, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task CutAndFuzzedFilesNeverThrow()
    {
        var cuts = int.TryParse(Environment.GetEnvironmentVariable("CONNECTORGEN_CONFIG_CUTS"), out var n) && n > 0 ? n : 150;
        var random = new Random(20261203);
        var total = 0;
        for (var round = 0; round < cuts; round++)
        {
            var files = new List<AdditionalText>();
            var described = new List<string>();
            foreach (var (path, text) in Samples)
            {
                var (cut, how) = Cut(text, random);
                files.Add(new InMemoryText(path, cut));
                described.Add(path + " " + how);
            }

            var diagnostics = await Analyze(files, described);
            Assert.All(diagnostics, d => Assert.DoesNotContain(Planted, v => d.GetMessage().Contains(v, StringComparison.Ordinal)));
            total += files.Count;
        }

        Assert.Equal(cuts * Samples.Count, total);
    }

    private static (string Text, string How) Cut(string text, Random random)
    {
        var at = random.Next(text.Length + 1);
        switch (random.Next(4))
        {
            case 0:
                return (text[..at], "truncated at " + at);
            case 1:
                {
                    var length = Math.Min(text.Length - at, random.Next(1, 80));
                    return (text.Remove(at, length), $"deleted {length} at {at}");
                }

            case 2:
                {
                    var length = Math.Min(text.Length - at, random.Next(1, 80));
                    var to = random.Next(text.Length + 1);
                    return (text.Insert(to, text.Substring(at, length)), $"duplicated {length} from {at} to {to}");
                }

            default:
                {
                    var insert = Syntax[random.Next(Syntax.Length)];
                    return (text.Insert(at, insert), $"inserted {insert.Length} characters at {at}");
                }
        }
    }

    private static async Task<ImmutableArray<Diagnostic>> Analyze(IEnumerable<AdditionalText> files, List<string>? described = null)
    {
        var all = files.Append(new InMemoryText("/p/infusionsoft.connector.json", SecretTest.Mapping)).ToImmutableArray();
        var compilation = CSharpCompilation.Create("T", new[] { CSharpSyntaxTree.ParseText("class C { }") }, SecretTest.References);
        var exceptions = new ConcurrentQueue<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(all),
            onAnalyzerException: (e, analyzer, _) => exceptions.Enqueue(analyzer.GetType().Name + ": " + e),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ConfigurationFileSecretAnalyzer()), options).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        var context = described is null ? string.Empty : string.Join("\n", described);
        Assert.True(exceptions.IsEmpty, "the analyzer threw on:\n" + context + "\n" + string.Join("\n", exceptions));
        Assert.DoesNotContain(diagnostics, d => d.Id.StartsWith("AD", StringComparison.Ordinal));
        return diagnostics;
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
