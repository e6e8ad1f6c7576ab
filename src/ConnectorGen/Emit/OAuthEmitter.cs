using System.Collections.Generic;
using System.Text;
using ConnectorGen.Model;

namespace ConnectorGen.Emit;

/// <summary>
/// Emits the per-connector part of the OAuth handshake clients of an oauth2 mapping: the connector's facts
/// (<c>&lt;Connector&gt;OAuthMetadata</c>) and the facade templates (<see cref="TemplateResolver.Connector"/>) over the
/// shared core that <see cref="SharedEmitter"/> emits once per compilation.
/// </summary>
internal static class OAuthEmitter
{
    /// <summary>Facade files that need IHttpClientFactory (Microsoft.Extensions.Http): emitted when the plan says so.</summary>
    public const string DependencyInjectionPrefix = "DependencyInjection.";

    /// <summary>(hint name, source) for every file of the clients the plan allows.</summary>
    public static IEnumerable<(string HintName, string Source)> Emit(MappingModel model, EmitPlan plan)
    {
        yield return (GeneratedFile.HintName(model, "OAuthMetadata"), EmitMetadata(model));
        foreach (var template in TemplateResolver.Connector)
        {
            if (!plan.AccessTokenRegistration && template.Name.StartsWith(DependencyInjectionPrefix, System.StringComparison.Ordinal))
            {
                continue;
            }

            yield return (GeneratedFile.HintName(model, template.Name), template.For(model.Connector, model.EffectiveNamespace));
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
                w.Line("public const string TokenEndpoint = " + SourceWriter.Literal(model.Auth.TokenEndpoint ?? string.Empty) + ";");
                var scopes = new StringBuilder();
                foreach (var scope in model.Auth.Scopes)
                {
                    scopes.Append(scopes.Length == 0 ? " " : ", ").Append(SourceWriter.Literal(scope));
                }

                w.Line("public static readonly string[] Scopes = new string[] {" + scopes + (scopes.Length == 0 ? "}" : " }") + ";");
                w.Line("public const bool UsePkce = " + Bool(model.Auth.UsePkce) + ";");
                w.Line("public const bool CodeExchangeUsesBasicAuthentication = " + Bool(model.Auth.CodeExchangeAuthentication == ClientAuthentication.Basic) + ";");
                w.Line("public const bool RefreshUsesBasicAuthentication = " + Bool(model.Auth.RefreshAuthentication == ClientAuthentication.Basic) + ";");
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
                var access = "global::" + TemplateResolver.CoreNamespace + ".ConnectorAccess<" + type + ">";
                w.Line("public static readonly " + access + " Access = new " + access
                    + "(ConnectorName, GetClientId, GetClientSecret, GetRedirectUri, credentials => credentials.ToOpenConnectorsConfiguration(), IsSecretParameter);");
            }
        }

        return w.ToString();
    }

    private static string Read(CredentialModel? credential) => credential is null
        ? "null"
        : credential.ValueKind switch
        {
            ValueKind.Uri => "credentials." + credential.Name + "?.OriginalString",
            ValueKind.Int32 => "credentials." + credential.Name + "?.ToString(global::System.Globalization.CultureInfo.InvariantCulture)",
            ValueKind.Boolean => "credentials." + credential.Name + " == null ? null : credentials." + credential.Name + ".Value ? \"true\" : \"false\"",
            _ => "credentials." + credential.Name,
        };

    private static string Bool(bool value) => value ? "true" : "false";
}
