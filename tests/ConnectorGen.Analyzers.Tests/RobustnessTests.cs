using System;
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

/// <summary>Never throws (AD0001) on broken code, and never prints a flagged value.</summary>
public class RobustnessTests
{
    public static IEnumerable<object[]> BrokenSources() => new[]
    {
        new object[] { "class C { string password = \"hunter22" },
        new object[] { "class C { void M() { var x = new InfusionsoftCredentials { ClientSecret = } } }" },
        new object[] { "class C { void M() { Undefined.Call(\"oauth.api.secret\", \"q7Vb2kLp9Xz\"); dict[\"oauth.api.secret\"] = \"q7Vb2kLp9Xz\"; } }" },
        new object[] { "class C { void M() { var (a, b) = (\"x\", ); new NetworkCredential(\"u\", ); var password = $\"{\"; } }" },
        new object[] { "class C { string Password => ; [ConnectorGen.ConnectorSecret] string S = \"q7Vb2kLp9Xz\"u8; }" },
        new object[] { "record R([property: ConnectorGen.ConnectorSecret] string K); class C { void M() { new R(\"q7Vb2kLp9Xz\", \"extra\"); new R(k: ); } }" },
        new object[] { "class C { void M() { string s = 1 switch { 1 => \"q7Vb2kLp9Xz\", }; var t = x ?? \"q7Vb2kLp9Xz\"; } }" },
        new object[] { "class C { const string A = B; const string B = A; void M() { var password = A + B; } }" },
    };

    [Theory]
    [MemberData(nameof(BrokenSources))]
    public async Task NoAnalyzerExceptionOnBrokenCode(string source)
    {
        var diagnostics = await RunAsync(source, WithGenerated: true);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
    }

    [Fact]
    public async Task AnalyzerExceptionsAreVisibleToTheseTests()
    {
        // The harness must be able to fail: a throwing analyzer is reported as AD0001 by it.
        var diagnostics = await RunAsync("class C { string s = \"x\"; }", WithGenerated: false, new ThrowingAnalyzer());
        Assert.Contains(diagnostics, d => d.Id == "AD0001");
    }

    [Fact]
    public async Task MessagesNeverContainTheValue()
    {
        var values = new[]
        {
            "q7Vb2kLp9Xz", "hunter22", "k93jfu2Lq", Code.Keap, Code.GitHub, Code.AwsKeyId, Code.Stripe, Code.Slack, Code.Jwt, Code.Hex32,
        };
        var source = Code.Method($$"""
            var c = new InfusionsoftCredentials { ClientSecret = "{{values[0]}}" };
            var password = "{{values[1]}}";
            request.Headers.Add("Authorization", "Bearer {{values[2]}}");
            dict["oauth.api.secret"] = "{{values[0]}}";
            var a = "{{values[3]}}"; var b = "{{values[4]}}"; var e = "{{values[5]}}"; var f = "{{values[6]}}"; var g = "{{values[7]}}";
            request.Headers.Add("Authorization", "Bearer {{values[8]}}");
            var apiKey = "{{values[9]}}";
            var cs = "Server=db;Password={{values[1]}}";
            """);
        var diagnostics = await RunAsync(source, WithGenerated: true);
        var reported = diagnostics.Where(d => d.Id.StartsWith("CG", StringComparison.Ordinal)).ToList();
        Assert.True(reported.Count >= 11, "expected every planted secret to be reported, got " + reported.Count);
        foreach (var diagnostic in reported)
        {
            var message = diagnostic.GetMessage();
            Assert.DoesNotContain(values, v => message.Contains(v, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task ConfigurationFileMessagesNeverContainTheValue()
    {
        var compilation = Compile("class C { }", WithGenerated: false);
        var files = ImmutableArray.Create<AdditionalText>(
            new InMemoryText("/p/appsettings.json", "{ \"Smtp\": { \"Password\": \"hunter22\" }, \"Infusionsoft\": { \"ClientSecret\": \"q7Vb2kLp9Xz\" } }"),
            new InMemoryText("/p/infusionsoft.connector.json", SecretTest.Mapping));
        var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ConfigurationFileSecretAnalyzer()), new AnalyzerOptions(files))
            .GetAnalyzerDiagnosticsAsync();
        Assert.Equal(2, diagnostics.Count(d => d.Id == "CG2004"));
        Assert.All(diagnostics, d => Assert.DoesNotContain("hunter22", d.GetMessage()));
        Assert.All(diagnostics, d => Assert.DoesNotContain("q7Vb2kLp9Xz", d.GetMessage()));
    }

    private static async Task<ImmutableArray<Diagnostic>> RunAsync(string source, bool WithGenerated, DiagnosticAnalyzer? analyzer = null)
    {
        var compilation = Compile(source, WithGenerated);
        var options = new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new InMemoryText("/p/infusionsoft.connector.json", SecretTest.Mapping)));
        var withAnalyzers = compilation.WithAnalyzers(
            ImmutableArray.Create(analyzer ?? new HardcodedConnectorSecretAnalyzer(), new ConfigurationFileSecretAnalyzer()),
            new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false));
        return await withAnalyzers.GetAllDiagnosticsAsync();
    }

    private static CSharpCompilation Compile(string source, bool WithGenerated)
    {
        var trees = new List<SyntaxTree> { CSharpSyntaxTree.ParseText(source, path: "/p/Test.cs") };
        if (WithGenerated)
        {
            trees.Add(CSharpSyntaxTree.ParseText(SecretTest.Generated + Code.Support, path: "/p/Generated.cs"));
        }

        return CSharpCompilation.Create("T", trees, SecretTest.References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class ThrowingAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("T0001", "t", "t", "t", DiagnosticSeverity.Warning, true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterOperationAction(_ => throw new InvalidOperationException("boom"), OperationKind.Literal);
        }
    }
}
