using System.Collections.Generic;
using System.Text;
using ConnectorGen.Model;

namespace ConnectorGen.Emit;

/// <summary>
/// Emits the per-connector part of the OAuth handshake clients of an oauth2 mapping: the connector's facts
/// (<c>&lt;Connector&gt;OAuthMetadata</c>) and the facade templates (the <see cref="TemplateFolders.Connector"/> folders the plan asks for) over the
/// shared core that <see cref="SharedEmitter"/> emits once per compilation.
/// </summary>
internal static class OAuthEmitter
{
    /// <summary>(hint name, source) for every file of the clients the plan allows.</summary>
    public static IEnumerable<(string HintName, string Source)> Emit(MappingModel model, EmitPlan plan)
    {
        yield return (GeneratedFile.HintName(model, "OAuthMetadata"), EmitMetadata(model));
        foreach (var folder in TemplateFolders.Connector)
        {
            if ((plan.Connector & folder.Part) != folder.Part)
            {
                continue;
            }

            // DI extensions go where DI extensions conventionally live (the plan's DI namespace); they name the connector's types in full.
            var declaring = folder.DependencyInjection ? plan.DependencyInjectionNamespace : model.EffectiveNamespace;
            foreach (var template in TemplateReader.In(folder.Path))
            {
                yield return (GeneratedFile.HintName(model, template.HintStem), template.For(model.Connector, model.EffectiveNamespace, declaring));
            }
        }
    }

    private static string EmitMetadata(MappingModel model)
    {
        var w = new SourceWriter();
        GeneratedFile.WriteHeader(w, model.FilePath);
        var type = model.CredentialsTypeName;
        using (w.Block("namespace " + model.EffectiveNamespace))
        {
            w.Doc("summary", "What the " + model.Connector + " OAuth clients need to know, from " + GeneratedFile.FileName(model.FilePath) + ".");
            w.Line(GeneratedFile.GeneratedCodeAttribute);
            using (w.Block("internal static class " + model.Connector + "OAuthMetadata"))
            {
                w.Line("public const string ConnectorName = " + SourceWriter.Literal(model.Connector) + ";");
                w.Line("public const string ElementKey = " + SourceWriter.Literal(model.ElementKey) + ";");
                w.Line("public const string AuthorizationEndpoint = " + SourceWriter.Literal(model.Auth.AuthorizationEndpoint ?? string.Empty) + ";");
                // Read-only: a writable static array would let one assignment change what every later client accepts or requests.
                w.Line("public static readonly global::System.Collections.Generic.IReadOnlyList<string> AuthorizationHosts = " + ReadOnlyList(model.Auth.AuthorizationHosts) + ";");
                w.Line("public const string TokenEndpoint = " + SourceWriter.Literal(model.Auth.TokenEndpoint ?? string.Empty) + ";");
                w.Line("public static readonly global::System.Collections.Generic.IReadOnlyList<string> Scopes = " + ReadOnlyList(model.Auth.Scopes) + ";");
                w.Line("public const bool UsePkce = " + Bool(model.Auth.UsePkce) + ";");
                w.Line("public const bool CodeExchangeUsesBasicAuthentication = " + Bool(model.Auth.CodeExchangeAuthentication == ClientAuthentication.Basic) + ";");
                w.Line("public const bool RefreshUsesBasicAuthentication = " + Bool(model.Auth.RefreshAuthentication == ClientAuthentication.Basic) + ";");
                // The refresh errors that mean "grant dead" for this provider (mapping auth.deadGrantErrors).
                w.Line("public static readonly global::System.Collections.Generic.IReadOnlyList<string> DeadGrantErrors = " + ReadOnlyList(model.Auth.DeadGrantErrors) + ";");
                // The provider's REST base URL (mapping apiBaseUrl): the origin the Bearer handler sends tokens to by default.
                w.Line("public const string? ApiBaseUrl = " + (model.ApiBaseUrl is null ? "null" : SourceWriter.Literal(model.ApiBaseUrl)) + ";");
                w.Line("public static readonly global::System.Collections.Generic.IReadOnlyList<global::System.Uri>? ApiOrigins = " + (model.ApiBaseUrl is null ? "null" : "global::System.Array.AsReadOnly(new global::System.Uri[] { new global::System.Uri(" + SourceWriter.Literal(model.ApiBaseUrl) + ") })") + ";");
                w.Line();
                w.Line("public static string? GetClientId(" + type + " credentials) => " + Read(model.FindRole(CredentialRole.ClientId)) + ";");
                w.Line("public static string? GetClientSecret(" + type + " credentials) => " + Read(model.FindRole(CredentialRole.ClientSecret)) + ";");
                w.Line("public static string? GetRedirectUri(" + type + " credentials) => " + Read(model.FindRole(CredentialRole.RedirectUri)) + ";");
                w.Line();
                var secrets = new StringBuilder();
                foreach (var c in model.Credentials)
                {
                    if (c.Secret)
                    {
                        secrets.Append(secrets.Length == 0 ? string.Empty : " || ").Append("parameterKey == " + SourceWriter.Literal(c.Parameter));
                    }
                }

                w.Line("public static bool IsSecretParameter(string parameterKey) => " + (secrets.Length == 0 ? "false" : secrets.ToString()) + ";");
                w.Line();
                // One object the shared core clients read the connector through, so that the facades only forward.
                var access = "global::" + GeneratedContract.CoreNamespace + ".ConnectorAccess<" + type + ">";
                w.Line("public static readonly " + access + " Access = new " + access
                    + "(ConnectorName, GetClientId, GetClientSecret, GetRedirectUri, credentials => credentials.ToOpenConnectorsConfiguration(), IsSecretParameter);");
            }
        }

        return w.ToString();
    }

    /// <summary>The C# expression that reads a credential as a string (null when the mapping has no such credential).</summary>
    internal static string Read(CredentialModel? credential) => credential is null
        ? "null"
        : credential.ValueKind switch
        {
            ValueKind.Uri => "credentials." + credential.Name + "?.OriginalString",
            ValueKind.Int32 => "credentials." + credential.Name + "?.ToString(global::System.Globalization.CultureInfo.InvariantCulture)",
            ValueKind.Boolean => "credentials." + credential.Name + " == null ? null : credentials." + credential.Name + ".Value ? \"true\" : \"false\"",
            _ => "credentials." + credential.Name,
        };

    private static string ReadOnlyList(IEnumerable<string> values)
    {
        var items = new StringBuilder();
        foreach (var value in values)
        {
            items.Append(items.Length == 0 ? " " : ", ").Append(SourceWriter.Literal(value));
        }

        return "global::System.Array.AsReadOnly(new string[] {" + items + (items.Length == 0 ? "})" : " })");
    }

    private static string Bool(bool value) => value ? "true" : "false";
}
