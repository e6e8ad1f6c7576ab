using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ConnectorGen.Mapping;

/// <summary>
/// Reading all the mapping inputs of a project at once: parse every <c>*.connector.json</c> and <c>*.element.json</c>,
/// link the element definitions the mappings name, overlay. The generator runs the same three steps as separate
/// incremental steps (<see cref="MappingParser.Parse"/> per file, <see cref="ElementReferences.Links"/> over all,
/// <see cref="ElementReferences.Resolve(ParseResult, Helpers.EquatableArray{ElementLink})"/> per file); the analyzers
/// call <see cref="Read"/>, so they see the credentials the generator generates, those from element definitions too.
/// </summary>
internal static class MappingSet
{
    /// <summary>The resolved result of every input file, in the order given; other files are skipped.</summary>
    public static List<ParseResult> Read(ImmutableArray<AdditionalText> files, CancellationToken cancellationToken)
    {
        var parsed = new List<ParseResult>();
        var links = ImmutableArray.CreateBuilder<ElementLink?>();
        foreach (var file in files)
        {
            if (file?.Path is null || !MappingParser.IsInputFile(file.Path))
            {
                continue;
            }

            var result = Parse(file.Path, TextOf(file, cancellationToken), cancellationToken);
            parsed.Add(result);
            links.Add(ElementReferences.Link(result));
        }

        var linked = ElementReferences.Links(links.ToImmutable());
        for (var i = 0; i < parsed.Count; i++)
        {
            parsed[i] = ElementReferences.Resolve(parsed[i], linked);
        }

        return parsed;
    }

    /// <summary>
    /// <see cref="MappingParser.Parse"/>, once per text: the analyzers read the set at every compilation start (each
    /// keystroke in an IDE), and an element export may be tens of MiB, while the host hands out the same
    /// <see cref="SourceText"/> for a file until it changes. The result depends only on the path and the text.
    /// </summary>
    private static ParseResult Parse(string path, SourceText? text, CancellationToken cancellationToken)
    {
        if (text is null)
        {
            return MappingParser.Parse(path, null, cancellationToken);
        }

        var cached = Parsed.GetValue(text, t => new ParsedText(path, MappingParser.Parse(path, t, cancellationToken)));
        return cached.Path == path ? cached.Result : MappingParser.Parse(path, text, cancellationToken); // one text under two paths: rare, not cached
    }

    private static readonly ConditionalWeakTable<SourceText, ParsedText> Parsed = new();

    private sealed record ParsedText(string Path, ParseResult Result);

    /// <summary>The file's text; null (reported by the parser as unreadable) when the host cannot give it.</summary>
    private static SourceText? TextOf(AdditionalText file, CancellationToken cancellationToken)
    {
        try
        {
            return file.GetText(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }
}
