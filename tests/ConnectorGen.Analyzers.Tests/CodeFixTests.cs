using System.Threading.Tasks;
using Xunit;

namespace ConnectorGen.Analyzers.Tests;

/// <summary>The environment-variable fix for CG2001..CG2003, one at a time and Fix All (document, project, solution).</summary>
public class CodeFixTests
{
    private const string Env = "Environment.GetEnvironmentVariable";
    private const string Throw = "throw new InvalidOperationException";

    [Fact]
    public Task ConnectorSecretUsesGeneratedEnvironmentVariableConstant() => SecretTest.FixAsync(
        Code.Method("var c = new InfusionsoftCredentials { ClientSecret = {|CG2001:\"q7Vb2kLp9Xz\"|} };"),
        Code.Method($"var c = new InfusionsoftCredentials {{ ClientSecret = {Env}(InfusionsoftCredentials.EnvironmentVariables.ClientSecret) ?? {Throw}(\"INFUSIONSOFT_CLIENT_SECRET is not set\") }};"));

    [Fact]
    public Task KnownFormatUsesTargetName() => SecretTest.FixAsync(
        Code.Method("var githubToken = {|CG2002:\"" + Code.GitHub + "\"|};"),
        Code.Method($"var githubToken = {Env}(\"GITHUB_TOKEN\") ?? {Throw}(\"GITHUB_TOKEN is not set\");"));

    [Fact]
    public Task SecretNameUsesUpperSnake() => SecretTest.FixAsync(
        Code.Method("var apiToken = {|CG2003:\"tk-93jfu2\"|};"),
        Code.Method($"var apiToken = {Env}(\"API_TOKEN\") ?? {Throw}(\"API_TOKEN is not set\");"));

    [Fact]
    public Task AuthorizationSinkUsesSinkName() => SecretTest.FixAsync(
        Code.Method("client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(\"Bearer\", {|CG2003:\"k93jfu2Lq\"|});"),
        Code.Method($"client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(\"Bearer\", {Env}(\"AUTHORIZATION\") ?? {Throw}(\"AUTHORIZATION is not set\"));"));

    [Fact]
    public Task FallbackIsParenthesizedInsideCoalesce() => SecretTest.FixAsync(
        Code.Method("var password = Environment.GetEnvironmentVariable(\"DB_PASSWORD\") ?? {|CG2003:\"k93jfu2Lq\"|};"),
        Code.Method($"var password = Environment.GetEnvironmentVariable(\"DB_PASSWORD\") ?? ({Env}(\"PASSWORD\") ?? {Throw}(\"PASSWORD is not set\"));"));

    [Fact]
    public Task NoFixForConstDeclarations()
    {
        var source = Code.Class("const string Password = {|CG2003:\"k93jfu2Lq\"|};");
        return SecretTest.FixAsync(source, source, iterations: 0);
    }

    [Fact]
    public Task FixAllInDocumentProjectAndSolution() => SecretTest.FixAsync(
        Code.Method("""
            var password = {|CG2003:"k93jfu2Lq"|};
            var apiToken = {|CG2003:"tk-93jfu2"|};
            request.Headers.Add("X-Keap-API-Key", {|CG2003:"k93jfu2Lq"|});
            """),
        Code.Method($"""
            var password = {Env}("PASSWORD") ?? {Throw}("PASSWORD is not set");
            var apiToken = {Env}("API_TOKEN") ?? {Throw}("API_TOKEN is not set");
            request.Headers.Add("X-Keap-API-Key", {Env}("X_KEAP_API_KEY") ?? {Throw}("X_KEAP_API_KEY is not set"));
            """));

    [Fact]
    public Task FixAllAcrossDocuments()
    {
        var test = SecretTest.Create(Code.Method("var password = {|CG2003:\"k93jfu2Lq\"|};"));
        test.TestState.Sources.Add(("Second.cs", "class D { string Secret = {|CG2003:\"k93jfu2Lq\"|}; }"));
        test.FixedState.Sources.Add(("/0/Test0.cs", Code.Method($"var password = {Env}(\"PASSWORD\") ?? {Throw}(\"PASSWORD is not set\");")));
        test.FixedState.Sources.Add(("Generated.cs", SecretTest.Generated));
        test.FixedState.Sources.Add(("Second.cs", "class D { string Secret = System.Environment.GetEnvironmentVariable(\"SECRET\") ?? throw new System.InvalidOperationException(\"SECRET is not set\"); }"));
        return test.RunAsync();
    }

    // Issue 23: one Fix All (the one `dotnet format` applies) fixes every rule's constants together.
    [Fact]
    public Task FixAllFixesConnectorSecretsAndSecretNamesTogether() => SecretTest.FixAsync(
        Code.Method("""
            var c = new InfusionsoftCredentials { ClientSecret = {|CG2001:"q7Vb2kLp9Xz"|} };
            var password = {|CG2003:"k93jfu2Lq"|};
            var githubToken = {|CG2002:"ghp_KtHF4vUCsMehGAkWvj7FAc9QeWJKY40uvSwM"|};
            """),
        Code.Method($$"""
            var c = new InfusionsoftCredentials { ClientSecret = {{Env}}(InfusionsoftCredentials.EnvironmentVariables.ClientSecret) ?? {{Throw}}("INFUSIONSOFT_CLIENT_SECRET is not set") };
            var password = {{Env}}("PASSWORD") ?? {{Throw}}("PASSWORD is not set");
            var githubToken = {{Env}}("GITHUB_TOKEN") ?? {{Throw}}("GITHUB_TOKEN is not set");
            """));

    // Issue 23: a dictionary entry keyed by a mapped parameter or configuration path reads the connector's own
    // variable, the one FromEnvironment() reads, not the UPPER_SNAKE form of the key.
    [Fact]
    public Task DictionaryEntryReadsTheConnectorsVariable() => SecretTest.FixAsync(
        Code.Method("""
            dict["oauth.api.secret"] = {|CG2001:"q7Vb2kLp9Xz"|};
            config["Infusionsoft:ClientSecret"] = {|CG2001:"q7Vb2kLp9Xz"|};
            """),
        Code.Method($"""
            dict["oauth.api.secret"] = {Env}("INFUSIONSOFT_CLIENT_SECRET") ?? {Throw}("INFUSIONSOFT_CLIENT_SECRET is not set");
            config["Infusionsoft:ClientSecret"] = {Env}("INFUSIONSOFT_CLIENT_SECRET") ?? {Throw}("INFUSIONSOFT_CLIENT_SECRET is not set");
            """));
}
