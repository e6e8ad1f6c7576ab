using System.Text;
using ConnectorGen.Mapping;
using Microsoft.CodeAnalysis.CSharp;

namespace ConnectorGen.Model;

/// <summary>
/// Where a mapping without "namespace" puts its types: the project's RootNamespace, else its assembly name, made a
/// valid namespace, else <see cref="GeneratedContract.FallbackNamespace"/>. CG1050 reports a name that had to change.
/// </summary>
internal static class ProjectNamespace
{
    public static string Default(GeneratorSettings settings, CompilationFacts facts) =>
        Sanitize(settings.RootNamespace) ?? Sanitize(facts.AssemblyName) ?? GeneratedContract.FallbackNamespace;

    /// <summary>A namespace from a project name such as "My-App.Api": invalid characters become '_'.</summary>
    public static string? Sanitize(string? name)
    {
        if (name is null || name.Trim().Length == 0)
        {
            return null;
        }

        var parts = name!.Trim().Split('.');
        var builder = new StringBuilder(name.Length + 4);
        foreach (var part in parts)
        {
            if (part.Length == 0)
            {
                continue;
            }

            if (builder.Length != 0)
            {
                builder.Append('.');
            }

            if (!SyntaxFacts.IsIdentifierStartCharacter(part[0]))
            {
                builder.Append('_');
            }

            foreach (var c in part)
            {
                builder.Append(SyntaxFacts.IsIdentifierPartCharacter(c) ? c : '_');
            }

            var kind = SyntaxFacts.GetKeywordKind(part);
            if (kind != SyntaxKind.None)
            {
                builder.Insert(builder.Length - part.Length, '_');
            }
        }

        return builder.Length == 0 ? null : builder.ToString();
    }

    /// <summary>The parse result with the project's default namespace where its mapping names none.</summary>
    public static ParseResult Apply(ParseResult result, string defaultNamespace) =>
        result.Model is { Namespace: null } model
            ? result with { Model = model with { Namespace = defaultNamespace } }
            : result;
}
