using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace ConnectorGen.Analyzers;

/// <summary>
/// The one way the generator and the analyzers find a type by metadata name. <c>Compilation.GetTypeByMetadataName</c>
/// returns null as soon as two assemblies define the type, and generated internal types (the marker attributes, the
/// core) are defined once per assembly, so duplicates are normal: here the compilation's own assembly comes first, then
/// each referenced assembly in reference order, every copy. The raw lookups are banned everywhere else
/// (BannedSymbols.txt); the generator's probes are all in <c>Model/CompilationFacts.Read.cs</c>.
/// </summary>
internal static class TypeLookup
{
    /// <summary>The first definition: the compilation's own, else the first referenced assembly's.</summary>
    public static INamedTypeSymbol? Find(Compilation compilation, string metadataName)
    {
        foreach (var type in FindAll(compilation, metadataName))
        {
            return type;
        }

        return null;
    }

    /// <summary>Every definition, the compilation's own first, then the references' in reference order.</summary>
    public static IEnumerable<INamedTypeSymbol> FindAll(Compilation compilation, string metadataName)
    {
#pragma warning disable RS0030 // The one place the raw per-assembly lookup is used (see the class summary).
        if (compilation.Assembly.GetTypeByMetadataName(metadataName) is { } own)
        {
            yield return own;
        }

        foreach (var reference in compilation.References)
        {
            if (compilation.GetAssemblyOrModuleSymbol(reference) is IAssemblySymbol assembly &&
                assembly.GetTypeByMetadataName(metadataName) is { } type)
            {
                yield return type;
            }
        }
#pragma warning restore RS0030
    }

    /// <summary>True when this assembly itself defines the type (each assembly has its own copy of generated attributes).</summary>
#pragma warning disable RS0030 // See the class summary.
    public static bool Defines(IAssemblySymbol assembly, string metadataName) => assembly.GetTypeByMetadataName(metadataName) is not null;
#pragma warning restore RS0030

    /// <summary>True when the attribute's class has this namespace-qualified name (any assembly's copy of it).</summary>
    public static bool IsAttribute(AttributeData attribute, string name, string containingNamespace) =>
        attribute.AttributeClass is { } type && type.Name == name && type.ContainingNamespace?.ToDisplayString() == containingNamespace;

    /// <summary>True when the attribute is one of the generator's marker attributes (<see cref="GeneratedContract"/>), any assembly's copy.</summary>
    public static bool IsMarker(AttributeData attribute, string name) => IsAttribute(attribute, name, GeneratedContract.AttributesNamespace);

    /// <summary>
    /// The generated credentials types of referenced projects, with their <c>[ConnectorCredentials]</c>: what the project
    /// checks (CG1043, the DI placement) and the secret analyzers read of other projects. Only assemblies that are not
    /// strong-named and define the generator's attributes are opened: strong-named ones (the framework, most packages)
    /// are not projects with a mapping, and skipping them keeps a few hundred type tables unloaded.
    /// </summary>
    public static IEnumerable<(INamedTypeSymbol Type, AttributeData Attribute)> ReferencedCredentialsTypes(Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (assembly.Identity.HasPublicKey || !Defines(assembly, GeneratedContract.ConnectorCredentialsAttributeMetadataName))
            {
                continue;
            }

            var namespaces = new Stack<INamespaceSymbol>();
            namespaces.Push(assembly.GlobalNamespace);
            while (namespaces.Count > 0)
            {
                foreach (var member in namespaces.Pop().GetMembers())
                {
                    if (member is INamespaceSymbol child)
                    {
                        namespaces.Push(child);
                        continue;
                    }

                    if (member is not INamedTypeSymbol type)
                    {
                        continue;
                    }

                    foreach (var attribute in type.GetAttributes())
                    {
                        if (IsMarker(attribute, GeneratedContract.ConnectorCredentialsAttribute))
                        {
                            yield return (type, attribute);
                            break;
                        }
                    }
                }
            }
        }
    }
}
