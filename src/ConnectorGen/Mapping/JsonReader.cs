using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace ConnectorGen.Mapping;

/// <summary>The outcome of reading a JSON text: a tree, or the first error with its position.</summary>
internal readonly struct JsonReadResult
{
    public JsonReadResult(JsonNode? root, string? error, TextSpan errorSpan, JsonReadFailure failure)
    {
        Root = root;
        Error = error;
        ErrorSpan = errorSpan;
        Failure = failure;
    }

    public JsonNode? Root { get; }

    /// <summary>What is wrong, in words; null when the text was read.</summary>
    public string? Error { get; }

    /// <summary>Where it is wrong: the offending character or token (never past the end of the text).</summary>
    public TextSpan ErrorSpan { get; }

    public JsonReadFailure Failure { get; }

    public bool Succeeded => Root is not null;
}

internal enum JsonReadFailure
{
    None,

    /// <summary>The text is not JSON (as appsettings.json understands it: comments and trailing commas are fine).</summary>
    Syntax,

    /// <summary>The text is larger or nested deeper than the reader accepts.</summary>
    Limit,
}

/// <summary>
/// A strict JSON reader that keeps the position of every token, for diagnostics that point into the file.
/// It accepts what appsettings.json accepts beyond RFC 8259: <c>//</c> and <c>/* */</c> comments, trailing commas and a
/// leading byte order mark. Everything else is an error at the first offending character: single quotes, unquoted
/// names, NaN, leading zeros, control characters in strings, lone surrogates in escapes, text after the root value.
/// Limits (<see cref="MaxLength"/>, <see cref="MaxDepth"/>) bound the work any input can cause; the reader is a single
/// pass without backtracking, so its time is linear in the length of the text.
/// Netstandard2.0 BCL only: this code runs inside the compiler and the IDE. This file holds the structure (document,
/// objects, arrays, names, the limits and the error text); JsonReaderTokens.cs the scalar tokens and the trivia.
/// </summary>
internal sealed partial class JsonReader
{
    /// <summary>1 MiB of characters.</summary>
    public const int MaxLength = 1024 * 1024;

    public const int MaxDepth = 64;

    private readonly string _text;
    private readonly int _maxDepth;

    /// <summary>int.MaxValue, or with trailing text allowed, how far into the text the value may reach.</summary>
    private readonly int _valueLimit;

    /// <summary>Null, or the only properties of the root object whose values are built (see <see cref="Read(string, int, int, bool, ISet{string})"/>).</summary>
    private readonly ISet<string>? _rootProperties;
    private readonly List<JsonProperty> _properties = new();
    private readonly List<JsonNode> _items = new();
    private readonly string?[] _names = new string?[128];
    private int _pos;
    private int _depth;
    private StringBuilder? _builder;

    private JsonReader(string text, int maxDepth, int valueLimit, ISet<string>? rootProperties)
    {
        _text = text;
        _maxDepth = maxDepth;
        _valueLimit = valueLimit;
        _rootProperties = rootProperties;
    }

    /// <param name="allowTrailingText">
    /// Stop at the end of the first JSON value and ignore what follows (element exports are often followed by pasted
    /// text). The text after the value is then not read at all, so the length limit applies to the value only.
    /// </param>
    /// <param name="rootProperties">
    /// Null, or the names of the root object's properties to build. The values of every other root property are still
    /// read to the same rules (a syntax error there is reported as anywhere else) but no node, string or list is made
    /// for them: an element export embeds hundreds of resources the generator never reads, and can be tens of MiB.
    /// </param>
    public static JsonReadResult Read(SourceText text, int maxLength = MaxLength, int maxDepth = MaxDepth, bool allowTrailingText = false, ISet<string>? rootProperties = null)
    {
        if (allowTrailingText)
        {
            return Read(text.ToString(), maxLength, maxDepth, allowTrailingText, rootProperties);
        }

        if (text.Length > maxLength)
        {
            return new JsonReadResult(
                null,
                $"the file has {text.Length.ToString(CultureInfo.InvariantCulture)} characters; at most {maxLength.ToString(CultureInfo.InvariantCulture)} are read",
                new TextSpan(0, 0),
                JsonReadFailure.Limit);
        }

        return Read(text.ToString(), maxLength, maxDepth, rootProperties: rootProperties);
    }

    /// <inheritdoc cref="Read(SourceText, int, int, bool, ISet{string})"/>
    public static JsonReadResult Read(string text, int maxLength = MaxLength, int maxDepth = MaxDepth, bool allowTrailingText = false, ISet<string>? rootProperties = null)
    {
        if (text.Length > maxLength && !allowTrailingText)
        {
            return new JsonReadResult(
                null,
                $"the file has {text.Length.ToString(CultureInfo.InvariantCulture)} characters; at most {maxLength.ToString(CultureInfo.InvariantCulture)} are read",
                new TextSpan(0, 0),
                JsonReadFailure.Limit);
        }

        var reader = new JsonReader(text, maxDepth, allowTrailingText ? maxLength : int.MaxValue, rootProperties);
        try
        {
            return new JsonReadResult(reader.ReadDocument(), null, default, JsonReadFailure.None);
        }
        catch (JsonSyntaxException e)
        {
            var start = Math.Min(e.Position, text.Length);
            var length = Math.Min(e.Length, text.Length - start);
            return new JsonReadResult(null, e.Message, new TextSpan(start, length), e.Failure);
        }
    }

    private JsonNode ReadDocument()
    {
        if (_text.Length > 0 && _text[0] == '\uFEFF')
        {
            _pos = 1;
        }

        SkipTrivia();
        if (_pos >= _text.Length)
        {
            throw Error("the file is empty: a JSON object was expected", _pos, 0);
        }

        var root = ReadValue(keep: true)!;
        if (_valueLimit != int.MaxValue)
        {
            if (_pos > _valueLimit)
            {
                throw new JsonSyntaxException(
                    $"the JSON value has {_pos.ToString(CultureInfo.InvariantCulture)} characters; at most {_valueLimit.ToString(CultureInfo.InvariantCulture)} are read",
                    0,
                    0,
                    JsonReadFailure.Limit);
            }

            return root;
        }

        SkipTrivia();
        if (_pos < _text.Length)
        {
            throw Error($"unexpected {Describe(_pos)} after the end of the JSON value", _pos, 1);
        }

        return root;
    }

    /// <summary>Reads one value; with <paramref name="keep"/> false it only checks it and returns null (nothing allocated).</summary>
    private JsonNode? ReadValue(bool keep)
    {
        if (_pos >= _text.Length)
        {
            throw Error("unexpected end of file: a value was expected", _pos, 0);
        }

        var c = _text[_pos];
        switch (c)
        {
            case '{':
                return ReadObject(keep);
            case '[':
                return ReadArray(keep);
            case '"':
                var start = _pos;
                var value = ReadString(keep);
                return keep ? new JsonString(TextSpan.FromBounds(start, _pos), value!) : null;
            case 't':
                return ReadLiteral("true", JsonKind.True, keep);
            case 'f':
                return ReadLiteral("false", JsonKind.False, keep);
            case 'n':
                return ReadLiteral("null", JsonKind.Null, keep);
            case '-':
            case >= '0' and <= '9':
                return ReadNumber(keep);
            case '\'':
                throw Error("strings must be in double quotes", _pos, 1);
            default:
                if (char.IsLetter(c))
                {
                    var end = _pos;
                    while (IsIdentifierChar(end))
                    {
                        end++;
                    }

                    // The word itself is not echoed: the reader also reads configuration files, whose values may be secrets.
                    throw Error("unexpected word: a value (string, number, object, array, true, false or null) was expected", _pos, end - _pos);
                }

                throw Error($"unexpected {Describe(_pos)}: a value was expected", _pos, 1);
        }
    }

    private JsonObject? ReadObject(bool keep)
    {
        var start = _pos;
        Enter(start);
        _pos++; // {
        var mark = _properties.Count;
        SkipTrivia();
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw Error("unexpected end of file: '}' was expected", _pos, 0);
            }

            if (_text[_pos] == '}')
            {
                _pos++;
                break;
            }

            if (_text[_pos] != '"')
            {
                throw _text[_pos] == '\''
                    ? Error("property names must be in double quotes", _pos, 1)
                    : Error($"unexpected {Describe(_pos)}: a property name in double quotes was expected", _pos, 1);
            }

            var nameStart = _pos;
            var name = ReadName(keep);
            var nameSpan = TextSpan.FromBounds(nameStart, _pos);
            SkipTrivia();
            if (_pos >= _text.Length || _text[_pos] != ':')
            {
                throw Error($"unexpected {Describe(_pos)}: ':' was expected after the property name", _pos, _pos < _text.Length ? 1 : 0);
            }

            _pos++;
            SkipTrivia();
            // Only the root object's properties are ever left out (depth 1 is the root: Enter counted it).
            var keepValue = keep && (_depth != 1 || _rootProperties is null || _rootProperties.Contains(name!));
            var value = ReadValue(keepValue);
            if (keepValue)
            {
                _properties.Add(new JsonProperty(name!, nameSpan, value!));
            }

            SkipTrivia();
            if (_pos < _text.Length && _text[_pos] == ',')
            {
                _pos++;
                SkipTrivia();
                continue; // a trailing comma is allowed: the loop then meets '}'
            }

            if (_pos < _text.Length && _text[_pos] == '}')
            {
                _pos++;
                break;
            }

            throw Error($"unexpected {Describe(_pos)}: ',' or '}}' was expected", _pos, _pos < _text.Length ? 1 : 0);
        }

        _depth--;
        return keep ? new JsonObject(TextSpan.FromBounds(start, _pos), Pop(_properties, mark)) : null;
    }

    private JsonArray? ReadArray(bool keep)
    {
        var start = _pos;
        Enter(start);
        _pos++; // [
        var mark = _items.Count;
        SkipTrivia();
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw Error("unexpected end of file: ']' was expected", _pos, 0);
            }

            if (_text[_pos] == ']')
            {
                _pos++;
                break;
            }

            var item = ReadValue(keep);
            if (keep)
            {
                _items.Add(item!);
            }

            SkipTrivia();
            if (_pos < _text.Length && _text[_pos] == ',')
            {
                _pos++;
                SkipTrivia();
                continue;
            }

            if (_pos < _text.Length && _text[_pos] == ']')
            {
                _pos++;
                break;
            }

            throw Error($"unexpected {Describe(_pos)}: ',' or ']' was expected", _pos, _pos < _text.Length ? 1 : 0);
        }

        _depth--;
        return keep ? new JsonArray(TextSpan.FromBounds(start, _pos), Pop(_items, mark)) : null;
    }

    /// <summary>
    /// Children are collected on one shared stack and copied into an array of the exact size when their container
    /// closes: one allocation per container instead of a growing list.
    /// </summary>
    private static T[] Pop<T>(List<T> stack, int mark)
    {
        var count = stack.Count - mark;
        if (count == 0)
        {
            return Array.Empty<T>();
        }

        var result = new T[count];
        stack.CopyTo(mark, result, 0, count);
        stack.RemoveRange(mark, count);
        return result;
    }

    /// <summary>
    /// Reads a property name. Names repeat (every credential has "name", "source", "parameter"), so short names
    /// without escapes are shared through a small hash table instead of allocated again.
    /// </summary>
    private string? ReadName(bool keep)
    {
        if (!keep)
        {
            return ReadString(keep: false);
        }

        var start = _pos + 1;
        var end = start;
        var hash = 17;
        while (end < _text.Length && end - start <= 32)
        {
            var c = _text[end];
            if (c == '"')
            {
                var length = end - start;
                var slot = (hash & 0x7FFFFFFF) % _names.Length;
                var cached = _names[slot];
                if (cached is not null && cached.Length == length && string.CompareOrdinal(_text, start, cached, 0, length) == 0)
                {
                    _pos = end + 1;
                    return cached;
                }

                var name = _text.Substring(start, length);
                _names[slot] = name;
                _pos = end + 1;
                return name;
            }

            if (c == '\\' || c < ' ')
            {
                break;
            }

            hash = unchecked((hash * 31) + c);
            end++;
        }

        return ReadString(keep: true);
    }

    private void Enter(int position)
    {
        if (++_depth > _maxDepth)
        {
            throw new JsonSyntaxException(
                $"the JSON is nested more than {_maxDepth.ToString(CultureInfo.InvariantCulture)} levels deep",
                position,
                1,
                JsonReadFailure.Limit);
        }
    }

    private string Describe(int position)
    {
        if (position >= _text.Length)
        {
            return "end of file";
        }

        return $"character '{Printable(_text[position])}'";
    }

    private static string Printable(char c) =>
        c < ' ' || char.IsSurrogate(c) || c == '\u007F' || (c >= '\u0080' && char.IsControl(c)) || c == '\uFEFF'
            ? "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture)
            : c.ToString();

    private JsonSyntaxException Error(string message, int position, int length) =>
        new(message, position, length, JsonReadFailure.Syntax);

    private sealed class JsonSyntaxException : Exception
    {
        public JsonSyntaxException(string message, int position, int length, JsonReadFailure failure)
            : base(message)
        {
            Position = position;
            Length = length;
            Failure = failure;
        }

        public int Position { get; }

        public int Length { get; }

        public JsonReadFailure Failure { get; }
    }
}
