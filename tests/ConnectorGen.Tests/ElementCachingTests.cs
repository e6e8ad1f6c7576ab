using ConnectorGen.Tests.Support;
using Microsoft.CodeAnalysis;

namespace ConnectorGen.Tests;

/// <summary>
/// Caching with both inputs: an edited element definition re-runs only its own steps, an edited mapping leaves the
/// element definition's steps cached, and a catalogue-only mapping is as cacheable as any other.
/// </summary>
public sealed class ElementCachingTests
{
    private static AdditionalText[] Inputs() =>
    [
        new InMemoryAdditionalText("/p/zendesk.connector.json", GeneratorHarness.SampleMapping("zendesk.connector.json")),
        new InMemoryAdditionalText("/p/team.connector.json", """{ "connector": "Team", "elementKey": "slack" }"""),
        new InMemoryAdditionalText("/p/acmeledger.element.json", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Elements", "acmeledger.element.json"))),
    ];

    private static Dictionary<string, IncrementalStepRunReason> ParseReasons(GeneratorRunResult result) =>
        result.TrackedSteps[GeneratorStepNames.Parse].ToDictionary(
            r => ((ConnectorGen.Mapping.ParseResult)r.Outputs.Single().Value).Model!.Connector,
            r => r.Outputs.Single().Reason);

    private static List<(string Connector, IncrementalStepRunReason Reason)> EmitReasons(GeneratorRunResult result) =>
        result.TrackedSteps[GeneratorStepNames.Plan].SelectMany(s => s.Outputs)
            .Select(o => (((ConnectorGen.Model.PlannedMapping)o.Value).Model.Connector, o.Reason))
            .ToList();

    [Fact]
    public void Editing_an_element_definition_reruns_only_its_own_steps()
    {
        var files = Inputs();
        var compilation = GeneratorHarness.Compilation("class A { }");
        var driver = GeneratorHarness.Driver(files).RunGenerators(compilation);
        var element = files[2];
        var edited = new InMemoryAdditionalText(element.Path, element.GetText()!.ToString().Replace("\"Ledger Host\"", "\"Ledger Server\"", StringComparison.Ordinal));
        driver = driver.ReplaceAdditionalText(element, edited).RunGenerators(compilation);
        var result = driver.GetRunResult().Results.Single();

        var parse = ParseReasons(result);
        Assert.Equal(IncrementalStepRunReason.Modified, parse["AcmeLedger"]);
        Assert.Equal(IncrementalStepRunReason.Cached, parse["Zendesk"]);
        Assert.Equal(IncrementalStepRunReason.Cached, parse["Team"]);

        var emit = EmitReasons(result);
        Assert.Equal(3, emit.Count);
        Assert.Equal("AcmeLedger", Assert.Single(emit, e => e.Reason == IncrementalStepRunReason.Modified).Connector);
        Assert.All(emit.Where(e => e.Connector != "AcmeLedger"), e => Assert.True(e.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, e.Connector + ": " + e.Reason));
    }

    [Fact]
    public void Editing_a_catalogue_only_mapping_leaves_the_element_definition_cached()
    {
        var files = Inputs();
        var compilation = GeneratorHarness.Compilation("class A { }");
        var driver = GeneratorHarness.Driver(files).RunGenerators(compilation);
        var team = files[1];
        driver = driver.ReplaceAdditionalText(team, new InMemoryAdditionalText(team.Path, """{ "connector": "Team", "elementKey": "slack", "description": "Chat" }""")).RunGenerators(compilation);
        var result = driver.GetRunResult().Results.Single();

        var parse = ParseReasons(result);
        Assert.Equal(IncrementalStepRunReason.Modified, parse["Team"]);
        Assert.Equal(IncrementalStepRunReason.Cached, parse["AcmeLedger"]);
        var emit = EmitReasons(result);
        Assert.Equal("Team", Assert.Single(emit, e => e.Reason == IncrementalStepRunReason.Modified).Connector);
    }

    [Fact]
    public void An_unchanged_rerun_leaves_every_input_cached()
    {
        var compilation = GeneratorHarness.Compilation("class A { }");
        var driver = GeneratorHarness.Driver(Inputs()).RunGenerators(compilation).RunGenerators(compilation);
        var result = driver.GetRunResult().Results.Single();
        Assert.All(ParseReasons(result), p => Assert.Equal(IncrementalStepRunReason.Cached, p.Value));
        Assert.All(EmitReasons(result), e => Assert.True(e.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
    }
}
