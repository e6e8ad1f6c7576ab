using System.IO;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace ConnectorGen.Analyzers.Tests;

/// <summary>
/// launchSettings.json environment variables, and connectors whose mapping lives in a referenced project: the analyzers
/// read the referenced credentials type's attributes (connector, configuration section, secret members, variables).
/// </summary>
public class ReferencedConnectorTests
{
    /// <summary>A connector generated into another project: its mapping is not an AdditionalFile of this one.</summary>
    private static readonly string KeapProject = SecretTest.EmittedAttributes + """

        namespace Contoso.Keap {
          [ConnectorGen.ConnectorCredentials("keap", Connector = "Keap", ConfigurationSection = "KeapPortal")]
          public sealed class KeapCredentials {
            [ConnectorGen.ConnectorParameter("keap.portal.code")][ConnectorGen.ConnectorSecret] public string? PortalCode { get; set; }
            [ConnectorGen.ConnectorParameter("keap.region")] public string? Region { get; set; }
            public static class EnvironmentVariables { public const string PortalCode = "KEAP_PORTAL_CODE"; public const string Region = "KEAP_REGION"; }
          }
        }
        """;

    private static readonly MetadataReference KeapReference = Compile();

    private static MetadataReference Compile()
    {
        var compilation = CSharpCompilation.Create(
            "Contoso.Keap",
            new[] { CSharpSyntaxTree.ParseText(KeapProject) },
            SecretTest.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }

    private static DiagnosticResult Cg2004(string path, int line, int column, int endColumn) =>
        new DiagnosticResult("CG2004", DiagnosticSeverity.Warning).WithSpan(path, line, column, line, endColumn);

    [Fact]
    public Task ConfigurationSectionMappedInReferencedProject()
    {
        var test = new ConfigTest();
        test.TestState.AdditionalReferences.Add(KeapReference);
        test.TestState.AdditionalFiles.Add(("/0/appsettings.json", """
            {
              "KeapPortal": {
                "PortalCode": "q7Vb2kLp9Xz",
                "Region": "eu-west"
              }
            }
            """));
        test.ExpectedDiagnostics.Add(Cg2004("/0/appsettings.json", 3, 19, 32).WithArguments("'KeapPortal:PortalCode'", "secret credential of connector 'Keap'"));
        return test.RunAsync();
    }

    [Fact]
    public Task WithoutTheReferenceTheSameFileIsClean()
    {
        var test = new ConfigTest();
        test.TestState.AdditionalFiles.Add(("/0/appsettings.json", """{ "KeapPortal": { "PortalCode": "q7Vb2kLp9Xz" } }"""));
        return test.RunAsync();
    }

    [Fact]
    public Task LaunchSettingsEnvironmentVariables()
    {
        var test = new ConfigTest();
        test.TestState.AdditionalReferences.Add(KeapReference);
        test.TestState.AdditionalFiles.Add(("/0/Properties/launchSettings.json", """
            {
              "profiles": {
                "web": {
                  "commandName": "Project",
                  "applicationUrl": "https://localhost:5001",
                  "environmentVariables": {
                    "ASPNETCORE_ENVIRONMENT": "Development",
                    "INFUSIONSOFT_CLIENT_SECRET": "q7Vb2kLp9Xz",
                    "INFUSIONSOFT_CLIENT_ID": "q7Vb2kLp9Xz",
                    "Infusionsoft__EncryptedKey": "Zr83kdP0qq1",
                    "KEAP_PORTAL_CODE": "k93jfu2Lq",
                    "KEAP_REGION": "eu-west",
                    "SMTP_PASSWORD": "hunter22",
                    "GITHUB_PAT": "ghp_KtHF4vUCsMehGAkWvj7FAc9QeWJKY40uvSwM",
                    "API_TOKEN": "${API_TOKEN}"
                  }
                }
              }
            }
            """));
        test.ExpectedDiagnostics.Add(Cg2004("/0/Properties/launchSettings.json", 8, 39, 52).WithArguments("'profiles:web:environmentVariables:INFUSIONSOFT_CLIENT_SECRET'", "secret variable of connector 'Infusionsoft'"));
        test.ExpectedDiagnostics.Add(Cg2004("/0/Properties/launchSettings.json", 10, 39, 52).WithArguments("'profiles:web:environmentVariables:Infusionsoft__EncryptedKey'", "secret variable of connector 'Infusionsoft'"));
        test.ExpectedDiagnostics.Add(Cg2004("/0/Properties/launchSettings.json", 11, 29, 40).WithArguments("'profiles:web:environmentVariables:KEAP_PORTAL_CODE'", "secret variable of connector 'Keap'"));
        test.ExpectedDiagnostics.Add(Cg2004("/0/Properties/launchSettings.json", 13, 26, 36).WithArguments("'profiles:web:environmentVariables:SMTP_PASSWORD'", "its name says 'password'"));
        test.ExpectedDiagnostics.Add(Cg2004("/0/Properties/launchSettings.json", 14, 23, 65).WithArguments("'profiles:web:environmentVariables:GITHUB_PAT'", "the value has the format of a GitHub token"));
        return test.RunAsync();
    }

    [Fact]
    public Task CodeWritesReferencedConnectorsVariable()
    {
        var test = SecretTest.Create(Code.Method("""
            Environment.SetEnvironmentVariable(Contoso.Keap.KeapCredentials.EnvironmentVariables.PortalCode, {|CG2001:"k93jfu2Lq"|});
            Environment.SetEnvironmentVariable("KEAP_PORTAL_CODE", {|CG2001:"k93jfu2Lq"|});
            Environment.SetEnvironmentVariable("KEAP_REGION", "eu-west-1");
            var k = new Contoso.Keap.KeapCredentials { PortalCode = {|CG2001:"k93jfu2Lq"|}, Region = "eu-west-1" };
            """));
        test.TestState.AdditionalReferences.Add(KeapReference);
        return test.RunAsync();
    }
}
