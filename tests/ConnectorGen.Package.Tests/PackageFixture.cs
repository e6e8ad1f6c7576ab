using System.Globalization;

namespace ConnectorGen.Package.Tests;

/// <summary>
/// Packs ConnectorGen once and drives one consumer through it: build, run, and a build with the generator switched off.
/// Every step's result is kept for the tests to assert; a failed step skips the ones that need it. All of it happens in
/// one unique temp folder, deleted at the end.
/// </summary>
public sealed class PackageFixture : IDisposable
{
    /// <summary>The environment the consumer reads its credentials from (prefixed, so nothing real is picked up).</summary>
    public const string VariablePrefix = "CONNECTORGEN_PACKAGE_TEST_";

    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(5);

    public PackageFixture()
    {
        RepoRoot = FindRepoRoot();
        Root = Path.Combine(Path.GetTempPath(), "connectorgen-package-" + Guid.NewGuid().ToString("N")[..12]);
        Feed = Path.Combine(Root, "feed");
        Consumer = Path.Combine(Root, "consumer");
        PackagesFolder = Path.Combine(Root, "packages");
        Version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        Directory.CreateDirectory(Feed);

        Pack = PackFromCopy();
        NupkgPath = Path.Combine(Feed, $"ConnectorGen.{Version}.nupkg");
        if (Pack.ExitCode != 0 || !File.Exists(NupkgPath))
        {
            return;
        }

        WriteConsumer();
        Build = DotNet.Run(Consumer, StepTimeout, null, "build", "--disable-build-servers", "-nodeReuse:false", "-v:minimal");
        if (Build.ExitCode != 0)
        {
            return;
        }

        Run = DotNet.Run(Consumer, StepTimeout, CredentialVariables(), "run", "--no-build");
        DisabledBuild = DotNet.Run(Consumer, StepTimeout, null, "build", "--no-restore", "--disable-build-servers", "-nodeReuse:false", "-v:minimal", "-p:ConnectorGenEnabled=false");
    }

    public string RepoRoot { get; }

    public string Root { get; }

    public string Feed { get; }

    public string Consumer { get; }

    public string PackagesFolder { get; }

    public string Version { get; }

    public string NupkgPath { get; }

    public CommandResult Pack { get; }

    public CommandResult? Build { get; }

    public CommandResult? Run { get; }

    public CommandResult? DisabledBuild { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a file still held open must not fail the run.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The directory that holds ConnectorGen.sln, found from the test's output folder upwards.</summary>
    private static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ConnectorGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ConnectorGen.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>
    /// Packs a copy of the sources rather than the working tree: the unique version and the Release build then touch no
    /// obj/ or bin/ folder of the repository, and nothing races a build running beside the tests.
    /// </summary>
    private CommandResult PackFromCopy()
    {
        var source = Path.Combine(Root, "source");
        Directory.CreateDirectory(source);
        foreach (var file in Directory.EnumerateFiles(RepoRoot))
        {
            var name = Path.GetFileName(file);
            if (name.StartsWith("Directory.", StringComparison.Ordinal) || name is "global.json" or "README.md" || name.StartsWith("LICENSE", StringComparison.Ordinal) || name.Equals("nuget.config", StringComparison.OrdinalIgnoreCase))
            {
                File.Copy(file, Path.Combine(source, name));
            }
        }

        CopyTree(Path.Combine(RepoRoot, "schema"), Path.Combine(source, "schema"));
        CopyTree(Path.Combine(RepoRoot, "src"), Path.Combine(source, "src"));

        return DotNet.Run(
            source,
            StepTimeout,
            null,
            "pack", Path.Combine(source, "src", "ConnectorGen", "ConnectorGen.csproj"),
            "-o", Feed,
            "-p:Version=" + Version,
            "--disable-build-servers", "-nodeReuse:false", "-v:minimal");
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            var name = Path.GetFileName(directory);
            if (name is "bin" or "obj" or ".vs")
            {
                continue;
            }

            CopyTree(directory, Path.Combine(to, name));
        }
    }

    private void WriteConsumer()
    {
        Directory.CreateDirectory(Consumer);

        // Stop MSBuild from picking up Directory.Build.* or central package management from folders above the temp dir.
        File.WriteAllText(Path.Combine(Consumer, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(Consumer, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(Consumer, "Directory.Packages.props"), "<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>\n");

        // ConnectorGen only from the local feed (source mapping), everything else from nuget.org.
        File.WriteAllText(Path.Combine(Consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local">
                  <package pattern="ConnectorGen" />
                </packageSource>
                <packageSource key="nuget.org">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>
            """);

        File.WriteAllText(Path.Combine(Consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <RootNamespace>Consumer</RootNamespace>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <!-- acme.connector.json has a misspelt property on purpose: CG1004 must come through the package. -->
                <WarningsNotAsErrors>$(WarningsNotAsErrors);CG1004</WarningsNotAsErrors>
                <RestorePackagesPath>{PackagesFolder}</RestorePackagesPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ConnectorGen" Version="{Version}" />
                <PackageReference Include="Microsoft.Extensions.Configuration" Version="{ExtensionsVersion()}" />
              </ItemGroup>
            </Project>
            """);

        File.Copy(Path.Combine(RepoRoot, "samples", "Infusionsoft", "infusionsoft.connector.json"), Path.Combine(Consumer, "infusionsoft.connector.json"));
        Directory.CreateDirectory(Path.Combine(Consumer, "Mappings"));
        File.WriteAllText(Path.Combine(Consumer, "Mappings", "acme.connector.json"), """
            {
              "connector": "Acme",
              "elementKey": "acme",
              "enviromentPrefix": "ACME",
              "credentials": [ { "name": "Token", "source": "API token", "parameter": "acme.token", "secret": true } ]
            }
            """);

        File.WriteAllText(Path.Combine(Consumer, "Program.cs"), $$"""
            using Contoso.Connectors;

            var credentials = InfusionsoftCredentials.FromEnvironment(name => Environment.GetEnvironmentVariable("{{VariablePrefix}}" + name));
            credentials.EnsureValid();
            var keys = credentials.ToOpenConnectorsConfiguration().Keys.OrderBy(k => k, StringComparer.Ordinal);
            Console.WriteLine("keys: " + string.Join(", ", keys));
            Console.WriteLine("acme: " + Consumer.AcmeCredentials.Parameters.Token);
            return 0;
            """);
    }

    /// <summary>The Microsoft.Extensions version the repository builds against (Directory.Packages.props), so the feed has it.</summary>
    private string ExtensionsVersion()
    {
        var props = System.Xml.Linq.XDocument.Load(Path.Combine(RepoRoot, "Directory.Packages.props"));
        return props.Descendants("ExtensionsVersion").Single().Value.Trim();
    }

    /// <summary>Valid values for the four required Infusionsoft credentials (Server left unset), made at run time.</summary>
    private static Dictionary<string, string> CredentialVariables() => new()
    {
        [VariablePrefix + "INFUSIONSOFT_ENCRYPTED_KEY"] = new string('a', 32),
        [VariablePrefix + "INFUSIONSOFT_CLIENT_ID"] = "package-test-client",
        [VariablePrefix + "INFUSIONSOFT_CLIENT_SECRET"] = Guid.NewGuid().ToString("N"),
        [VariablePrefix + "INFUSIONSOFT_CALLBACK_URL"] = "https://127.0.0.1:5001/callback",
    };
}
