using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace ConnectorGen.Analyzers.Tests;

/// <summary>CG2004: secrets in JSON configuration files, reported at the value's line and column.</summary>
public class ConfigurationFileTests
{
    private static DiagnosticResult Cg2004(string path, int line, int column, int endColumn) =>
        new DiagnosticResult("CG2004", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithSpan(path, line, column, line, endColumn);

    [Fact]
    public Task MappingPathAndSecretNamedKeyAtExactPosition()
    {
        var test = new ConfigTest();
        test.TestState.AdditionalFiles.Add(("/0/appsettings.json", """
            {
              "Infusionsoft": {
                "ClientId": "public-client",
                "clientsecret": "q7Vb2kLp9Xz",
                "EncryptedKey": ""
              },
              "Smtp": { "Password": "hunter22", "Host": "smtp.contoso.com" },
              "ConnectionStrings": { "Db": "Server=db;Password=k93jfu2Lq" },
              "Keap": { "ApiKey": "<your-api-key>", "Token": "${TOKEN}" }
            }
            """));
        test.ExpectedDiagnostics.Add(Cg2004("/0/appsettings.json", 4, 21, 34).WithArguments("'Infusionsoft:clientsecret'", "secret credential of connector 'Infusionsoft'"));
        test.ExpectedDiagnostics.Add(Cg2004("/0/appsettings.json", 7, 25, 35));
        test.ExpectedDiagnostics.Add(Cg2004("/0/appsettings.json", 8, 32, 62));
        return test.RunAsync();
    }

    [Fact]
    public Task EnvironmentSpecificFileAndArrays()
    {
        var test = new ConfigTest();
        test.TestState.AdditionalFiles.Add(("/0/appsettings.Development.json", """
            { "Clients": [ { "Secret": "q7Vb2kLp9Xz" } ], "Hash": { "Sha256": "7f6a6f0fb23c6f5da2cec255404e4fb4" } }
            """));
        test.ExpectedDiagnostics.Add(Cg2004("/0/appsettings.Development.json", 1, 28, 41).WithArguments("'Clients:0:Secret'", "its name says 'secret'"));
        return test.RunAsync();
    }

    [Fact]
    public Task OtherJsonFilesIgnoredByDefault()
    {
        var test = new ConfigTest();
        test.TestState.AdditionalFiles.Add(("/0/config/secrets.json", """{ "Password": "hunter22" }"""));
        return test.RunAsync();
    }

    [Fact]
    public Task ConfigFilesOption()
    {
        var test = new ConfigTest();
        test.TestState.AdditionalFiles.Add(("/0/config/secrets.json", """{ "Password": "hunter22" }"""));
        test.TestState.AdditionalFiles.Add(("/0/other/secrets.json", """{ "Password": "hunter22" }"""));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nconnectorgen.config_files = appsettings*.json, config/*.json\n"));
        test.ExpectedDiagnostics.Add(Cg2004("/0/config/secrets.json", 1, 15, 25));
        return test.RunAsync();
    }

    [Fact]
    public Task BrokenJsonIsSkippedSilently()
    {
        var test = new ConfigTest();
        test.TestState.AdditionalFiles.Add(("/0/appsettings.json", """{ "Password": "hunter22", 'oops' """));
        test.TestState.AdditionalFiles.Add(("/0/broken.connector.json", """{ "connector": """));
        return test.RunAsync();
    }

    [Fact]
    public Task SeverityNoneDisables()
    {
        var test = new ConfigTest();
        test.TestState.AdditionalFiles.Add(("/0/appsettings.json", """{ "Password": "hunter22" }"""));
        // Diagnostics in additional files take their severity from a global analyzer config (is_global = true).
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\ndotnet_diagnostic.CG2004.severity = none\n"));
        return test.RunAsync();
    }

    [Theory]
    [InlineData("appsettings.json", "*.json", true)]
    [InlineData("/src/app/appsettings.Production.json", "appsettings*.json", true)]
    [InlineData("/src/app/config/a.json", "config/*.json", true)]
    [InlineData("/src/app/config/deep/a.json", "config/*.json", false)]
    [InlineData("/src/app/config/deep/a.json", "config/**/*.json", true)]
    [InlineData("C:\\src\\app\\settings.json", "settings.json", true)]
    [InlineData("/src/app/settings.xml", "*.json", false)]
    public void Glob(string path, string pattern, bool expected) =>
        Assert.Equal(expected, SecretAnalyzerOptions.MatchesGlob(path, pattern));
}
