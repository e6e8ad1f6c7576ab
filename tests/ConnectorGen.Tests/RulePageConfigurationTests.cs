using System.Collections.Immutable;
using System.Text.RegularExpressions;
using ConnectorGen.Diagnostics;
using ConnectorGen.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace ConnectorGen.Tests;

/// <summary>
/// Issue 23 item 3: every generator rule page's "How to configure" example, applied as written, changes the severity of
/// its diagnostic where the diagnostic is located (a mapping or element file, or nowhere). The example is read as the
/// compiler reads an analyzer config file (AnalyzerConfig.Parse + AnalyzerConfigSet); csc filters diagnostics outside C#
/// files with the global options only, which is why the pages show a <c>.globalconfig</c>.
/// </summary>
public sealed partial class RulePageConfigurationTests
{
    public static TheoryData<string> GeneratorRulePages()
    {
        var data = new TheoryData<string>();
        foreach (var page in Directory.GetFiles(Path.Combine(MappingDiagnosticsTests.RepoRoot(), "docs", "rules"), "CG10*.md").OrderBy(p => p, StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(page));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GeneratorRulePages))]
    public void The_pages_severity_example_applied_as_written_sets_the_severity_where_the_diagnostic_is_located(string id)
    {
        var page = File.ReadAllText(Path.Combine(MappingDiagnosticsTests.RepoRoot(), "docs", "rules", id + ".md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var section = page[page.IndexOf("## How to configure", StringComparison.Ordinal)..];
        var example = IniBlock().Match(section);
        Assert.True(example.Success, id + ": no ini example");
        var text = example.Groups[1].Value;
        Assert.StartsWith("# .globalconfig\n", text, StringComparison.Ordinal);
        var expected = Regex.Match(text, @"dotnet_diagnostic\." + id + @"\.severity = (\w+)").Groups[1].Value;
        Assert.NotEmpty(expected);

        var config = AnalyzerConfig.Parse(SourceText.From(text), "/project/.globalconfig");
        var set = AnalyzerConfigSet.Create(ImmutableArray.Create(config), out var configDiagnostics);
        Assert.Empty(configDiagnostics);
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary).WithSpecificDiagnosticOptions(set.GlobalConfigOptions.TreeOptions);

        var location = page.Contains("without a source location", StringComparison.Ordinal)
            ? Location.None
            : Location.Create(page.Contains("`*.element.json` file", StringComparison.Ordinal) ? "/project/x.element.json" : "/project/x.connector.json", new TextSpan(0, 1), new LinePositionSpan(default, new LinePosition(0, 1)));
        var descriptor = DiagnosticDescriptors.ById(id);
        var arguments = Enumerable.Repeat((object)"x", 8).ToArray();
        CSharpGeneratorDriver.Create(new Reporter(Diagnostic.Create(descriptor, location, arguments)))
            .RunGeneratorsAndUpdateCompilation(CSharpCompilation.Create("Rules", options: options), out _, out var diagnostics);
        var filtered = diagnostics.SingleOrDefault();
        if (expected == "none")
        {
            Assert.Null(filtered);
        }
        else
        {
            Assert.NotNull(filtered);
            Assert.Equal(expected switch { "error" => DiagnosticSeverity.Error, "warning" => DiagnosticSeverity.Warning, "suggestion" => DiagnosticSeverity.Info, _ => DiagnosticSeverity.Hidden }, filtered!.Severity);
            Assert.NotEqual(descriptor.DefaultSeverity, filtered.Severity); // the example changes something, so this test can fail
        }
    }

    /// <summary>The example through the real generator: CG1012 at its JSON token becomes an error.</summary>
    [Fact]
    public void A_globalconfig_raises_a_mapping_diagnostic_reported_by_the_generator()
    {
        var config = AnalyzerConfig.Parse(SourceText.From("is_global = true\ndotnet_diagnostic.CG1012.severity = error\n"), "/project/.globalconfig");
        var set = AnalyzerConfigSet.Create(ImmutableArray.Create(config), out _);
        var json = "{ \"connector\": \"Acme\", \"elementKey\": \"acme\", \"credentials\": [ { \"name\": \"Password\", \"source\": \"p\", \"parameter\": \"acme.pass\", \"secret\": false } ] }";
        var compilation = GeneratorHarness.Compilation();
        compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(set.GlobalConfigOptions.TreeOptions));
        GeneratorHarness.Driver([new InMemoryAdditionalText(GeneratorHarness.MappingPath, json)])
            .RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, Assert.Single(diagnostics, d => d.Id == "CG1012").Severity);
    }

    /// <summary>
    /// Reports one diagnostic as a generator does, so that the driver's own filtering by the compilation options decides
    /// what is left of it. A test double, never loaded by a compiler (hence the analyzer-authoring rules are off).
    /// </summary>
#pragma warning disable RS1041, RS1036
    private sealed class Reporter(Diagnostic diagnostic) : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context) =>
            context.RegisterSourceOutput(context.CompilationProvider, (spc, _) => spc.ReportDiagnostic(diagnostic));
    }
#pragma warning restore RS1041, RS1036

    [GeneratedRegex(@"```ini\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex IniBlock();
}
