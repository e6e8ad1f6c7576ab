using System;
using System.Collections.Generic;
using System.IO;
using System.Xml;
using ConnectorGen.Mapping;
using Microsoft.CodeAnalysis.Text;

namespace ConnectorGen.Analyzers;

/// <summary>One value of a configuration file, with the exact span of its text and the sink the classifier judges it by.</summary>
internal readonly struct ConfigurationEntry
{
    public ConfigurationEntry(string value, TextSpan span, Sink sink)
    {
        Value = value;
        Span = span;
        Sink = sink;
    }

    public string Value { get; }

    public TextSpan Span { get; }

    public Sink Sink { get; }
}

/// <summary>The kinds of file CG2004 reads, decided by file name (docs/rules/CG2004.md lists them and their opt-outs).</summary>
internal enum ConfigurationFileKind
{
    None,
    Json,
    XmlConfiguration,
    PublishProfile,
    HttpRequests,
    DotEnv,
    Compose,
}

/// <summary>
/// Reads the values of configuration files that .NET projects commit: JSON (appsettings, launchSettings),
/// app.config/web.config (appSettings, connectionStrings), publish profiles, HTTP request files, .env files and
/// docker-compose environment entries. Pure readers: what a value is, is decided by <see cref="SecretClassifier"/>.
/// Broken files yield what was read before the break and never an error (a parser message could quote a secret).
/// </summary>
internal static class ConfigurationEntries
{
    public static ConfigurationFileKind KindOf(string path)
    {
        var name = Path.GetFileName(path);
        if (name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return ConfigurationFileKind.Json;
        }

        if (name.Equals("app.config", StringComparison.OrdinalIgnoreCase) || name.Equals("web.config", StringComparison.OrdinalIgnoreCase) ||
            ((name.StartsWith("web.", StringComparison.OrdinalIgnoreCase) || name.StartsWith("app.", StringComparison.OrdinalIgnoreCase)) &&
             name.EndsWith(".config", StringComparison.OrdinalIgnoreCase)))
        {
            return ConfigurationFileKind.XmlConfiguration;
        }

        if (name.EndsWith(".pubxml", StringComparison.OrdinalIgnoreCase))
        {
            return ConfigurationFileKind.PublishProfile;
        }

        if (name.EndsWith(".http", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".rest", StringComparison.OrdinalIgnoreCase))
        {
            return ConfigurationFileKind.HttpRequests;
        }

        if (name.Equals(".env", StringComparison.OrdinalIgnoreCase) || name.StartsWith(".env.", StringComparison.OrdinalIgnoreCase) ||
            name.EndsWith(".env", StringComparison.OrdinalIgnoreCase))
        {
            return ConfigurationFileKind.DotEnv;
        }

        if ((name.StartsWith("docker-compose", StringComparison.OrdinalIgnoreCase) || name.StartsWith("compose", StringComparison.OrdinalIgnoreCase)) &&
            (name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)))
        {
            return ConfigurationFileKind.Compose;
        }

        return ConfigurationFileKind.None;
    }

    public static void Read(ConfigurationFileKind kind, string path, SourceText text, List<ConfigurationEntry> entries)
    {
        switch (kind)
        {
            case ConfigurationFileKind.Json:
                if (JsonReader.Read(text).Root is JsonObject root)
                {
                    var environment = path.EndsWith("launchSettings.json", StringComparison.OrdinalIgnoreCase);
                    Walk(root, string.Empty, environment, entries);
                }

                break;
            case ConfigurationFileKind.XmlConfiguration:
            case ConfigurationFileKind.PublishProfile:
                ReadXml(kind, text, entries);
                break;
            case ConfigurationFileKind.HttpRequests:
                ReadHttp(text, entries);
                break;
            case ConfigurationFileKind.DotEnv:
                ReadDotEnv(text, entries);
                break;
            case ConfigurationFileKind.Compose:
                ReadCompose(text, entries);
                break;
        }
    }

    private static void Walk(JsonNode node, string prefix, bool launchSettings, List<ConfigurationEntry> entries)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var property in obj.Properties)
                {
                    var childPath = prefix.Length == 0 ? property.Name : prefix + ":" + property.Name;
                    if (property.Value is JsonString value)
                    {
                        entries.Add(new ConfigurationEntry(value.Value, value.Span, Sink.ForConfigurationEntry(property.Name, childPath, launchSettings && IsLaunchSettingsVariable(childPath))));
                    }
                    else
                    {
                        Walk(property.Value, childPath, launchSettings, entries);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Items.Count; i++)
                {
                    var childPath = prefix + ":" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    if (array.Items[i] is JsonString value)
                    {
                        var name = prefix.Substring(prefix.LastIndexOf(':') + 1);
                        entries.Add(new ConfigurationEntry(value.Value, value.Span, Sink.ForConfigurationEntry(name, childPath, false)));
                    }
                    else
                    {
                        Walk(array.Items[i], childPath, launchSettings, entries);
                    }
                }

                break;
        }
    }

    /// <summary>profiles:NAME:environmentVariables:VARIABLE in a launchSettings.json.</summary>
    private static bool IsLaunchSettingsVariable(string configPath) =>
        configPath.StartsWith("profiles:", StringComparison.OrdinalIgnoreCase) &&
        configPath.IndexOf(":environmentVariables:", StringComparison.OrdinalIgnoreCase) > 0;

    /// <summary>
    /// app.config/web.config: appSettings <c>add key= value=</c> (the key is the path, as ConfigurationManager reads it)
    /// and connectionStrings <c>add name= connectionString=</c>. Publish profiles: the text of every property element
    /// (<c>&lt;Password&gt;</c>, <c>&lt;MSDeployPassword&gt;</c>...), judged by its name. DTDs are never processed.
    /// </summary>
    private static void ReadXml(ConfigurationFileKind kind, SourceText text, List<ConfigurationEntry> entries)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreProcessingInstructions = true };
        var source = text.ToString();
        try
        {
            using var reader = XmlReader.Create(new StringReader(source), settings);
            var info = (IXmlLineInfo)reader;
            var section = new List<string>();
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.EndElement)
                {
                    if (section.Count > 0)
                    {
                        section.RemoveAt(section.Count - 1);
                    }

                    continue;
                }

                if (reader.NodeType == XmlNodeType.Text && kind == ConfigurationFileKind.PublishProfile && section.Count > 0)
                {
                    var offset = Offset(text, info.LineNumber, info.LinePosition);
                    var end = source.IndexOf('<', offset);
                    if (offset >= 0 && end > offset)
                    {
                        var name = section[section.Count - 1];
                        entries.Add(new ConfigurationEntry(reader.Value, TextSpan.FromBounds(offset, end), Sink.ForConfigurationEntry(name, name, false)));
                    }

                    continue;
                }

                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                var element = reader.LocalName;
                var parent = section.Count > 0 ? section[section.Count - 1] : null;
                if (!reader.IsEmptyElement)
                {
                    section.Add(element);
                }

                if (kind != ConfigurationFileKind.XmlConfiguration || element != "add")
                {
                    continue;
                }

                if (parent == "appSettings" && reader.GetAttribute("key") is { } key)
                {
                    AddAttribute(reader, info, text, source, "value", key, key, entries);
                }
                else if (parent == "connectionStrings" && reader.GetAttribute("name") is { } connection)
                {
                    AddAttribute(reader, info, text, source, "connectionString", "connectionString", "ConnectionStrings:" + connection, entries);
                }
            }
        }
        catch (XmlException)
        {
            // What was read before the break is kept; the error itself may quote the file and is never reported.
        }
    }

    private static void AddAttribute(XmlReader reader, IXmlLineInfo info, SourceText text, string source, string attribute, string name, string path, List<ConfigurationEntry> entries)
    {
        if (!reader.MoveToAttribute(attribute))
        {
            return;
        }

        // The reader gives the position of the attribute's name; its value starts after '=' and the quote.
        var offset = Offset(text, info.LineNumber, info.LinePosition);
        var value = reader.Value;
        reader.MoveToElement();
        if (offset < 0)
        {
            return;
        }

        var eq = source.IndexOf('=', offset);
        var quote = eq < 0 ? -1 : source.IndexOfAny(new[] { '"', '\'' }, eq);
        var close = quote < 0 ? -1 : source.IndexOf(source[quote], quote + 1);
        if (close > quote)
        {
            entries.Add(new ConfigurationEntry(value, TextSpan.FromBounds(quote + 1, close), Sink.ForConfigurationEntry(name, path, false)));
        }
    }

    private static int Offset(SourceText text, int line, int column)
    {
        if (line < 1 || line > text.Lines.Count)
        {
            return -1;
        }

        var start = text.Lines[line - 1].Start + column - 1;
        return start < text.Length ? start : -1;
    }

    /// <summary>
    /// .http/.rest files: <c>@name = value</c> variables (judged by name, and as an Authorization header when a header
    /// uses them), and literal header values (<c>Authorization: Bearer ...</c>, <c>X-Api-Key: ...</c>).
    /// </summary>
    private static void ReadHttp(SourceText text, List<ConfigurationEntry> entries)
    {
        var variables = new Dictionary<string, (string Value, TextSpan Span)>(StringComparer.Ordinal);
        var authorizationUses = new List<string>();
        foreach (var line in text.Lines)
        {
            var s = line.ToString();
            var start = Skip(s, 0);
            if (start >= s.Length || s[start] == '#' || s.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            if (s[start] == '@')
            {
                var eq = s.IndexOf('=', start);
                if (eq > start + 1)
                {
                    var name = s.Substring(start + 1, eq - start - 1).Trim();
                    var (valueStart, valueEnd) = Trimmed(s, eq + 1, s.Length);
                    var value = s.Substring(valueStart, valueEnd - valueStart);
                    variables[name] = (value, new TextSpan(line.Start + valueStart, valueEnd - valueStart));
                }

                continue;
            }

            // A header line: Name: value (a request line has a space before its first colon).
            var colon = s.IndexOf(':', start);
            if (colon <= start || s.IndexOf(' ', start, colon - start) >= 0)
            {
                continue;
            }

            var header = s.Substring(start, colon - start);
            var (headerStart, headerEnd) = Trimmed(s, colon + 1, s.Length);
            var headerValue = s.Substring(headerStart, headerEnd - headerStart);
            if (headerValue.IndexOf("{{", StringComparison.Ordinal) >= 0)
            {
                if (string.Equals(header, "Authorization", StringComparison.OrdinalIgnoreCase))
                {
                    authorizationUses.Add(headerValue);
                }

                continue;
            }

            entries.Add(new ConfigurationEntry(headerValue, new TextSpan(line.Start + headerStart, headerEnd - headerStart), Sink.ForConfigurationEntry(header, header, false)));
        }

        // A variable used in an Authorization header is judged as that header (the header with the variable substituted);
        // any other variable by its name.
        foreach (var pair in variables)
        {
            var reference = "{{" + pair.Key + "}}";
            var header = authorizationUses.Find(use => use.IndexOf(reference, StringComparison.Ordinal) >= 0);
            entries.Add(header is null
                ? new ConfigurationEntry(pair.Value.Value, pair.Value.Span, Sink.ForConfigurationEntry(pair.Key, pair.Key, false))
                : new ConfigurationEntry(header.Replace(reference, pair.Value.Value), pair.Value.Span, Sink.ForConfigurationEntry("Authorization", "Authorization", false)));
        }
    }

    /// <summary>.env files: <c>KEY=value</c> (optionally <c>export KEY=value</c>, quoted values), comments with '#'.</summary>
    private static void ReadDotEnv(SourceText text, List<ConfigurationEntry> entries)
    {
        foreach (var line in text.Lines)
        {
            var s = line.ToString();
            var start = Skip(s, 0);
            if (start >= s.Length || s[start] == '#')
            {
                continue;
            }

            if (string.CompareOrdinal(s, start, "export ", 0, 7) == 0)
            {
                start = Skip(s, start + 7);
            }

            var eq = s.IndexOf('=', start);
            if (eq <= start)
            {
                continue;
            }

            var name = s.Substring(start, eq - start).Trim();
            AddVariable(name, s, eq + 1, s.Length, line.Start, entries);
        }
    }

    /// <summary>
    /// docker-compose files: the entries under each <c>environment:</c> key, as a list (<c>- KEY=value</c>) or a map
    /// (<c>KEY: value</c>). Only that part of YAML is read: indentation ends the block.
    /// </summary>
    private static void ReadCompose(SourceText text, List<ConfigurationEntry> entries)
    {
        var blockIndent = -1;
        foreach (var line in text.Lines)
        {
            var s = line.ToString();
            var indent = Skip(s, 0);
            if (indent >= s.Length || s[indent] == '#')
            {
                continue;
            }

            if (blockIndent >= 0 && indent <= blockIndent)
            {
                blockIndent = -1;
            }

            if (blockIndent < 0)
            {
                if (string.CompareOrdinal(s, indent, "environment:", 0, 12) == 0 && Skip(s, indent + 12) is var rest && (rest >= s.Length || s[rest] == '#'))
                {
                    blockIndent = indent;
                }

                continue;
            }

            if (s[indent] == '-')
            {
                var start = Skip(s, indent + 1);
                var (itemStart, itemEnd) = Trimmed(s, start, s.Length);
                var quoted = itemEnd - itemStart >= 2 && s[itemStart] is '"' or '\'' && s[itemEnd - 1] == s[itemStart];
                if (quoted)
                {
                    itemStart++;
                    itemEnd--;
                }

                var eq = s.IndexOf('=', itemStart, itemEnd - itemStart);
                if (eq > itemStart)
                {
                    AddVariable(s.Substring(itemStart, eq - itemStart).Trim(), s, eq + 1, itemEnd, line.Start, entries);
                }
            }
            else
            {
                var colon = s.IndexOf(':', indent);
                if (colon > indent)
                {
                    AddVariable(s.Substring(indent, colon - indent).Trim().Trim('"', '\''), s, colon + 1, s.Length, line.Start, entries);
                }
            }
        }
    }

    /// <summary>An environment variable's value between start and end of a line: trimmed, unquoted, without a trailing comment.</summary>
    private static void AddVariable(string name, string s, int start, int end, int lineStart, List<ConfigurationEntry> entries)
    {
        var (valueStart, valueEnd) = Trimmed(s, start, end);
        if (valueEnd - valueStart >= 2 && s[valueStart] is '"' or '\'')
        {
            var close = s.IndexOf(s[valueStart], valueStart + 1);
            if (close > valueStart)
            {
                valueStart++;
                valueEnd = close;
            }
        }
        else
        {
            var comment = s.IndexOf(" #", valueStart, valueEnd - valueStart, StringComparison.Ordinal);
            if (comment >= 0)
            {
                (valueStart, valueEnd) = Trimmed(s, valueStart, comment);
            }
        }

        if (name.Length == 0 || valueEnd <= valueStart)
        {
            return;
        }

        entries.Add(new ConfigurationEntry(s.Substring(valueStart, valueEnd - valueStart), new TextSpan(lineStart + valueStart, valueEnd - valueStart), Sink.ForConfigurationEntry(name, name, true)));
    }

    private static int Skip(string s, int i)
    {
        while (i < s.Length && s[i] is ' ' or '\t')
        {
            i++;
        }

        return i;
    }

    private static (int Start, int End) Trimmed(string s, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(s[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(s[end - 1]))
        {
            end--;
        }

        return (start, end);
    }
}
