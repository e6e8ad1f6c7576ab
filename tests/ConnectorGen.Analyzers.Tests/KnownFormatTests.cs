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
    [InlineData("var v = {|CG2002:\"-----BEGIN PRIVATE KEY-----\"|};")]
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
    [InlineData("var v = \"-----BEGIN CERTIFICATE-----\";")]
    [InlineData("var v = \"" + Code.Hex32 + "\";")]
    [InlineData("var expectedMd5 = \"" + Code.Hex32 + "\";")]
    [InlineData("var commitSha = \"7f6a6f0fb23c6f5da2cec255404e4fb4a1b2c3d4\";")]
    [InlineData("var v = \"Bearer \";")]
    [InlineData("var v = \"3f2504e0-4f89-11d3-9a0c-0305e82c3301\";")]
    public Task NotFlagged(string statements) => SecretTest.AnalyzeAsync(Code.Method(statements));

    [Fact]
    public Task Cg2002WinsOverCg2003() => SecretTest.AnalyzeAsync(Code.Class($$"""
            string GitHubToken = {|CG2002:"{{Code.GitHub}}"|};
        """));

    [Fact]
    public Task Cg2002IsReportedInTestProjects() => SecretTest.AnalyzeAsync(
        Code.Method("var password = \"hunter22x\"; var v = {|CG2002:\"" + Code.GitHub + "\"|};"),
        "build_property.IsTestProject = true");
}
