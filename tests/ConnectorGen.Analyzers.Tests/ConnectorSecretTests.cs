using System.Threading.Tasks;
using Xunit;

namespace ConnectorGen.Analyzers.Tests;

/// <summary>CG2001: constants that reach what the mappings declare secret. Each shape has a flagged and a clean case.</summary>
public class ConnectorSecretTests
{
    [Theory]
    [InlineData("var c = new InfusionsoftCredentials { ClientSecret = {|CG2001:\"q7Vb2kLp9Xz\"|} };")]
    [InlineData("var c = new InfusionsoftCredentials(); c.EncryptedKey = {|CG2001:\"q7Vb2kLp9Xz\"|};")]
    [InlineData("var c = new InfusionsoftCredentials { ClientSecret = {|CG2001:@\"q7Vb2kLp9Xz\"|} };")]
    [InlineData("var c = new InfusionsoftCredentials { ClientSecret = {|CG2001:\"\"\"q7Vb2kLp9Xz\"\"\"|} };")]
    [InlineData("var c = new InfusionsoftCredentials { ClientSecret = {|CG2001:\"q7Vb\" + \"2kLp9Xz\"|} };")]
    [InlineData("var c = new InfusionsoftCredentials { ClientSecret = {|CG2001:$\"q7Vb{Holder.Part}\"|} };")]
    [InlineData("var c = new InfusionsoftCredentials { ClientSecret = Environment.GetEnvironmentVariable(\"X\") ?? {|CG2001:\"q7Vb2kLp9Xz\"|} };")]
    [InlineData("var c = new InfusionsoftCredentials { ClientSecret = dict.Count > 0 ? {|CG2001:\"q7Vb2kLp9Xz\"|} : {|CG2001:\"Zr83kdP0qq1\"|} };")]
    [InlineData("var c = new InfusionsoftCredentials { ClientSecret = dict.Count switch { 0 => {|CG2001:\"q7Vb2kLp9Xz\"|}, _ => null } };")]
    [InlineData("var c = new InfusionsoftCredentials(); (c.ClientSecret, c.ClientId) = ({|CG2001:\"q7Vb2kLp9Xz\"|}, \"public-app\");")]
    [InlineData("var c = new InfusionsoftCredentials { ClientSecret = {|CG2001:Holder.Neutral|} };")]
    [InlineData("var c = new InfusionsoftCredentials { ClientSecret = {|CG2001:Holder.ReadOnlyNeutral|} };")]
    [InlineData("const string local = \"q7Vb2kLp9Xz\"; var c = new InfusionsoftCredentials { ClientSecret = {|CG2001:local|} };")]
    [InlineData("Use({|CG2001:\"q7Vb2kLp9Xz\"|});")]
    [InlineData("Use(secretValue: {|CG2001:\"q7Vb2kLp9Xz\"|});")]
    [InlineData("var r = new Rec({|CG2001:\"q7Vb2kLp9Xz\"|});")]
    [InlineData("var r = new Rec(Environment.GetEnvironmentVariable(\"K\")!) with { Key = {|CG2001:\"q7Vb2kLp9Xz\"|} };")]
    [InlineData("dict[\"oauth.api.secret\"] = {|CG2001:\"q7Vb2kLp9Xz\"|};")]
    [InlineData("dict.Add(\"infusionsoft.private.key\", {|CG2001:\"q7Vb2kLp9Xz\"|});")]
    [InlineData("dict.Add(\"contoso.portal.token\", {|CG2001:\"q7Vb2kLp9Xz\"|});")]
    [InlineData("var d = new Dictionary<string, string> { { \"oauth.user.token\", {|CG2001:\"q7Vb2kLp9Xz\"|} } };")]
    [InlineData("var d = new Dictionary<string, string> { [\"oauth.user.refresh_token\"] = {|CG2001:\"q7Vb2kLp9Xz\"|} };")]
    [InlineData("var p = new KeyValuePair<string, string>(\"oauth.api.secret\", {|CG2001:\"q7Vb2kLp9Xz\"|});")]
    [InlineData("config[\"Infusionsoft:ClientSecret\"] = {|CG2001:\"q7Vb2kLp9Xz\"|};")]
    [InlineData("var b = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [\"infusionsoft:encryptedkey\"] = {|CG2001:\"q7Vb2kLp9Xz\"|} });")]
    [InlineData("var b = new ConfigurationBuilder().AddInMemoryCollection(new[] { new KeyValuePair<string, string?>(\"Infusionsoft:ClientSecret\", {|CG2001:\"q7Vb2kLp9Xz\"|}) });")]
    public Task Flagged(string statements) => SecretTest.AnalyzeAsync(Source(statements));

    [Theory]
    [InlineData("var c = new InfusionsoftCredentials { ClientId = \"q7Vb2kLp9Xz\" };")]
    [InlineData("var c = new InfusionsoftCredentials { Server = \"ab123.infusionsoft.com\" };")]
    [InlineData("var c = new InfusionsoftCredentials { ClientSecret = Environment.GetEnvironmentVariable(\"INFUSIONSOFT_CLIENT_SECRET\") };")]
    [InlineData("var c = new InfusionsoftCredentials { ClientSecret = \"\" };")]
    [InlineData("var c = new InfusionsoftCredentials { ClientSecret = \"   \" };")]
    [InlineData("var c = new InfusionsoftCredentials { ClientSecret = \"<your-client-secret>\" };")]
    [InlineData("var c = new InfusionsoftCredentials { ClientSecret = \"${CLIENT_SECRET}\" };")]
    [InlineData("var c = new InfusionsoftCredentials { ClientSecret = \"#{ClientSecret}#\" };")]
    [InlineData("var c = new InfusionsoftCredentials { ClientSecret = \"%CLIENT_SECRET%\" };")]
    [InlineData("var c = new InfusionsoftCredentials { ClientSecret = \"changeme\" };")]
    [InlineData("var c = new InfusionsoftCredentials { ClientSecret = \"xxxxxxxxxxxx\" };")]
    [InlineData("var c = new InfusionsoftCredentials { ClientSecret = \"@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/s)\" };")]
    [InlineData("var c = new InfusionsoftCredentials { ClientSecret = \"oauth.api.secret\" };")]
    [InlineData("var c = new InfusionsoftCredentials { ClientSecret = \"INFUSIONSOFT_CLIENT_SECRET\" };")]
    [InlineData("var c = new InfusionsoftCredentials { ClientSecret = Environment.GetEnvironmentVariable(\"X\") ?? \"\" };")]
    [InlineData("Use(Environment.GetEnvironmentVariable(\"X\")!);")]
    [InlineData("UsePlain(\"q7Vb2kLp9Xz\");")]
    [InlineData("dict[\"oauth.api.key\"] = \"q7Vb2kLp9Xz\";")]
    [InlineData("dict[\"oauth.callback.url\"] = \"https://app.contoso.com/callback\";")]
    [InlineData("dict.Add(\"infusionsoft.server\", \"ab123.infusionsoft.com\");")]
    [InlineData("var key = \"oauth.api.secret\"; dict[key] = Environment.GetEnvironmentVariable(\"S\")!;")]
    [InlineData("config[\"Infusionsoft:ClientId\"] = \"q7Vb2kLp9Xz\";")]
    [InlineData("var r = new Rec(Environment.GetEnvironmentVariable(\"S\")!);")]
    public Task NotFlagged(string statements) => SecretTest.AnalyzeAsync(Source(statements));

    [Fact]
    public Task NamedConstantDeclarationFlaggedOnlyOnce() => SecretTest.AnalyzeAsync(Code.Class("""
            const string ApiToken = {|CG2003:"q7Vb2kLp9Xz"|};
            InfusionsoftCredentials M() => new InfusionsoftCredentials { ClientSecret = ApiToken };
        """));

    [Fact]
    public Task Cg2001WinsOverKnownFormat() => SecretTest.AnalyzeAsync(Code.Method($$"""
            var c = new InfusionsoftCredentials { EncryptedKey = {|CG2001:"{{Code.Keap}}"|} };
        """));

    [Fact]
    public Task Utf8LiteralToSecretField() => SecretTest.AnalyzeAsync(Code.Class("""
            [ConnectorGen.ConnectorSecret] byte[] _key = {|CG2001:"q7Vb2kLp9Xz"u8|}.ToArray();
        """));

    [Fact]
    public Task WithoutGeneratedTypesOrMappingsOnlyTheNameRuleApplies()
    {
        var test = new SecretTest { TestCode = "using System.Collections.Generic; class C { void M(Dictionary<string,string> d) { d[\"contoso.portal.token\"] = {|CG2003:\"q7Vb2kLp9Xz\"|}; } }" };
        return test.RunAsync();
    }

    internal static string Source(string statements) => Code.Method(statements);
}
