using System.Globalization;

namespace ConnectorGen.Package.Tests;

/// <summary>
/// Packs the solution once (`dotnet pack ConnectorGen.sln -o feed -p:Version=X`, as the README says) and drives one
/// consumer through the ConnectorGen package it wrote: build, run, and a build with the generator switched off.
/// Every step's result is kept for the tests to assert; a failed step skips the ones that need it. All of it happens in
/// one unique temp folder, deleted at the end.
/// </summary>
public sealed class PackageFixture : IDisposable
{
    /// <summary>The environment the consumer reads its credentials from (prefixed, so nothing real is picked up).</summary>
    public const string VariablePrefix = "CONNECTORGEN_PACKAGE_TEST_";

    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(5);

    /// <summary>A Release build of every project in the solution, on a machine that may be busy.</summary>
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(15);

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

        // obj/<configuration>/<tfm>/generated/ConnectorGen/<generator>/*.g.cs
        GeneratedSources = Directory.GetFiles(Path.Combine(Consumer, "obj"), "*.g.cs", SearchOption.AllDirectories)
            .Where(path => path.Contains(Path.DirectorySeparatorChar + "generated" + Path.DirectorySeparatorChar + "ConnectorGen" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ToDictionary(path => Path.GetFileName(path), File.ReadAllText, StringComparer.Ordinal);
        Run = DotNet.Run(Consumer, StepTimeout, CredentialVariables(), "run", "--no-build");
        DisabledBuild = DotNet.Run(Consumer, StepTimeout, null, "build", "--no-restore", "--disable-build-servers", "-nodeReuse:false", "-v:minimal", "-p:ConnectorGenEnabled=false");

        // Issue 23 item 2: a netstandard2.0 library with the mapping, an app and a test project that use its types.
        WriteSolution();
        SolutionAppBuild = DotNet.Run(Path.Combine(Solution, "App"), StepTimeout, null, "build", "--disable-build-servers", "-nodeReuse:false", "-v:minimal");
        SolutionTestsBuild = DotNet.Run(Path.Combine(Solution, "Tests"), StepTimeout, null, "build", "--disable-build-servers", "-nodeReuse:false", "-v:minimal");
        LibraryOnlyBuild = DotNet.Run(Path.Combine(Root, "libonly", "Lib"), StepTimeout, null, "build", "--disable-build-servers", "-nodeReuse:false", "-v:minimal");
    }

    /// <summary>The library + app + test project shape, with the package referenced in Directory.Build.props as the README says.</summary>
    public string Solution => Path.Combine(Root, "solution");

    public CommandResult? SolutionAppBuild { get; }

    public CommandResult? SolutionTestsBuild { get; }

    /// <summary>The same library alone, with the package referenced in its own project file (PrivateAssets="all").</summary>
    public CommandResult? LibraryOnlyBuild { get; }

    /// <summary>A hard-coded value the app and the test project give the library's secret-by-meaning ApiKey.</summary>
    public const string HardCodedApiKey = "AcmeLiveKey7Fq9Zt2Lw8Xp4Rv6Nm3Hs5Jd";

    private void WriteSolution()
    {
        var reference = $"""<PackageReference Include="ConnectorGen" Version="{Version}" PrivateAssets="all" />""";
        foreach (var (root, inDirectoryProps) in new[] { (Solution, true), (Path.Combine(Root, "libonly"), false) })
        {
            Directory.CreateDirectory(Path.Combine(root, "Lib"));
            File.Copy(Path.Combine(Consumer, "nuget.config"), Path.Combine(root, "nuget.config"));
            File.WriteAllText(Path.Combine(root, "Directory.Build.props"), $"""
                <Project>
                  <PropertyGroup><RestorePackagesPath>{PackagesFolder}</RestorePackagesPath></PropertyGroup>
                  <ItemGroup>{(inDirectoryProps ? reference : string.Empty)}</ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(root, "Directory.Build.targets"), "<Project />\n");
            File.WriteAllText(Path.Combine(root, "Directory.Packages.props"), "<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>\n");
            File.WriteAllText(Path.Combine(root, "Lib", "Lib.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>netstandard2.0</TargetFramework>
                    <LangVersion>latest</LangVersion>
                    <Nullable>enable</Nullable>
                  </PropertyGroup>
                  <ItemGroup>{(inDirectoryProps ? string.Empty : reference)}</ItemGroup>
                </Project>
                """);
            // No "secret": the name and key say it.
            File.WriteAllText(Path.Combine(root, "Lib", "acme.connector.json"), """
                { "connector": "Acme", "elementKey": "acme",
                  "credentials": [ { "name": "ApiKey", "source": "API key", "parameter": "acme.api.key" } ] }
                """);
        }

        foreach (var (name, sdkProperties) in new[] { ("App", "<OutputType>Exe</OutputType>"), ("Tests", "<IsTestProject>true</IsTestProject>") })
        {
            Directory.CreateDirectory(Path.Combine(Solution, name));
            File.WriteAllText(Path.Combine(Solution, name, name + ".csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    {sdkProperties}
                    <Nullable>enable</Nullable>
                  </PropertyGroup>
                  <ItemGroup><ProjectReference Include="../Lib/Lib.csproj" /></ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(Solution, name, "Uses.cs"), $$"""
                namespace {{name}};

                public static class Uses
                {
                    public static Lib.AcmeCredentials Credentials() => new Lib.AcmeCredentials { ApiKey = "{{HardCodedApiKey}}" };
                {{(name == "App" ? "    public static void Main() => System.Console.WriteLine(Credentials());\n" : string.Empty)}}}
                """);
            File.WriteAllText(Path.Combine(Solution, name, "appsettings.json"), $$"""{ "Acme": { "ApiKey": "{{HardCodedApiKey}}" } }""");
        }
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

    /// <summary>The consumer's generated files (EmitCompilerGeneratedFiles), by file name.</summary>
    public IReadOnlyDictionary<string, string> GeneratedSources { get; } = new Dictionary<string, string>();

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
    /// Packs a copy of the repository rather than the working tree: the unique version and the Release build then touch
    /// no obj/ or bin/ folder of the repository, and nothing races a build running beside the tests. The whole solution
    /// is packed, so a project that forgot IsPackable=false shows up as a second package in the feed.
    /// </summary>
    private CommandResult PackFromCopy()
    {
        var source = Path.Combine(Root, "source");
        CopyTree(RepoRoot, source);

        return DotNet.Run(
            source,
            PackTimeout,
            null,
            "pack", Path.Combine(source, "ConnectorGen.sln"),
            "-o", Feed,
            "-p:Version=" + Version,
            "--disable-build-servers", "-nodeReuse:false", "-v:minimal");
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            // A worktree's .git is a file pointing at the real repository: the copy is not a checkout of it.
            if (Path.GetFileName(file) != ".git")
            {
                File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
            }
        }

        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            var name = Path.GetFileName(directory);
            if (name is "bin" or "obj" or ".vs" or ".git" or "TestResults")
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
                <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
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

        // The environment-variable naming the package README shows by example: HubSpot -> HUB_SPOT_... (the README's own
        // example mapping, below), or with "environmentPrefix": "HUBSPOT" -> HUBSPOT_....
        File.WriteAllText(Path.Combine(Consumer, "Mappings", "hubspot-prefixed.connector.json"), """
            { "connector": "HubSpot", "elementKey": "hubspotcrm", "namespace": "Consumer.Prefixed", "environmentPrefix": "HUBSPOT",
              "credentials": [ { "name": "ClientId", "source": "client id", "parameter": "hubspot.client.id" } ] }
            """);

        // The package README's example, taken from the README itself: its mapping and its C# lines, compiled and run.
        var readme = File.ReadAllText(Path.Combine(RepoRoot, "src", "ConnectorGen", "README.md"));
        File.WriteAllText(Path.Combine(Consumer, "hubspot.connector.json"), CodeBlock(readme, "json"));
        File.WriteAllText(Path.Combine(Consumer, "ReadmeExample.cs"), $$"""
            namespace Consumer;

            internal static class ReadmeExample
            {
                public static void Run()
                {
            {{CodeBlock(readme, "csharp")}}
                }
            }
            """);

        File.WriteAllText(Path.Combine(Consumer, "Program.cs"), $$"""
            using Contoso.Connectors;

            var credentials = InfusionsoftCredentials.FromEnvironment(name => Environment.GetEnvironmentVariable("{{VariablePrefix}}" + name));
            credentials.EnsureValid();
            var keys = credentials.ToOpenConnectorsConfiguration().Keys.OrderBy(k => k, StringComparer.Ordinal);
            Console.WriteLine("keys: " + string.Join(", ", keys));
            Console.WriteLine("acme: " + Consumer.AcmeCredentials.Parameters.Token);
            Console.WriteLine("hubspot: " + Consumer.HubSpotCredentials.EnvironmentVariables.ClientId);
            Console.WriteLine("hubspot with prefix: " + Consumer.Prefixed.HubSpotCredentials.EnvironmentVariables.ClientId);
            Console.Write("readme example: ");
            Consumer.ReadmeExample.Run();
            return 0;
            """);
    }

    /// <summary>The first fenced code block of a language in a Markdown text.</summary>
    private static string CodeBlock(string markdown, string language)
    {
        var fence = "```" + language + "\n";
        var text = markdown.ReplaceLineEndings("\n");
        var start = text.IndexOf(fence, StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException($"No ```{language} block in the package README.");
        }

        start += fence.Length;
        return text[start..text.IndexOf("```", start, StringComparison.Ordinal)];
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
        // The package README's example reads these, unprefixed, as the README says.
        ["HUB_SPOT_CLIENT_ID"] = ReadmeClientId,
        ["HUB_SPOT_CLIENT_SECRET"] = ReadmeSecret,
        ["HUB_SPOT_CALLBACK_URL"] = "https://app.example/hubspot/callback", // required by the catalogued hubspotcrm element
    };

    /// <summary>The README example's client id, printed by its ToString.</summary>
    public const string ReadmeClientId = "readme-client-id";

    /// <summary>A canary: the README example's secret, which its output must not show.</summary>
    public static readonly string ReadmeSecret = "canary-" + Guid.NewGuid().ToString("N");
}
