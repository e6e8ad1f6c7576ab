using System.Collections.Immutable;
using System.Reflection;
using ConnectorGen.Mapping;
using ConnectorGen.Model;
using ConnectorGen.Tests.Support;
using Microsoft.CodeAnalysis;

namespace ConnectorGen.Tests;

/// <summary>
/// The mapping's rules run on the overlaid credentials (the element definition's or catalogue's, then the file's by
/// key, name and role), so what a definition contributes counts for them, and each diagnostic stays in the file that
/// holds the offending text.
/// </summary>
public sealed class CredentialOverlayTests
{
    /// <summary>A definition whose Seal entry is secret only because the export says PASSWORD (its key and label do not look secret).</summary>
    private static InMemoryAdditionalText Definition(string extraEntries = "", string authentication = "oauth2") => new("/project/defs/acmeledger.element.json", """
        { "name": "Acme Ledger", "key": "acmeledger", "authentication": { "type": "AUTH" },
          "configuration": [
            { "key": "oauth.api.key", "name": "API Key", "type": "TEXTFIELD_64" },
            { "key": "oauth.api.secret", "name": "API Secret", "type": "PASSWORD" },
            { "key": "acme.ledger.seal", "name": "Seal", "type": "PASSWORD" }
        """.Replace("AUTH", authentication, StringComparison.Ordinal) + extraEntries + "\n  ] }");

    private static InMemoryAdditionalText Mapping(string json) => new("/project/books.connector.json", json);

    private const string Prefix = """{ "connector": "Books", "elementKey": "acmeledger", "elementDefinition": "defs/acmeledger.element.json" """;

    private const string OAuth = """, "auth": { "type": "oauth2", "authorizationEndpoint": "https://ledger.example.test/authorize", "tokenEndpoint": "https://ledger.example.test/token" }""";

    /// <summary>The run's only diagnostic: <paramref name="id"/>, in the mapping file, at <paramref name="span"/>.</summary>
    private static Diagnostic AssertSingleInMapping(GeneratorHarness.Run run, string id, Microsoft.CodeAnalysis.Text.TextSpan span)
    {
        var d = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, d.Id);
        Assert.Equal("/project/books.connector.json", d.Location.GetLineSpan().Path);
        Assert.Equal(span, d.Location.SourceSpan);
        return d;
    }

    [Fact]
    public void A_file_credential_that_overrides_a_definitions_secret_entry_by_key_stays_secret_and_is_redacted()
    {
        var run = GeneratorHarness.RunGenerator([Mapping(Prefix + """, "credentials": [ { "name": "Stamp", "source": "Stamp", "parameter": "acme.ledger.seal" } ] }"""), Definition(authentication: "custom")]);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompileDiagnostics);
        var type = GeneratorHarness.Load(run.Output).GetType("Tests.Consumer.BooksCredentials", throwOnError: true)!;
        var credentials = Activator.CreateInstance(type)!;
        type.GetProperty("Stamp")!.SetValue(credentials, "canary-7Hq2Zp");
        Assert.DoesNotContain("canary-7Hq2Zp", credentials.ToString(), StringComparison.Ordinal);
        Assert.NotNull(type.GetProperty("Stamp")!.GetCustomAttributes().SingleOrDefault(a => a.GetType().Name == "ConnectorSecretAttribute"));
    }

    [Fact]
    public void CG1012_a_public_override_of_a_definitions_secret_entry_is_reported_at_its_secret_flag_in_the_mapping()
    {
        var (json, span) = MappingDiagnosticsTests.Markers(Prefix + """, "credentials": [ { "name": "Stamp", "source": "Stamp", "parameter": "acme.ledger.seal", "secret": ⟪false⟫ } ] }""");
        var run = GeneratorHarness.RunGenerator([Mapping(json), Definition(authentication: "custom")]);
        AssertSingleInMapping(run, "CG1012", span);
    }

    [Fact]
    public void CG1014_an_explicit_auth_checks_the_roles_of_the_merged_credentials_at_the_mappings_auth_type()
    {
        var (json, span) = MappingDiagnosticsTests.Markers(Prefix + OAuth.Replace("\"type\": \"oauth2\"", "\"type\": ⟪\"oauth2\"⟫", StringComparison.Ordinal) + " }");
        var run = GeneratorHarness.RunGenerator([Mapping(json), Definition()]);
        var d = AssertSingleInMapping(run, "CG1014", span);
        Assert.Contains("redirectUri", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void CG1014_is_not_reported_when_the_definition_holds_every_role_the_mappings_auth_needs()
    {
        var run = GeneratorHarness.RunGenerator([Mapping(Prefix + OAuth + " }"), Definition(""", { "key": "oauth.callback.url", "name": "Callback URL" }""")]);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompileDiagnostics);
        Assert.NotNull(run.Output.GetTypeByMetadataName("Tests.Consumer.BooksOAuthClient"));
    }

    [Fact]
    public void CG1030_a_mapping_without_auth_on_an_oauth2_definition_without_endpoint_defaults_is_told_at_its_element_key()
    {
        var (json, span) = MappingDiagnosticsTests.Markers("""{ "connector": "Books", "elementKey": ⟪"acmeledger"⟫, "elementDefinition": "defs/acmeledger.element.json" }""");
        var run = GeneratorHarness.RunGenerator([Mapping(json), Definition()]);
        AssertSingleInMapping(run, "CG1030", span);
        Assert.Empty(run.CompileDiagnostics);
        Assert.Null(run.Output.GetTypeByMetadataName("Tests.Consumer.BooksOAuthClient"));
    }

    /// <summary>A mapping that names a definition is read before the definitions are linked and overlaid after: its rules report once.</summary>
    [Fact]
    public void CG1005_in_a_mapping_that_names_a_definition_is_reported_once_in_the_mapping()
    {
        var (json, span) = MappingDiagnosticsTests.Markers(Prefix + """, "credentials": [ { "name": "Host", "source": "Host", "parameter": "ledger.host" }, { "name": ⟪"Host"⟫, "source": "Host", "parameter": "ledger.server" } ] }""");
        var run = GeneratorHarness.RunGenerator([Mapping(json), Definition(authentication: "custom")]);
        AssertSingleInMapping(run, "CG1005", span);
    }

    [Theory]
    [InlineData("/project/defs/acmeledger.element.json", """{ "name": "Stamp", "source": "Stamp", "parameter": "acme.ledger.stamp", "environmentVariable": ⟪"BOOKS_SEAL"⟫ }""", "Seal")]
    [InlineData("/project/defs/acmeledger.element.json", """{ "name": ⟪"SEAL"⟫, "source": "Stamp", "parameter": "acme.ledger.stamp" }""", "Seal")]
    [InlineData(null, """{ "name": "Token", "source": "Token", "parameter": "acme.token", "environmentVariable": ⟪"BOOKS_CLIENT_SECRET"⟫ }""", "ClientSecret")]
    public void CG1019_a_file_credential_that_reads_the_variable_of_an_appended_base_entry_is_reported_where_the_file_names_it(string? definition, string credential, string baseEntry)
    {
        var (json, span) = MappingDiagnosticsTests.Markers(
            (definition is null ? """{ "connector": "Books", "elementKey": "hubspotcrm" """ : Prefix) + """, "credentials": [ """ + credential + " ] }");
        var files = definition is null ? new[] { Mapping(json) } : [Mapping(json), Definition(authentication: "custom")];
        var run = GeneratorHarness.RunGenerator(files);
        var d = AssertSingleInMapping(run, "CG1019", span);
        Assert.Contains("'" + baseEntry + "'", d.GetMessage(), StringComparison.Ordinal);
    }
}

/// <summary>
/// The class of the analyzers' blind spot: they read the mapping set with <see cref="MappingSet.Read"/>, and for every
/// input the sample projects and tests use (catalogue mappings, hand-written ones, element exports, a mapping that
/// renames an export) its secret credentials are exactly the properties the generator marks [ConnectorSecret].
/// </summary>
public sealed class MappingSetTests
{
    [Fact]
    public void The_analyzers_read_the_secret_credentials_the_generator_generates_from_every_kind_of_input()
    {
        var mappings = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Mappings"), "*.connector.json", SearchOption.AllDirectories);
        var files = mappings.Select(p => (AdditionalText)new InMemoryAdditionalText("/project/" + Path.GetFileName(p), File.ReadAllText(p)))
            .Append(new InMemoryAdditionalText("/project/defs/tillerpos.element.json", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Elements", "tillerpos.element.json"))))
            .Append(new InMemoryAdditionalText("/project/defs/acmeledger.element.json", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Elements", "acmeledger.element.json"))))
            .Append(new InMemoryAdditionalText("/project/books.connector.json", """{ "connector": "Books", "elementKey": "acmeledger", "elementDefinition": "defs/acmeledger.element.json", "credentials": [ { "name": "Host", "source": "Host", "parameter": "ledger.host" } ] }"""))
            .ToImmutableArray();
        var run = GeneratorHarness.RunGenerator(files);
        Assert.Empty(run.CompileDiagnostics);

        var models = MappingSet.Read(files, CancellationToken.None).Select(r => r.Model).OfType<MappingModel>().ToList();
        Assert.Equal(mappings.Length + 2, models.Count); // the renamed export is generated only through Books
        foreach (var model in models)
        {
            var type = run.Output.GetTypeByMetadataName((model.Namespace ?? "Tests.Consumer") + "." + model.CredentialsTypeName);
            Assert.True(type is not null, model.CredentialsTypeName + " was not generated");
            var generatedSecrets = type.GetMembers().OfType<IPropertySymbol>()
                .Where(p => p.GetAttributes().Any(a => a.AttributeClass?.Name == "ConnectorSecretAttribute"))
                .Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal);
            var readSecrets = model.Credentials.Where(c => c.Secret).Select(c => c.Name).OrderBy(n => n, StringComparer.Ordinal);
            Assert.Equal(generatedSecrets, readSecrets);
        }

        Assert.Contains(models, m => m.Connector == "Books" && m.Credentials.Any(c => c.Name == "Password" && c.Secret && c.EnvironmentVariable == "BOOKS_PASSWORD"));
    }

    /// <summary>
    /// The analyzers read the set at every compilation start; an unchanged text (the host keeps its SourceText until the
    /// file changes) is not parsed again, so a 20 MiB export costs its parse once, not once per keystroke.
    /// </summary>
    [Fact]
    public void A_second_read_of_unchanged_texts_reuses_their_parse_and_a_new_text_is_parsed_again()
    {
        var json = LargeElementExportTests.RealisticExport(resources: 600);
        var export = new InMemoryAdditionalText("/project/tillerpos.element.json", json);
        var mapping = new InMemoryAdditionalText("/project/pos.connector.json", """{ "connector": "Pos", "elementKey": "tillerpos" }""");
        ImmutableArray<AdditionalText> files = [export, mapping];

        var first = MappingSet.Read(files, CancellationToken.None);
        var second = MappingSet.Read(files, CancellationToken.None);
        Assert.Same(first[0], second[0]);
        Assert.Same(first[1], second[1]);
        Assert.Equal("TillerPos", second[0].Model!.Connector);

        var reloaded = MappingSet.Read([new InMemoryAdditionalText(export.Path, json), mapping], CancellationToken.None);
        Assert.NotSame(first[0], reloaded[0]);
        Assert.Equal(first[0], reloaded[0]);
    }
}
