using System.Collections.Generic;
using ConnectorGen.Model;

namespace ConnectorGen.Emit;

/// <summary>
/// The one table from a part of the generated code to its template folder in src/ConnectorGen.Templates (a folder is
/// listed by its own path: its sub-folders are rows of their own). ConnectorGen.csproj embeds every folder under each
/// root; a folder that is not listed here is never emitted, and a test fails on it (TemplateFoldersTests).
/// </summary>
internal static class TemplateFolders
{
    /// <summary>The folder of what the templates reference but the generator writes per mapping: compiled there, never embedded.</summary>
    public const string Stubs = "Stubs";

    /// <summary>Folders emitted once per compilation, as the <see cref="SharedEmitPlan"/> asks.</summary>
    public static readonly IReadOnlyList<SharedFolder> Shared = new[]
    {
        new SharedFolder("Credentials", SharedParts.Credentials),
        new SharedFolder("Core", SharedParts.HandshakeCore),
        new SharedFolder("Core/Authentication", SharedParts.HandshakeCore),
        new SharedFolder("Core/Lifecycle", SharedParts.HandshakeCore),
        new SharedFolder("Core/DistributedCache", SharedParts.DistributedCache),
        new SharedFolder("Core/Redis", SharedParts.Redis),
        new SharedFolder("Registration", SharedParts.ClientRegistration),
        new SharedFolder("Registration/Logging", SharedParts.ClientLogging),
        new SharedFolder("Registration/FactoryLogging", SharedParts.FactoryLogging),
        new SharedFolder("Registration/AccessToken", SharedParts.AccessTokenRegistration),
        new SharedFolder("Registration/Authentication", SharedParts.AuthenticationRegistration),
        new SharedFolder("Registration/Hosting", SharedParts.TokenKeepAlive),
    };

    /// <summary>Folders emitted per oauth2 connector (<c>__Connector__</c> and the namespace replaced), as its <see cref="EmitPlan"/> asks.</summary>
    public static readonly IReadOnlyList<ConnectorFolder> Connector = new[]
    {
        new ConnectorFolder("Connector", ConnectorParts.Clients),
        new ConnectorFolder("Connector/DependencyInjection", ConnectorParts.AccessTokenRegistration, DependencyInjection: true),
        new ConnectorFolder("Connector/Hosting", ConnectorParts.TokenKeepAlive, DependencyInjection: true),
    };

    /// <summary>
    /// The hint-name part of a template: its path below the root folder, in dots (<c>Core/Lifecycle/TokenStore.cs</c> is
    /// <c>Lifecycle.TokenStore</c>), except under Registration/, whose files keep the root (<c>Registration.Logging.HandshakeLogging</c>)
    /// because the core's namespace holds both.
    /// </summary>
    public static string HintStem(string folder, string file)
    {
        var slash = folder.IndexOf('/');
        var root = slash < 0 ? folder : folder.Substring(0, slash);
        var below = root == "Registration" ? folder : slash < 0 ? string.Empty : folder.Substring(slash + 1);
        return below.Length == 0 ? file : below.Replace('/', '.') + "." + file;
    }

    /// <summary>The namespace a shared folder's files are in (and their hint names start with).</summary>
    public static string NamespaceOf(string folder) =>
        folder == "Credentials" || folder.StartsWith("Credentials/", System.StringComparison.Ordinal)
            ? GeneratedContract.CredentialHelpersNamespace
            : GeneratedContract.CoreNamespace;
}

/// <summary>A template folder emitted once per compilation when the plan has <paramref name="Part"/>.</summary>
internal sealed record SharedFolder(string Path, SharedParts Part);

/// <summary>
/// A template folder emitted per connector when its plan has <paramref name="Part"/>; <paramref name="DependencyInjection"/>:
/// its files are DI extensions, declared in the plan's <see cref="EmitPlan.DependencyInjectionNamespace"/> (they name the
/// connector's types as <c>global::ConnectorGen.Templates.X</c>, which becomes the mapping's namespace).
/// </summary>
internal sealed record ConnectorFolder(string Path, ConnectorParts Part, bool DependencyInjection = false);
