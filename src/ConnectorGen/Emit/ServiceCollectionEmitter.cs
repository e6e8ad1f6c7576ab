using ConnectorGen.Model;

namespace ConnectorGen.Emit;

/// <summary>
/// Emits <c>services.Add&lt;Connector&gt;Connector(section)</c> when the project references Microsoft.Extensions
/// DependencyInjection, Options and Configuration: credentials bound as options without reflection, the generated
/// validator with ValidateOnStart, and (for oauth2 mappings with IHttpClientFactory) both handshake clients as typed
/// HttpClients through the shared <c>HandshakeClientRegistration</c> (no redirects followed, ILogger lines without query
/// strings, headers or bodies).
/// </summary>
internal static class ServiceCollectionEmitter
{
    public static string Emit(MappingModel model, EmitPlan plan)
    {
        var w = new SourceWriter();
        GeneratedFile.WriteHeader(w, model.FilePath);
        var type = model.CredentialsTypeName;
        var clients = plan.TypedHttpClients;
        using (w.Block("namespace " + model.EffectiveNamespace))
        {
            w.Doc("summary", "Registers the " + model.Connector + " connector with dependency injection.");
            w.Line(GeneratedFile.GeneratedCodeAttribute);
            using (w.Block("public static class " + model.Connector + "ServiceCollectionExtensions"))
            {
                w.Doc("summary", "Binds " + type + " from the section (keys are the property names), validates them at start-up with " + model.ValidatorTypeName
                    + (clients ? ", and registers " + model.Connector + "OAuthClient and " + model.Connector + "OpenConnectorsClient as typed HttpClients." : "."));
                w.Doc(
                    "remarks",
                    "A missing or malformed credential fails start-up with the validator's message, which never contains a value."
                    + (clients
                        ? "\nOptional keys under the section: OAuth:AuthorizationEndpoint and OAuth:TokenEndpoint (override the provider endpoints, e.g. for a loopback stand-in); "
                          + "OpenConnectors:BaseUrl (ends in /elements/api-v2), OpenConnectors:UserSecret and OpenConnectors:OrganizationSecret (needed only when the managed client is resolved)."
                        : string.Empty));
                w.Doc("param", "The service collection.", "name=\"services\"");
                w.Doc("param", "The configuration section of the connector, e.g. configuration.GetSection(\"" + model.ConfigurationSection + "\").", "name=\"section\"");
                w.Doc("returns", "The service collection.");
                using (w.Block("public static global::Microsoft.Extensions.DependencyInjection.IServiceCollection Add" + model.Connector + "Connector(this global::Microsoft.Extensions.DependencyInjection.IServiceCollection services, global::Microsoft.Extensions.Configuration.IConfiguration section)"))
                {
                    w.Line("if (services == null) throw new global::System.ArgumentNullException(nameof(services));");
                    w.Line("if (section == null) throw new global::System.ArgumentNullException(nameof(section));");
                    w.Line("var options = global::Microsoft.Extensions.DependencyInjection.OptionsServiceCollectionExtensions.AddOptions<" + type + ">(services)");
                    w.Line("    .Configure(credentials => credentials.BindConfiguration(section));");
                    if (plan.ValidateOnStart)
                    {
                        w.Line("global::Microsoft.Extensions.DependencyInjection.OptionsBuilderExtensions.ValidateOnStart(options);");
                    }

                    w.Line("global::Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddEnumerable(services, global::Microsoft.Extensions.DependencyInjection.ServiceDescriptor.Singleton<global::Microsoft.Extensions.Options.IValidateOptions<" + type + ">, " + model.ValidatorTypeName + ">());");
                    if (clients)
                    {
                        WriteClients(w, model);
                    }

                    w.Line("return services;");
                }
            }
        }

        return w.ToString();
    }

    /// <summary>
    /// Both handshake clients through the shared registration (src/ConnectorGen.Templates/Registration): only the type
    /// names, the connector's names and how to construct its clients are the connector's own.
    /// </summary>
    private static void WriteClients(SourceWriter w, MappingModel model)
    {
        var c = model.Connector;
        w.Line("global::" + TemplateReader.CoreNamespace + ".HandshakeClientRegistration.AddClients<" + model.CredentialsTypeName + ", " + c + "OAuthClient, " + c + "OAuthClientOptions, " + c + "OpenConnectorsClient, " + c + "OpenConnectorsClientOptions>(");
        w.Line("    services, section, " + c + "OAuthMetadata.ConnectorName, " + SourceWriter.Literal(model.EffectiveNamespace + "." + c) + ",");
        w.Line("    static (httpClient, credentials, options) => new " + c + "OAuthClient(httpClient, credentials, options),");
        w.Line("    static (httpClient, baseUrl, userSecret, organizationSecret, credentials, options) => new " + c + "OpenConnectorsClient(httpClient, baseUrl, userSecret, organizationSecret, credentials, options));");
    }
}
