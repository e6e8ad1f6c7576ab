namespace ConnectorGen.Emit;

/// <summary>
/// The attributes that mark generated credentials, written once per compilation as internal types, so that user code
/// and the secret analyzers can see which members are Open Connectors parameters and which are secret.
/// </summary>
internal static class AttributesEmitter
{
    public const string HintName = "ConnectorGen.Attributes.g.cs";

    public static string Source { get; } = Build();

    private static string Build()
    {
        var w = new SourceWriter();
        CredentialsEmitter.WriteHeader(w);
        using (w.Block("namespace ConnectorGen"))
        {
            w.Doc("summary", "Names the Open Connectors configuration parameter that a credential maps to.");
            w.Line(CredentialsEmitter.GeneratedCodeAttribute);
            w.Line("[global::System.AttributeUsage(global::System.AttributeTargets.Property | global::System.AttributeTargets.Parameter | global::System.AttributeTargets.Field, AllowMultiple = false, Inherited = false)]");
            using (w.Block("internal sealed class ConnectorParameterAttribute : global::System.Attribute"))
            {
                w.Doc("summary", "Creates the attribute.");
                w.Doc("param", "The Open Connectors parameter key, e.g. oauth.api.secret.", "name=\"key\"");
                w.Line("public ConnectorParameterAttribute(string key) => Key = key;");
                w.Line();
                w.Doc("summary", "The Open Connectors parameter key.");
                w.Line("public string Key { get; }");
            }

            w.Line();
            w.Doc("summary", "Marks a credential as secret: it must not be hard-coded, logged or shown (the ConnectorGen analyzers enforce it).");
            w.Line(CredentialsEmitter.GeneratedCodeAttribute);
            w.Line("[global::System.AttributeUsage(global::System.AttributeTargets.Property | global::System.AttributeTargets.Parameter | global::System.AttributeTargets.Field, AllowMultiple = false, Inherited = false)]");
            using (w.Block("internal sealed class ConnectorSecretAttribute : global::System.Attribute"))
            {
            }

            w.Line();
            w.Doc("summary", "Marks a type generated from a connector mapping file.");
            w.Line(CredentialsEmitter.GeneratedCodeAttribute);
            w.Line("[global::System.AttributeUsage(global::System.AttributeTargets.Class, AllowMultiple = false, Inherited = false)]");
            using (w.Block("internal sealed class ConnectorCredentialsAttribute : global::System.Attribute"))
            {
                w.Doc("summary", "Creates the attribute.");
                w.Doc("param", "The Open Connectors element key.", "name=\"elementKey\"");
                w.Line("public ConnectorCredentialsAttribute(string elementKey) => ElementKey = elementKey;");
                w.Line();
                w.Doc("summary", "The Open Connectors element key.");
                w.Line("public string ElementKey { get; }");
                w.Line();
                w.Doc("summary", "The connector name from the mapping file.");
                w.Line("public string? Connector { get; set; }");
                w.Line();
                w.Doc("summary", "The configuration section the credentials bind from.");
                w.Line("public string? ConfigurationSection { get; set; }");
            }
        }

        return w.ToString();
    }
}
