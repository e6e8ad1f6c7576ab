using System.Collections.Immutable;
using System.Text.RegularExpressions;
using ConnectorGen.Model;
using ConnectorGen.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ConnectorGen.Tests;

/// <summary>
/// <see cref="CompilationFacts"/> is the one place the generator probes the compilation, with the one duplicate-tolerant
/// lookup (Analyzers/TypeLookup), and its answers come from the references alone.
/// </summary>
public sealed class CompilationFactsTests
{
    /// <summary>What only CompilationFacts.Read.cs may do in the generator (the analyzers under Analyzers/ use TypeLookup themselves).</summary>
    private static readonly Regex Probe = new(@"\bTypeLookup\.|GetTypes?ByMetadataName|ReferencedAssemblySymbols|IsSymbolAccessibleWithin|GetAssemblyOrModuleSymbol|[cC]ompilation\.References\b", RegexOptions.Compiled);

    [Fact]
    public void Only_CompilationFacts_probes_the_compilation_outside_the_analyzers()
    {
        var src = Path.Combine(MappingDiagnosticsTests.RepoRoot(), "src", "ConnectorGen");
        var offenders = new List<string>();
        foreach (var file in Directory.GetFiles(src, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(src, file).Replace('\\', '/');
            if (relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal) ||
                relative.StartsWith("Analyzers/", StringComparison.Ordinal) || relative == "Model/CompilationFacts.Read.cs")
            {
                continue;
            }

            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (!lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal) && Probe.IsMatch(lines[i]))
                {
                    offenders.Add(relative + ":" + (i + 1) + ": " + lines[i].Trim());
                }
            }
        }

        Assert.Empty(offenders);
        // The pattern itself finds what it is meant to find.
        Assert.Matches(Probe, File.ReadAllText(Path.Combine(src, "Model", "CompilationFacts.Read.cs")));
    }

    /// <summary>A type that two references define (as generated internal types are, once per assembly) is still found.</summary>
    [Fact]
    public void A_type_that_two_references_define_is_found()
    {
        const string cache = "namespace Microsoft.Extensions.Caching.Distributed { public interface IDistributedCache { } }";
        MetadataReference Library(string name)
        {
            var compilation = CSharpCompilation.Create(name, [CSharpSyntaxTree.ParseText(cache)], Basic.Reference.Assemblies.Net100.References.All, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            using var stream = new MemoryStream();
            Assert.True(compilation.Emit(stream).Success);
            return MetadataReference.CreateFromImage(stream.ToArray());
        }

        var references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>().Append(Library("One")).Append(Library("Two")).ToImmutableArray();
#pragma warning disable RS0030 // The banned lookup, to show what it does with duplicates.
        Assert.Null(CSharpCompilation.Create("App", references: references).GetTypeByMetadataName("Microsoft.Extensions.Caching.Distributed.IDistributedCache"));
#pragma warning restore RS0030

        var facts = CompilationFacts.Read(references, new OwnAssembly("App", ConnectorGen.Helpers.EquatableArray<byte>.Empty), CancellationToken.None);

        Assert.True(facts.HasDistributedCache);
        Assert.True(facts.HasHandshakeDependencies);
        Assert.False(facts.HasRedis);
    }

    [Fact]
    public void The_facts_of_the_test_references_are_those_the_generator_relies_on()
    {
        var compilation = GeneratorHarness.Compilation("class A { }");
        var facts = CompilationFacts.Read(compilation.References.ToImmutableArray(), CompilationFacts.Identify(compilation), CancellationToken.None);

        Assert.Equal("Tests.Consumer", facts.AssemblyName);
        Assert.True(facts.EmitsServiceRegistration);
        Assert.True(facts.HasHttpClientFactory && facts.HasLogging && facts.HasHttpClientLoggerApi && facts.HasValidateOnStart);
        Assert.False(facts.HasHosting);
        Assert.False(facts.HasReferencedCore);
        Assert.Empty(facts.ReferencedConnectors);

        var bare = CompilationFacts.Read(GeneratorHarness.References(TargetRefs.NetStandard20, withExtensions: false).ToImmutableArray(), new OwnAssembly("App", ConnectorGen.Helpers.EquatableArray<byte>.Empty), CancellationToken.None);
        Assert.False(bare.HasHandshakeDependencies);
        Assert.False(bare.HasConfiguration);
    }
}
