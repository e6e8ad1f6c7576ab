using System;
using System.Threading;
using ConnectorGen.Diagnostics;
using ConnectorGen.Helpers;
using ConnectorGen.Model;
using Microsoft.CodeAnalysis.Text;

namespace ConnectorGen.Mapping;

/// <summary>
/// What reading one input file gives: the model (null only when no connector type can be named) and every
/// diagnostic, each located at its JSON token. A model may come with errors: the valid part of the file is still
/// generated, so the user's code keeps compiling. <see cref="ConnectorLocation"/> is where a duplicate-type error goes.
/// </summary>
/// <see cref="Reference"/> is the element definition a mapping names, merged in by <see cref="ElementReferences"/>.
/// <see cref="StandaloneNotices"/> are an element definition's notices that hold only when no mapping names it.
/// <see cref="Draft"/> is what the overlay and the rules need of a mapping that names a definition, until it is linked.
internal sealed record ParseResult(MappingModel? Model, EquatableArray<DiagnosticInfo> Diagnostics, LocationInfo ConnectorLocation, ElementReference? Reference = null, EquatableArray<DiagnosticInfo> StandaloneNotices = default, MappingDraft? Draft = null);

/// <summary>
/// The entry point of reading: a <c>*.connector.json</c> mapping (format version 1, see
/// schema/connector-mapping.schema.json) or a <c>*.element.json</c> element definition becomes a
/// <see cref="ParseResult"/>. Never throws for any input: every problem is a located diagnostic.
/// </summary>
internal static class MappingParser
{
    public const string FileSuffix = ".connector.json";

    public static bool IsMappingFile(string path) => path.EndsWith(FileSuffix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Either kind of input the generator reads.</summary>
    public static bool IsInputFile(string path) => IsMappingFile(path) || ElementDefinitionReader.IsElementFile(path);

    /// <summary>Reads a mapping or an element definition, by the file's suffix.</summary>
    public static ParseResult Parse(string path, SourceText? text, CancellationToken cancellationToken)
    {
        if (text is null)
        {
            var nowhere = new LocationInfo(path, default, default);
            return new ParseResult(
                null,
                new[] { DiagnosticInfo.Create(DiagnosticDescriptors.MalformedJson, nowhere, "the file could not be read") }.ToEquatableArray(),
                nowhere);
        }

        var sink = new DiagnosticSink(path, text);
        var isElement = ElementDefinitionReader.IsElementFile(path);
        CheckEncoding(sink, text, isElement ? ElementDefinitionReader.MaxLength : JsonReader.MaxLength);
        if (isElement)
        {
            var import = new ElementDefinitionReader(sink, cancellationToken);
            var imported = Read(sink, text, allowTrailingText: true) is { } element ? import.Read(element) : null;
            return new ParseResult(imported, sink.Diagnostics.ToEquatableArray(), import.ConnectorLocation, StandaloneNotices: import.StandaloneNotices.ToEquatableArray());
        }

        var builder = new MappingModelBuilder(sink, cancellationToken);
        var model = Read(sink, text, allowTrailingText: false) is { } root ? builder.Build(root) : null;
        return new ParseResult(model, sink.Diagnostics.ToEquatableArray(), builder.ConnectorLocation, builder.Reference, Draft: builder.Draft);
    }

    /// <summary>
    /// CG1033 at the first character that a non-UTF-8 reading may have changed: the compiler reads a file that is not
    /// valid UTF-8 in a legacy code page (or with U+FFFD for the bytes it could not decode), and a label or default
    /// with an accent then silently becomes other text. A file in pure ASCII reads the same either way: no notice.
    /// </summary>
    private static void CheckEncoding(DiagnosticSink sink, SourceText text, int maxLength)
    {
        if (text.Length > maxLength)
        {
            return; // not read at all (CG1018): no need to look at its characters either
        }

        var unicode = text.Encoding is null || text.Encoding.CodePage is 65001 or 1200 or 1201 or 12000 or 12001;
        var content = text.ToString(); // the reader needs the string too; for an in-memory text it is not a copy
        var index = -1;
        if (unicode)
        {
            index = content.IndexOf('\uFFFD');
        }
        else
        {
            for (var i = 0; i < content.Length; i++)
            {
                if (content[i] > '\u007F')
                {
                    index = i;
                    break;
                }
            }
        }

        if (index >= 0)
        {
            sink.Report(
                DiagnosticDescriptors.NotUtf8,
                new TextSpan(index, 1),
                content[index] == '\uFFFD' ? "it has bytes that are not valid UTF-8" : "it was read as " + text.Encoding!.WebName);
        }
    }

    /// <summary>The root object of the file, or null with the reason reported.</summary>
    private static JsonObject? Read(DiagnosticSink sink, SourceText text, bool allowTrailingText)
    {
        var result = allowTrailingText
            ? JsonReader.Read(text, ElementDefinitionReader.MaxLength, allowTrailingText: true, rootProperties: ElementDefinitionReader.RootProperties)
            : JsonReader.Read(text);
        if (!result.Succeeded)
        {
            sink.Report(
                result.Failure == JsonReadFailure.Limit ? DiagnosticDescriptors.LimitExceeded : DiagnosticDescriptors.MalformedJson,
                result.ErrorSpan,
                result.Error!);
            return null;
        }

        if (result.Root is not JsonObject root)
        {
            sink.Report(DiagnosticDescriptors.WrongType, result.Root!.Span, allowTrailingText ? "element definition" : "mapping file", "an object", result.Root.KindName);
            return null;
        }

        return root;
    }
}
