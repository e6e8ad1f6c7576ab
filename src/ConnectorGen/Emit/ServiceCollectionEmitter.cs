using ConnectorGen.Model;

namespace ConnectorGen.Emit;

/// <summary>
/// Emits <c>services.Add&lt;Connector&gt;Connector(section)</c> when the project references Microsoft.Extensions
/// DependencyInjection, Options and Configuration: credentials bound as options without reflection, the generated
/// validator with ValidateOnStart, and (for oauth2 mappings with IHttpClientFactory) both handshake clients as typed
/// HttpClients that do not follow redirects and log through ILogger without query strings, headers or bodies.
/// </summary>
internal static class ServiceCollectionEmitter
{
    public static string Emit(MappingModel model, EmitPlan plan)
    {
        var w = new SourceWriter();
        GeneratedFile.WriteHeader(w);
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
                        WriteClients(w, model, plan);
                    }

                    w.Line("return services;");
                }

                if (clients)
                {
                    WriteHelpers(w, model, plan);
                }
            }

            if (plan.ClientLogging)
            {
                w.Line();
                WriteLoggingHandler(w, model);
            }
        }

        return w.ToString();
    }

    private static void WriteClients(SourceWriter w, MappingModel model, EmitPlan plan)
    {
        var type = model.CredentialsTypeName;
        var http = "global::Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions";
        var builder = "global::Microsoft.Extensions.DependencyInjection.HttpClientBuilderExtensions";
        var credentials = "global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<global::Microsoft.Extensions.Options.IOptions<" + type + ">>(provider).Value";
        w.Line("var direct = " + http + ".AddHttpClient(services, " + SourceWriter.Literal(model.EffectiveNamespace + "." + model.Connector + "OAuthClient") + ");");
        w.Line(builder + ".AddTypedClient<" + model.Connector + "OAuthClient>(direct, (global::System.Net.Http.HttpClient httpClient, global::System.IServiceProvider provider) =>");
        w.Line("    new " + model.Connector + "OAuthClient(httpClient, " + credentials + ", DirectOptions(section)));");
        WriteHandshakePipeline(w, "direct", plan);
        if (plan.ClientLogging)
        {
            w.Line(builder + ".AddHttpMessageHandler(direct, new global::System.Func<global::System.IServiceProvider, global::System.Net.Http.DelegatingHandler>(provider => new " + model.Connector + "HandshakeLoggingHandler(Logger(provider))));");
        }

        w.Line("var managed = " + http + ".AddHttpClient(services, " + SourceWriter.Literal(model.EffectiveNamespace + "." + model.Connector + "OpenConnectorsClient") + ");");
        w.Line(builder + ".AddTypedClient<" + model.Connector + "OpenConnectorsClient>(managed, (global::System.Net.Http.HttpClient httpClient, global::System.IServiceProvider provider) =>");
        w.Line("    new " + model.Connector + "OpenConnectorsClient(");
        w.Line("        httpClient,");
        w.Line("        RequiredUri(section, \"OpenConnectors:BaseUrl\"),");
        w.Line("        Required(section, \"OpenConnectors:UserSecret\"),");
        w.Line("        Required(section, \"OpenConnectors:OrganizationSecret\"),");
        w.Line("        " + credentials + ",");
        w.Line("        ManagedOptions(section)));");
        WriteHandshakePipeline(w, "managed", plan);
        if (plan.ClientLogging)
        {
            w.Line(builder + ".AddHttpMessageHandler(managed, new global::System.Func<global::System.IServiceProvider, global::System.Net.Http.DelegatingHandler>(provider => new " + model.Connector + "HandshakeLoggingHandler(Logger(provider))));");
        }
    }

    /// <summary>
    /// The pipeline end every handshake client gets. Innermost, wrapping the primary handler, the send-once guard: a
    /// retry or hedging handler added anywhere further out (<c>ConfigureHttpClientDefaults(b =&gt; b.AddStandardResilienceHandler())</c>
    /// included) cannot replay a code exchange, refresh or instance creation. No redirects. And without the factory's
    /// default logging (Microsoft.Extensions.Http 8+): on 8.x it writes full URLs and, at Trace, header values.
    /// </summary>
    private static void WriteHandshakePipeline(SourceWriter w, string builderVariable, EmitPlan plan)
    {
        var builder = "global::Microsoft.Extensions.DependencyInjection.HttpClientBuilderExtensions";
        w.Line(builder + ".ConfigurePrimaryHttpMessageHandler(" + builderVariable + ", () => new global::ConnectorGen.Generated.SendOnceHandler(new global::System.Net.Http.HttpClientHandler { AllowAutoRedirect = false }));");
        if (plan.RemoveFactoryLogging)
        {
            w.Line("global::Microsoft.Extensions.DependencyInjection.HttpClientBuilderExtensions.RemoveAllLoggers(" + builderVariable + ");");
        }
    }

    private static void WriteHelpers(SourceWriter w, MappingModel model, EmitPlan plan)
    {
        var connector = model.Connector;
        var section = "global::Microsoft.Extensions.Configuration.IConfiguration section";
        w.Line();
        using (w.Block("private static " + connector + "OAuthClientOptions DirectOptions(" + section + ")"))
        {
            w.Line("var options = new " + connector + "OAuthClientOptions();");
            w.Line("var authorization = OptionalUri(section, \"OAuth:AuthorizationEndpoint\");");
            w.Line("if (authorization != null) options.AuthorizationEndpoint = authorization;");
            w.Line("var token = OptionalUri(section, \"OAuth:TokenEndpoint\");");
            w.Line("if (token != null) options.TokenEndpoint = token;");
            w.Line("return options;");
        }

        w.Line();
        using (w.Block("private static " + connector + "OpenConnectorsClientOptions ManagedOptions(" + section + ")"))
        {
            w.Line("var options = new " + connector + "OpenConnectorsClientOptions();");
            w.Line("var authorization = OptionalUri(section, \"OAuth:AuthorizationEndpoint\");");
            w.Line("if (authorization != null) options.AuthorizationEndpoint = authorization;");
            w.Line("return options;");
        }

        w.Line();
        using (w.Block("private static global::System.Uri? OptionalUri(" + section + ", string key)"))
        {
            w.Line("var value = section[key];");
            w.Line("if (value == null || value.Length == 0) return null;");
            w.Line("if (global::System.Uri.TryCreate(value, global::System.UriKind.Absolute, out var uri)) return uri;");
            w.Line("throw new global::System.InvalidOperationException(" + SourceWriter.Literal(connector + ": the configuration value ") + " + key + \" must be an absolute URL.\");");
        }

        w.Line();
        using (w.Block("private static global::System.Uri RequiredUri(" + section + ", string key)"))
        {
            w.Line("return OptionalUri(section, key) ?? throw new global::System.InvalidOperationException(" + SourceWriter.Literal(connector + ": the configuration value ") + " + key + \" is required for the Open Connectors client.\");");
        }

        w.Line();
        using (w.Block("private static string Required(" + section + ", string key)"))
        {
            w.Line("var value = section[key];");
            w.Line("if (value == null || value.Length == 0) throw new global::System.InvalidOperationException(" + SourceWriter.Literal(connector + ": the configuration value ") + " + key + \" is required for the Open Connectors client.\");");
            w.Line("return value;");
        }

        if (plan.ClientLogging)
        {
            w.Line();
            using (w.Block("private static global::Microsoft.Extensions.Logging.ILogger? Logger(global::System.IServiceProvider provider)"))
            {
                w.Line("var factory = (global::Microsoft.Extensions.Logging.ILoggerFactory?)provider.GetService(typeof(global::Microsoft.Extensions.Logging.ILoggerFactory));");
                w.Line("return factory == null ? null : factory.CreateLogger(" + SourceWriter.Literal(model.EffectiveNamespace + "." + connector) + ");");
            }
        }
    }

    private static void WriteLoggingHandler(SourceWriter w, MappingModel model)
    {
        var connector = model.Connector;
        w.Doc("summary", "Logs each handshake request as method, scheme, host and path with status and duration: never the query string (it can carry client secrets, codes and state), headers or bodies.");
        w.Line(GeneratedFile.GeneratedCodeAttribute);
        using (w.Block("internal sealed class " + connector + "HandshakeLoggingHandler : global::System.Net.Http.DelegatingHandler"))
        {
            w.Line("private readonly global::Microsoft.Extensions.Logging.ILogger? _logger;");
            w.Line();
            w.Line("public " + connector + "HandshakeLoggingHandler(global::Microsoft.Extensions.Logging.ILogger? logger) => _logger = logger;");
            w.Line();
            using (w.Block("protected override async global::System.Threading.Tasks.Task<global::System.Net.Http.HttpResponseMessage> SendAsync(global::System.Net.Http.HttpRequestMessage request, global::System.Threading.CancellationToken cancellationToken)"))
            {
                w.Line("var started = global::System.Diagnostics.Stopwatch.GetTimestamp();");
                w.Line("var uri = request.RequestUri;");
                w.Line("var target = uri == null || !uri.IsAbsoluteUri ? \"(relative)\" : uri.Scheme + \"://\" + uri.Authority.Substring(uri.Authority.LastIndexOf('@') + 1) + uri.AbsolutePath;");
                using (w.Block("try"))
                {
                    w.Line("var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);");
                    using (w.Block("if (_logger != null)"))
                    {
                        w.Line("global::Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(_logger, " + SourceWriter.Literal(connector + " handshake: {Method} {Target} answered {Status} in {ElapsedMs} ms") + ", request.Method.Method, target, (int)response.StatusCode, Elapsed(started));");
                    }

                    w.Line("return response;");
                }

                using (w.Block("catch (global::System.Exception e) when (!(e is global::System.OperationCanceledException) || !cancellationToken.IsCancellationRequested)"))
                {
                    using (w.Block("if (_logger != null)"))
                    {
                        w.Line("global::Microsoft.Extensions.Logging.LoggerExtensions.LogWarning(_logger, " + SourceWriter.Literal(connector + " handshake: {Method} {Target} failed after {ElapsedMs} ms ({Error})") + ", request.Method.Method, target, Elapsed(started), e.GetType().Name);");
                    }

                    w.Line("throw;");
                }
            }

            w.Line();
            w.Line("private static long Elapsed(long started) => (global::System.Diagnostics.Stopwatch.GetTimestamp() - started) * 1000 / global::System.Diagnostics.Stopwatch.Frequency;");
        }
    }
}
