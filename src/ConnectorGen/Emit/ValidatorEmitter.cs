using System.Globalization;
using ConnectorGen.Model;

namespace ConnectorGen.Emit;

/// <summary>
/// Emits <c>&lt;Connector&gt;CredentialsValidator</c>: one call of the shared checks per credential, no reflection, no
/// attributes read at run time (trim and AOT safe), after dotnet/runtime's options validation generator.
/// </summary>
internal static class ValidatorEmitter
{
    private const string Checks = "global::" + TemplateReader.CredentialsNamespace + ".CredentialChecks";
    private const string CredentialFormat = "global::" + TemplateReader.CredentialsNamespace + ".CredentialFormat";

    public static string Emit(MappingModel model, EmitPlan plan)
    {
        var w = new SourceWriter();
        GeneratedFile.WriteHeader(w, model.FilePath);
        using (w.Block("namespace " + model.EffectiveNamespace))
        {
            var type = model.CredentialsTypeName;
            w.Doc("summary", "Validates " + type + " without reflection: required values, formats and lengths from " + GeneratedFile.FileName(model.FilePath) + ". Messages never contain values.");
            w.Line(GeneratedFile.GeneratedCodeAttribute);
            var header = "public sealed partial class " + model.ValidatorTypeName;
            if (plan.OptionsValidator)
            {
                header += " : global::Microsoft.Extensions.Options.IValidateOptions<" + type + ">";
            }

            using (w.Block(header))
            {
                foreach (var c in model.Credentials)
                {
                    if (c.Format == FormatKind.Pattern)
                    {
                        w.Line("private static readonly global::System.Text.RegularExpressions.Regex __" + c.Name + "Pattern = new global::System.Text.RegularExpressions.Regex(" + SourceWriter.Literal(@"\A(?:" + c.Pattern + @")\z") + ", global::System.Text.RegularExpressions.RegexOptions.CultureInvariant, global::System.TimeSpan.FromSeconds(1));");
                        w.Line();
                    }
                }

                w.Doc("summary", "Checks the credentials.");
                w.Doc("param", "The credentials to check.", "name=\"credentials\"");
                w.Doc("returns", "The problems found; empty when the credentials are valid.");
                using (w.Block("public static global::System.Collections.Generic.IReadOnlyList<string> Validate(" + type + " credentials)"))
                {
                    w.Line("if (credentials == null) throw new global::System.ArgumentNullException(nameof(credentials));");
                    w.Line("var errors = new global::System.Collections.Generic.List<string>();");
                    foreach (var c in model.Credentials)
                    {
                        WriteChecks(w, c);
                    }

                    w.Line("return errors;");
                }

                if (plan.OptionsValidator)
                {
                    w.Line();
                    w.Doc("summary", "Validates options bound from configuration (ValidateOnStart fails start-up with these messages): each names the connector and the configuration key and environment variable it was read from.");
                    using (w.Block("global::Microsoft.Extensions.Options.ValidateOptionsResult global::Microsoft.Extensions.Options.IValidateOptions<" + type + ">.Validate(string? name, " + type + " options)"))
                    {
                        w.Line("var errors = Validate(options);");
                        w.Line("return errors.Count == 0 ? global::Microsoft.Extensions.Options.ValidateOptionsResult.Success : global::Microsoft.Extensions.Options.ValidateOptionsResult.Fail(" + Checks + ".AtStartup(" + type + ".ConnectorName, " + SourceWriter.Literal("Add" + model.Connector + "Connector") + ", " + type + ".ConfigurationSectionName, " + (plan.FromConfiguration ? "options.__boundSection" : "null") + ", errors));");
                    }
                }
            }
        }

        return w.ToString();
    }

    /// <summary>One call of the shared checks (src/ConnectorGen.Templates/Credentials/CredentialChecks.cs) per credential.</summary>
    private static void WriteChecks(SourceWriter w, CredentialModel c)
    {
        var prefix = SourceWriter.Literal(c.Name + ": " + c.Label + " ");
        var required = c.Required ? "required: true" : "required: false";
        var formatMessage = SourceWriter.Literal("must be " + FormatNoun(c) + ".");
        var lengths = (c.MinLength is { } min ? ", minLength: " + min.ToString(CultureInfo.InvariantCulture) : string.Empty)
            + (c.MaxLength is { } max ? ", maxLength: " + max.ToString(CultureInfo.InvariantCulture) : string.Empty);
        switch (c.ValueKind)
        {
            case ValueKind.Uri:
                var httpsOnly = c.Format == FormatKind.HttpsUrl ? "httpsOnly: true" : "httpsOnly: false";
                w.Line(Checks + ".Uri(errors, credentials." + c.Name + ", credentials.HasInvalidInput(" + SourceWriter.Literal(c.Name) + "), " + prefix + ", " + required + ", " + httpsOnly + ", " + formatMessage + lengths + ");");
                return;
            case ValueKind.Int32:
            case ValueKind.Boolean:
                w.Line(Checks + ".Value(errors, credentials." + c.Name + " != null, credentials.HasInvalidInput(" + SourceWriter.Literal(c.Name) + "), " + prefix + ", " + required + ", " + formatMessage + ");");
                return;
        }

        var format = c.Format switch
        {
            FormatKind.HostName => "HostName",
            FormatKind.Hex => "Hex",
            FormatKind.Guid => "Guid",
            FormatKind.Email => "Email",
            FormatKind.Pattern => "Pattern",
            _ => null,
        };
        if (!c.Required && format is null && lengths.Length == 0)
        {
            return; // optional free text: nothing can be wrong with it
        }

        var formatArguments = format is null
            ? string.Empty
            : ", " + CredentialFormat + "." + format + ", " + formatMessage
              + (c.Format == FormatKind.Hex ? ", hexDigits: " + c.HexDigits.ToString(CultureInfo.InvariantCulture) : string.Empty)
              + (c.Format == FormatKind.Pattern ? ", pattern: __" + c.Name + "Pattern" : string.Empty);
        w.Line(Checks + ".Text(errors, credentials." + c.Name + ", " + prefix + ", " + required + formatArguments + lengths + ");");
    }

    internal static string FormatNoun(CredentialModel c) => c.Format switch
    {
        FormatKind.Integer => "a whole number",
        FormatKind.Boolean => "true or false",
        FormatKind.Url => "an absolute http or https URL",
        FormatKind.HttpsUrl => "an absolute HTTPS URL (http only for loopback hosts)",
        FormatKind.HostName => "a host name such as api.example.com",
        FormatKind.Hex => c.HexDigits.ToString(CultureInfo.InvariantCulture) + " hexadecimal digits",
        FormatKind.Guid => "a GUID",
        FormatKind.Email => "an email address",
        FormatKind.Pattern => "text matching the pattern " + c.Pattern,
        _ => "text",
    };
}
