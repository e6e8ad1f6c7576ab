using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using ConnectorGen.Diagnostics;
using ConnectorGen.Mapping;
using ConnectorGen.Tests.Support;
using CsCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit.Abstractions;

namespace ConnectorGen.Tests.Robustness;

/// <summary>
/// Property-based tests (CsCheck): generated valid mappings compile; mutated mappings (truncated, bytes flipped,
/// values of the wrong type, huge strings, deep nesting, duplicate keys, odd Unicode, BOMs, CRLF...) never make the
/// generator throw, and every invalid file gets a CG1xxx error located inside that file.
/// Iterations: <c>CONNECTORGEN_FUZZ_ITERATIONS</c> (default <see cref="DefaultIterations"/>) mutants go through
/// <see cref="MappingParser.Parse"/> directly; one in 20 of that number go through the real generator driver and a
/// compilation; one in 40 valid mappings are generated, run through the driver and compiled. See docs/robustness.md.
/// </summary>
public sealed class MappingFuzzTests(ITestOutputHelper output)
{
    public const int DefaultIterations = 4000;

    private static readonly string[] Paths =
        ["/project/fuzz.connector.json", "/project/sub dir/ünï.connector.json", "C:\\repo\\Mappings\\Fuzz.CONNECTOR.JSON", "/p/a.connector.json"];

    internal static int Iterations =>
        int.TryParse(Environment.GetEnvironmentVariable("CONNECTORGEN_FUZZ_ITERATIONS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : DefaultIterations;

    [Fact]
    public void Generated_valid_mappings_have_no_errors_and_their_code_compiles()
    {
        var iterations = Math.Max(20, Iterations / 40);
        var started = DateTime.UtcNow;
        MappingGenerators.ValidMapping.Sample(
            spec =>
            {
                var json = spec.ToJson();
                var path = Paths[Math.Abs(spec.Connector.GetHashCode(StringComparison.Ordinal)) % Paths.Length];
                var run = CheckDriver(path, SourceText.From(json, Encoding.UTF8));
                var errors = run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                Assert.True(errors.Count == 0, "a generated valid mapping has errors:\n" + string.Join("\n", errors) + "\n" + json);
                Assert.Contains(run.Result.Results.SelectMany(r => r.GeneratedSources), s => s.HintName.EndsWith(spec.Connector + ".Credentials.g.cs", StringComparison.Ordinal));
            },
            iter: iterations,
            print: spec => spec.ToJson());
        output.WriteLine($"{iterations} valid mappings through the driver and compiled in {(DateTime.UtcNow - started).TotalSeconds:F1} s");
    }

    [Fact]
    public void Mutated_mappings_never_throw_and_every_invalid_file_has_a_located_error_parser()
    {
        var iterations = Iterations;
        var started = DateTime.UtcNow;
        var stillValid = 0;
        MappingGenerators.Mutant.Sample(
            mutant =>
            {
                var (path, text) = Build(mutant);
                if (CheckParse(path, text))
                {
                    Interlocked.Increment(ref stillValid);
                }
            },
            iter: iterations,
            print: Describe);
        output.WriteLine($"{iterations} mutants through MappingParser.Parse in {(DateTime.UtcNow - started).TotalSeconds:F1} s; {stillValid} still valid");
    }

    [Fact]
    public void Mutated_mappings_through_the_real_driver_never_throw_and_compile_when_valid()
    {
        var iterations = Math.Max(50, Iterations / 20);
        var started = DateTime.UtcNow;
        var stillValid = 0;
        MappingGenerators.Mutant.Sample(
            mutant =>
            {
                var (path, text) = Build(mutant);
                var run = CheckDriver(path, text);
                if (run.Result.Results.SelectMany(r => r.GeneratedSources).Any(s => s.HintName.EndsWith("Credentials.g.cs", StringComparison.Ordinal)))
                {
                    Interlocked.Increment(ref stillValid);
                }
            },
            iter: iterations,
            print: Describe);
        output.WriteLine($"{iterations} mutants through the generator driver in {(DateTime.UtcNow - started).TotalSeconds:F1} s; {stillValid} still valid (their code compiled)");
    }

    /// <summary>The text a mutant stands for: its edits applied, then (sometimes) damaged as UTF-8 bytes and decoded as the compiler would.</summary>
    internal static (string Path, SourceText Text) Build((MappingSpec Spec, MappingGenerators.Mutation[] Mutations, int ByteEdits, int Seed) mutant)
    {
        var text = mutant.Spec.ToJson();
        foreach (var mutation in mutant.Mutations)
        {
            text = MappingGenerators.Apply(text, mutation);
        }

        var path = Paths[(int)((uint)mutant.Seed % Paths.Length)];
        if (mutant.ByteEdits == 0)
        {
            return (path, SourceText.From(text, Encoding.UTF8));
        }

        var bytes = MappingGenerators.DamageBytes(text, mutant.ByteEdits, mutant.Seed);
        return (path, SourceText.From(bytes, bytes.Length, encoding: null, throwIfBinaryDetected: false));
    }

    internal static string Describe((MappingSpec Spec, MappingGenerators.Mutation[] Mutations, int ByteEdits, int Seed) mutant)
    {
        var (_, text) = Build(mutant);
        var shown = text.Length > 3000 ? text.ToString(new TextSpan(0, 3000)) + "...(" + text.Length + " chars)" : text.ToString();
        return "mutations " + string.Join(", ", mutant.Mutations.Select(m => m.ToString())) + "; byte edits " + mutant.ByteEdits + " seed " + mutant.Seed + "\n" + Escape(shown);
    }

    private static string Escape(string s)
    {
        var builder = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            builder.Append(c is '\n' or '\t' || (c >= ' ' && c < 0x7f) ? c.ToString() : "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    /// <summary>
    /// Parser-level properties: no exception, every diagnostic inside the file, a null model always explained by an error.
    /// A model may come with errors (the valid part of a file is still generated); the driver check compiles it.
    /// </summary>
    /// <returns>Whether the file is still valid (a model was read).</returns>
    internal static bool CheckParse(string path, SourceText text)
    {
        var result = MappingParser.Parse(path, text, CancellationToken.None);
        var errors = 0;
        foreach (var diagnostic in result.Diagnostics)
        {
            AssertInside(path, text, diagnostic.Id, diagnostic.Location.FilePath, diagnostic.Location.Span);
            Assert.Equal(text.Lines.GetLinePositionSpan(diagnostic.Location.Span), diagnostic.Location.LineSpan);
            if (DiagnosticDescriptors.ById(diagnostic.Id).DefaultSeverity == DiagnosticSeverity.Error)
            {
                Assert.StartsWith("CG1", diagnostic.Id, StringComparison.Ordinal);
                errors++;
            }
        }

        if (result.Model is null)
        {
            Assert.True(errors > 0, "the model is null but no CG1xxx error says why");
        }

        return result.Model is not null && errors == 0;
    }

    /// <summary>
    /// Driver-level properties: no exception, no CS8785, CG diagnostics inside the file, and a compilation without
    /// warnings, also when a file with errors still generates its valid part.
    /// </summary>
    internal static GeneratorHarness.Run CheckDriver(string path, SourceText text)
    {
        var run = GeneratorHarness.RunGenerator([new SourceTextFile(path, text)]);
        foreach (var result in run.Result.Results)
        {
            Assert.True(result.Exception is null, "the generator threw: " + result.Exception);
        }

        var compile = run.CompileDiagnostics;
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "CS8785");
        Assert.DoesNotContain(compile, d => d.Id == "CS8785");
        var errors = 0;
        foreach (var diagnostic in run.GeneratorDiagnostics.Where(d => d.Id.StartsWith("CG", StringComparison.Ordinal)))
        {
            Assert.True(diagnostic.Location.IsInSource || diagnostic.Location.Kind == LocationKind.ExternalFile, diagnostic.Id + " has no file location");
            AssertInside(path, text, diagnostic.Id, diagnostic.Location.GetLineSpan().Path, diagnostic.Location.SourceSpan);
            if (diagnostic.Severity == DiagnosticSeverity.Error)
            {
                Assert.StartsWith("CG1", diagnostic.Id, StringComparison.Ordinal);
                errors++;
            }
        }

        var emitted = run.Result.Results.SelectMany(r => r.GeneratedSources).Any(s => s.HintName.EndsWith("Credentials.g.cs", StringComparison.Ordinal));
        Assert.True(emitted || errors > 0, "no code was generated and no CG1xxx error says why");
        Assert.True(compile.Length == 0, "the generated code does not compile cleanly:\n" + string.Join("\n", compile.Take(10)));
        return run;
    }

    private static void AssertInside(string path, SourceText text, string id, string filePath, TextSpan span)
    {
        Assert.True(filePath == path, $"{id} is reported in '{filePath}', not in '{path}'");
        Assert.True(span.Start >= 0 && span.End <= text.Length, $"{id} at {span} lies outside the text ({text.Length} chars)");
    }
}

/// <summary>An additional file over a ready <see cref="SourceText"/> (decoded from bytes, as the compiler reads files).</summary>
internal sealed class SourceTextFile(string path, SourceText text) : AdditionalText
{
    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => text;
}
