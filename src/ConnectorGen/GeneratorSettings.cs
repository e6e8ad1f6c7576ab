using System;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ConnectorGen;

/// <summary>
/// The MSBuild properties the generator reads (made visible by CompilerVisibleProperty in build/ConnectorGen.props):
/// <c>RootNamespace</c>, and <c>ConnectorGenEnabled</c> (only "false", in any case, turns the generator off; unset or
/// anything else leaves it on).
/// </summary>
internal sealed record GeneratorSettings(string? RootNamespace, bool Enabled = true, bool AnalyzersStopHere = false)
{
    public static GeneratorSettings From(AnalyzerConfigOptions options)
    {
        options.TryGetValue("build_property.RootNamespace", out var rootNamespace);
        options.TryGetValue("build_property.ConnectorGenEnabled", out var enabled);
        return new GeneratorSettings(
            string.IsNullOrWhiteSpace(rootNamespace) ? null : rootNamespace,
            !string.Equals(enabled?.Trim(), "false", StringComparison.OrdinalIgnoreCase),
            AnalyzersStopAt(options));
    }

    /// <summary>
    /// CG1051: build/ConnectorGen.props found the package reference in this project file itself (not in an imported
    /// Directory.Build.props), so it reaches no project that references this one; only a library that is not a test
    /// project has such consumers.
    /// </summary>
    private static bool AnalyzersStopAt(AnalyzerConfigOptions options)
    {
        options.TryGetValue("build_property.ConnectorGenReferenceStopsAtProject", out var stops);
        options.TryGetValue("build_property.OutputType", out var outputType);
        options.TryGetValue("build_property.IsTestProject", out var isTest);
        return string.Equals(stops?.Trim(), "true", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(isTest?.Trim(), "true", StringComparison.OrdinalIgnoreCase)
            && (string.IsNullOrWhiteSpace(outputType) || string.Equals(outputType!.Trim(), "Library", StringComparison.OrdinalIgnoreCase));
    }
}
