using System;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace ConnectorGen.Mapping;

// The scalar tokens of JsonReader (literals, numbers, strings with their escapes) and the trivia between tokens
// (whitespace, comments, the byte order mark); the structure and the limits are in JsonReader.cs.
internal sealed partial class JsonReader
{
    private JsonLiteral? ReadLiteral(string literal, JsonKind kind, bool keep)
    {
        var start = _pos;
        if (string.CompareOrdinal(_text, _pos, literal, 0, literal.Length) != 0 || IsIdentifierChar(start + literal.Length))
        {
            var end = start;
            while (IsIdentifierChar(end))
            {
                end++;
            }

            // The word itself is not echoed: the reader also reads configuration files, whose values may be secrets.
            throw Error("unexpected word: a value (string, number, object, array, true, false or null) was expected", start, Math.Max(1, end - start));
        }

        _pos += literal.Length;
        return keep ? new JsonLiteral(kind, new TextSpan(start, literal.Length)) : null;
    }

    private bool IsIdentifierChar(int index) => index < _text.Length && (char.IsLetterOrDigit(_text[index]) || _text[index] == '_');

    private JsonNumber? ReadNumber(bool keep)
    {
        var start = _pos;
        if (_text[_pos] == '-')
        {
            _pos++;
        }

        if (_pos >= _text.Length || !IsDigit(_text[_pos]))
        {
            throw Error("a digit was expected in the number", _pos, _pos < _text.Length ? 1 : 0);
        }

        if (_text[_pos] == '0' && _pos + 1 < _text.Length && IsDigit(_text[_pos + 1]))
        {
            throw Error("numbers may not have leading zeros", _pos, 1);
        }

        SkipDigits();
        if (_pos < _text.Length && _text[_pos] == '.')
        {
            _pos++;
            if (_pos >= _text.Length || !IsDigit(_text[_pos]))
            {
                throw Error("a digit was expected after the decimal point", _pos, _pos < _text.Length ? 1 : 0);
            }

            SkipDigits();
        }

        if (_pos < _text.Length && (_text[_pos] == 'e' || _text[_pos] == 'E'))
        {
            _pos++;
            if (_pos < _text.Length && (_text[_pos] == '+' || _text[_pos] == '-'))
            {
                _pos++;
            }

            if (_pos >= _text.Length || !IsDigit(_text[_pos]))
            {
                throw Error("a digit was expected in the exponent", _pos, _pos < _text.Length ? 1 : 0);
            }

            SkipDigits();
        }

        if (IsIdentifierChar(_pos))
        {
            throw Error($"unexpected {Describe(_pos)} in a number", _pos, 1);
        }

        return keep ? new JsonNumber(TextSpan.FromBounds(start, _pos), _text.Substring(start, _pos - start)) : null;
    }

    private void SkipDigits()
    {
        while (_pos < _text.Length && IsDigit(_text[_pos]))
        {
            _pos++;
        }
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    /// <summary>Reads a string starting at the opening quote; leaves the position after the closing quote. With
    /// <paramref name="keep"/> false it checks the string and its escapes the same way and returns null.</summary>
    private string? ReadString(bool keep)
    {
        var openQuote = _pos;
        _pos++;
        var runStart = _pos;
        StringBuilder? builder = null;
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw Error("unterminated string: '\"' was expected", openQuote, 1);
            }

            var c = _text[_pos];
            if (c == '"')
            {
                if (!keep)
                {
                    _pos++;
                    return null;
                }

                string value;
                if (builder is null)
                {
                    value = _text.Substring(runStart, _pos - runStart);
                }
                else
                {
                    builder.Append(_text, runStart, _pos - runStart);
                    value = builder.ToString();
                }

                _pos++;
                return value;
            }

            if (c == '\\')
            {
                if (!keep)
                {
                    ReadEscape(null);
                    continue;
                }

                if (builder is null)
                {
                    builder = _builder ??= new StringBuilder();
                    builder.Clear();
                }

                builder.Append(_text, runStart, _pos - runStart);
                ReadEscape(builder);
                runStart = _pos;
                continue;
            }

            if (c < ' ')
            {
                throw c == '\n' || c == '\r'
                    ? Error("unterminated string: a line break may not appear inside a string (write \\n)", _pos, 1)
                    : Error($"control character U+{((int)c).ToString("X4", CultureInfo.InvariantCulture)} must be escaped in a string", _pos, 1);
            }

            _pos++;
        }
    }

    /// <summary>Reads one escape sequence and appends what it stands for to <paramref name="builder"/>, when there is one.</summary>
    private void ReadEscape(StringBuilder? builder)
    {
        var escapeStart = _pos;
        _pos++; // backslash
        if (_pos >= _text.Length)
        {
            throw Error("unterminated escape sequence", escapeStart, 1);
        }

        var c = _text[_pos];
        _pos++;
        switch (c)
        {
            case '"': builder?.Append('"'); return;
            case '\\': builder?.Append('\\'); return;
            case '/': builder?.Append('/'); return;
            case 'b': builder?.Append('\b'); return;
            case 'f': builder?.Append('\f'); return;
            case 'n': builder?.Append('\n'); return;
            case 'r': builder?.Append('\r'); return;
            case 't': builder?.Append('\t'); return;
            case 'u':
                var unit = ReadHex4(escapeStart);
                if (char.IsHighSurrogate(unit))
                {
                    if (_pos + 1 < _text.Length && _text[_pos] == '\\' && _text[_pos + 1] == 'u')
                    {
                        var lowStart = _pos;
                        _pos += 2;
                        var low = ReadHex4(lowStart);
                        if (!char.IsLowSurrogate(low))
                        {
                            throw Error("a high surrogate escape must be followed by a low surrogate escape", lowStart, 6);
                        }

                        builder?.Append(unit).Append(low);
                        return;
                    }

                    throw Error("a high surrogate escape must be followed by a low surrogate escape", escapeStart, 6);
                }

                if (char.IsLowSurrogate(unit))
                {
                    throw Error("a low surrogate escape without a high surrogate before it", escapeStart, 6);
                }

                builder?.Append(unit);
                return;
            default:
                throw Error($"invalid escape sequence '\\{Printable(c)}'", escapeStart, 2);
        }
    }

    private char ReadHex4(int escapeStart)
    {
        var value = 0;
        for (var i = 0; i < 4; i++)
        {
            if (_pos >= _text.Length)
            {
                throw Error("unterminated \\u escape: four hexadecimal digits were expected", escapeStart, _text.Length - escapeStart);
            }

            var c = _text[_pos];
            int digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => -1,
            };
            if (digit < 0)
            {
                throw Error("invalid \\u escape: four hexadecimal digits were expected", escapeStart, _pos - escapeStart + 1);
            }

            value = (value << 4) | digit;
            _pos++;
        }

        return (char)value;
    }

    private void SkipTrivia()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            {
                _pos++;
                continue;
            }

            if (c == '/' && _pos + 1 < _text.Length)
            {
                var next = _text[_pos + 1];
                if (next == '/')
                {
                    _pos += 2;
                    while (_pos < _text.Length && _text[_pos] != '\n' && _text[_pos] != '\r')
                    {
                        _pos++;
                    }

                    continue;
                }

                if (next == '*')
                {
                    var start = _pos;
                    var end = _text.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
                    if (end < 0)
                    {
                        throw Error("unterminated comment: '*/' was expected", start, 2);
                    }

                    _pos = end + 2;
                    continue;
                }
            }

            if (c == '\uFEFF' && _pos == 0)
            {
                _pos++;
                continue;
            }

            return;
        }
    }
}
