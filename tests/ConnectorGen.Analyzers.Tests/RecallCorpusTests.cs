using System.Threading.Tasks;
using Xunit;

namespace ConnectorGen.Analyzers.Tests;

/// <summary>
/// The miss classes of issue 11, each with cases written for this corpus (values are random, never issued) and a
/// clean twin where one exists. Markup spans are the exact expected locations.
/// </summary>
public class RecallCorpusTests
{
    // Fake credentials in provider formats (random, never issued).
    public const string SendGrid = "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";
    public const string Twilio = "SKd347301ef56e64dc3cd6089065c3146e";
    public const string SlackBot = "xoxb-4095461113-9309559729792-3ylOjt6o0NpUmkVO8JmR8y4E";
    public const string SlackUser = "xoxp-9160110843-6469748212-378991433014-de71159b42b4ea410fb9102f29a422eb";
    public const string AzureKey = "fqRTk8j1d/bWWbjkloG1QX647kdNl9cDo/+GbVMszvR4/EPZGz3zBXCOArr/SfiJvo58JB0W/O5PjeJfJTNcrZ==";
    public const string Sas = "https://contoso.blob.core.windows.net/c?sv=2022-11-02&ss=b&sp=rl&se=2030-01-01T00:00:00Z&sig=DmbX1rpXjYdOhCgOIPOZx9eRmm0EqlTaWEITclorXwI%3D";
    public const string Google = "AIzauYCl0Xq56zaWR7PAmpBFXlNPHcSke4R1J-d";
    public const string Npm = "npm_nZ3eBZclIvRY6iEjH5UH1RSC84FL8SfWoCHJ";

    [Theory]
    // a literal that reaches a mapped secret through a local or a chain of locals
    [InlineData("var s = {|CG2001:\"q7Vb2kLp9Xz\"|}; var c = new InfusionsoftCredentials { ClientSecret = s };")]
    [InlineData("var a = {|CG2001:\"q7Vb2kLp9Xz\"|}; var b = a; var c = new InfusionsoftCredentials(); c.EncryptedKey = b;")]
    [InlineData("string s; s = {|CG2001:\"q7Vb2kLp9Xz\"|}; dict[\"oauth.api.secret\"] = s;")]
    [InlineData("var s = dict.Count > 0 ? {|CG2001:\"q7Vb2kLp9Xz\"|} : {|CG2001:\"Zr83kdP0qq1\"|}; Use(s);")]
    [InlineData("var s = Environment.GetEnvironmentVariable(\"X\") ?? {|CG2001:\"q7Vb2kLp9Xz\"|}; dict.Add(\"infusionsoft.private.key\", s);")]
    [InlineData("var plain = {|CG2001:\"q7Vb2kLp9Xz\"|}; config[\"Infusionsoft:ClientSecret\"] = plain;")]
    // a lambda passed to FromEnvironment(...)
    [InlineData("var c = InfusionsoftCredentials.FromEnvironment(name => {|CG2001:\"q7Vb2kLp9Xz\"|});")]
    [InlineData("var c = InfusionsoftCredentials.FromEnvironment(name => name == InfusionsoftCredentials.EnvironmentVariables.ClientSecret ? {|CG2001:\"q7Vb2kLp9Xz\"|} : null);")]
    [InlineData("var c = InfusionsoftCredentials.FromEnvironment(name => name switch { \"INFUSIONSOFT_CLIENT_SECRET\" => {|CG2001:\"q7Vb2kLp9Xz\"|}, \"INFUSIONSOFT_CLIENT_ID\" => \"public-app-1\", _ => null });")]
    [InlineData("var c = InfusionsoftCredentials.FromEnvironment(name => { return {|CG2001:\"q7Vb2kLp9Xz\"|}; });")]
    // writes to the process environment under a mapped variable name
    [InlineData("Environment.SetEnvironmentVariable(InfusionsoftCredentials.EnvironmentVariables.ClientSecret, {|CG2001:\"q7Vb2kLp9Xz\"|});")]
    [InlineData("Environment.SetEnvironmentVariable(\"INFUSIONSOFT_CLIENT_SECRET\", {|CG2001:\"q7Vb2kLp9Xz\"|});")]
    [InlineData("Environment.SetEnvironmentVariable(\"Infusionsoft__EncryptedKey\", {|CG2001:\"q7Vb2kLp9Xz\"|});")]
    [InlineData("Environment.SetEnvironmentVariable(\"PORTAL_API_TOKEN\", {|CG2003:\"q7Vb2kLp9Xz\"|});")]
    // GUID-shaped and short base64url values on a secret-named member
    [InlineData("var clientSecret = {|CG2003:\"846B62D0-DEF9-4215-A99D-86E6B8DAB342\"|};")]
    [InlineData("var o = new Options { ClientSecret = {|CG2003:\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\"|} };")]
    [InlineData("var o = new Options { ClientSecret = {|CG2003:\"VbRq-Lt_aZ\"|} };")]
    [InlineData("var apiKey = {|CG2003:\"Zm9vYmFyYmF6\"|};")]
    // constants folded across const fields, +, string.Concat and interpolation
    [InlineData("var c = new InfusionsoftCredentials { ClientSecret = {|CG2001:Folded.Whole|} };")]
    [InlineData("var c = new InfusionsoftCredentials { ClientSecret = {|CG2001:string.Concat(\"q7Vb\", \"2kLp\", \"9Xz\")|} };")]
    [InlineData("var c = new InfusionsoftCredentials { ClientSecret = {|CG2001:string.Concat(Folded.Head, Folded.Tail)|} };")]
    [InlineData("var c = new InfusionsoftCredentials { ClientSecret = {|CG2001:$\"{Folded.Head}{Folded.Tail}\"|} };")]
    [InlineData("var v = {|CG2002:Folded.StripePrefix + \"1SkHbn88HxjSI6bWHtP3fS2q\"|};")]
    [InlineData("var v = {|CG2002:string.Concat(\"ghp_\", \"KtHF4vUCsMehGAkWvj7FAc9QeWJKY40uvSwM\")|};")]
    [InlineData("var v = {|CG2002:$\"{Folded.StripePrefix}1SkHbn88HxjSI6bWHtP3fS2q\"|};")]
    // known formats: secretlint recommended preset and gitleaks
    [InlineData("var v = {|CG2002:\"" + SendGrid + "\"|};")]
    [InlineData("var v = {|CG2002:\"" + Twilio + "\"|};")]
    [InlineData("var v = {|CG2002:\"" + SlackBot + "\"|};")]
    [InlineData("var v = {|CG2002:\"" + SlackUser + "\"|};")]
    [InlineData("var v = {|CG2002:\"" + Code.Jwt + "\"|};")]
    [InlineData("var v = {|CG2002:\"DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=" + AzureKey + ";EndpointSuffix=core.windows.net\"|};")]
    [InlineData("var storageKey = {|CG2002:\"" + AzureKey + "\"|};")]
    [InlineData("var v = new Uri({|CG2002:\"" + Sas + "\"|});")]
    [InlineData("var v = {|CG2002:\"" + Google + "\"|};")]
    [InlineData("var v = {|CG2002:\"" + Npm + "\"|};")]
    [InlineData("var v = {|CG2002:\"-----BEGIN EC PRIVATE KEY-----\\nMHcCAQEEIBkg\\n-----END EC PRIVATE KEY-----\"|};")]
    // JSON in a C# string whose keys are mapped parameters or configuration paths
    [InlineData("var json = {|CG2001:\"\"\"{\"oauth.api.key\": \"public-app\", \"oauth.api.secret\": \"q7Vb2kLp9Xz\"}\"\"\"|};")]
    [InlineData("var json = {|CG2001:@\"{ \"\"Infusionsoft\"\": { \"\"ClientSecret\"\": \"\"q7Vb2kLp9Xz\"\" } }\"|};")]
    [InlineData("var json = {|CG2001:\"{\\\"contoso.portal.token\\\":\\\"q7Vb2kLp9Xz\\\"}\"|};")]
    public Task Flagged(string statements) => SecretTest.AnalyzeAsync(Source(statements));

    [Theory]
    [InlineData("var s = \"public-app-1\"; var c = new InfusionsoftCredentials { ClientId = s };")]
    [InlineData("var s = \"q7Vb2kLp9Xz\"; UsePlain(s);")]
    [InlineData("var s = \"<your-client-secret>\"; var c = new InfusionsoftCredentials { ClientSecret = s };")]
    [InlineData("var c = InfusionsoftCredentials.FromEnvironment(name => name == InfusionsoftCredentials.EnvironmentVariables.ClientId ? \"public-app-1\" : null);")]
    [InlineData("var c = InfusionsoftCredentials.FromEnvironment(name => Environment.GetEnvironmentVariable(name));")]
    [InlineData("Environment.SetEnvironmentVariable(InfusionsoftCredentials.EnvironmentVariables.ClientId, \"public-app-1\");")]
    [InlineData("Environment.SetEnvironmentVariable(\"INFUSIONSOFT_CLIENT_ID\", \"q7Vb2kLp9Xz\");")]
    [InlineData("Environment.SetEnvironmentVariable(\"ASPNETCORE_ENVIRONMENT\", \"Development\");")]
    [InlineData("var clientId = \"846B62D0-DEF9-4215-A99D-86E6B8DAB342\";")]
    [InlineData("var requestId = Guid.NewGuid().ToString();")]
    [InlineData("var v = string.Concat(\"ghp_\", dict.Count.ToString());")]
    [InlineData("var json = \"\"\"{\"oauth.api.key\": \"public-app\", \"oauth.api.secret\": \"${SECRET}\"}\"\"\";")]
    [InlineData("var json = \"\"\"{\"oauth.api.key\": \"q7Vb2kLp9Xz\"}\"\"\";")]
    [InlineData("var v = \"sv=2022-11-02&sig=\";")]
    [InlineData("var v = \"AIza\";")]
    [InlineData("var v = \"npm_install_dependencies_for_the_whole_repo\";")]
    [InlineData("var v = \"xoxb-not-a-token\";")]
    [InlineData("var v = \"eyJhbGciOiJub25lIn0.eyJzdWIiOiIxMjM0NTY3ODkwIn0.\";")]
    public Task NotFlagged(string statements) => SecretTest.AnalyzeAsync(Source(statements));

    // Issue 20 item 2: literals that become key material, and the base64 of a literal user:password, at the literal.
    [Theory]
    [InlineData("var k = new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes({|CG2003:\"Hx7!qL2#vR9zKp4$wT6m\"|}));")]
    [InlineData("var k = new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(Convert.FromBase64String({|CG2003:\"Vq3kT9zLm2Xp8RwCVq3kTw==\"|}));")]
    [InlineData("var bytes = System.Text.Encoding.UTF8.GetBytes({|CG2003:\"k93jfu2Lq\"|}); var k = new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(bytes);")]
    [InlineData("using var h = new System.Security.Cryptography.HMACSHA256(System.Text.Encoding.ASCII.GetBytes({|CG2003:\"harbor-signing-2024\"|}));")]
    [InlineData("var mac = System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes({|CG2003:\"k93jfu2Lq\"|}), new byte[1]);")]
    [InlineData("using var h = new System.Security.Cryptography.HMACSHA1(); h.Key = System.Text.Encoding.UTF8.GetBytes({|CG2003:\"k93jfu2Lq\"|});")]
    [InlineData("using var aes = System.Security.Cryptography.Aes.Create(); aes.Key = System.Text.Encoding.UTF8.GetBytes({|CG2003:\"Vq3kT9zLm2Xp8RwC\"|});")]
    [InlineData("using var gcm = new System.Security.Cryptography.AesGcm(Convert.FromBase64String({|CG2003:\"Vq3kT9zLm2Xp8RwCVq3kTw==\"|}), 16);")]
    [InlineData("var k = \"k93jfu2Lq\"u8.ToArray(); using var h = new System.Security.Cryptography.HMACSHA512({|CG2003:\"Zr83kdP0qq1\"u8|}.ToArray());")]
    [InlineData("request.Headers.Authorization = new AuthenticationHeaderValue(\"Basic\", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes({|CG2003:\"harbor:k93jfu2Lq\"|})));")]
    [InlineData("request.Headers.Add(\"Authorization\", \"Basic \" + Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes({|CG2003:\"admin:Sommer2024\"|})));")]
    [InlineData("var basic = $\"Basic {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes({|CG2003:\"svc:Zr83kdP0qq1\"|}))}\";")]
    public Task KeyMaterialAndBasicCredentials(string statements) => SecretTest.AnalyzeAsync(Source(statements) + IdentityModelStub);

    [Theory]
    [InlineData("var k = new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(config[\"Jwt:Key\"]!));")]
    [InlineData("var k = new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(\"<your-signing-key>\"));")]
    [InlineData("var b = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(\"hello world\"));")]
    [InlineData("var b = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(\"{0}:{1}\"));")]
    [InlineData("var b = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(\"user:\" + dict[\"p\"]));")]
    [InlineData("var b = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(\"https://contoso.com\"));")]
    [InlineData("var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(\"k93jfu2Lq\"));")]
    public Task KeyMaterialAndBasicCredentialsTwins(string statements) => SecretTest.AnalyzeAsync(Source(statements) + IdentityModelStub);

    private const string IdentityModelStub = """
        namespace Microsoft.IdentityModel.Tokens { public class SymmetricSecurityKey { public SymmetricSecurityKey(byte[] key) { } } }

        """;

    private static string Source(string statements) => Code.Method(statements) + """
        static class Folded
        {
            public const string Head = "q7Vb";
            public const string Tail = "2kLp9Xz";
            public const string Whole = Head + Tail;
            public const string StripePrefix = "sk_live_";
        }
        class Options { public string? ClientSecret { get; set; } }

        """;
}

/// <summary>Code whose package references are missing (a scan of a checkout, a broken restore): names still count.</summary>
public class UnboundCodeTests
{
    [Fact]
    public Task MemberOfAnUnresolvedTypeIsJudgedByItsName()
    {
        var test = SecretTest.Create(Code.Method("""
            #pragma warning disable CS0246
            var d = new MissingDescriptor { ClientId = "console", ClientSecret = {|CG2003:"846B62D0-DEF9-4215-A99D-86E6B8DAB342"|}, DisplayName = "Console" };
            """));
        test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None;
        return test.RunAsync();
    }
}

/// <summary>Messages name the connector as its mapping does (Infusionsoft), never the generated type (InfusionsoftCredentials).</summary>
public class ConnectorNameInMessagesTests
{
    [Theory]
    [InlineData("Environment.SetEnvironmentVariable(InfusionsoftCredentials.EnvironmentVariables.ClientSecret, {|#0:\"q7Vb2kLp9Xz\"|});", "environment variable 'INFUSIONSOFT_CLIENT_SECRET'", "secret variable of connector 'Infusionsoft'")]
    [InlineData("var c = InfusionsoftCredentials.FromEnvironment(name => {|#0:\"q7Vb2kLp9Xz\"|});", "a variable read by InfusionsoftCredentials.FromEnvironment", "FromEnvironment reads the secrets of connector 'Infusionsoft' through it")]
    public Task The_reason_names_the_connector(string statements, string target, string reason)
    {
        var test = SecretTest.Create(Code.Method(statements));
        test.ExpectedDiagnostics.Add(new Microsoft.CodeAnalysis.Testing.DiagnosticResult("CG2001", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning)
            .WithLocation(0)
            .WithArguments(target, reason));
        return test.RunAsync();
    }
}
