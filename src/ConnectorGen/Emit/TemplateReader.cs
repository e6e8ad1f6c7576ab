using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace ConnectorGen.Emit;

/// <summary>
/// Reads the templates of src/ConnectorGen.Templates, embedded in this assembly (ConnectorGen.csproj: one recursive glob
/// per root folder, the resource named <c>ConnectorGen.Templates.&lt;folder in dots&gt;.&lt;File&gt;.cs</c>), once, by
/// folder. What is emitted from which folder is <see cref="TemplateFolders"/>'s table; in per-connector templates
/// <see cref="ConnectorToken"/> and <see cref="TemplateNamespace"/> are replaced per mapping.
/// </summary>
internal static class TemplateReader
{
    public const string ConnectorToken = "__Connector__";
    public const string TemplateNamespace = "namespace ConnectorGen.Templates";

    /// <summary>How a per-connector template names a type of the connector's namespace from another namespace.</summary>
    public const string QualifiedTemplateNamespace = "global::ConnectorGen.Templates.";

    /// <summary>The start of every template's resource name.</summary>
    public const string ResourcePrefix = "ConnectorGen.Templates.";

    private const string TemplateVersion = "\"ConnectorGen\", \"0.1.0\"";

    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyList<Template>>> s_byFolder = new(ReadAll);

    /// <summary>Every embedded folder (paths with '/', as in <see cref="TemplateFolders"/>) with its files in ordinal order.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<Template>> Folders => s_byFolder.Value;

    /// <summary>The templates directly in <paramref name="folder"/> (not its sub-folders), in ordinal order of their names.</summary>
    public static IReadOnlyList<Template> In(string folder) =>
        s_byFolder.Value.TryGetValue(folder, out var templates) ? templates : Array.Empty<Template>();

    /// <summary>
    /// The folder and file of a resource name: template file names have no dot before <c>.cs</c> (a test holds them to
    /// it), so the last segment is the file and the others are folders.
    /// </summary>
    internal static (string Folder, string File)? Split(string resourceName)
    {
        if (!resourceName.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !resourceName.EndsWith(".cs", StringComparison.Ordinal))
        {
            return null;
        }

        var path = resourceName.Substring(ResourcePrefix.Length, resourceName.Length - ResourcePrefix.Length - 3);
        var dot = path.LastIndexOf('.');
        return dot <= 0 ? null : (path.Substring(0, dot).Replace('.', '/'), path.Substring(dot + 1));
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<Template>> ReadAll()
    {
        var assembly = typeof(TemplateReader).Assembly;
        var names = assembly.GetManifestResourceNames();
        Array.Sort(names, StringComparer.Ordinal);
        var byFolder = new Dictionary<string, List<Template>>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (Split(name) is not { } split)
            {
                continue;
            }

            var (folder, file) = split;

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            // The version in [GeneratedCode] is the package's, set here once rather than per emitted copy.
            var text = reader.ReadToEnd().Replace("\r\n", "\n").Replace(TemplateVersion, "\"ConnectorGen\", \"" + ThisAssembly.Version + "\"");
            if (!byFolder.TryGetValue(folder, out var list))
            {
                byFolder.Add(folder, list = new List<Template>());
            }

            list.Add(new Template(folder, file, text));
        }

        var result = new Dictionary<string, IReadOnlyList<Template>>(StringComparer.Ordinal);
        foreach (var pair in byFolder)
        {
            pair.Value.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
            result.Add(pair.Key, pair.Value);
        }

        return result;
    }

    /// <summary>A template: its folder, its file name without extension and its text.</summary>
    internal sealed class Template
    {
        public Template(string folder, string name, string text)
        {
            Folder = folder;
            Name = name;
            Text = text;
        }

        /// <summary>The folder below src/ConnectorGen.Templates, with '/' (e.g. <c>Core/Lifecycle</c>).</summary>
        public string Folder { get; }

        /// <summary>The file name without <c>.cs</c>.</summary>
        public string Name { get; }

        public string Text { get; }

        /// <summary>The hint-name part of this file (<see cref="TemplateFolders.HintStem"/>).</summary>
        public string HintStem => TemplateFolders.HintStem(Folder, Name);

        /// <summary>
        /// The text for one connector: the token becomes its name, the template namespace the mapping's (types named in
        /// full, <c>global::ConnectorGen.Templates.X</c>, included), and the declaration's namespace
        /// <paramref name="declaringNamespace"/> (the mapping's unless given: DI extensions are declared elsewhere).
        /// </summary>
        public string For(string connector, string @namespace, string? declaringNamespace = null) =>
            Text.Replace(TemplateNamespace, "namespace " + (declaringNamespace ?? @namespace))
                .Replace(QualifiedTemplateNamespace, "global::" + @namespace + ".")
                .Replace(ConnectorToken, connector);
    }
}
