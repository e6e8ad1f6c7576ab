using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace ConnectorGen.Emit;

/// <summary>
/// The templates of src/ConnectorGen.Templates, embedded in this assembly (see ConnectorGen.csproj) and read once.
/// <see cref="Credentials"/>, <see cref="Core"/> and <see cref="Registration"/> are code every connector shares, emitted once per compilation as they
/// are; <see cref="Connector"/> is the per-connector facade, where <see cref="ConnectorToken"/> and
/// <see cref="TemplateNamespace"/> are replaced per mapping.
/// </summary>
internal static class TemplateResolver
{
    public const string ConnectorToken = "__Connector__";
    public const string TemplateNamespace = "namespace ConnectorGen.Templates";

    /// <summary>How a per-connector template names a type of the connector's namespace from another namespace.</summary>
    public const string QualifiedTemplateNamespace = "global::ConnectorGen.Templates.";

    private const string CorePrefix = "ConnectorGen.Templates.Core.";
    private const string ConnectorPrefix = "ConnectorGen.Templates.Connector.";
    private const string CredentialsPrefix = "ConnectorGen.Templates.Credentials.";
    private const string RegistrationPrefix = "ConnectorGen.Templates.Registration.";
    private const string TemplateVersion = "\"ConnectorGen\", \"0.1.0\"";

    private static readonly Lazy<IReadOnlyList<Template>> s_core = new(() => Read(CorePrefix));
    private static readonly Lazy<IReadOnlyList<Template>> s_connector = new(() => Read(ConnectorPrefix));
    private static readonly Lazy<IReadOnlyList<Template>> s_credentials = new(() => Read(CredentialsPrefix));
    private static readonly Lazy<IReadOnlyList<Template>> s_registration = new(() => Read(RegistrationPrefix));

    /// <summary>What every credentials class and validator calls (reading, configuration, ToString, checks), file by file.</summary>
    public static IReadOnlyList<Template> Credentials => s_credentials.Value;

    /// <summary>The DI helpers every <c>Add&lt;Connector&gt;Connector</c> and <c>Add&lt;Connector&gt;AccessToken</c> call, file by file (optional parts by sub-folder).</summary>
    public static IReadOnlyList<Template> Registration => s_registration.Value;

    /// <summary>The shared core, file by file (ordinal order of the file names).</summary>
    public static IReadOnlyList<Template> Core => s_core.Value;

    /// <summary>The per-connector facade templates, file by file.</summary>
    public static IReadOnlyList<Template> Connector => s_connector.Value;

    private static IReadOnlyList<Template> Read(string prefix)
    {
        var assembly = typeof(TemplateResolver).Assembly;
        var names = assembly.GetManifestResourceNames();
        Array.Sort(names, StringComparer.Ordinal);
        var list = new List<Template>();
        foreach (var name in names)
        {
            if (!name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(".cs", StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            // The version in [GeneratedCode] is the package's, set here once rather than per emitted copy.
            var text = reader.ReadToEnd().Replace("\r\n", "\n").Replace(TemplateVersion, "\"ConnectorGen\", \"" + ThisAssembly.Version + "\"");
            list.Add(new Template(name.Substring(prefix.Length, name.Length - prefix.Length - 3), text));
        }

        return list;
    }

    /// <summary>A template: its file name without extension (the hint name's part) and its text.</summary>
    internal sealed class Template
    {
        public Template(string name, string text)
        {
            Name = name;
            Text = text;
        }

        public string Name { get; }

        public string Text { get; }

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
