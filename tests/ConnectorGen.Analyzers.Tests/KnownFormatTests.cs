using System.Threading.Tasks;
using Xunit;

namespace ConnectorGen.Analyzers.Tests;

/// <summary>CG2002: provider credential formats anywhere a string constant appears.</summary>
public class KnownFormatTests
{
    [Theory]
    [InlineData("var v = {|CG2002:\"" + Code.Keap + "\"|};")]
    [InlineData("Console.WriteLine({|CG2002:\"" + Code.GitHub + "\"|});")]
    [InlineData("var v = {|CG2002:\"" + Code.GitHubPat + "\"|};")]
    [InlineData("var v = {|CG2002:\"gho_KtHF4vUCsMehGAkWvj7FAc9QeWJKY40uvSwM\"|};")]
    [InlineData("var v = {|CG2002:\"" + Code.AwsKeyId + "\"|};")]
    [InlineData("var v = {|CG2002:\"ASIAQSAJ08XUI6D39ZZZ\"|};")]
    [InlineData("var awsSecretAccessKey = {|CG2002:\"" + Code.AwsSecret + "\"|};")]
    [InlineData("var v = {|CG2002:\"" + Code.Stripe + "\"|};")]
    [InlineData("var v = {|CG2002:\"" + Code.Slack + "\"|};")]
    [InlineData("var v = {|CG2002:\"-----BEGIN RSA PRIVATE KEY-----\\nMIIEpAIBAAKCAQEA\\n-----END RSA PRIVATE KEY-----\"|};")]
    [InlineData("var v = {|CG2002:\"-----BEGIN PRIVATE KEY-----\\r\\nMIIEvQIBADANBgkqhkiG9w0B\"|};")]
    [InlineData("request.Headers.Add(\"Authorization\", {|CG2002:\"Bearer " + Code.Jwt + "\"|});")]
    [InlineData("client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(\"Bearer\", {|CG2002:\"" + Code.Jwt + "\"|});")]
    [InlineData("var apiKey = {|CG2002:\"" + Code.Hex32 + "\"|};")]
    [InlineData("var v = {|CG2002:$\"token={\"" + Code.GitHub + "\"}\"|};")]
    [InlineData("var v = {|CG2002:\"\"\"\n" + Code.Stripe + "\n\"\"\"|};")]
    public Task Flagged(string statements) => SecretTest.AnalyzeAsync(Code.Method(statements));

    [Theory]
    [InlineData("var v = \"KeapAK-1234\";")]
    [InlineData("var v = \"KeapAK-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\";")]
    [InlineData("var v = \"ghp_\";")]
    [InlineData("var v = \"ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\";")]
    [InlineData("var v = \"AKIAIOSFODNN7EXAMPLE\";")]
    [InlineData("var v = \"AKIA\";")]
    [InlineData("var v = \"" + Code.AwsSecret + "\";")]
    [InlineData("var v = \"sk_test_1SkHbn88HxjSI6bWHtP3fS2q\";")]
    [InlineData("var v = \"https://hooks.slack.com/services/\";")]
    [InlineData("var v = \"-----BEGIN PUBLIC KEY-----\";")]
    // issue 20: an armour line alone holds no key (a generator writes it around key bytes it makes at run time)
    [InlineData("var v = \"-----BEGIN PRIVATE KEY-----\";")]
    [InlineData("var lines = new List<string> { \"-----BEGIN FAKE RSA PRIVATE KEY-----\" };")]
    [InlineData("var v = \"paste -----BEGIN OPENSSH PRIVATE KEY----- here\";")]
    [InlineData("var v = \"-----BEGIN CERTIFICATE-----\";")]
    [InlineData("var v = \"" + Code.Hex32 + "\";")]
    [InlineData("var expectedMd5 = \"" + Code.Hex32 + "\";")]
    [InlineData("var commitSha = \"7f6a6f0fb23c6f5da2cec255404e4fb4a1b2c3d4\";")]
    [InlineData("var v = \"Bearer \";")]
    [InlineData("var v = \"3f2504e0-4f89-11d3-9a0c-0305e82c3301\";")]
    public Task NotFlagged(string statements) => SecretTest.AnalyzeAsync(Code.Method(statements));

    /// <summary>
    /// Formats inside prose, markup and command lines: the format scan is skipped for values without a long run of token
    /// characters, and these values have spaces, quotes and punctuation around the token.
    /// </summary>
    [Theory]
    [InlineData("Console.WriteLine({|CG2002:\"CI token: " + Code.GitHub + " (rotate monthly)\"|});")]
    [InlineData("var html = {|CG2002:\"<a href='" + Code.Slack + "'>hook</a>\"|};")]
    [InlineData("var cmd = {|CG2002:\"curl -H 'Authorization: Bearer " + Code.Jwt + "' https://api.example.com\"|};")]
    [InlineData("var v = {|CG2002:\"key=" + Code.AwsKeyId + ", region=eu-west-1\"|};")]
    [InlineData("var v = {|CG2002:\"{ 'key': '" + Code.Stripe + "' }\"|};")]
    [InlineData("var v = {|CG2002:\"apikey " + RecallCorpusTests.SendGrid + " end\"|};")]
    [InlineData("var v = {|CG2002:\"download from " + RecallCorpusTests.Sas + " today\"|};")]
    [InlineData("var v = {|CG2002:\"paste -----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjEAAAAA here\"|};")]
    public Task FlaggedInsideText(string statements) => SecretTest.AnalyzeAsync(Code.Method(statements));

    /// <summary>Long runs of token characters that are not credentials: the full scan runs on them and finds nothing.</summary>
    [Theory]
    [InlineData("var v = \"System.Collections.Generic.Dictionary`2\";")]
    [InlineData("var v = \"/usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.0\";")]
    [InlineData("var v = \"https://example.com/api/v1/users/list?page=2&size=50\";")]
    [InlineData("var v = \"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\";")]
    [InlineData("var v = \"eyJhbGciOiJIUzI1NiJ9 is only a header\";")]
    public Task NotFlaggedLongTokens(string statements) => SecretTest.AnalyzeAsync(Code.Method(statements));

    [Fact]
    public Task Cg2002WinsOverCg2003() => SecretTest.AnalyzeAsync(Code.Class($$"""
            string GitHubToken = {|CG2002:"{{Code.GitHub}}"|};
        """));

    [Fact]
    public Task Cg2002IsReportedInTestProjects() => SecretTest.AnalyzeAsync(
        Code.Method("var password = \"hunter22x\"; var v = {|CG2002:\"" + Code.GitHub + "\"|};"),
        "build_property.IsTestProject = true");
}
