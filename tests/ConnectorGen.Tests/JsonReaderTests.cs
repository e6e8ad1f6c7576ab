using ConnectorGen.Mapping;
using Microsoft.CodeAnalysis.Text;

namespace ConnectorGen.Tests;

public sealed class JsonReaderTests
{
    [Fact]
    public void Reads_appsettings_style_json_with_comments_trailing_commas_and_a_bom()
    {
        var text = "\uFEFF{ // comment\n \"a\": [1, -2.5e3, true, false, null, ], /* block */ \"b\": { \"c\": \"\\u00e9\\n\\\"\" }, }";
        var result = JsonReader.Read(text);
        Assert.True(result.Succeeded, result.Error);
        var root = Assert.IsType<JsonObject>(result.Root);
        var a = Assert.IsType<JsonArray>(root.Find("a")!.Value);
        Assert.Equal([JsonKind.Number, JsonKind.Number, JsonKind.True, JsonKind.False, JsonKind.Null], a.Items.Select(i => i.Kind));
        Assert.Equal("-2.5e3", ((JsonNumber)a.Items[1]).Text);
        var c = Assert.IsType<JsonString>(((JsonObject)root.Find("b")!.Value).Find("c")!.Value);
        Assert.Equal("é\n\"", c.Value);
        Assert.Equal("\"\\u00e9\\n\\\"\"", text.Substring(c.Span.Start, c.Span.Length));
    }

    [Fact]
    public void Spans_cover_names_and_values_exactly()
    {
        const string text = "{\"key\" : \"value\"}";
        var property = ((JsonObject)JsonReader.Read(text).Root!).Properties.Single();
        Assert.Equal("\"key\"", text.Substring(property.NameSpan.Start, property.NameSpan.Length));
        Assert.Equal("\"value\"", text.Substring(property.Value.Span.Start, property.Value.Span.Length));
    }

    [Fact]
    public void Surrogate_pairs_in_escapes_are_joined() =>
        Assert.Equal("😀", ((JsonString)JsonReader.Read("\"\\ud83d\\ude00\"").Root!).Value);

    [Theory]
    [InlineData("", 0, "empty")]
    [InlineData("{ \"a\": 1 } x", 11, "after the end")]
    [InlineData("{ 'a': 1 }", 2, "double quotes")]
    [InlineData("{ a: 1 }", 2, "property name")]
    [InlineData("[01]", 1, "leading zeros")]
    [InlineData("[1.]", 3, "decimal point")]
    [InlineData("[1e]", 3, "exponent")]
    [InlineData("[NaN]", 1, "value")]
    [InlineData("[tru]", 1, "value")]
    [InlineData("[\"a\nb\"]", 3, "line break")]
    [InlineData("[\"a\u0001\"]", 3, "control character")]
    [InlineData("[\"\\x\"]", 2, "invalid escape")]
    [InlineData("[\"\\u12G4\"]", 2, "\\u escape")]
    [InlineData("[\"\\ud83d\"]", 2, "low surrogate")]
    [InlineData("[\"\\ude00\"]", 2, "without a high surrogate")]
    [InlineData("[\"abc", 1, "unterminated string")]
    [InlineData("/* never closed", 0, "unterminated comment")]
    [InlineData("{ \"a\" 1 }", 6, "':' was expected")]
    [InlineData("{ \"a\": 1 \"b\": 2 }", 9, "',' or '}'")]
    [InlineData("[1 2]", 3, "',' or ']'")]
    [InlineData("{ \"a\": ", 7, "end of file")]
    [InlineData("[,]", 1, "value")]
    public void Errors_are_reported_at_the_offending_position(string text, int position, string message)
    {
        var result = JsonReader.Read(text);
        Assert.False(result.Succeeded);
        Assert.Equal(JsonReadFailure.Syntax, result.Failure);
        Assert.Equal(position, result.ErrorSpan.Start);
        Assert.Contains(message, result.Error);
        Assert.True(result.ErrorSpan.End <= text.Length);
    }

    [Fact]
    public void An_unknown_word_is_not_echoed_in_the_error()
    {
        var result = JsonReader.Read("{ \"password\": hunter2secret }");
        Assert.DoesNotContain("hunter2secret", result.Error);
        Assert.Equal(new TextSpan(14, 13), result.ErrorSpan);
    }

    [Fact]
    public void Depth_and_size_limits_are_enforced()
    {
        Assert.True(JsonReader.Read(new string('[', 64) + new string(']', 64)).Succeeded);
        var deep = JsonReader.Read(new string('[', 65) + new string(']', 65));
        Assert.Equal(JsonReadFailure.Limit, deep.Failure);
        Assert.Equal(64, deep.ErrorSpan.Start);
        var big = JsonReader.Read("\"" + new string('x', JsonReader.MaxLength) + "\"");
        Assert.Equal(JsonReadFailure.Limit, big.Failure);
    }

    [Fact]
    public void Root_properties_left_out_are_checked_but_not_built_and_nested_ones_are_kept()
    {
        var keep = new HashSet<string>(StringComparer.Ordinal) { "name", "configuration" };
        var result = JsonReader.Read(
            """{ "name": "A", "resources": [ { "name": "x\u0041", "n": -1.5e3, "ok": true, "no": null } ], "configuration": [ { "name": "kept", "resources": 1 } ] }""",
            rootProperties: keep);

        var root = Assert.IsType<JsonObject>(result.Root);
        Assert.Equal(["name", "configuration"], root.Properties.Select(p => p.Name).ToArray());
        var entry = Assert.IsType<JsonObject>(Assert.IsType<JsonArray>(root.Find("configuration")!.Value).Items[0]);
        Assert.Equal(["name", "resources"], entry.Properties.Select(p => p.Name).ToArray()); // only the root is filtered

        var broken = JsonReader.Read("{ \"resources\": [ 01 ], \"name\": \"A\" }", rootProperties: keep);
        Assert.Equal(JsonReadFailure.Syntax, broken.Failure);
        Assert.Equal(new TextSpan(17, 1), broken.ErrorSpan);
    }

    [Fact]
    public void Deeply_nested_hostile_input_does_not_overflow_the_stack()
    {
        var result = JsonReader.Read(new string('[', 500_000));
        Assert.Equal(JsonReadFailure.Limit, result.Failure);
    }
}
