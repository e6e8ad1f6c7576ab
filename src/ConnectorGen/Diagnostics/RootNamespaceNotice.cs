using ConnectorGen.Model;
using Microsoft.CodeAnalysis;

namespace ConnectorGen.Diagnostics;

/// <summary>
/// CG1050: the default namespace of generated types differs from what the project asked for (<c>Contoso.class</c> became
/// <c>Contoso._class</c>). An equatable value for the pipeline; the diagnostic has no source location because the name
/// comes from an MSBuild property, not from a file the compiler sees.
/// </summary>
internal sealed record RootNamespaceNotice(string Property, string Original, string Used)
{
    /// <summary>The notice, or null when the project's own name was used unchanged (or there is none to name).</summary>
    public static RootNamespaceNotice? For(GeneratorSettings settings, CompilationFacts facts)
    {
        var (property, original) = settings.RootNamespace is { } root ? ("RootNamespace", root) : ("AssemblyName", facts.AssemblyName);
        if (original is null || original.Trim().Length == 0)
        {
            return null;
        }

        var used = ProjectNamespace.Default(settings, facts);
        return used == original.Trim() ? null : new RootNamespaceNotice(property, original, used);
    }

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(DiagnosticDescriptors.RootNamespaceChanged, Location.None, Property, Original, Used);
}
