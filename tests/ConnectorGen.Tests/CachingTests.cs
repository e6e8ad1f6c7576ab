using System.Collections;
using System.Reflection;
using ConnectorGen.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ConnectorGen.Tests;

/// <summary>
/// Incremental caching, proven by step run reasons: an unrelated edit re-runs nothing that matters, an edited mapping
/// re-runs only its own steps, and no step output holds a Compilation, ISymbol, SyntaxNode or Location.
/// </summary>
public sealed class CachingTests
{
    private static readonly string[] TrackedSteps =
    [
        GeneratorStepNames.Parse, GeneratorStepNames.Resolve, GeneratorStepNames.Diagnostics, GeneratorStepNames.DuplicateTypes,
        GeneratorStepNames.Unique, GeneratorStepNames.Plan, GeneratorStepNames.Settings, GeneratorStepNames.Facts,
        GeneratorStepNames.Shared, GeneratorStepNames.Language, GeneratorStepNames.References, GeneratorStepNames.ProjectDiagnostics,
        GeneratorStepNames.ReferenceFacts, GeneratorStepNames.Assembly,
    ];

    /// <summary>
    /// The one step that runs on a C# edit: reading the assembly's name and public key from the new compilation (its
    /// output is Unchanged). Nothing that probes the compilation runs.
    /// </summary>
    private static readonly string[] RunOnEveryEdit = [GeneratorStepNames.Assembly];

    private static AdditionalText[] ThreeMappings() =>
    [
        new InMemoryAdditionalText("/p/infusionsoft.connector.json", GeneratorHarness.SampleMapping("infusionsoft.connector.json")),
        new InMemoryAdditionalText("/p/zendesk.connector.json", GeneratorHarness.SampleMapping("zendesk.connector.json")),
        new InMemoryAdditionalText("/p/sendgrid.connector.json", GeneratorHarness.SampleMapping("sendgrid.connector.json")),
    ];

    [Fact]
    public void An_unrelated_csharp_edit_leaves_every_step_cached_or_unchanged()
    {
        var compilation = GeneratorHarness.Compilation("class A { }");
        var driver = GeneratorHarness.Driver(ThreeMappings()).RunGenerators(compilation);
        // What is written once per compilation is part of what must stay cached: the handshake core and the registration
        // (Infusionsoft is oauth2, the harness references DI, Options, Configuration, Http and Logging), the credential helpers.
        var first = driver.GetRunResult().Results.Single().GeneratedSources;
        foreach (var shared in new[] { "ConnectorGen.Generated.HandshakeHttp.g.cs", "ConnectorGen.Generated.Registration.HandshakeClientRegistration.g.cs", "ConnectorGen.Generated.Registration.AccessToken.AccessTokenRegistration.g.cs", "ConnectorGen.CredentialValues.g.cs", "ConnectorGen.CredentialChecks.g.cs" })
        {
            Assert.Contains(first, s => s.HintName == shared);
        }
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class B { void M() { } }", new CSharpParseOptions(LanguageVersion.CSharp12)));
        driver = driver.RunGenerators(edited);
        var result = driver.GetRunResult().Results.Single();

        foreach (var step in TrackedSteps)
        {
            Assert.True(result.TrackedSteps.ContainsKey(step), "step " + step + " was not tracked");
            foreach (var run in result.TrackedSteps[step])
            {
                Assert.All(run.Outputs, o => Assert.True(
                    o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"{step}: {o.Reason}"));
            }
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void A_keystroke_in_a_method_body_runs_no_step_but_the_assembly_identity_and_probes_nothing()
    {
        var tree = CSharpSyntaxTree.ParseText("class A { int M() { return 1; } }", new CSharpParseOptions(LanguageVersion.CSharp12), path: "/project/A.cs");
        var compilation = GeneratorHarness.Compilation("class B { }").AddSyntaxTrees(tree);
        var driver = GeneratorHarness.Driver(ThreeMappings()).RunGenerators(compilation);
        var text = tree.GetText();
        var edited = tree.WithChangedText(text.WithChanges(new Microsoft.CodeAnalysis.Text.TextChange(new Microsoft.CodeAnalysis.Text.TextSpan(text.ToString().IndexOf("return", StringComparison.Ordinal), 0), "var x = 2; ")));
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, edited));
        var result = driver.GetRunResult().Results.Single();

        foreach (var (name, runs) in result.TrackedSteps.Where(s => s.Key.StartsWith("ConnectorGen.", StringComparison.Ordinal)))
        {
            foreach (var output in runs.SelectMany(r => r.Outputs))
            {
                if (RunOnEveryEdit.Contains(name))
                {
                    Assert.Equal(IncrementalStepRunReason.Unchanged, output.Reason);
                }
                else
                {
                    // Cached: the step did not run at all (Unchanged would mean it ran and found the same answer).
                    Assert.True(output.Reason == IncrementalStepRunReason.Cached, $"{name}: {output.Reason}");
                }
            }
        }
    }

    [Fact]
    public void Adding_a_reference_reads_the_facts_again_and_replans()
    {
        var bare = GeneratorHarness.Compilation("class A { }", withExtensions: false);
        var driver = GeneratorHarness.Driver(ThreeMappings()).RunGenerators(bare);
        Assert.DoesNotContain(driver.GetRunResult().Results.Single().GeneratedSources, s => s.HintName.EndsWith(".ServiceCollectionExtensions.g.cs", StringComparison.Ordinal));

        var extensions = GeneratorHarness.References(TargetRefs.Net100, withExtensions: true).Except(GeneratorHarness.References(TargetRefs.Net100, withExtensions: false)).ToArray();
        Assert.NotEmpty(extensions);
        driver = driver.RunGenerators(bare.AddReferences(extensions));
        var result = driver.GetRunResult().Results.Single();

        Assert.Equal(IncrementalStepRunReason.Modified, result.TrackedSteps[GeneratorStepNames.ReferenceFacts].Single().Outputs.Single().Reason);
        var facts = (ConnectorGen.Model.CompilationFacts)result.TrackedSteps[GeneratorStepNames.Facts].Single().Outputs.Single().Value;
        Assert.True(facts.EmitsServiceRegistration);
        Assert.All(result.TrackedSteps[GeneratorStepNames.Plan].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Modified, o.Reason));
        Assert.Contains(result.GeneratedSources, s => s.HintName.EndsWith(".ServiceCollectionExtensions.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void Editing_one_mapping_reruns_only_that_mappings_steps()
    {
        var files = ThreeMappings();
        var compilation = GeneratorHarness.Compilation("class A { }");
        var driver = GeneratorHarness.Driver(files).RunGenerators(compilation);
        var zendesk = files[1];
        var changed = new InMemoryAdditionalText(zendesk.Path, zendesk.GetText()!.ToString().Replace("\"Agent email\"", "\"Agent e-mail\""));
        driver = driver.ReplaceAdditionalText(zendesk, changed).RunGenerators(compilation);
        var result = driver.GetRunResult().Results.Single();

        var parse = result.TrackedSteps[GeneratorStepNames.Parse];
        Assert.Equal(3, parse.Length);
        foreach (var run in parse)
        {
            var model = ((ConnectorGen.Mapping.ParseResult)run.Outputs.Single().Value).Model!;
            var expected = model.Connector == "Zendesk" ? IncrementalStepRunReason.Modified : IncrementalStepRunReason.Cached;
            Assert.Equal(expected, run.Outputs.Single().Reason);
        }

        var emitted = result.TrackedSteps[GeneratorStepNames.Plan].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(3, emitted.Count);
        var modified = emitted.Where(o => o.Reason == IncrementalStepRunReason.Modified).ToList();
        var single = Assert.Single(modified);
        Assert.Equal("Zendesk", ((ConnectorGen.Model.PlannedMapping)single.Value).Model.Connector);
        Assert.All(emitted.Except(modified), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));

        // The shared parts depend on the plans only, which the edit did not change: nothing shared is emitted again.
        Assert.All(result.TrackedSteps[GeneratorStepNames.Shared].SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    [Fact]
    public void Moving_a_diagnostic_without_changing_meaning_re_emits_no_code()
    {
        var compilation = GeneratorHarness.Compilation("class A { }");
        var json = """{ "connector": "Acme", "elementKey": "acme", "extra": 1, "credentials": [ { "name": "Token", "source": "Token", "parameter": "acme.token", "secret": true } ] }""";
        var file = new InMemoryAdditionalText("/p/acme.connector.json", json);
        var driver = GeneratorHarness.Driver([file]).RunGenerators(compilation);
        driver = driver.ReplaceAdditionalText(file, new InMemoryAdditionalText(file.Path, "\n\n" + json)).RunGenerators(compilation);
        var result = driver.GetRunResult().Results.Single();
        Assert.Equal(IncrementalStepRunReason.Modified, result.TrackedSteps[GeneratorStepNames.Diagnostics].Single().Outputs.Single().Reason);
        Assert.All(result.TrackedSteps[GeneratorStepNames.Plan].SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }

    [Fact]
    public void No_step_output_holds_compilation_symbols_syntax_or_locations()
    {
        var driver = GeneratorHarness.Driver(ThreeMappings()).RunGenerators(GeneratorHarness.Compilation("class A { }"));
        var result = driver.GetRunResult().Results.Single();
        foreach (var (name, runs) in result.TrackedSteps.Where(s => s.Key.StartsWith("ConnectorGen.", StringComparison.Ordinal)))
        {
            foreach (var output in runs.SelectMany(r => r.Outputs))
            {
                AssertClean(output.Value, name, new HashSet<object>(ReferenceEqualityComparer.Instance), 0);
            }
        }
    }

    private static void AssertClean(object? value, string step, HashSet<object> seen, int depth)
    {
        if (value is null || depth > 12 || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return;
        }

        Assert.False(value is Compilation or ISymbol or SyntaxNode or SyntaxTree or Location or SemanticModel, $"step {step} holds a {value.GetType().Name}");
        if (!value.GetType().IsValueType && !seen.Add(value))
        {
            return;
        }

        if (value is IEnumerable items)
        {
            foreach (var item in items)
            {
                AssertClean(item, step, seen, depth + 1);
            }
        }

        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertClean(field.GetValue(value), step, seen, depth + 1);
        }
    }
}
