using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ConnectorGen.Tests.Support;

/// <summary>An in-memory mapping file for the generator driver.</summary>
internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text, System.Text.Encoding.UTF8);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

internal sealed class TestOptionsProvider(Dictionary<string, string> global) : AnalyzerConfigOptionsProvider
{
    public override AnalyzerConfigOptions GlobalOptions { get; } = new TestOptions(global);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new TestOptions([]);

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new TestOptions([]);

    private sealed class TestOptions(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}

public enum TargetRefs
{
    Net80,
    Net100,

    /// <summary>netstandard2.0 (NETStandard.Library's reference assemblies); no Microsoft.Extensions assemblies fit it here.</summary>
    NetStandard20,
}

/// <summary>Runs the real generator through a <see cref="CSharpGeneratorDriver"/> and compiles what it writes.</summary>
internal static class GeneratorHarness
{
    public const string MappingPath = "/project/infusionsoft.connector.json";

    public static IEnumerable<MetadataReference> References(TargetRefs target, bool withExtensions)
    {
        if (target == TargetRefs.NetStandard20)
        {
            return Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "refs", "netstandard2.0"), "*.dll")
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path));
        }

        var refs = target == TargetRefs.Net80
            ? Basic.Reference.Assemblies.Net80.References.All.Cast<MetadataReference>()
            : Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>();
        if (withExtensions)
        {
            refs = refs.Concat(new[]
            {
                typeof(Microsoft.Extensions.Configuration.IConfiguration).Assembly,
                typeof(Microsoft.Extensions.Options.IValidateOptions<>).Assembly,
                typeof(Microsoft.Extensions.Primitives.StringValues).Assembly,
                typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly,
                typeof(Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions).Assembly,
                typeof(Microsoft.Extensions.Logging.ILoggerFactory).Assembly,
            }.Select(a => MetadataReference.CreateFromFile(a.Location)));
        }

        return refs;
    }

    /// <param name="replaceReferences">The whole reference set, instead of the target's (e.g. one with a package left out).</param>
    public static CSharpCompilation Compilation(string source = "", TargetRefs target = TargetRefs.Net100, bool withExtensions = true, string assemblyName = "Tests.Consumer", LanguageVersion language = LanguageVersion.CSharp12, IEnumerable<MetadataReference>? extraReferences = null, IEnumerable<MetadataReference>? replaceReferences = null) =>
        CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(language), path: "/project/Program.cs")],
            (replaceReferences ?? References(target, withExtensions)).Concat(extraReferences ?? []),
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                // Nullable contexts need C# 8: below it the option is an error of its own (CS8630), not the generator's.
                nullableContextOptions: language >= LanguageVersion.CSharp8 ? NullableContextOptions.Enable : NullableContextOptions.Disable,
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic> { ["CS1591"] = ReportDiagnostic.Suppress }));

    /// <param name="globalOptions">Extra global options (e.g. <c>build_property.ConnectorGenEnabled</c>), added after RootNamespace.</param>
    public static GeneratorDriver Driver(IEnumerable<AdditionalText> files, string? rootNamespace = "Tests.Consumer", IReadOnlyDictionary<string, string>? globalOptions = null, LanguageVersion language = LanguageVersion.CSharp12) =>
        CSharpGeneratorDriver.Create(
            [new ConnectorGenerator().AsSourceGenerator()],
            files,
            new CSharpParseOptions(language),
            new TestOptionsProvider(GlobalOptions(rootNamespace, globalOptions)),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static Dictionary<string, string> GlobalOptions(string? rootNamespace, IReadOnlyDictionary<string, string>? extra = null)
    {
        var options = rootNamespace is null ? new Dictionary<string, string>() : new() { ["build_property.RootNamespace"] = rootNamespace };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            options[key] = value;
        }

        return options;
    }

    public sealed record Run(GeneratorDriverRunResult Result, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics)
    {
        /// <summary>Warnings and errors of the compilation with the generated code (warnings count: consumers build with warnings as errors).</summary>
        public ImmutableArray<Diagnostic> CompileDiagnostics => Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();

        public string Source(string hintSuffix) =>
            Result.Results.SelectMany(r => r.GeneratedSources).Single(s => s.HintName.EndsWith(hintSuffix, StringComparison.Ordinal)).SourceText.ToString();
    }

    public static Run RunGenerator(string mappingJson, string source = "", string path = MappingPath, TargetRefs target = TargetRefs.Net100, bool withExtensions = true) =>
        RunGenerator([new InMemoryAdditionalText(path, mappingJson)], source, target, withExtensions);

    public static Run RunGenerator(IEnumerable<AdditionalText> files, string source = "", TargetRefs target = TargetRefs.Net100, bool withExtensions = true, string? rootNamespace = "Tests.Consumer", IReadOnlyDictionary<string, string>? globalOptions = null, LanguageVersion language = LanguageVersion.CSharp12, IEnumerable<MetadataReference>? extraReferences = null, string assemblyName = "Tests.Consumer", IEnumerable<MetadataReference>? replaceReferences = null)
    {
        var compilation = Compilation(source, target, withExtensions, assemblyName, language, extraReferences, replaceReferences);
        var driver = Driver(files, rootNamespace, globalOptions, language).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new Run(driver.GetRunResult(), output, diagnostics);
    }

    /// <summary>Emits the compilation and loads it, so generated code can be executed.</summary>
    public static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        return Assembly.Load(stream.ToArray());
    }

    public static string SampleMapping(string fileName) =>
        File.ReadAllText(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Mappings"), fileName, SearchOption.AllDirectories).Single());
}
