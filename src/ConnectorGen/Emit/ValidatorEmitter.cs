using System.Collections.Generic;
using System.Globalization;
using ConnectorGen.Model;

namespace ConnectorGen.Emit;

/// <summary>
/// Emits <c>&lt;Connector&gt;CredentialsValidator</c>: straight-line checks per credential, no reflection, no
/// attributes read at run time (trim and AOT safe), after dotnet/runtime's options validation generator.
/// </summary>
internal static class ValidatorEmitter
{
    public static string Emit(MappingModel model, EmitPlan plan)
    {
        var w = new SourceWriter();
        GeneratedFile.WriteHeader(w);
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
                var patterns = new List<CredentialModel>();
                foreach (var c in model.Credentials)
                {
                    if (c.Format == FormatKind.Pattern)
                    {
                        patterns.Add(c);
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
                        WriteChecks(w, model, c);
                    }

                    w.Line("return errors;");
                }

                if (plan.OptionsValidator)
                {
                    w.Line();
                    w.Doc("summary", "Validates options bound from configuration (ValidateOnStart fails start-up with these messages).");
                    using (w.Block("global::Microsoft.Extensions.Options.ValidateOptionsResult global::Microsoft.Extensions.Options.IValidateOptions<" + type + ">.Validate(string? name, " + type + " options)"))
                    {
                        w.Line("var errors = Validate(options);");
                        w.Line("return errors.Count == 0 ? global::Microsoft.Extensions.Options.ValidateOptionsResult.Success : global::Microsoft.Extensions.Options.ValidateOptionsResult.Fail(errors);");
                    }
                }

                WriteHelpers(w, model);
            }
        }

        return w.ToString();
    }

    private static void WriteChecks(SourceWriter w, MappingModel model, CredentialModel c)
    {
        var prefix = c.Name + ": " + c.Label + " ";
        var checks = FormatChecks(c);
        var typed = c.ValueKind != ValueKind.String;
        if (!c.Required && checks.Count == 0 && !typed)
        {
            return; // optional free text: nothing can be wrong with it
        }

        using (w.Block(string.Empty))
        {
            if (c.Required || checks.Count != 0)
            {
                w.Line("var value = credentials." + c.Name + ";");
            }

            var missing = typed ? "value == null" : "value == null || " + model.CredentialsTypeName + ".IsBlank(value)";
            var keyword = "if";
            if (typed)
            {
                // Text that could not be read as the property's type: report the format, not "required".
                using (w.Block("if (credentials.HasInvalidInput(" + SourceWriter.Literal(c.Name) + "))"))
                {
                    w.Line("errors.Add(" + SourceWriter.Literal(prefix + "must be " + FormatNoun(c) + ".") + ");");
                }

                keyword = "else if";
            }

            if (c.Required)
            {
                using (w.Block(keyword + " (" + missing + ")"))
                {
                    w.Line("errors.Add(" + SourceWriter.Literal(prefix + "is required.") + ");");
                }

                keyword = "else";
            }
            else if (checks.Count != 0)
            {
                keyword += " (!(" + missing + "))";
            }

            if (checks.Count == 0)
            {
                return;
            }

            using (w.Block(keyword))
            {
                foreach (var (condition, message) in checks)
                {
                    using (w.Block("if (" + condition + ")"))
                    {
                        w.Line("errors.Add(" + SourceWriter.Literal(prefix + message) + ");");
                    }
                }
            }
        }
    }

    /// <summary>The failing conditions for a present value, with the message each gives.</summary>
    private static List<(string Condition, string Message)> FormatChecks(CredentialModel c)
    {
        var checks = new List<(string, string)>();
        var noun = "must be " + FormatNoun(c) + ".";
        switch (c.Format)
        {
            case FormatKind.Url:
                checks.Add(("!IsHttpUrl(value, false)", noun));
                break;
            case FormatKind.HttpsUrl:
                checks.Add(("!IsHttpUrl(value, true)", noun));
                break;
            case FormatKind.HostName:
                checks.Add(("!IsHostName(value)", noun));
                break;
            case FormatKind.Hex:
                checks.Add(("!IsHex(value, " + c.HexDigits.ToString(CultureInfo.InvariantCulture) + ")", noun));
                break;
            case FormatKind.Guid:
                checks.Add(("!global::System.Guid.TryParse(value, out _)", noun));
                break;
            case FormatKind.Email:
                checks.Add(("!IsEmail(value)", noun));
                break;
            case FormatKind.Pattern:
                checks.Add(("!__" + c.Name + "Pattern.IsMatch(value)", noun));
                break;
        }

        var length = c.ValueKind == ValueKind.Uri ? "value.OriginalString.Length" : "value.Length";
        if (c.MinLength is { } min)
        {
            checks.Add((length + " < " + min.ToString(CultureInfo.InvariantCulture), "must be at least " + min.ToString(CultureInfo.InvariantCulture) + " characters long."));
        }

        if (c.MaxLength is { } max)
        {
            checks.Add((length + " > " + max.ToString(CultureInfo.InvariantCulture), "must be at most " + max.ToString(CultureInfo.InvariantCulture) + " characters long."));
        }

        return checks;
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

    private static void WriteHelpers(SourceWriter w, MappingModel model)
    {
        var used = new HashSet<FormatKind>();
        foreach (var c in model.Credentials)
        {
            used.Add(c.Format);
        }

        if (used.Contains(FormatKind.Url) || used.Contains(FormatKind.HttpsUrl))
        {
            w.Line();
            using (w.Block("private static bool IsHttpUrl(global::System.Uri value, bool httpsOnly)"))
            {
                w.Line("if (!value.IsAbsoluteUri || value.Host.Length == 0) return false;");
                w.Line("if (value.Scheme == global::System.Uri.UriSchemeHttps) return true;");
                w.Line("return value.Scheme == global::System.Uri.UriSchemeHttp && (!httpsOnly || value.IsLoopback);");
            }
        }

        if (used.Contains(FormatKind.HostName))
        {
            w.Line();
            using (w.Block("private static bool IsHostName(string value)"))
            {
                w.Line("return value.Length <= 253 && global::System.Uri.CheckHostName(value) == global::System.UriHostNameType.Dns;");
            }
        }

        if (used.Contains(FormatKind.Hex))
        {
            w.Line();
            using (w.Block("private static bool IsHex(string value, int digits)"))
            {
                w.Line("if (value.Length != digits) return false;");
                using (w.Block("foreach (var c in value)"))
                {
                    w.Line("if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;");
                }

                w.Line("return true;");
            }
        }

        if (used.Contains(FormatKind.Email))
        {
            w.Line();
            using (w.Block("private static bool IsEmail(string value)"))
            {
                w.Line("var at = value.IndexOf('@');");
                w.Line("if (at <= 0 || at != value.LastIndexOf('@') || at == value.Length - 1 || value.Length > 254) return false;");
                using (w.Block("foreach (var c in value)"))
                {
                    w.Line("if (char.IsWhiteSpace(c) || char.IsControl(c)) return false;");
                }

                w.Line("var domain = value.Substring(at + 1);");
                w.Line("return domain.IndexOf('.') > 0 && !domain.EndsWith(\".\", global::System.StringComparison.Ordinal) && global::System.Uri.CheckHostName(domain) == global::System.UriHostNameType.Dns;");
            }
        }
    }
}
