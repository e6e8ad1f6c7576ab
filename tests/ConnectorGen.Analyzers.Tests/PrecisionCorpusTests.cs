using System.Threading.Tasks;
using Xunit;

namespace ConnectorGen.Analyzers.Tests;

/// <summary>
/// The false-positive classes of issue 11 (protocol vocabulary under secret-sounding names, low-entropy and sequential
/// values, literal prefixes and suffixes of run-time values), each with cases written for this corpus, next to the
/// nearest shapes that must still be reported.
/// </summary>
public class PrecisionCorpusTests
{
    [Fact]
    public Task ProtocolConstantsClassesAreNotSecrets() => SecretTest.AnalyzeAsync(Code.Class("") + """
        public static class AuthenticationMethods
        {
            public const string OneTimePassword = "otp";
            public const string Password = "pwd";
            public const string PersonalIdentificationNumber = "pin";
        }
        public static class TokenTypes
        {
            public const string AccessToken = "at+jwt";
            public const string RefreshToken = "oi_reft+jwt";
            public const string StateToken = "oi_stet+jwt";
            public const string Jwt = "JWT";
        }
        public static class TokenLifetimes
        {
            public const string AccessToken = "tkn_lft:act";
            public const string RefreshToken = "tkn_lft:reft";
        }
        public static class MediaTypes
        {
            public const string JsonWebToken = "application/jwt";
            public const string TokenIntrospection = "application/token-introspection+jwt";
        }
        public static class GrantTypes
        {
            public const string Password = "password";
            public const string RefreshToken = "refresh_token";
            public const string TokenExchange = "urn:ietf:params:oauth:grant-type:token-exchange";
        }
        public static class Claims
        {
            public static readonly string AccessToken = "access_token";
            public const string ClientSecret = "ClientSecret";
            public const string Secret = "Secret";
            public const string Password = "Passwort";
        }

        """);

    [Fact]
    public Task SecretShapedValuesInConstantsClassesAreStillReported() => SecretTest.AnalyzeAsync(Code.Class("") + """
        public static class Defaults
        {
            public const string AdminPassword = {|CG2003:"Adm1n!2024"|};
            public const string ApiToken = {|CG2003:"tk_93jfu2Lq"|};
            public const string SigningSecret = {|CG2003:"7c1e3a54-8b7d-4c0b-9f0e-2b1d6c3a9e11"|};
        }

        """);

    [Theory]
    // protocol vocabulary under secret-sounding names, outside constants classes too
    [InlineData("var password = \"pwd\";")]
    [InlineData("var tokenType = \"at+jwt\";")]
    [InlineData("var accessToken = \"tkn_lft:act\";")]
    [InlineData("var token = \"application/jwt\";")]
    [InlineData("var secret = \"client_secret_basic\";")]
    [InlineData("var refreshToken = \"refresh_token\";")]
    // low-entropy and sequential values
    [InlineData("var password = \"12121212\";")]
    [InlineData("var password = \"xyxyxyxy\";")]
    [InlineData("var apiKey = \"987654\";")]
    [InlineData("var secret = \"aaaaaaaaaaaa\";")]
    [InlineData("var c = new InfusionsoftCredentials { ClientSecret = \"abcdefgh\" };")]
    [InlineData("var apiKey = \"SG.12345678901234567890123456789012\";")]
    [InlineData("var apiKey = \"sk_test_000000000000\";")]
    // literal prefixes and suffixes of values built at run time
    [InlineData("var password = Environment.GetEnvironmentVariable(\"P\"); var passwordBad = password + \"_bad\";")]
    [InlineData("var password = Environment.GetEnvironmentVariable(\"P\"); var passwordBad = password + \"x9Bad\";")]
    [InlineData("var secret = \"s3cr3t-\" + Guid.NewGuid();")]
    [InlineData("var token = string.Concat(Environment.GetEnvironmentVariable(\"T\"), \"-suffix9\");")]
    [InlineData("var apiKey = $\"{Environment.GetEnvironmentVariable(\"K\")}:k93jfu2Lq\";")]
    [InlineData("var c = new InfusionsoftCredentials { ClientSecret = Environment.GetEnvironmentVariable(\"S\") + \"q7Vb2kLp9Xz\" };")]
    public Task NotFlagged(string statements) => SecretTest.AnalyzeAsync(Code.Method(statements));

    [Theory]
    // the nearest shapes that stay reported: a plain word in a mutable target, a known format or a connection-string
    // password inside a partial value
    [InlineData("var password = {|CG2003:\"letmein\"|};")]
    [InlineData("var password = {|CG2003:\"Sommer\"|};")]
    [InlineData("var cs = {|CG2003:\"Server=db;Password=k93jfu2Lq;Database=\"|} + dict.Count;")]
    [InlineData("var v = {|CG2002:\"token=" + Code.GitHub + "&page=\"|} + dict.Count;")]
    public Task Flagged(string statements) => SecretTest.AnalyzeAsync(Code.Method(statements));

    // Issue 20 item 1: where only a name says secret, the value must look like a credential. Each class below with
    // cases written for this corpus (none copied from a scanned repository), then the nearest values that stay reported.
    [Theory]
    // a word or a few words under token/key/secret names (tokens, keys and secrets are generated, never a word)
    [InlineData("var sessionToken = \"Identifier\";")]
    [InlineData("var apiKey = \"Thumbnails\";")]
    [InlineData("NameOnly.UseSecret(secret: \"Library\");")]
    [InlineData("var credential = \"Windows\";")]
    // identifiers: names of two or more words, dotted or cased
    [InlineData("var tokenPurpose = \"EmergencyAccessInvite\";")]
    [InlineData("var cacheTokenKey = \"Harbor.Server.SessionToken\";")]
    [InlineData("const string RefreshTokenKey = \"RefreshTokenStore\";")]
    [InlineData("var secret = \"OrganizationUserInvite2\";")]
    [InlineData("const string TokenIdentifier = \"HarborEmail2faSessionToken\";")]
    // slugs: feature flags, tags and labels in lower-case words and numbers
    [InlineData("const string TrustedDeviceToken = \"pm-4812-trusted-device-token\";")]
    [InlineData("var apiKey = \"beta-2-rollout\";")]
    [InlineData("var vaultSecret = \"vault_v2_migration\";")]
    // format strings and templates
    [InlineData("const string TokenCacheKeyFormat2 = \"tok:{0}:{1}\";")]
    [InlineData("const string AccessToken = \"{0}_{1}_access\";")]
    [InlineData("var password = \"user-{userId}-pw\";")]
    [InlineData("var apiToken = \"Bearer %s\";")]
    // file names, extensions, suffixes and paths
    [InlineData("var passwordScript = \"rotate-secrets.ps1\";")]
    [InlineData("var tokenSuffix2 = \".tmp\";")]
    [InlineData("var signingKeySuffix = \"_vaapi\";")]
    [InlineData("var privateKey = \"/etc/harbor/keys/signing.pem\";")]
    [InlineData("NameOnly.UseSecret(secret: \"-preview\");")]
    [InlineData("NameOnly.UseSecret(secret: \"- excerpt\");")]
    // regular expressions
    [InlineData("NameOnly.UseSecret(secret: @\"^(?<title>.*?)[ _.-]+(?<part>[0-9]+)$\");")]
    [InlineData("var harborToken = @\"([hH]ar(bor)?\\.\\w+)\";")]
    [InlineData("var secretStore = @\"C:\\Secrets\\Store\";")]
    // error and event codes
    [InlineData("const string PasswordRejected = \"28P01\";")]
    [InlineData("const string TokenDecryptionFailed = \"IDX10609\";")]
    [InlineData("var secret = \"E4012\";")]
    // markers and placeholders
    [InlineData("var password = \"--//--\";")]
    [InlineData("var secret = \"[hidden]\";")]
    [InlineData("var apiKey = \"(not set)\";")]
    // short tags of letters and digits: shorter than any generated key or token
    [InlineData("var token = \"bd25\";")]
    [InlineData("NameOnly.UseSecret(secret: \"sbs3d\");")]
    [InlineData("var apiKey = \"x264hi\";")]
    // identifiers with '/' (route-like protocol names) and regular expressions under a password name
    [InlineData("const string HarborTokenExchange = \"cardLayout/token\";")]
    [InlineData("var passwordRegularExpression = \"^.{8,}$\";")]
    // option lists of name=value pairs
    [InlineData("var tokenFilter = \"scale=1280:-2:flags=lanczos\";")]
    [InlineData("var accessToken = \"grant=refresh&mode=offline2\";")]
    public Task NameOnlyEvidenceNeedsACredentialShapedValue(string statements) => SecretTest.AnalyzeAsync(Code.Method(statements) + NameOnlySupport);

    [Theory]
    // credential-shaped values under the same names stay reported
    [InlineData("var sessionToken = {|CG2003:\"k93jfu2Lq\"|};")]
    [InlineData("var apiKey = {|CG2003:\"Zm9vYmFyYmF6\"|};")]
    [InlineData("NameOnly.UseSecret(secret: {|CG2003:\"tk-93jfu2\"|});")]
    [InlineData("var secret = {|CG2003:\"7c1e3a54-8b7d-4c0b-9f0e-2b1d6c3a9e11\"|};")]
    // people choose passwords: a word or a name under a password word stays reported outside constants classes
    [InlineData("var password = {|CG2003:\"letmein\"|};")]
    [InlineData("var adminPassword = {|CG2003:\"OpenHarbor\"|};")]
    [InlineData("var password = {|CG2003:\"abc9x\"|};")]
    [InlineData("var apiKey = {|CG2003:\"x264hiQ7\"|};")]
    [InlineData("var apiToken = {|CG2003:\"t0k3n\"|};")]
    // a connection string under a secret name is judged by its password, not by its shape
    [InlineData("var secretConnection = {|CG2003:\"Server=db;Password=k93jfu2Lq\"|};")]
    // mapping evidence and authentication sinks keep their reach: identifier- and slug-shaped values are reported
    [InlineData("var c = new InfusionsoftCredentials { ClientSecret = {|CG2001:\"HarborSigningSecret\"|} };")]
    [InlineData("dict[\"oauth.api.secret\"] = {|CG2001:\"pm-4812-trusted\"|};")]
    [InlineData("request.Headers.Add(\"Authorization\", {|CG2003:\"Bearer HarborAccessToken\"|});")]
    public Task CredentialShapedOrStrongerEvidenceStillReported(string statements) => SecretTest.AnalyzeAsync(Code.Method(statements) + NameOnlySupport);

    private const string NameOnlySupport = """
        static class NameOnly
        {
            public static void UseSecret(string secret) { }
        }

        """;
}
