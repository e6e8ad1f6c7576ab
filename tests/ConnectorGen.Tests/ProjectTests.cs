using ConnectorGen.Emit;
using ConnectorGen.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ConnectorGen.Tests;

/// <summary>
/// The project around the mappings: every promised target and the minimum C# version (CG1040, CG1041, CG1042), and
/// several projects of one solution (InternalsVisibleTo, the same mapping twice: CG1043). The generated code is compiled
/// against each target's reference assemblies; warnings count, since users build with warnings as errors.
/// </summary>
public sealed class ProjectTests
{
    private const string CoreFile = "ConnectorGen.Generated.HandshakeHttp.g.cs";

    private static AdditionalText[] AllSamples() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Mappings"), "*.connector.json", SearchOption.AllDirectories)
            .Select(f => (AdditionalText)new InMemoryAdditionalText("/project/" + Path.GetFileName(f), File.ReadAllText(f)))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToArray();

    private static AdditionalText Infusionsoft(string path = "/project/infusionsoft.connector.json", string connector = "Infusionsoft") =>
        new InMemoryAdditionalText(path, GeneratorHarness.SampleMapping("infusionsoft.connector.json").Replace("\"connector\": \"Infusionsoft\"", "\"connector\": \"" + connector + "\""));

    private static string[] Hints(GeneratorHarness.Run run) => run.Result.Results.Single().GeneratedSources.Select(s => s.HintName).ToArray();

    /// <summary>Where the <c>connector</c> value of a mapping starts (0-based line and column).</summary>
    private static (string Path, int Line, int Column) ConnectorValue(AdditionalText file)
    {
        var text = file.GetText()!.ToString();
        var property = text.IndexOf("\"connector\"", StringComparison.Ordinal);
        var value = text.IndexOf('"', text.IndexOf(':', property));
        var position = file.GetText()!.Lines.GetLinePosition(value);
        return (file.Path, position.Line, position.Character);
    }

    private static void AssertAt(Diagnostic diagnostic, AdditionalText file)
    {
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(ConnectorValue(file), (span.Path, span.StartLinePosition.Line, span.StartLinePosition.Character));
    }

    [Theory]
    [InlineData(TargetRefs.NetStandard20, LanguageVersion.CSharp9, false)]
    [InlineData(TargetRefs.Net80, LanguageVersion.CSharp9, false)]
    [InlineData(TargetRefs.Net100, LanguageVersion.CSharp9, true)]
    [InlineData(TargetRefs.Net100, LanguageVersion.Latest, true)]
    public void Every_sample_mapping_compiles_warning_free_on_each_target_at_the_minimum_language_version(TargetRefs target, LanguageVersion language, bool withExtensions)
    {
        var run = GeneratorHarness.RunGenerator(AllSamples(), target: target, withExtensions: withExtensions, language: language);

        // On netstandard2.0 the OAuth clients are missing, and CG1041 (a warning, so that dotnet build shows it) says so.
        Assert.Empty(run.GeneratorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CG1041"));
        Assert.Empty(run.CompileDiagnostics);
        var hints = Hints(run);
        foreach (var connector in new[] { "Infusionsoft", "Zendesk", "SendGrid", "EveryFormat" })
        {
            Assert.Contains(hints, h => h.EndsWith("." + connector + ".Credentials.g.cs", StringComparison.Ordinal));
        }

        // The OAuth clients need .NET 8: on netstandard2.0 they (and the core) are skipped, and CG1041 says so.
        var clients = target != TargetRefs.NetStandard20;
        Assert.Equal(clients, hints.Contains(CoreFile));
        Assert.Equal(clients, hints.Any(h => h.EndsWith(".Infusionsoft.OAuthClient.g.cs", StringComparison.Ordinal)));
        Assert.Equal(clients ? 0 : 1, run.GeneratorDiagnostics.Count(d => d.Id == "CG1041"));
    }

    [Fact]
    public void On_netstandard2_0_CG1041_is_one_warning_at_the_oauth2_mapping()
    {
        var samples = AllSamples();
        var run = GeneratorHarness.RunGenerator(samples, target: TargetRefs.NetStandard20, withExtensions: false, language: LanguageVersion.CSharp9);

        var info = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "CG1041");
        Assert.Equal(DiagnosticSeverity.Warning, info.Severity);
        AssertAt(info, samples.Single(f => f.Path.EndsWith("helpdesk.connector.json", StringComparison.Ordinal))); // the first oauth2 mapping by path
        Assert.Contains("Infusionsoft", info.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("net8.0", info.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TargetRefs.Net80, LanguageVersion.CSharp8, "8")]
    [InlineData(TargetRefs.NetStandard20, LanguageVersion.CSharp7_3, "7.3")]
    public void Below_the_minimum_language_version_there_is_one_located_error_and_nothing_is_generated(TargetRefs target, LanguageVersion language, string shown)
    {
        var samples = AllSamples();
        var run = GeneratorHarness.RunGenerator(samples, target: target, withExtensions: false, language: language);

        // The mapping files' own diagnostics still come (here CG1015, info); the project gets one error and nothing else.
        var error = Assert.Single(run.GeneratorDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Equal("CG1040", error.Id);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        AssertAt(error, samples[0]);
        Assert.Contains("<LangVersion>9</LangVersion>", error.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("C# " + shown + ":", error.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(Hints(run));
        Assert.Empty(run.CompileDiagnostics);
    }

    [Fact]
    public void Below_the_minimum_without_mappings_nothing_is_reported_or_generated()
    {
        var run = GeneratorHarness.RunGenerator([], target: TargetRefs.NetStandard20, withExtensions: false, language: LanguageVersion.CSharp7_3);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(Hints(run));
    }

    [Fact]
    public void Skipped_members_are_named_once_with_the_package_to_add_and_the_docs_do_not_mention_them()
    {
        var samples = AllSamples();
        var run = GeneratorHarness.RunGenerator(samples, target: TargetRefs.Net100, withExtensions: false);

        var info = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "CG1042");
        Assert.Equal(DiagnosticSeverity.Info, info.Severity);
        AssertAt(info, samples[0]);
        var message = info.GetMessage();
        Assert.Contains("FromConfiguration on the credentials (add Microsoft.Extensions.Configuration)", message, StringComparison.Ordinal);
        Assert.Contains("Add<Connector>Connector (add Microsoft.Extensions.DependencyInjection", message, StringComparison.Ordinal);
        Assert.Contains("IValidateOptions<T> on the validators (add Microsoft.Extensions.Options)", message, StringComparison.Ordinal);
        Assert.DoesNotContain("FromConfiguration", run.Source(".Infusionsoft.Credentials.g.cs"), StringComparison.Ordinal);

        var full = GeneratorHarness.RunGenerator(samples, target: TargetRefs.Net100, withExtensions: true);
        Assert.DoesNotContain(full.GeneratorDiagnostics, d => d.Id == "CG1042");
        Assert.Contains("FromConfiguration(section)", full.Source(".Infusionsoft.Credentials.g.cs"), StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue 9's budget: an extra oauth2 connector (with every part: credentials, validator, Add&lt;C&gt;Connector, the
    /// handshake clients, metadata, token and instance lifecycle, Add&lt;C&gt;AccessToken) adds at most 400 generated
    /// lines, counted over every file of the compilation; what is written once per compilation is the same text with one
    /// connector or two.
    /// </summary>
    [Fact]
    public void Shared_code_is_emitted_once_and_each_extra_oauth2_connector_adds_at_most_400_lines_in_all()
    {
        var one = GeneratorHarness.RunGenerator([Infusionsoft()]).Result.Results.Single().GeneratedSources;
        var twoRun = GeneratorHarness.RunGenerator([Infusionsoft(), Infusionsoft("/project/keap.connector.json", "Keap")]);
        var two = twoRun.Result.Results.Single().GeneratedSources;

        Assert.Empty(twoRun.CompileDiagnostics);
        var added = two.Where(s => !one.Any(o => o.HintName == s.HintName)).ToArray();
        Assert.All(added, s => Assert.StartsWith("Contoso.Connectors.Keap.", s.HintName, StringComparison.Ordinal));
        foreach (var part in new[] { "Credentials", "CredentialsValidator", "ServiceCollectionExtensions", "OAuthMetadata", "OAuthClient", "OpenConnectorsClient", "TokenLifecycle", "DependencyInjection.AccessTokenRegistration" })
        {
            Assert.Contains(added, s => s.HintName == "Contoso.Connectors.Keap." + part + ".g.cs");
        }

        foreach (var shared in one.Where(s => !s.HintName.StartsWith("Contoso.Connectors.", StringComparison.Ordinal)))
        {
            Assert.Equal(shared.SourceText.ToString(), two.Single(s => s.HintName == shared.HintName).SourceText.ToString());
        }

        static int Lines(IEnumerable<GeneratedSourceResult> sources) => sources.Sum(s => s.SourceText.Lines.Count);
        Assert.Equal(Lines(added), Lines(two) - Lines(one));
        Assert.InRange(Lines(added), 1, 400);
    }

    /// <summary>
    /// The typed clients' log lines are a part of their own (Microsoft.Extensions.Logging): without it the registration
    /// compiles warning-free, CG1042 names the package, and nothing refers to the missing handler.
    /// </summary>
    [Fact]
    public void Typed_clients_without_Microsoft_Extensions_Logging_compile_without_the_logging_part()
    {
        var logging = typeof(Microsoft.Extensions.Logging.ILoggerFactory).Assembly.Location;
        var references = GeneratorHarness.References(TargetRefs.Net100, withExtensions: true)
            .Where(r => r is not PortableExecutableReference { FilePath: var path } || path != logging)
            .ToArray();
        var run = GeneratorHarness.RunGenerator([Infusionsoft()], replaceReferences: references);

        Assert.Empty(run.CompileDiagnostics);
        var hints = Hints(run);
        Assert.Contains("ConnectorGen.Generated.Registration.HandshakeClientRegistration.g.cs", hints);
        Assert.DoesNotContain(hints, h => h.Contains(".Registration.Logging.", StringComparison.Ordinal));
        Assert.Contains("the OAuth clients' log lines (add Microsoft.Extensions.Logging)", Assert.Single(run.GeneratorDiagnostics, d => d.Id == "CG1042").GetMessage(), StringComparison.Ordinal);
    }

    /// <summary>A library compiled with the generator (as a referenced project's output is).</summary>
    private static MetadataReference Library(string assemblyName, AdditionalText[] mappings, string source)
    {
        var run = GeneratorHarness.RunGenerator(mappings, source: source, assemblyName: assemblyName, rootNamespace: assemblyName);
        Assert.Empty(run.CompileDiagnostics);
        using var stream = new MemoryStream();
        var emit = run.Output.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }

    private const string GrantsApp = "[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"App\")]";

    /// <summary>Uses the marker attributes, the core and a facade, so that any clash would surface as CS0436/CS0433.</summary>
    private const string AppCode = """
        namespace App
        {
            internal static class Uses
            {
                [ConnectorGen.ConnectorSecret] internal static string? Marked { get; set; }
                internal static bool IsHandshakeFailure(System.Exception e) => e is ConnectorGen.Generated.HandshakeException;
                internal static object Client(System.Net.Http.HttpClient http) => new Contoso.Connectors.KeapOAuthClient(http, new Contoso.Connectors.KeapCredentials());
            }
        }
        """;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Two_projects_with_mappings_build_warning_free_with_and_without_InternalsVisibleTo(bool internalsVisible)
    {
        var shared = Library("Shared", [Infusionsoft()], internalsVisible ? GrantsApp : string.Empty);

        var run = GeneratorHarness.RunGenerator([Infusionsoft("/app/keap.connector.json", "Keap")], source: AppCode, assemblyName: "App", rootNamespace: "App", extraReferences: [shared]);

        Assert.Empty(run.GeneratorDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Empty(run.CompileDiagnostics);
        // Through InternalsVisibleTo the referenced core is used; otherwise this project has its own. The [Embedded] parts
        // (credential helpers, registration) are every project's own either way.
        Assert.Equal(!internalsVisible, Hints(run).Contains(CoreFile));
        Assert.Contains("ConnectorGen.CredentialValues.g.cs", Hints(run));
        Assert.Contains("ConnectorGen.Generated.Registration.HandshakeClientRegistration.g.cs", Hints(run));
        Assert.Contains(Hints(run), h => h == "Contoso.Connectors.Keap.OAuthClient.g.cs");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_same_mapping_in_a_referenced_project_gives_CG1043_at_the_mapping_and_no_compiler_conflicts(bool internalsVisible)
    {
        var shared = Library("Shared", [Infusionsoft()], internalsVisible ? GrantsApp : string.Empty);
        var again = Infusionsoft("/app/infusionsoft.connector.json");
        const string usesShared = "namespace App { internal static class UsesShared { internal static object M() => new Contoso.Connectors.InfusionsoftCredentials(); } }";

        var run = GeneratorHarness.RunGenerator([again], source: usesShared, assemblyName: "App", rootNamespace: "App", extraReferences: [shared]);

        var warning = Assert.Single(run.GeneratorDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Equal("CG1043", warning.Id);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        AssertAt(warning, again);
        Assert.Contains("'Contoso.Connectors.InfusionsoftCredentials' already comes from the referenced assembly 'Shared'", warning.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(Hints(run), h => h.Contains("Infusionsoft", StringComparison.Ordinal) || h.StartsWith("ConnectorGen.Generated.", StringComparison.Ordinal));
        Assert.Empty(run.CompileDiagnostics);
    }

    /// <summary>Issue 23 item 7: the same mapping without "namespace" lands in each project's root namespace.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_same_mapping_without_a_namespace_in_a_referenced_project_gives_CG1043_by_connector_and_element_key(bool internalsVisible)
    {
        var mapping = """{ "connector": "Acme", "elementKey": "acme", "credentials": [ { "name": "ApiKey", "source": "API key", "parameter": "acme.api.key" } ] }""";
        var shared = Library("Shared", [new InMemoryAdditionalText("/shared/acme.connector.json", mapping)], internalsVisible ? GrantsApp : string.Empty);
        var again = new InMemoryAdditionalText("/app/acme.connector.json", mapping);
        const string usesShared = "namespace App { internal static class UsesShared { internal static object M() => new Shared.AcmeCredentials(); } }";

        var run = GeneratorHarness.RunGenerator([again], source: usesShared, assemblyName: "App", rootNamespace: "App", extraReferences: [shared]);

        var warning = Assert.Single(run.GeneratorDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Equal("CG1043", warning.Id);
        AssertAt(warning, again);
        Assert.Contains("'Shared.AcmeCredentials' already comes from the referenced assembly 'Shared'", warning.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(Hints(run), h => h.Contains("Acme", StringComparison.Ordinal));
        Assert.Empty(run.CompileDiagnostics);

        // Another element key (or connector name) is another mapping: generated here, no CG1043.
        var other = GeneratorHarness.RunGenerator([new InMemoryAdditionalText("/app/acme.connector.json", mapping.Replace("\"acme\"", "\"acme2\"", StringComparison.Ordinal))], assemblyName: "App", rootNamespace: "App", extraReferences: [shared]);
        Assert.DoesNotContain(other.GeneratorDiagnostics, d => d.Id == "CG1043");
        Assert.Contains(Hints(other), h => h.Contains("Acme", StringComparison.Ordinal));
    }

    /// <summary>
    /// Issue 23 item 2: build/ConnectorGen.props tells the generator when the package reference is in the project file
    /// itself; a library (not an app, not a test project) then gets CG1051 at its first mapping. The packed shape is in
    /// ConnectorGen.Package.Tests.
    /// </summary>
    [Theory]
    [InlineData("Library", null, true)]
    [InlineData("", null, true)]
    [InlineData("Exe", null, false)]
    [InlineData("Library", "true", false)]
    public void CG1051_a_library_whose_own_project_file_holds_the_package_warns_that_its_consumers_get_no_analyzers(string outputType, string? isTestProject, bool expected)
    {
        var options = new Dictionary<string, string> { ["build_property.ConnectorGenReferenceStopsAtProject"] = "true", ["build_property.OutputType"] = outputType };
        if (isTestProject is not null)
        {
            options["build_property.IsTestProject"] = isTestProject;
        }

        var samples = AllSamples();
        var run = GeneratorHarness.RunGenerator(samples, globalOptions: options);
        var found = run.GeneratorDiagnostics.Where(d => d.Id == "CG1051").ToList();
        Assert.Equal(expected ? 1 : 0, found.Count);
        if (expected)
        {
            Assert.Equal(DiagnosticSeverity.Warning, found[0].Severity);
            AssertAt(found[0], samples[0]);
            Assert.Contains("InfusionsoftCredentials", found[0].GetMessage(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(GeneratorHarness.RunGenerator(samples).GeneratorDiagnostics, d => d.Id == "CG1051");
    }
}
