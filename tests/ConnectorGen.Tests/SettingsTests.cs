using ConnectorGen.Tests.Support;
using Microsoft.CodeAnalysis;

namespace ConnectorGen.Tests;

/// <summary>
/// The MSBuild switches the generator reads through build_property.* (build/ConnectorGen.props makes them visible):
/// <c>ConnectorGenEnabled=false</c> turns the generator off without disturbing the pipeline's caching.
/// </summary>
public sealed class SettingsTests
{
    /// <summary>Emitted whatever the mappings (unless the C# version is below the minimum): the marker attributes.</summary>
    private static readonly string[] Attributes = ["ConnectorGen.Attributes.g.cs", "Microsoft.CodeAnalysis.EmbeddedAttribute.g.cs"];

    /// <summary>A valid mapping plus a broken one, so "enabled" both emits code and reports a diagnostic.</summary>
    private static AdditionalText[] Files() =>
    [
        new InMemoryAdditionalText("/p/infusionsoft.connector.json", GeneratorHarness.SampleMapping("infusionsoft.connector.json")),
        new InMemoryAdditionalText("/p/broken.connector.json", "{ \"connector\": "),
    ];

    private static Dictionary<string, string> Enabled(string value) => new() { ["build_property.ConnectorGenEnabled"] = value };

    [Theory]
    [InlineData("false")]
    [InlineData("False")]
    [InlineData(" FALSE ")]
    public void Disabled_emits_no_mapping_code_and_reports_nothing(string value)
    {
        var run = GeneratorHarness.RunGenerator(Files(), globalOptions: Enabled(value));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(Attributes, run.Result.Results.Single().GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal));
        Assert.Empty(run.Result.Results.Single().TrackedSteps.GetValueOrDefault(GeneratorStepNames.Parse, []));
        Assert.Empty(run.CompileDiagnostics);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("true")]
    [InlineData("True")]
    public void Unset_empty_or_true_leaves_the_generator_on(string? value)
    {
        var run = GeneratorHarness.RunGenerator(Files(), globalOptions: value is null ? null : Enabled(value));

        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "CG1001");
        var hints = run.Result.Results.Single().GeneratedSources.Select(s => s.HintName).ToList();
        Assert.Contains(hints, h => h.EndsWith("Infusionsoft.Credentials.g.cs", StringComparison.Ordinal));
        Assert.Contains(hints, h => h.EndsWith("Infusionsoft.CredentialsValidator.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void Switching_off_and_on_in_one_driver_removes_and_restores_the_output()
    {
        var compilation = GeneratorHarness.Compilation("class A { }");
        var driver = GeneratorHarness.Driver(Files()).RunGenerators(compilation);
        Assert.True(driver.GetRunResult().Results.Single().GeneratedSources.Length > 1);

        driver = driver
            .WithUpdatedAnalyzerConfigOptions(new TestOptionsProvider(GeneratorHarness.GlobalOptions("Tests.Consumer", Enabled("false"))))
            .RunGenerators(compilation);
        var off = driver.GetRunResult().Results.Single();
        Assert.Equal(Attributes, off.GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal));
        Assert.Empty(off.Diagnostics);

        driver = driver
            .WithUpdatedAnalyzerConfigOptions(new TestOptionsProvider(GeneratorHarness.GlobalOptions("Tests.Consumer", Enabled("true"))))
            .RunGenerators(compilation);
        var on = driver.GetRunResult().Results.Single();
        Assert.Contains(on.GeneratedSources, s => s.HintName.EndsWith("Infusionsoft.Credentials.g.cs", StringComparison.Ordinal));
        Assert.Contains(on.Diagnostics, d => d.Id == "CG1001");
    }

    [Fact]
    public void Another_setting_changing_leaves_the_flag_unchanged_and_every_parse_cached()
    {
        var compilation = GeneratorHarness.Compilation("class A { }");
        var driver = GeneratorHarness.Driver(Files(), rootNamespace: "First.Namespace").RunGenerators(compilation);

        driver = driver
            .WithUpdatedAnalyzerConfigOptions(new TestOptionsProvider(GeneratorHarness.GlobalOptions("Second.Namespace")))
            .RunGenerators(compilation);
        var result = driver.GetRunResult().Results.Single();

        Assert.Equal(IncrementalStepRunReason.Modified, result.TrackedSteps[GeneratorStepNames.Settings].Single().Outputs.Single().Reason);
        Assert.Equal(IncrementalStepRunReason.Unchanged, result.TrackedSteps[GeneratorStepNames.Enabled].Single().Outputs.Single().Reason);
        var parse = result.TrackedSteps[GeneratorStepNames.Parse];
        Assert.Equal(2, parse.Length);
        Assert.All(parse.SelectMany(r => r.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.Contains(result.GeneratedSources, s => s.HintName.EndsWith("Infusionsoft.Credentials.g.cs", StringComparison.Ordinal));
        Assert.Contains(result.Diagnostics, d => d.Id == "CG1001");
    }
}
