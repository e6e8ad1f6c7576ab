using System.Threading.Tasks;
using Xunit;

namespace ConnectorGen.Analyzers.Tests;

/// <summary>CG2003: secret by name or by authentication sink; short secrets decided by context.</summary>
public class HardcodedSecretTests
{
    [Theory]
    [InlineData("var password = {|CG2003:\"hunter22\"|};")]
    [InlineData("var dbPwd = {|CG2003:\"Pa55w0rd!\"|};")]
    [InlineData("var passphrase = {|CG2003:\"Tr0ub4dor&3\"|};")]
    [InlineData("var apiToken = {|CG2003:\"tk-93jfu2\"|};")]
    [InlineData("var api_key = {|CG2003:\"k93jfu2Lq\"|};")]
    [InlineData("var privateKey = {|CG2003:\"k93jfu2Lq\"|};")]
    [InlineData("var clientSecret = {|CG2003:\"k93jfu2Lq\"|};")]
    [InlineData("var credentials = {|CG2003:\"k93jfu2Lq\"|};")]
    [InlineData("var awsAccessKey = {|CG2003:\"k93jfu2Lq\"|};")]
    [InlineData("var refresh_token = {|CG2003:\"k93jfu2Lq\"|};")]
    [InlineData("request.Headers.Add(\"Authorization\", {|CG2003:\"Bearer k93jfu2Lq\"|});")]
    [InlineData("request.Headers.TryAddWithoutValidation(\"Authorization\", {|CG2003:\"User k93jfu2Lq, Organization 8sd7f6g5h4\"|});")]
    [InlineData("client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(\"Bearer\", {|CG2003:\"k93jfu2Lq\"|});")]
    [InlineData("client.DefaultRequestHeaders.Add(\"X-Keap-API-Key\", {|CG2003:\"k93jfu2Lq\"|});")]
    [InlineData("var c = new NetworkCredential(\"svc\", {|CG2003:\"k93jfu2Lq\"|});")]
    [InlineData("var c = new NetworkCredential { UserName = \"svc\", Password = {|CG2003:\"k93jfu2Lq\"|} };")]
    [InlineData("var cs = {|CG2003:\"Server=db;Database=app;User Id=sa;Password=k93jfu2Lq;\"|};")]
    [InlineData("var cs = {|CG2003:\"Host=db;Pwd=k93jfu2Lq\"|};")]
    // connection strings as people write them: spaced keys, any case, quoted values, the password last or first
    [InlineData("var cs = {|CG2003:\" Server = db ; PASSWORD = 'k93jfu2Lq' ; \"|};")]
    [InlineData("var cs = {|CG2003:\"Password=\\\"k93jfu2Lq\\\";Data Source=db\"|};")]
    [InlineData("var cs = {|CG2003:\"Endpoint=sb://ns.example.net/;SharedAccessKeyName=send;SharedAccessKey=k93jfu2Lq8Zx\"|};")]
    [InlineData("var cs = {|CG2003:\"tenant=contoso;client secret=k93jfu2Lq8Zx\"|};")]
    [InlineData("var b = new DbConnectionStringBuilder(); b[\"Password\"] = {|CG2003:\"k93jfu2Lq\"|};")]
    [InlineData("var u = new Uri({|CG2003:\"https://svc:k93jfu2Lq@db.contoso.com/\"|});")]
    [InlineData("var password = Environment.GetEnvironmentVariable(\"DB_PASSWORD\") ?? {|CG2003:\"k93jfu2Lq\"|};")]
    [InlineData("var (user, password) = (\"svc\", {|CG2003:\"k93jfu2Lq\"|});")]
    [InlineData("SetPassword({|CG2003:\"k93jfu2Lq\"|});")]
    [InlineData("SetPassword(password: {|CG2003:Holder.Neutral|});")]
    [InlineData("var d = new Dictionary<string, string> { [\"client_secret\"] = {|CG2003:\"k93jfu2Lq\"|} };")]
    public Task Flagged(string statements) => SecretTest.AnalyzeAsync(Source(statements));

    [Theory]
    [InlineData("var clientSecret = \"bench-\" + Guid.NewGuid().ToString(\"N\");")]
    [InlineData("var apiToken = \"__Connector__\";")]
    [InlineData("var clientSecret = \"__CLIENT_SECRET__\";")]
    [InlineData("var password = $\"run-{Guid.NewGuid():N}\";")]
    [InlineData("var password = \"\";")]
    [InlineData("var password = \"Password\";")]
    [InlineData("var passwordLabel = \"Password\";")]
    [InlineData("var password = \"<your-password>\";")]
    [InlineData("var password = \"YOUR_PASSWORD\";")]
    [InlineData("var password = \"changeme\";")]
    [InlineData("var password = \"***\";")]
    [InlineData("var password = \"123456\";")]
    [InlineData("var password = \"abcdef\";")]
    [InlineData("var password = \"00000000\";")]
    [InlineData("var password = \"Enter your password\";")]
    [InlineData("var passwordPrompt = \"Password:\";")]
    [InlineData("var clientSecretParameter = \"client_secret\";")]
    [InlineData("var secretKey = \"oauth.api.secret\";")]
    [InlineData("var tokenVariable = Environment.GetEnvironmentVariable(\"API_TOKEN\");")]
    [InlineData("var token = Environment.GetEnvironmentVariable(\"API_TOKEN\");")]
    [InlineData("var tokenUrl = \"https://api.infusionsoft.com/token\";")]
    [InlineData("var token = \"https://api.infusionsoft.com/token\";")]
    [InlineData("var passwordHash = \"k93jfu2Lq\";")]
    [InlineData("var tokenSha256 = \"k93jfu2Lq\";")]
    [InlineData("var secretChecksum = \"k93jfu2Lq\";")]
    [InlineData("var tokenEtag = \"k93jfu2Lq\";")]
    [InlineData("var secretThumbprint = \"k93jfu2Lq\";")]
    [InlineData("var keyFingerprint = \"k93jfu2Lq\";")]
    [InlineData("var clientId = \"k93jfu2Lq\";")]
    [InlineData("var tokenColour = \"#FF8800\";")]
    [InlineData("var publicKeyToken = \"b77a5c561934e089\";")]
    [InlineData("var token = \"System.Runtime, PublicKeyToken=b03f5f7f11d50a3a\";")]
    [InlineData("var InvalidPassword = \"28P01\";")]
    [InlineData("var tokenType = \"bearer\";")]
    [InlineData("request.Headers.Add(\"Authorization\", \"Bearer \" + Environment.GetEnvironmentVariable(\"T\"));")]
    [InlineData("request.Headers.Add(\"Authorization\", \"Bearer\");")]
    [InlineData("request.Headers.Add(\"Authorization\", \"Bearer ${TOKEN}\");")]
    [InlineData("request.Headers.Add(\"Accept\", \"application/json\");")]
    [InlineData("var cs = \"Server=db;Database=app;Integrated Security=true\";")]
    [InlineData("var cs = \"Server=db;Password=;\";")]
    [InlineData("var cs = \"Server=db;Password={0};\";")]
    [InlineData("var cs = \"Server=db;Password='';\";")]
    [InlineData("var cs = \"Server=db;PasswordFile=/run/secrets/db;\";")]
    [InlineData("var q = \"key=value;other=thing;secretive=no\";")]
    [InlineData("var u = new Uri(\"https://db.contoso.com/\");")]
    [InlineData("var u = new Uri(\"https://svc@db.contoso.com/\");")]
    [InlineData("var b = new DbConnectionStringBuilder(); b[\"Server\"] = \"db\";")]
    [InlineData("var c = new NetworkCredential(\"svc\", Environment.GetEnvironmentVariable(\"P\"));")]
    [InlineData("var message = \"k93jfu2Lq\";")]
    [InlineData("var password = $\"{dict.Count:N2}\";")]
    [InlineData("var password = $\"{dict.Count}\";")]
    [InlineData("SetPassword(Environment.GetEnvironmentVariable(\"P\")!);")]
    public Task NotFlagged(string statements) => SecretTest.AnalyzeAsync(Source(statements));

    [Fact]
    public Task ErrorCodeConstantIsNotFlagged() => SecretTest.AnalyzeAsync(Code.Class("""
            public const string InvalidPassword = "28P01";
            public const string PasswordRequired = "PW-001";
        """));

    [Fact]
    public Task ShortSecretInSecretFieldIsFlagged() => SecretTest.AnalyzeAsync(Code.Class("""
            private const string Password = {|CG2003:"k9!"|};
            private static readonly string ApiToken = {|CG2003:"t0k3n"|};
            private string Secret { get; } = {|CG2003:"s3cr3t-v4l"|};
            private string Pwd => {|CG2003:"x7Yq2"|};
        """));

    [Fact]
    public Task NotReportedInTestProjectsByDefault() => SecretTest.AnalyzeAsync(
        Source("var password = \"hunter22\";"),
        "build_property.IsTestProject = true");

    [Fact]
    public Task ReportedInTestProjectsWhenEnabled() => SecretTest.AnalyzeAsync(
        Source("var password = {|CG2003:\"hunter22\"|};"),
        "build_property.IsTestProject = true\nconnectorgen.cg2003_in_tests = true");

    // Issue 23 item 8: CG2001 in test projects is handled as CG2003 is: off, unless the project asks for it.
    [Fact]
    public Task ConnectorSecretsAreNotReportedInTestProjects() => SecretTest.AnalyzeAsync(
        Source("var password = \"hunter22\"; var c = new InfusionsoftCredentials { ClientSecret = \"q7Vb2kLp9Xz\" }; dict[\"oauth.api.secret\"] = \"q7Vb2kLp9Xz\"; var v = {|CG2002:\"" + Code.GitHub + "\"|};"),
        "build_property.IsTestProject = true");

    [Fact]
    public Task ConnectorSecretsReportedInTestProjectsWhenEnabled() => SecretTest.AnalyzeAsync(
        Source("var password = \"hunter22\"; var c = new InfusionsoftCredentials { ClientSecret = {|CG2001:\"q7Vb2kLp9Xz\"|} };"),
        "build_property.IsTestProject = true\nconnectorgen.cg2001_in_tests = true");

    [Fact]
    public Task CustomSecretNames() => SecretTest.AnalyzeAsync(
        Source("var myMagic = {|CG2003:\"hunter22\"|}; var foo = {|CG2003:\"hunter22\"|}; var bar = \"hunter22\";"),
        "connectorgen.secret_names = magic, foo");

    [Fact]
    public Task IgnoredNames() => SecretTest.AnalyzeAsync(
        Source("var seedPassword = \"hunter22\"; var password = {|CG2003:\"hunter22\"|};"),
        "connectorgen.ignored_names = seedPassword");

    [Fact]
    public Task SeverityNoneDisables() => SecretTest.AnalyzeAsync(
        Source("var password = \"hunter22\"; var v = {|CG2002:\"" + Code.GitHub + "\"|};"),
        "dotnet_diagnostic.CG2003.severity = none");

    [Fact]
    public Task PragmaAndSuppressMessage()
    {
        var test = SecretTest.Create(Code.Class("""
            #pragma warning disable CG2003
            const string Password = "hunter22";
            #pragma warning restore CG2003
            [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CG2003")]
            const string ApiToken = "hunter22";
            const string Secret = {|CG2003:"hunter22"|};
        """));
        test.TestBehaviors |= Microsoft.CodeAnalysis.Testing.TestBehaviors.SkipSuppressionCheck;
        return test.RunAsync();
    }

    [Fact]
    public Task GeneratedCodeIsSkipped() => SecretTest.AnalyzeAsync(Code.Class("""
            [System.CodeDom.Compiler.GeneratedCode("tool", "1.0")]
            class Inner { const string Password = "hunter22"; }
        """));

    /// <summary>
    /// Every way code is marked generated (an attribute on a member or on an enclosing type, the auto-generated header,
    /// a generated file name) skips analysis; the same secret in hand-written code next to it is still reported.
    /// </summary>
    [Theory]
    [InlineData("class Host { [System.CodeDom.Compiler.GeneratedCode(\"tool\", \"1.0\")] void M() { var password = \"hunter22\"; } }", "Hand.cs")]
    [InlineData("[System.CodeDom.Compiler.GeneratedCode(\"tool\", \"1.0\")] class Outer { class Inner { string Password = \"hunter22\"; } }", "Hand.cs")]
    [InlineData("// <auto-generated/>\nclass Host { string Password = \"hunter22\"; }", "Hand.cs")]
    [InlineData("class Host { string Password = \"hunter22\"; }", "Host.g.cs")]
    [InlineData("class Host { string Password = \"hunter22\"; }", "Host.designer.cs")]
    public async Task GeneratedCodeOfEveryKindIsSkipped(string generated, string fileName)
    {
        var test = SecretTest.Create(Code.Class("string Password = {|CG2003:\"hunter22\"|};"));
        test.TestState.Sources.Add((fileName, generated));
        await test.RunAsync();
    }

    internal static string Source(string statements) => Code.Method(statements);
}
