using ConnectorGen.Tests.Support;
using Microsoft.CodeAnalysis;

namespace ConnectorGen.Tests;

/// <summary>The emitter: a snapshot of every generated file per sample mapping, and the code compiles warning-free.</summary>
public sealed class EmitterTests
{
    public static TheoryData<string> Samples => new() { "infusionsoft.connector.json", "zendesk.connector.json", "sendgrid.connector.json", "everyformat.connector.json" };

    [Fact]
    public void Infusionsoft() => VerifySample("infusionsoft.connector.json");

    [Fact]
    public void Zendesk() => VerifySample("zendesk.connector.json");

    [Fact]
    public void SendGrid() => VerifySample("sendgrid.connector.json");

    [Fact]
    public void EveryFormat() => VerifySample("everyformat.connector.json");

    /// <summary>With Microsoft.Extensions.Hosting.Abstractions: only the keep-alive files (the rest is as in <see cref="Infusionsoft"/>).</summary>
    [Fact]
    public void InfusionsoftHosted() => VerifySample("infusionsoft.connector.json", only: hint => hint.Contains(".Hosting.", StringComparison.Ordinal), extraReferences: [KeepAliveEmitTests.Hosting]);

    /// <summary>Only the files that depend on the references: the clients and attributes are the same as with them.</summary>
    [Fact]
    public void WithoutExtensions() => VerifySample("infusionsoft.connector.json", withExtensions: false, only: hint => hint.Contains("Credentials", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(Samples))]
    public void Generated_code_compiles_without_warnings_for_net8_and_net10_with_and_without_extensions(string sample)
    {
        foreach (var target in new[] { TargetRefs.Net80, TargetRefs.Net100 })
        {
            // The Microsoft.Extensions 10 assemblies the tests carry need net10 reference assemblies.
            foreach (var withExtensions in target == TargetRefs.Net80 ? new[] { false } : new[] { true, false })
            {
                var run = GeneratorHarness.RunGenerator(GeneratorHarness.SampleMapping(sample), path: "/project/" + sample, target: target, withExtensions: withExtensions);
                Assert.Empty(run.GeneratorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
                Assert.Empty(run.CompileDiagnostics);
            }
        }
    }

    [Fact]
    public void Output_is_deterministic_and_independent_of_the_file_location()
    {
        var json = GeneratorHarness.SampleMapping("infusionsoft.connector.json");
        var a = GeneratorHarness.RunGenerator(json, path: "/a/infusionsoft.connector.json");
        var b = GeneratorHarness.RunGenerator(json, path: "C:\\b\\c\\infusionsoft.connector.json");
        var left = a.Result.Results.Single().GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString()));
        var right = b.Result.Results.Single().GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString()));
        Assert.Equal(left, right);
    }

    [Fact]
    public void Namespace_defaults_to_the_root_namespace_then_the_assembly_name()
    {
        var json = """{ "connector": "Acme", "elementKey": "acme", "credentials": [ { "name": "Token", "source": "Token", "parameter": "acme.token", "secret": true } ] }""";
        var files = new[] { new InMemoryAdditionalText("/p/acme.connector.json", json) };
        var withRoot = GeneratorHarness.RunGenerator(files, rootNamespace: "My-Company.Api");
        Assert.Contains("namespace My_Company.Api", withRoot.Source("Acme.Credentials.g.cs"));
        var withoutRoot = GeneratorHarness.RunGenerator(files, rootNamespace: null);
        Assert.Contains("namespace Tests.Consumer", withoutRoot.Source("Acme.Credentials.g.cs"));
    }

    [Fact]
    public void Files_that_are_not_mappings_are_ignored()
    {
        var run = GeneratorHarness.RunGenerator([new InMemoryAdditionalText("/p/appsettings.json", "{ not json")]);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(["ConnectorGen.Attributes.g.cs", "Microsoft.CodeAnalysis.EmbeddedAttribute.g.cs"], run.Result.Results.Single().GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal));
    }

    private static void VerifySample(string sample, bool withExtensions = true, Func<string, bool>? only = null, MetadataReference[]? extraReferences = null, [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        var run = GeneratorHarness.RunGenerator([new InMemoryAdditionalText("/project/" + sample, GeneratorHarness.SampleMapping(sample))], withExtensions: withExtensions, extraReferences: extraReferences);
        Assert.Empty(run.CompileDiagnostics);
        var kept = 0;
        foreach (var source in run.Result.Results.Single().GeneratedSources)
        {
            // The attributes, the credential helpers and the handshake core (every hint under ConnectorGen.) are the same
            // for every mapping: one snapshot of them (Infusionsoft's) is enough; the connector facades are snapshotted for
            // the one oauth2 sample only, so each template once.
            var perCompilation = source.HintName is "Microsoft.CodeAnalysis.EmbeddedAttribute.g.cs" ||
                source.HintName.StartsWith("ConnectorGen.", StringComparison.Ordinal);
            var keep = only?.Invoke(source.HintName) ?? (test == nameof(Infusionsoft) || !perCompilation);
            if (!keep)
            {
                continue;
            }

            Snapshot.Verify(nameof(EmitterTests), source.HintName, source.SourceText.ToString(), test);
            kept++;
        }

        Assert.True(kept > 0, "no generated file was kept for a snapshot");
    }
}
