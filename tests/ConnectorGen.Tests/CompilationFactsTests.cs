using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
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

    /// <summary>
    /// The facts are read from a compilation of the references alone, so who the assembly is must travel with them:
    /// a core granted through InternalsVisibleTo("App, PublicKey=...") is the referenced core of App signed with that
    /// key (no core of its own), and not of an unsigned App of the same name (its own core, no clash either way).
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_core_granted_to_a_public_key_is_used_only_by_the_assembly_with_that_key(bool signed)
    {
        var key = PublicKeyBlob();
        var grant = "[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"App, PublicKey=" + Convert.ToHexString(key.AsSpan()) + "\")]";
        var infusionsoft = new InMemoryAdditionalText("/shared/infusionsoft.connector.json", GeneratorHarness.SampleMapping("infusionsoft.connector.json"));
        var library = GeneratorHarness.RunGenerator([infusionsoft], source: grant, assemblyName: "Shared", rootNamespace: "Shared");
        Assert.Empty(library.CompileDiagnostics);
        using var stream = new MemoryStream();
        Assert.True(library.Output.Emit(stream).Success);

        var keap = new InMemoryAdditionalText("/app/keap.connector.json", GeneratorHarness.SampleMapping("infusionsoft.connector.json").Replace("\"connector\": \"Infusionsoft\"", "\"connector\": \"Keap\"", StringComparison.Ordinal));
        var app = GeneratorHarness.Compilation("class A { }", assemblyName: "App", extraReferences: [MetadataReference.CreateFromImage(stream.ToArray())]);
        if (signed)
        {
            app = app.WithOptions(app.Options.WithCryptoPublicKey(key).WithPublicSign(true));
        }

        GeneratorHarness.Driver([keap], rootNamespace: "App").RunGeneratorsAndUpdateCompilation(app, out var output, out var diagnostics);

        Assert.Empty(diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var ownCore = output.SyntaxTrees.Any(t => t.FilePath.EndsWith("ConnectorGen.Generated.HandshakeHttp.g.cs", StringComparison.Ordinal));
        Assert.Equal(!signed, ownCore);
    }

    /// <summary>A strong-name public key blob (the format of an .snk's public part) for a fresh RSA key.</summary>
    private static ImmutableArray<byte> PublicKeyBlob()
    {
        using var rsa = RSA.Create(1024);
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var modulus = parameters.Modulus!.Reverse().ToArray();
        var exponent = parameters.Exponent!.Aggregate(0, (value, b) => (value << 8) | b);
        var blob = new List<byte>();
        blob.AddRange(BitConverter.GetBytes(0x2400)); // CALG_RSA_SIGN
        blob.AddRange(BitConverter.GetBytes(0x8004)); // CALG_SHA1
        blob.AddRange(BitConverter.GetBytes(20 + modulus.Length));
        blob.AddRange([0x06, 0x02, 0x00, 0x00]); // PUBLICKEYBLOB, version 2
        blob.AddRange(BitConverter.GetBytes(0x2400));
        blob.AddRange(Encoding.ASCII.GetBytes("RSA1"));
        blob.AddRange(BitConverter.GetBytes(modulus.Length * 8));
        blob.AddRange(BitConverter.GetBytes(exponent));
        blob.AddRange(modulus);
        return [.. blob];
    }
}
