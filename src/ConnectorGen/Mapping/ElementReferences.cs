using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using ConnectorGen.Diagnostics;
using ConnectorGen.Helpers;
using ConnectorGen.Model;

namespace ConnectorGen.Mapping;

/// <summary>A mapping's <c>elementDefinition</c>: the normalized path it names, and where.</summary>
internal sealed record ElementReference(string Path, LocationInfo Location);

/// <summary>What one input contributes to reference resolution: an element definition's model, or a reference to one.</summary>
internal sealed record ElementLink(string Path, MappingModel? Definition, bool IsReference);

/// <summary>
/// A <c>*.connector.json</c> may name an element definition (<c>"elementDefinition": "acme.element.json"</c>, relative to
/// the mapping) to rename or adjust it: the mapping's name, namespace, section, prefix and auth win, its credentials
/// are overlaid on the definition's (<see cref="CredentialOverlay"/>), and the definition is then generated only
/// through the mapping.
/// </summary>
internal static class ElementReferences
{
    /// <summary>The link an input offers to the others (null when it has none).</summary>
    public static ElementLink? Link(ParseResult result)
    {
        if (result.Reference is { } reference)
        {
            return new ElementLink(reference.Path, null, IsReference: true);
        }

        return ElementDefinitionReader.IsElementFile(result.ConnectorLocation.FilePath)
            ? new ElementLink(Normalize(result.ConnectorLocation.FilePath), result.Model, IsReference: false)
            : null;
    }

    public static EquatableArray<ElementLink> Links(ImmutableArray<ElementLink?> links)
    {
        var list = new List<ElementLink>();
        foreach (var link in links)
        {
            if (link is not null)
            {
                list.Add(link);
            }
        }

        list.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path) is var c && c != 0 ? c : a.IsReference.CompareTo(b.IsReference));
        return list.ToEquatableArray();
    }

    public static ParseResult Resolve(ParseResult result, EquatableArray<ElementLink> links)
    {
        if (result.Reference is { } reference)
        {
            return Merge(result, reference, links);
        }

        if (result.Model is not null && ElementDefinitionReader.IsElementFile(result.ConnectorLocation.FilePath))
        {
            var path = Normalize(result.ConnectorLocation.FilePath);
            foreach (var link in links)
            {
                if (link.IsReference && link.Path == path)
                {
                    return result with { Model = null }; // generated through the mapping that names it
                }
            }
        }

        if (result.StandaloneNotices.Count > 0)
        {
            var diagnostics = new List<DiagnosticInfo>(result.Diagnostics);
            diagnostics.AddRange(result.StandaloneNotices);
            return result with { Diagnostics = diagnostics.ToEquatableArray() };
        }

        return result;
    }

    /// <summary>The path a mapping names, relative to the mapping's folder, with '/' separators and no '.' or '..' parts.</summary>
    public static string Resolve(string mappingPath, string relative)
    {
        var rooted = relative.StartsWith("/", StringComparison.Ordinal) || relative.StartsWith("\\", StringComparison.Ordinal) || (relative.Length > 1 && relative[1] == ':');
        if (rooted)
        {
            return Normalize(relative);
        }

        var directory = mappingPath.Replace('\\', '/');
        var slash = directory.LastIndexOf('/');
        return Normalize((slash < 0 ? string.Empty : directory.Substring(0, slash + 1)) + relative);
    }

    public static string Normalize(string path)
    {
        var parts = path.Replace('\\', '/').Split('/');
        var stack = new List<string>();
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part == "." || (part.Length == 0 && i > 0 && i < parts.Length - 1))
            {
                continue;
            }

            if (part == ".." && stack.Count > 0 && stack[stack.Count - 1] != ".." && stack[stack.Count - 1].Length > 0)
            {
                stack.RemoveAt(stack.Count - 1);
                continue;
            }

            stack.Add(part);
        }

        var builder = new StringBuilder(path.Length);
        for (var i = 0; i < stack.Count; i++)
        {
            builder.Append(i == 0 ? string.Empty : "/").Append(stack[i]);
        }

        return builder.ToString();
    }

    /// <summary>
    /// The mapping overlaid on the definition it names (<see cref="CredentialOverlay"/>): the mapping's name,
    /// namespace, section and prefix win, its auth when it has an auth section, its credentials by key, name and role;
    /// the rules report now, on the overlaid credentials. A missing definition is CG1025; an unreadable one is reported
    /// in its own file, and the rules that need the whole set keep quiet.
    /// </summary>
    private static ParseResult Merge(ParseResult result, ElementReference reference, EquatableArray<ElementLink> links)
    {
        var diagnostics = new List<DiagnosticInfo>(result.Diagnostics);
        var @base = CredentialBase.Unknown;
        var found = false;
        foreach (var link in links)
        {
            if (!link.IsReference && link.Path == reference.Path)
            {
                found = true;
                @base = link.Definition is null ? CredentialBase.Unknown : CredentialBase.Of(link.Definition);
                break;
            }
        }

        if (!found)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ElementDefinitionNotFound, reference.Location, reference.Path));
        }

        if (result.Draft is not { } draft)
        {
            return found ? result : result with { Diagnostics = diagnostics.ToEquatableArray() };
        }

        var overlaid = CredentialOverlay.Apply(draft, @base);
        diagnostics.AddRange(overlaid.Diagnostics);
        return result with
        {
            Model = result.Model is { } model ? overlaid.Complete(model, @base) : null,
            Diagnostics = diagnostics.ToEquatableArray(),
        };
    }
}
