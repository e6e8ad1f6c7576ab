using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;

namespace ConnectorGen.Mapping;

/// <summary>The kind of a JSON value.</summary>
internal enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

/// <summary>
/// A JSON value with the span of its text in the source. The tree is built once per file inside a pipeline step and is
/// never passed between steps (it is not equatable): the step turns it into an equatable model.
/// </summary>
internal abstract class JsonNode
{
    protected JsonNode(JsonKind kind, TextSpan span)
    {
        Kind = kind;
        Span = span;
    }

    public JsonKind Kind { get; }

    /// <summary>The span of the whole value, from its first character to its last.</summary>
    public TextSpan Span { get; }

    /// <summary>The JSON name of the kind, as used in diagnostics ("object", "string", ...).</summary>
    public string KindName => DescribeKind(Kind);

    public static string DescribeKind(JsonKind kind) => kind switch
    {
        JsonKind.Object => "object",
        JsonKind.Array => "array",
        JsonKind.String => "string",
        JsonKind.Number => "number",
        JsonKind.True or JsonKind.False => "boolean",
        _ => "null",
    };
}

internal sealed class JsonObject : JsonNode
{
    public JsonObject(TextSpan span, IReadOnlyList<JsonProperty> properties)
        : base(JsonKind.Object, span)
    {
        Properties = properties;
    }

    /// <summary>The properties in document order, duplicates included (the reader reports them; the first one wins).</summary>
    public IReadOnlyList<JsonProperty> Properties { get; }

    /// <summary>The span of the opening brace: where a missing property is reported.</summary>
    public TextSpan OpenBraceSpan => new(Span.Start, 1);

    public JsonProperty? Find(string name)
    {
        foreach (var property in Properties)
        {
            if (property.Name == name)
            {
                return property;
            }
        }

        return null;
    }
}

internal sealed class JsonProperty
{
    public JsonProperty(string name, TextSpan nameSpan, JsonNode value)
    {
        Name = name;
        NameSpan = nameSpan;
        Value = value;
    }

    public string Name { get; }

    /// <summary>The span of the quoted name, quotes included.</summary>
    public TextSpan NameSpan { get; }

    public JsonNode Value { get; }
}

internal sealed class JsonArray : JsonNode
{
    public JsonArray(TextSpan span, IReadOnlyList<JsonNode> items)
        : base(JsonKind.Array, span)
    {
        Items = items;
    }

    public IReadOnlyList<JsonNode> Items { get; }
}

internal sealed class JsonString : JsonNode
{
    public JsonString(TextSpan span, string value)
        : base(JsonKind.String, span)
    {
        Value = value;
    }

    /// <summary>The unescaped value.</summary>
    public string Value { get; }
}

internal sealed class JsonNumber : JsonNode
{
    public JsonNumber(TextSpan span, string text)
        : base(JsonKind.Number, span)
    {
        Text = text;
    }

    /// <summary>The number exactly as written.</summary>
    public string Text { get; }

    /// <summary>The value as a 32-bit integer, when it is one (no fraction, no exponent, in range).</summary>
    public bool TryGetInt32(out int value) =>
        int.TryParse(Text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out value);
}

internal sealed class JsonLiteral : JsonNode
{
    public JsonLiteral(JsonKind kind, TextSpan span)
        : base(kind, span)
    {
    }
}
