using System;
using System.Text;

namespace ConnectorGen.Emit;

/// <summary>
/// An indented text writer with block scopes (after dotnet/runtime's SourceWriter): faster and more readable than
/// SyntaxFactory plus NormalizeWhitespace. Always writes '\n' line endings, so output is the same on every OS.
/// </summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new(4096);
    private int _indent;

    public SourceWriter Line(string text = "")
    {
        if (text.Length != 0)
        {
            _builder.Append(' ', _indent * 4);
            _builder.Append(text);
        }

        _builder.Append('\n');
        return this;
    }

    public Scope Block(string header)
    {
        if (header.Length != 0)
        {
            Line(header);
        }

        Line("{");
        _indent++;
        return new Scope(this, "}");
    }

    /// <summary>Writes an XML doc comment, one line per line of text, escaped.</summary>
    public SourceWriter Doc(string tag, string text, string? attributes = null)
    {
        var open = attributes is null ? "<" + tag + ">" : "<" + tag + " " + attributes + ">";
        // Every character C# ends a line at (CR, LF, NEL, LS, PS): one left inside the text would end the comment and
        // the rest of the description would be read as code.
        var lines = Xml(text).Replace("\r\n", "\n").Split(NewLineCharacters);
        if (lines.Length == 1)
        {
            return Line("/// " + open + lines[0] + "</" + tag + ">");
        }

        Line("/// " + open);
        foreach (var line in lines)
        {
            Line("/// " + line);
        }

        return Line("/// </" + tag + ">");
    }

    private static readonly char[] NewLineCharacters = { '\n', '\r', '\u0085', '\u2028', '\u2029' };

    public static string Xml(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>A C# string literal for any text (regular literal, every special character escaped).</summary>
    public static string Literal(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\0': builder.Append("\\0"); break;
                default:
                    if (c < ' ' || c == '\u0085' || c == '\u2028' || c == '\u2029' || char.IsSurrogate(c) || c == '\uFEFF' || c == '\u007F')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
        return builder.ToString();
    }

    public override string ToString() => _builder.ToString();

    internal readonly struct Scope : IDisposable
    {
        private readonly SourceWriter _writer;
        private readonly string _close;

        public Scope(SourceWriter writer, string close)
        {
            _writer = writer;
            _close = close;
        }

        public void Dispose()
        {
            _writer._indent--;
            _writer.Line(_close);
        }
    }
}
