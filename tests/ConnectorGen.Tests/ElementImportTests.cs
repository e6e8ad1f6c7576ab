using System.Text;
using ConnectorGen.Mapping;
using ConnectorGen.Model;
using ConnectorGen.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ConnectorGen.Tests;

/// <summary>
/// <c>*.element.json</c> import, from exports shaped like the platform's (Elements/*.element.json, written from the
/// documented shape in docs/elements.md): properties, types, secret flags, required flags and the OAuth client.
/// </summary>
public sealed class ElementImportTests
{
    private static string Export(string fileName) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Elements", fileName));

    private static ParseResult Parse(string json, string path = "/project/x.element.json") =>
        MappingParser.Parse(path, SourceText.From(json, Encoding.UTF8), CancellationToken.None);

    [Fact]
    public void A_custom_element_imports_its_visible_entries_with_types_secrets_and_required_flags()
    {
        var result = Parse(Export("acmeledger.element.json"));
        Assert.Empty(result.Diagnostics);
        var model = result.Model!;
        Assert.Equal("AcmeLedger", model.Connector);
        Assert.Equal("acmeledger", model.ElementKey);
        Assert.Equal(AuthType.Basic, model.Auth.Type);

        // base.url and jdbc.driver.classname are hidden, authentication.time is internal.
        Assert.Equal(["LedgerHost", "Username", "Password", "Sandbox", "WebhookSecret", "Filters"], model.Credentials.Select(c => c.Name).ToArray());
        var byName = model.Credentials.ToDictionary(c => c.Name);
        Assert.True(byName["Password"].Secret);                 // PASSWORD
        Assert.True(byName["WebhookSecret"].Secret);            // a key that looks secret
        Assert.False(byName["Username"].Secret);
        Assert.Equal(FormatKind.Boolean, byName["Sandbox"].Format);
        Assert.False(byName["Sandbox"].Required);               // required, but the platform default "false" applies
        Assert.Contains("Default: false.", byName["Sandbox"].Description);
        Assert.True(byName["LedgerHost"].Required);             // defaultValue "" is no default
        Assert.False(byName["Filters"].Required);
        Assert.Equal(128, byName["LedgerHost"].MaxLength);      // TEXTFIELD_128
        Assert.Null(byName["Filters"].MaxLength);               // TEXTAREA
        Assert.Equal(CredentialRole.Username, byName["Username"].Role);
        Assert.Equal(CredentialRole.Password, byName["Password"].Role);
        Assert.Equal("ACME_LEDGER_PASSWORD", byName["Password"].EnvironmentVariable);
    }

    [Fact]
    public void An_oauth2_export_with_trailing_text_gets_its_endpoints_from_the_entry_defaults()
    {
        var result = Parse(Export("tillerpos.element.json"));
        Assert.Empty(result.Diagnostics);
        var model = result.Model!;
        Assert.Equal("TillerPos", model.Connector);          // all-capital words become Pascal case
        Assert.Equal(AuthType.OAuth2, model.Auth.Type);
        Assert.Equal("https://www.tillerpos.example/oauth/authorize", model.Auth.AuthorizationEndpoint);
        Assert.Equal("https://www.tillerpos.example/oauth/token", model.Auth.TokenEndpoint);
        Assert.Equal(["read", "write"], model.Auth.Scopes.ToArray());

        // Platform-managed, internal, hidden and event entries are left out.
        Assert.Equal(["ClientId", "ClientSecret", "CallbackUrl", "Sandbox", "MerchantId", "FilterNullValuesFromTheResponse"], model.Credentials.Select(c => c.Name).ToArray());
        var byName = model.Credentials.ToDictionary(c => c.Name);
        Assert.True(byName["ClientSecret"].Secret);                // a reserved secret key, although TEXTFIELD_128
        Assert.False(byName["ClientId"].Secret);
        Assert.Equal(CredentialRole.ClientId, byName["ClientId"].Role);
        Assert.Equal(CredentialRole.ClientSecret, byName["ClientSecret"].Role);
        Assert.Equal(CredentialRole.RedirectUri, byName["CallbackUrl"].Role);
        Assert.Equal(FormatKind.Url, byName["CallbackUrl"].Format);
        Assert.Equal(FormatKind.Boolean, byName["Sandbox"].Format);
    }

    [Fact]
    public void Imported_elements_generate_compiling_types_and_the_oauth_client_and_redact_secrets()
    {
        var source = """
            namespace Tests.Consumer;
            public static class Use
            {
                public static object Build()
                {
                    var ledger = new AcmeLedgerCredentials { LedgerHost = "books.acme.example", Username = "u", Password = "canary-Pw-7731", Sandbox = true };
                    var pos = new TillerPosCredentials { ClientId = "id", ClientSecret = "canary-Sec-9902", CallbackUrl = new System.Uri("https://app.example/cb") };
                    return new object[] { ledger, pos, typeof(TillerPosOAuthMetadata), ledger.ToOpenConnectorsConfiguration() };
                }
            }
            """;
        var run = GeneratorHarness.RunGenerator(
        [
            new InMemoryAdditionalText("/project/acmeledger.element.json", Export("acmeledger.element.json")),
            new InMemoryAdditionalText("/project/tillerpos.element.json", Export("tillerpos.element.json")),
        ], source);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompileDiagnostics);
        Assert.Contains("https://www.tillerpos.example/oauth/token", run.Source("TillerPos.OAuthMetadata.g.cs"));
        var assembly = GeneratorHarness.Load(run.Output);
        var built = (object[])assembly.GetType("Tests.Consumer.Use")!.GetMethod("Build")!.Invoke(null, null)!;
        Assert.DoesNotContain("canary-", built[0].ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("canary-", built[1].ToString(), StringComparison.Ordinal);
        var configuration = (IReadOnlyDictionary<string, string>)built[3];
        Assert.Equal("true", configuration["ledger.sandbox"]);
        Assert.Equal("books.acme.example", configuration["ledger.host"]);
        Assert.False(configuration.ContainsKey("base.url"));
        var secretProperty = assembly.GetType("Tests.Consumer.TillerPosCredentials")!.GetProperty("ClientSecret")!;
        Assert.Contains(secretProperty.GetCustomAttributesData(), a => a.AttributeType.Name == "ConnectorSecretAttribute");
    }

    [Theory]
    [InlineData("""⟪{⟫ "name": "Acme", "key": "acme" }""", "CG1022", "'configuration'")]
    [InlineData("""⟪{⟫ "configuration": [] }""", "CG1022", "'name'")]
    [InlineData("""{ "name": ⟪"!!!"⟫, "configuration": [] }""", "CG1022", "'name'")]
    [InlineData("""{ "name": "Acme", "configuration": [ ⟪{⟫ "name": "No key", "type": "TEXTFIELD_32" } ] }""", "CG1023", "no 'key'")]
    [InlineData("""{ "name": "Acme", "configuration": [ ⟪42⟫ ] }""", "CG1023", "not an object")]
    [InlineData("""{ "name": "Acme", "configuration": [ { "key": "a.b" }, { "key": ⟪"a.b"⟫ } ] }""", "CG1023", "same key")]
    [InlineData("""{ "name": "Acme", "configuration": [ { "key": "a.script", "type": ⟪"CODE_EDITOR"⟫ } ] }""", "CG1024", "CODE_EDITOR")]
    [InlineData("""{ "name": "Acme", "configuration": ⟪{}⟫ }""", "CG1003", "configuration")]
    [InlineData("""{ "name": "Acme", "authentication": { "type": "oauth2" }, "configuration": [ { "key": "oauth.api.key" }, { "key": "oauth.token.url", "defaultValue": ⟪"http://id.acme.example/token"⟫ } ] }""", "CG1011", "https")]
    [InlineData("""{ "name": "Acme" ⟪"⟫key": "acme" }""", "CG1001", "expected")]
    public void What_cannot_be_imported_is_reported_at_its_token(string marked, string id, string text)
    {
        var (json, span) = MappingDiagnosticsTests.Markers(marked);
        var run = GeneratorHarness.RunGenerator(json, path: "/project/acme.element.json");
        var d = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, d.Id);
        Assert.Equal("/project/acme.element.json", d.Location.GetLineSpan().Path);
        Assert.Equal(span, d.Location.SourceSpan);
        Assert.Contains(text, d.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(run.CompileDiagnostics);
    }

    [Fact]
    public void An_entry_that_cannot_be_imported_costs_only_that_entry()
    {
        var json = """{ "name": "Acme", "configuration": [ { "name": "No key" }, { "key": "acme.token", "name": "Token", "type": "PASSWORD", "required": true } ] }""";
        var run = GeneratorHarness.RunGenerator(json, "class U { void M(Tests.Consumer.AcmeCredentials c) { c.Token = \"x\"; } }", path: "/project/acme.element.json");
        Assert.Equal("CG1023", Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.Empty(run.CompileDiagnostics);
    }

    [Fact]
    public void Labels_that_collide_with_generated_members_or_each_other_get_names_from_their_keys()
    {
        var model = Parse("""{ "name": "Acme", "configuration": [ { "key": "acme.params", "name": "Parameters" }, { "key": "acme.a", "name": "Token" }, { "key": "acme.b", "name": "Token" } ] }""").Model!;
        Assert.Equal(["AcmeParams", "Token", "AcmeB"], model.Credentials.Select(c => c.Name).ToArray());
    }
}

/// <summary>A mapping that names an element definition renames and adjusts it; the definition is generated only through it.</summary>
public sealed class ElementReferenceTests
{
    private static InMemoryAdditionalText Ledger(string path = "/project/defs/acmeledger.element.json") =>
        new(path, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Elements", "acmeledger.element.json")));

    [Fact]
    public void A_mapping_renames_an_element_definition_and_overrides_its_credentials_by_key()
    {
        var mapping = new InMemoryAdditionalText("/project/ledger.connector.json", """
            { "connector": "Books", "elementKey": "acmeledger", "namespace": "Contoso.Books", "elementDefinition": "defs/./acmeledger.element.json",
              "credentials": [ { "name": "Host", "source": "Ledger host", "parameter": "ledger.host", "format": "hostName" } ] }
            """);
        var run = GeneratorHarness.RunGenerator([mapping, Ledger()], "class U { void M(Contoso.Books.BooksCredentials c) { c.Host = \"books.acme.example\"; c.Password = c.Username; c.Sandbox = true; } }");
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompileDiagnostics);
        var hints = run.Result.Results.Single().GeneratedSources.Select(s => s.HintName).ToList();
        Assert.DoesNotContain(hints, h => h.Contains("AcmeLedger", StringComparison.Ordinal));
        var source = run.Source("Books.Credentials.g.cs");
        Assert.Contains("BOOKS_PASSWORD", source);
        Assert.DoesNotContain("LedgerHost", source);
        Assert.Contains("[global::ConnectorGen.ConnectorSecret]", source);
    }

    [Fact]
    public void CG1025_a_missing_definition_is_reported_at_the_path_and_the_mapping_keeps_its_own_credentials()
    {
        var (json, span) = MappingDiagnosticsTests.Markers("""{ "connector": "Books", "elementKey": "acmeledger", "elementDefinition": ⟪"../acme.element.json"⟫, "credentials": [ { "name": "Host", "source": "Ledger host", "parameter": "ledger.host" } ] }""");
        var run = GeneratorHarness.RunGenerator([new InMemoryAdditionalText("/project/ledger.connector.json", json), Ledger()], "class U { void M(Tests.Consumer.BooksCredentials c) { c.Host = \"h\"; } }");
        var d = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("CG1025", d.Id);
        Assert.Equal(span, d.Location.SourceSpan);
        Assert.Contains("/acme.element.json", d.GetMessage());
        Assert.Empty(run.CompileDiagnostics);
        Assert.Contains(run.Result.Results.Single().GeneratedSources, s => s.HintName.EndsWith("AcmeLedger.Credentials.g.cs", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/p/a/b.connector.json", "c.element.json", "/p/a/c.element.json")]
    [InlineData("/p/a/b.connector.json", "../x/./c.element.json", "/p/x/c.element.json")]
    [InlineData("C:\\repo\\a\\b.connector.json", "..\\c.element.json", "C:/repo/c.element.json")]
    [InlineData("/p/a/b.connector.json", "/abs/c.element.json", "/abs/c.element.json")]
    public void Paths_are_relative_to_the_mapping(string mapping, string relative, string expected) =>
        Assert.Equal(expected, ElementReferences.Resolve(mapping, relative));

    /// <summary>Issue 23 (lower): the header of generated code names the file it comes from, an element definition too.</summary>
    [Fact]
    public void The_generated_header_names_the_element_definition_it_was_imported_from()
    {
        var run = GeneratorHarness.RunGenerator("""{ "name": "Acme", "key": "acme", "configuration": [ { "key": "acme.token", "type": "PASSWORD" } ] }""", path: "/project/acme.element.json");
        Assert.Empty(run.CompileDiagnostics);
        var header = run.Source("Acme.Credentials.g.cs").Split('\n')[1];
        Assert.Equal("// Generated by ConnectorGen from acme.element.json. Edit that file, not this one.", header.TrimEnd('\r'));
    }
}
