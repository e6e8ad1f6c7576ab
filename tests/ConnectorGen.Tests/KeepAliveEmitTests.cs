using ConnectorGen.Tests.Support;
using Microsoft.CodeAnalysis;

namespace ConnectorGen.Tests;

/// <summary>
/// The hosted keep-alive (<c>Add&lt;C&gt;TokenKeepAlive</c>, Registration/Hosting and Connector/Hosting) is emitted exactly
/// when Microsoft.Extensions.Hosting.Abstractions is referenced (its public <c>BackgroundService</c>) and some mapping gets
/// OAuth clients; the generated code compiles warning-free with nullable on. Its behaviour in a real host:
/// tests/ConnectorGen.Handshake.Tests/KeepAliveHostTests.cs.
/// </summary>
public sealed class KeepAliveEmitTests
{
    private const string SharedPart = "ConnectorGen.Generated.Registration.Hosting.TokenKeepAlive.g.cs";
    private const string Facade = "Contoso.Connectors.Infusionsoft.Hosting.TokenKeepAlive.g.cs";

    internal static readonly MetadataReference Hosting = MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Hosting.BackgroundService).Assembly.Location);

    private static List<string> Hints(GeneratorHarness.Run run) => run.Result.Results.Single().GeneratedSources.Select(s => s.HintName).ToList();

    [Theory]
    [InlineData("infusionsoft.connector.json", true, true)]
    [InlineData("infusionsoft.connector.json", false, false)]
    [InlineData("sendgrid.connector.json", true, false)]
    [InlineData("zendesk.connector.json", true, false)]
    public void The_keep_alive_is_emitted_iff_Hosting_is_referenced_and_a_mapping_has_OAuth_clients(string sample, bool hosting, bool expected)
    {
        var run = GeneratorHarness.RunGenerator(
            [new InMemoryAdditionalText("/project/" + sample, GeneratorHarness.SampleMapping(sample))],
            extraReferences: hosting ? [Hosting] : null);

        Assert.Empty(run.GeneratorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Empty(run.CompileDiagnostics);
        Assert.Equal(expected, Hints(run).Contains(SharedPart));
        Assert.Equal(expected, Hints(run).Any(h => h.EndsWith(".Hosting.TokenKeepAlive.g.cs", StringComparison.Ordinal) && h != SharedPart));
    }

    [Fact]
    public void Without_the_handshake_references_there_is_no_keep_alive_even_with_Hosting()
    {
        // net8.0 reference assemblies without Microsoft.Extensions: no clients, so nothing to keep alive (and no
        // BackgroundService to derive from).
        var run = GeneratorHarness.RunGenerator(GeneratorHarness.SampleMapping("infusionsoft.connector.json"), path: "/project/infusionsoft.connector.json", target: TargetRefs.Net80, withExtensions: false);
        Assert.Empty(run.CompileDiagnostics);
        Assert.DoesNotContain(Hints(run), h => h.Contains(".Hosting.", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_oauth_connectors_share_one_keep_alive_part_and_each_gets_its_registration()
    {
        var infusionsoft = GeneratorHarness.SampleMapping("infusionsoft.connector.json");
        var keap = infusionsoft.Replace("\"connector\": \"Infusionsoft\"", "\"connector\": \"Keap\"", StringComparison.Ordinal);
        Assert.NotEqual(infusionsoft, keap);
        const string uses = """
            using Microsoft.Extensions.DependencyInjection;

            namespace Contoso.Connectors
            {
                internal static class UsesKeepAlive
                {
                    internal static void Register(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
                    {
                        services.AddInfusionsoftTokenKeepAlive(o => o.GrantKeys = (_, _) => System.Threading.Tasks.Task.FromResult<System.Collections.Generic.IEnumerable<string>>(new[] { "user-1" }));
                        services.AddKeapTokenKeepAlive(o => { o.GrantKeys = (_, _) => System.Threading.Tasks.Task.FromResult<System.Collections.Generic.IEnumerable<string>>(new string[0]); o.Interval = System.TimeSpan.FromHours(12); });
                    }
                }
            }
            """;

        var run = GeneratorHarness.RunGenerator(
            [new InMemoryAdditionalText("/project/infusionsoft.connector.json", infusionsoft), new InMemoryAdditionalText("/project/keap.connector.json", keap)],
            source: uses,
            extraReferences: [Hosting]);

        Assert.Empty(run.CompileDiagnostics);
        Assert.Single(Hints(run), h => h == SharedPart);
        Assert.Contains(Facade, Hints(run));
        Assert.Contains("Contoso.Connectors.Keap.Hosting.TokenKeepAlive.g.cs", Hints(run));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_project_that_takes_its_core_from_a_reference_has_its_own_keep_alive_part(bool internalsVisible)
    {
        var library = GeneratorHarness.RunGenerator(
            [new InMemoryAdditionalText("/shared/infusionsoft.connector.json", GeneratorHarness.SampleMapping("infusionsoft.connector.json"))],
            source: internalsVisible ? "[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"App\")]" : string.Empty,
            assemblyName: "Shared",
            rootNamespace: "Shared",
            extraReferences: [Hosting]);
        Assert.Empty(library.CompileDiagnostics);
        using var stream = new MemoryStream();
        Assert.True(library.Output.Emit(stream).Success);
        var shared = MetadataReference.CreateFromImage(stream.ToArray());
        var keap = GeneratorHarness.SampleMapping("infusionsoft.connector.json").Replace("\"connector\": \"Infusionsoft\"", "\"connector\": \"Keap\"", StringComparison.Ordinal);

        var app = GeneratorHarness.RunGenerator([new InMemoryAdditionalText("/app/keap.connector.json", keap)], assemblyName: "App", rootNamespace: "App", extraReferences: [shared, Hosting]);

        Assert.Empty(app.CompileDiagnostics);
        Assert.Contains(SharedPart, Hints(app));
        Assert.Equal(!internalsVisible, Hints(app).Contains("ConnectorGen.Generated.Lifecycle.AccessTokenManager.g.cs"));
    }
}
