using Microsoft.CodeAnalysis;

namespace ConnectorGen.Analyzers;

/// <summary>
/// Finds a type by metadata name without <c>Compilation.GetTypeByMetadataName</c>, which returns null as soon as two
/// assemblies define the type (generated internal attributes are defined once per assembly, so duplicates are normal):
/// the compilation's own assembly wins, then the first referenced assembly that defines it.
/// </summary>
internal static class TypeLookup
{
    public static INamedTypeSymbol? Find(Compilation compilation, string metadataName)
    {
        var own = compilation.Assembly.GetTypeByMetadataName(metadataName);
        if (own is not null)
        {
            return own;
        }

        foreach (var reference in compilation.References)
        {
            if (compilation.GetAssemblyOrModuleSymbol(reference) is IAssemblySymbol assembly &&
                assembly.GetTypeByMetadataName(metadataName) is { } type)
            {
                return type;
            }
        }

        return null;
    }

    /// <summary>True when this assembly itself defines the type (each assembly has its own copy of generated attributes).</summary>
    public static bool Defines(IAssemblySymbol assembly, string metadataName) => assembly.GetTypeByMetadataName(metadataName) is not null;

    /// <summary>True when the attribute's class has this namespace-qualified name (any assembly's copy of it).</summary>
    public static bool IsAttribute(AttributeData attribute, string name, string containingNamespace) =>
        attribute.AttributeClass is { } type && type.Name == name && type.ContainingNamespace?.ToDisplayString() == containingNamespace;
}
