using System;
using System.Collections.Generic;
using ConnectorGen.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ConnectorGen.Mapping;

/// <summary>
/// Where the readers of one file put their diagnostics: located at JSON tokens of that file, with a record of whether
/// any was an error. One sink per file, shared by every accessor and rule that reads it.
/// </summary>
internal sealed class DiagnosticSink
{
    private readonly SourceText _text;

    public DiagnosticSink(string path, SourceText text)
    {
        Path = path;
        _text = text;
    }

    public string Path { get; }

    public List<DiagnosticInfo> Diagnostics { get; } = new();

    public bool HasErrors { get; private set; }

    public LocationInfo Locate(TextSpan span) => LocationInfo.From(Path, _text, span);

    public void Report(DiagnosticDescriptor descriptor, TextSpan span, params string[] arguments)
    {
        if (descriptor.DefaultSeverity == DiagnosticSeverity.Error)
        {
            HasErrors = true;
        }

        Diagnostics.Add(DiagnosticInfo.Create(descriptor, Locate(span), arguments));
    }

    public void Report(DiagnosticDescriptor descriptor, LocationInfo location, params string[] arguments)
    {
        if (descriptor.DefaultSeverity == DiagnosticSeverity.Error)
        {
            HasErrors = true;
        }

        Diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));
    }
}

/// <summary>
/// The members of one JSON object by name (first wins), read with the expected kinds. Duplicate and unknown names are
/// reported once when the accessor is made; a missing required member is reported at the unknown member that is
/// closest to it (the likely misspelling), or at the object's brace when there is none.
/// </summary>
internal sealed class JsonObjectAccessor
{
    private readonly Dictionary<string, JsonProperty> _properties = new(StringComparer.Ordinal);

    /// <summary>Unknown members by the known name they are closest to, for a missing required member.</summary>
    private readonly Dictionary<string, JsonProperty> _misspellings = new(StringComparer.Ordinal);

    /// <param name="known">The member names of this kind of object, or null to accept any (element exports carry many).</param>
    public JsonObjectAccessor(JsonObject node, string what, IReadOnlyList<string>? known, DiagnosticSink sink)
    {
        Node = node;
        What = what;
        Sink = sink;
        foreach (var property in node.Properties)
        {
            if (_properties.ContainsKey(property.Name))
            {
                sink.Report(DiagnosticDescriptors.DuplicateJsonProperty, property.NameSpan, property.Name);
                continue;
            }

            _properties.Add(property.Name, property);
            if (known is not null && !Contains(known, property.Name))
            {
                var closest = Identifiers.ClosestName(property.Name, known);
                if (closest is not null && !_misspellings.ContainsKey(closest) && node.Find(closest) is null)
                {
                    // Reported by Required... as the missing member's CG1002 when it is required; otherwise as CG1004.
                    _misspellings.Add(closest, property);
                    continue;
                }

                sink.Report(DiagnosticDescriptors.UnknownProperty, property.NameSpan, property.Name, what, closest is null ? string.Empty : " (did you mean '" + closest + "'?)");
            }
        }
    }

    public JsonObject Node { get; }

    public string What { get; }

    public DiagnosticSink Sink { get; }

    public bool Has(string name) => _properties.ContainsKey(name);

    public JsonProperty? Property(string name) => _properties.TryGetValue(name, out var p) ? p : null;

    /// <summary>
    /// Reports the misspelled members that no required read claimed, as CG1004 with the suggestion. Call once, after
    /// every required member was read.
    /// </summary>
    public void Finish()
    {
        foreach (var pair in _misspellings)
        {
            Sink.Report(DiagnosticDescriptors.UnknownProperty, pair.Value.NameSpan, pair.Value.Name, What, " (did you mean '" + pair.Key + "'?)");
        }

        _misspellings.Clear();
    }

    /// <summary>Reports the missing required member at its likely misspelling, or at the object when there is none.</summary>
    public void ReportMissing(string name, string? what = null)
    {
        if (_misspellings.TryGetValue(name, out var misspelled))
        {
            _misspellings.Remove(name);
            Sink.Report(DiagnosticDescriptors.MissingProperty, misspelled.NameSpan, what ?? What, name, "; '" + misspelled.Name + "' looks like a misspelling of it");
            return;
        }

        Sink.Report(DiagnosticDescriptors.MissingProperty, Node.OpenBraceSpan, what ?? What, name, string.Empty);
    }

    public JsonString? RequiredString(string name, string? what = null)
    {
        if (!_properties.ContainsKey(name))
        {
            ReportMissing(name, what);
            return null;
        }

        var value = OptionalString(name);
        if (value is not null && value.Value.Length == 0)
        {
            Sink.Report(DiagnosticDescriptors.InvalidValue, value.Span, name, "it may not be empty");
            return null;
        }

        return value;
    }

    public JsonString? OptionalString(string name) => Get<JsonString>(name, JsonKind.String, "a string");

    public bool? OptionalBool(string name)
    {
        if (!_properties.TryGetValue(name, out var property))
        {
            return null;
        }

        switch (property.Value.Kind)
        {
            case JsonKind.True: return true;
            case JsonKind.False: return false;
            default:
                Sink.Report(DiagnosticDescriptors.WrongType, property.Value.Span, name, "true or false", property.Value.KindName);
                return null;
        }
    }

    /// <summary>A whole number, zero or more; reported and null otherwise.</summary>
    public (int Value, JsonNode Node)? OptionalLength(string name)
    {
        if (!_properties.TryGetValue(name, out var property))
        {
            return null;
        }

        if (property.Value is not JsonNumber number)
        {
            Sink.Report(DiagnosticDescriptors.WrongType, property.Value.Span, name, "a number", property.Value.KindName);
            return null;
        }

        if (!number.TryGetInt32(out var value) || value < 0)
        {
            Sink.Report(DiagnosticDescriptors.InvalidValue, number.Span, name, "a length is a whole number, zero or more");
            return null;
        }

        return (value, number);
    }

    /// <summary>The value of a member when it has the expected kind; reports it otherwise.</summary>
    public T? Get<T>(string name, JsonKind kind, string expected)
        where T : JsonNode
    {
        if (!_properties.TryGetValue(name, out var property))
        {
            return null;
        }

        var value = property.Value;
        if (value.Kind == kind && value is T typed)
        {
            return typed;
        }

        Sink.Report(DiagnosticDescriptors.WrongType, value.Span, name, expected, value.KindName);
        return null;
    }

    private static bool Contains(IReadOnlyList<string> names, string name)
    {
        foreach (var n in names)
        {
            if (n == name)
            {
                return true;
            }
        }

        return false;
    }
}
