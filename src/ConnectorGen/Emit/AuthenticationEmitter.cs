using ConnectorGen.Model;

namespace ConnectorGen.Emit;

/// <summary>
/// Emits the per-connector part of an apiKey or basic mapping's run-time authentication: <c>&lt;Connector&gt;ApiAuthentication</c>
/// (the mapping's facts and <c>CreateHandler</c>) and, with Microsoft.Extensions.Http, <c>Add&lt;Connector&gt;Authentication()</c>
/// on IHttpClientBuilder. The handlers themselves are the shared core's (src/ConnectorGen.Templates/Core/Authentication).
/// </summary>
internal static class AuthenticationEmitter
{
    private const string Core = "global::" + TemplateReader.CoreNamespace + ".";

    public static string Emit(MappingModel model, EmitPlan plan)
    {
        var w = new SourceWriter();
        GeneratedFile.WriteHeader(w, model.FilePath);
        var c = model.Connector;
        var type = model.CredentialsTypeName;
        var facts = c + "ApiAuthentication";
        var apiKey = model.Auth.Type == AuthType.ApiKey;
        var header = apiKey ? (model.Auth.ApiKeyIn == ApiKeyLocation.Header ? model.Auth.EffectiveApiKeyName : null) : "Authorization";
        using (w.Block("namespace " + model.EffectiveNamespace))
        {
            w.Doc("summary", "How " + c + " requests carry the " + (apiKey ? "API key" : "Basic credentials") + ", from " + GeneratedFile.FileName(model.FilePath) + ".");
            w.Line(GeneratedFile.GeneratedCodeAttribute);
            using (w.Block("internal static class " + facts))
            {
                w.Line("public const string ConnectorName = " + SourceWriter.Literal(c) + ";");
                w.Doc("summary", "The mapping's apiBaseUrl: the only origin the credential goes to unless the options name another; null when the mapping names none.");
                w.Line("public const string? ApiBaseUrl = " + (model.ApiBaseUrl is null ? "null" : SourceWriter.Literal(model.ApiBaseUrl)) + ";");
                if (apiKey)
                {
                    w.Line("public const string ApiKeyName = " + SourceWriter.Literal(model.Auth.EffectiveApiKeyName) + ";");
                    w.Line("public const bool ApiKeyInQuery = " + (model.Auth.ApiKeyIn == ApiKeyLocation.Query ? "true" : "false") + ";");
                }

                w.Line();
                w.Doc("summary", "A handler that attaches the credentials to requests for the provider's API (and to no other origin).");
                w.Doc("param", "The connector's credentials.", "name=\"credentials\"");
                w.Doc("param", "The allowed origin (default: ApiBaseUrl), quota monitor and clock.", "name=\"options\"");
                w.Doc("returns", "The handler; set its InnerHandler, or let the HTTP client factory do it.");
                using (w.Block("public static " + Core + "ProviderCredentialHandler CreateHandler(" + type + " credentials, " + Core + "ProviderCredentialHandlerOptions? options = null)"))
                {
                    w.Line("if (credentials == null) throw new global::System.ArgumentNullException(nameof(credentials));");
                    w.Line(apiKey
                        ? "return new " + Core + "ApiKeyHandler(ConnectorName, ApiKeyName, ApiKeyInQuery, " + OAuthEmitter.Read(model.FindRole(CredentialRole.ApiKey)) + ", ApiBaseUrl, options);"
                        : "return new " + Core + "BasicAuthenticationHandler(ConnectorName, " + OAuthEmitter.Read(model.FindRole(CredentialRole.Username)) + ", " + OAuthEmitter.Read(model.FindRole(CredentialRole.Password)) + ", ApiBaseUrl, options);");
                }
            }

            if (plan.AuthenticationRegistration)
            {
                w.Line();
                w.Doc("summary", "Adds " + c + "'s credential handler to an HttpClient: services.AddHttpClient<MyApi>().Add" + c + "Authentication().");
                w.Line(GeneratedFile.GeneratedCodeAttribute);
                using (w.Block("internal static class " + c + "AuthenticationHttpClientBuilderExtensions"))
                {
                    var registration = Core + "AuthenticationRegistration.AddAuthentication<" + type + ">(builder, " + (header is null ? "null" : SourceWriter.Literal(header)) + ", ";
                    var create = ", apiBaseUrl, static (credentials, options) => " + facts + ".CreateHandler(credentials, options));";
                    w.Doc("summary", "Attaches the credentials bound by Add" + c + "Connector (IOptionsMonitor) to this client's requests for the provider's API.");
                    w.Doc("inheritdoc", string.Empty, "cref=\"" + Core + "AuthenticationRegistration.AddAuthentication{TCredentials}\" path=\"/remarks\"");
                    w.Doc("param", "The HttpClient's builder.", "name=\"builder\"");
                    w.Doc("param", "The allowed origin; null for the mapping's apiBaseUrl.", "name=\"apiBaseUrl\"");
                    w.Doc("returns", "The builder.");
                    w.Line("public static global::Microsoft.Extensions.DependencyInjection.IHttpClientBuilder Add" + c + "Authentication(this global::Microsoft.Extensions.DependencyInjection.IHttpClientBuilder builder, global::System.Uri? apiBaseUrl = null) =>");
                    w.Line("    " + registration + "static provider => global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<global::Microsoft.Extensions.Options.IOptionsMonitor<" + type + ">>(provider).CurrentValue" + create);
                    w.Line();
                    w.Doc("summary", "Attaches the credentials that the given function returns to this client's requests for the provider's API.");
                    w.Doc("param", "The HttpClient's builder.", "name=\"builder\"");
                    w.Doc("param", "Reads the credentials when the factory builds the handler.", "name=\"credentials\"");
                    w.Doc("param", "The allowed origin; null for the mapping's apiBaseUrl.", "name=\"apiBaseUrl\"");
                    w.Doc("returns", "The builder.");
                    w.Line("public static global::Microsoft.Extensions.DependencyInjection.IHttpClientBuilder Add" + c + "Authentication(this global::Microsoft.Extensions.DependencyInjection.IHttpClientBuilder builder, global::System.Func<global::System.IServiceProvider, " + type + "> credentials, global::System.Uri? apiBaseUrl = null) =>");
                    w.Line("    " + registration + "credentials" + create);
                }
            }
        }

        return w.ToString();
    }
}
