using System.Globalization;
using ConnectorGen.Model;

namespace ConnectorGen.Emit;

/// <summary>Emits <c>&lt;Connector&gt;Credentials</c>: properties, binding, the Open Connectors configuration, ToString.</summary>
internal static class CredentialsEmitter
{
    /// <summary>The shared helpers every credential calls (src/ConnectorGen.Templates/Credentials/CredentialValues.cs).</summary>
    private const string Values = "global::" + TemplateReader.CredentialsNamespace + ".CredentialValues";

    public static string Emit(MappingModel model, EmitPlan plan)
    {
        var w = new SourceWriter();
        GeneratedFile.WriteHeader(w, model.FilePath);
        using (w.Block("namespace " + model.EffectiveNamespace))
        {
            WriteClass(w, model, plan);
        }

        return w.ToString();
    }

    private static void WriteClass(SourceWriter w, MappingModel model, EmitPlan plan)
    {
        var type = model.CredentialsTypeName;
        w.Doc("summary", "The credentials of the " + model.Connector + " connector (Open Connectors element \"" + model.ElementKey + "\"), generated from " + GeneratedFile.FileName(model.FilePath) + ".");
        w.Doc(
            "remarks",
            (model.Description is null ? string.Empty : model.Description + "\n")
            + "Load them with FromEnvironment()" + (plan.FromConfiguration ? " or FromConfiguration(section)" : string.Empty) + ", check them with Validate() or EnsureValid(), and pass "
            + "ToOpenConnectorsConfiguration() to Open Connectors. ToString() never shows secret values.");
        w.Line(GeneratedFile.GeneratedCodeAttribute);
        w.Line("[global::ConnectorGen.ConnectorCredentials(" + SourceWriter.Literal(model.ElementKey) + ", Connector = " + SourceWriter.Literal(model.Connector) + ", ConfigurationSection = " + SourceWriter.Literal(model.ConfigurationSection) + ")]");
        using (w.Block("public sealed partial class " + type))
        {
            w.Doc("summary", "The Open Connectors element key: " + model.ElementKey + ".");
            w.Line("public const string ElementKey = " + SourceWriter.Literal(model.ElementKey) + ";");
            w.Line();
            w.Doc("summary", "The connector name from the mapping file.");
            w.Line("public const string ConnectorName = " + SourceWriter.Literal(model.Connector) + ";");
            w.Line();
            w.Doc("summary", plan.FromConfiguration
                ? "The configuration section that FromConfiguration expects, e.g. configuration.GetSection(ConfigurationSectionName)."
                : "The configuration section name of the connector (the configuration path prefix of its credentials).");
            w.Line("public const string ConfigurationSectionName = " + SourceWriter.Literal(model.ConfigurationSection) + ";");
            w.Line();
            if (HasTypedValues(model))
            {
                w.Line("private global::System.Collections.Generic.HashSet<string>? __invalidInputs;");
            }

            foreach (var credential in model.Credentials)
            {
                if (credential.ValueKind != ValueKind.String)
                {
                    w.Line("private " + TypeName(credential.ValueKind) + "? __" + credential.Name + ";");
                }
            }

            foreach (var credential in model.Credentials)
            {
                w.Line();
                WriteProperty(w, credential);
            }

            w.Line();
            WriteConstants(w, model);
            w.Line();
            WriteBinding(w, model, plan);
            w.Line();
            WriteConfiguration(w, model);
            w.Line();
            WriteValidation(w, model);
            w.Line();
            WriteToString(w, model);
        }
    }

    private static void WriteProperty(SourceWriter w, CredentialModel c)
    {
        w.Doc("summary", c.Source + (c.Description is null ? string.Empty : ": " + c.Description));
        var remarks = "Open Connectors parameter \"" + c.Parameter + "\". "
            + (c.Required ? "Required. " : "Optional. ")
            + "Format: " + DescribeFormat(c) + ". "
            + (c.Secret ? "Secret: ToString() redacts it; keep it out of source code and logs. " : string.Empty)
            + "Environment variable " + c.EnvironmentVariable + "."
            + (c.Deprecated is null ? string.Empty : "\nDeprecated: " + c.Deprecated);
        w.Doc("remarks", remarks);
        w.Line("[global::ConnectorGen.ConnectorParameter(" + SourceWriter.Literal(c.Parameter) + ")]");
        if (c.Secret)
        {
            w.Line("[global::ConnectorGen.ConnectorSecret]");
        }

        var typeName = TypeName(c.ValueKind) + "?";
        if (c.ValueKind == ValueKind.String)
        {
            w.Line("public " + typeName + " " + c.Name + " { get; set; }");
            return;
        }

        // Typed values remember input that could not be parsed, so the validator reports the format, not "required".
        using (w.Block("public " + typeName + " " + c.Name))
        {
            w.Line("get => __" + c.Name + ";");
            w.Line("set { __" + c.Name + " = value; __invalidInputs?.Remove(" + SourceWriter.Literal(c.Name) + "); }");
        }
    }

    private static void WriteConstants(SourceWriter w, MappingModel model)
    {
        w.Doc("summary", "The Open Connectors configuration key of each credential.");
        using (w.Block("public static class Parameters"))
        {
            foreach (var c in model.Credentials)
            {
                w.Doc("summary", "The parameter of " + c.Name + ": " + c.Parameter + ".");
                w.Line("public const string " + c.Name + " = " + SourceWriter.Literal(c.Parameter) + ";");
            }
        }

        w.Line();
        w.Doc("summary", "The environment variable that FromEnvironment() reads for each credential.");
        using (w.Block("public static class EnvironmentVariables"))
        {
            foreach (var c in model.Credentials)
            {
                w.Doc("summary", "The variable for " + c.Name + ": " + c.EnvironmentVariable + ".");
                w.Line("public const string " + c.Name + " = " + SourceWriter.Literal(c.EnvironmentVariable) + ";");
            }
        }
    }

    private static void WriteBinding(SourceWriter w, MappingModel model, EmitPlan plan)
    {
        var type = model.CredentialsTypeName;
        w.Doc("summary", "Reads the credentials from the process environment (" + model.EnvironmentPrefix + "_* variables). Values are not validated here: call Validate() or EnsureValid().");
        w.Line("public static " + type + " FromEnvironment() => FromEnvironment(global::System.Environment.GetEnvironmentVariable);");
        w.Line();
        w.Doc("summary", "Reads the credentials through a variable lookup, e.g. a dictionary in tests.");
        w.Doc("param", "Returns the value of the named variable, or null.", "name=\"getVariable\"");
        using (w.Block("public static " + type + " FromEnvironment(global::System.Func<string, string?> getVariable)"))
        {
            w.Line("if (getVariable == null) throw new global::System.ArgumentNullException(nameof(getVariable));");
            w.Line("return new " + type + "().Assign(" + Arguments(model, c => "getVariable(EnvironmentVariables." + c.Name + ")") + ");");
        }

        if (plan.FromConfiguration)
        {
            w.Line();
            w.Doc("summary", "Reads the credentials from a configuration section whose keys are the property names, e.g. configuration.GetSection(ConfigurationSectionName). Environment variables (" + model.ConfigurationSection + "__ClientSecret) and user-secrets work through the standard providers.");
            w.Doc("param", "The section that holds the credentials.", "name=\"section\"");
            using (w.Block("public static " + type + " FromConfiguration(global::Microsoft.Extensions.Configuration.IConfiguration section)"))
            {
                w.Line("if (section == null) throw new global::System.ArgumentNullException(nameof(section));");
                w.Line("return new " + type + "().Assign(" + Arguments(model, c => "section[" + SourceWriter.Literal(c.Name) + "]") + ");");
            }

            w.Line();
            w.Doc("summary", "Sets every credential from a configuration section (used by the options binding of the DI registration), remembering where they were read from for the start-up validation's messages.");
            using (w.Block("internal void BindConfiguration(global::Microsoft.Extensions.Configuration.IConfiguration section)"))
            {
                w.Line("__boundSection = section is global::Microsoft.Extensions.Configuration.IConfigurationSection bound ? (global::Microsoft.Extensions.Configuration.ConfigurationExtensions.Exists(bound) ? bound.Path : \"?\" + bound.Path) : null;");
                w.Line("Assign(" + Arguments(model, c => "section[" + SourceWriter.Literal(c.Name) + "]") + ");");
            }

            w.Line();
            w.Doc("summary", "The path of the section BindConfiguration read (prefixed with ? when it was missing or empty); null for the configuration root.");
            w.Line("internal string? __boundSection;");
        }

        w.Line();
        var parameters = new System.Text.StringBuilder();
        foreach (var c in model.Credentials)
        {
            if (parameters.Length != 0)
            {
                parameters.Append(", ");
            }

            parameters.Append("string? ").Append(Local(c));
        }

        // Text values: blank is missing. Typed values are set only when their text is readable (missing text leaves the
        // property as it is); unreadable text is remembered for the validator.
        using (w.Block("private " + type + " Assign(" + parameters + ")"))
        {
            if (HasTypedValues(model))
            {
                w.Line("__invalidInputs?.Clear();");
            }

            foreach (var c in model.Credentials)
            {
                var local = Local(c);
                var read = c.ValueKind switch
                {
                    ValueKind.Uri => "TryUri",
                    ValueKind.Int32 => "TryInt32",
                    ValueKind.Boolean => "TryBoolean",
                    _ => null,
                };
                w.Line(read is null
                    ? c.Name + " = " + Values + ".Text(" + local + ");"
                    : "if (" + Values + "." + read + "(" + local + ", " + SourceWriter.Literal(c.Name) + ", ref __invalidInputs, out var " + local + "Value)) " + c.Name + " = " + local + "Value;");
            }

            w.Line("return this;");
        }
    }

    private static void WriteConfiguration(SourceWriter w, MappingModel model)
    {
        w.Doc("summary", "The Open Connectors instance configuration: exactly the mapped parameters, in mapping order; optional credentials without a value are left out.");
        w.Doc("exception", "The credentials are not valid (see Validate()); the message names the credentials, never their values.", "cref=\"global::System.InvalidOperationException\"");
        using (w.Block("public global::System.Collections.Generic.IReadOnlyDictionary<string, string> ToOpenConnectorsConfiguration()"))
        {
            w.Line("EnsureValid();");
            w.Line("var configuration = new global::System.Collections.Generic.Dictionary<string, string>(" + model.Credentials.Count.ToString(CultureInfo.InvariantCulture) + ", global::System.StringComparer.Ordinal);");
            foreach (var c in model.Credentials)
            {
                w.Line(Values + ".Add(configuration, Parameters." + c.Name + ", " + c.Name + ");");
            }

            w.Line("return new global::System.Collections.ObjectModel.ReadOnlyDictionary<string, string>(configuration);");
        }
    }

    private static void WriteValidation(SourceWriter w, MappingModel model)
    {
        w.Doc("summary", "Checks every credential (required, format, length). Each message names the credential, its provider label and its parameter key, never its value.");
        w.Doc("returns", "The problems found; empty when the credentials are valid.");
        w.Line("public global::System.Collections.Generic.IReadOnlyList<string> Validate() => " + model.ValidatorTypeName + ".Validate(this);");
        w.Line();
        w.Doc("summary", "Throws when Validate() finds a problem.");
        w.Doc("exception", "The credentials are not valid; the message lists the problems without any value.", "cref=\"global::System.InvalidOperationException\"");
        w.Line("public void EnsureValid() => global::" + TemplateReader.CredentialsNamespace + ".CredentialChecks.ThrowIfInvalid(ConnectorName, Validate());");

        if (HasTypedValues(model))
        {
            w.Line();
            w.Doc("summary", "True when the named property was given text that could not be read as its type.");
            w.Line("internal bool HasInvalidInput(string propertyName) => __invalidInputs != null && __invalidInputs.Contains(propertyName);");
        }
    }

    private static void WriteToString(SourceWriter w, MappingModel model)
    {
        w.Doc("summary", "Shows which credentials are set; secret values are always redacted.");
        w.Line("public override string ToString() => " + SourceWriter.Literal(model.CredentialsTypeName + " { "));
        var first = true;
        foreach (var c in model.Credentials)
        {
            var label = (first ? string.Empty : ", ") + c.Name + " = ";
            first = false;
            w.Line("    + " + SourceWriter.Literal(label) + " + " + Values + (c.Secret ? ".Redact(" : ".Show(") + c.Name + ")");
        }

        w.Line("    + \" }\";");
    }

    private static bool HasTypedValues(MappingModel model)
    {
        foreach (var c in model.Credentials)
        {
            if (c.ValueKind != ValueKind.String)
            {
                return true;
            }
        }

        return false;
    }

    private static string Arguments(MappingModel model, System.Func<CredentialModel, string> read)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var c in model.Credentials)
        {
            if (builder.Length != 0)
            {
                builder.Append(", ");
            }

            builder.Append(read(c));
        }

        return builder.ToString();
    }

    /// <summary>A local variable name for a credential that cannot clash with keywords or members.</summary>
    internal static string Local(CredentialModel c) => "__" + char.ToLowerInvariant(c.Name[0]) + c.Name.Substring(1);

    internal static string TypeName(ValueKind kind) => kind switch
    {
        ValueKind.Int32 => "int",
        ValueKind.Boolean => "bool",
        ValueKind.Uri => "global::System.Uri",
        _ => "string",
    };

    internal static string DescribeFormat(CredentialModel c)
    {
        // The same words as the validator's messages, so the docs and the errors agree.
        var text = ValidatorEmitter.FormatNoun(c);
        if (c.MinLength is { } min)
        {
            text += ", at least " + min.ToString(CultureInfo.InvariantCulture) + " characters";
        }

        if (c.MaxLength is { } max)
        {
            text += ", at most " + max.ToString(CultureInfo.InvariantCulture) + " characters";
        }

        return text;
    }
}
