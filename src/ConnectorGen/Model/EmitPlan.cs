using ConnectorGen.Helpers;

namespace ConnectorGen.Model;

/// <summary>
/// What to emit for one mapping in this compilation, decided once in the pipeline from the mapping and the
/// <see cref="CompilationFacts"/>: the emitters read it and never re-decide (nor call each other).
/// </summary>
internal sealed record EmitPlan(
    bool FromConfiguration,
    bool OptionsValidator,
    bool ServiceRegistration,
    bool ValidateOnStart,
    bool OAuthClients,
    bool TypedHttpClients,
    bool ClientLogging,
    bool RemoveFactoryLogging = false,
    bool AccessTokenRegistration = false,
    bool CredentialHandlers = false,
    bool AuthenticationRegistration = false,
    bool TokenKeepAlive = false,
    string DependencyInjectionNamespace = GeneratedContract.ConventionalDependencyInjectionNamespace)
{
    /// <summary>What this mapping needs of the code emitted once per compilation (<see cref="SharedEmitPlan"/> joins them).</summary>
    public SharedParts Shared =>
        SharedParts.Credentials
        | (OAuthClients || CredentialHandlers ? SharedParts.HandshakeCore : SharedParts.None)
        | (TypedHttpClients ? SharedParts.ClientRegistration : SharedParts.None)
        | (ClientLogging ? SharedParts.ClientLogging : SharedParts.None)
        | (RemoveFactoryLogging ? SharedParts.FactoryLogging : SharedParts.None)
        | (AccessTokenRegistration ? SharedParts.AccessTokenRegistration : SharedParts.None)
        | (AuthenticationRegistration ? SharedParts.AuthenticationRegistration : SharedParts.None)
        | (TokenKeepAlive ? SharedParts.TokenKeepAlive : SharedParts.None);

    /// <summary>Which per-connector template folders this mapping gets.</summary>
    public ConnectorParts Connector =>
        (OAuthClients ? ConnectorParts.Clients : ConnectorParts.None)
        | (AccessTokenRegistration ? ConnectorParts.AccessTokenRegistration : ConnectorParts.None)
        | (TokenKeepAlive ? ConnectorParts.TokenKeepAlive : ConnectorParts.None);

    /// <param name="model">The mapping.</param>
    /// <param name="facts">What the compilation offers.</param>
    /// <param name="connectorNameShared">
    /// Another connector of the same name is visible in this compilation (a mapping of this project in another namespace,
    /// or a connector generated into a referenced project): both sets of <c>Add&lt;Connector&gt;...</c> methods in one
    /// namespace would be CS0101/CS0121, so this connector's stay in the mapping's namespace.
    /// </param>
    public static EmitPlan For(MappingModel model, CompilationFacts facts, bool connectorNameShared = false)
    {
        var oauthClients = model.WantsOAuthClients && facts.HasHandshakeDependencies;
        var registration = facts.EmitsServiceRegistration;
        var typedClients = registration && oauthClients && facts.HasHttpClientFactory;
        // apiKey and basic mappings get a handler that sends the credential (the shared core's, as OAuth does).
        var credentialHandlers = (model.Auth.Type == AuthType.ApiKey || model.Auth.Type == AuthType.Basic) && facts.HasHandshakeDependencies;
        return new EmitPlan(
            FromConfiguration: facts.HasConfiguration,
            OptionsValidator: facts.HasOptions,
            ServiceRegistration: registration,
            ValidateOnStart: registration && facts.HasValidateOnStart,
            OAuthClients: oauthClients,
            TypedHttpClients: typedClients,
            ClientLogging: typedClients && facts.HasLogging,
            RemoveFactoryLogging: typedClients && facts.HasHttpClientLoggerApi,
            // Add<C>AccessToken on IHttpClientBuilder needs only Microsoft.Extensions.Http (not the options/configuration binding).
            AccessTokenRegistration: oauthClients && facts.HasHttpClientFactory,
            CredentialHandlers: credentialHandlers,
            AuthenticationRegistration: credentialHandlers && facts.HasHttpClientFactory,
            // Add<C>TokenKeepAlive: a BackgroundService (Microsoft.Extensions.Hosting.Abstractions) that logs.
            TokenKeepAlive: oauthClients && facts.HasHosting && facts.HasLogging,
            DependencyInjectionNamespace: connectorNameShared ? model.EffectiveNamespace : GeneratedContract.ConventionalDependencyInjectionNamespace);
    }
}

/// <summary>A mapping with its plan: the unit the emit step caches on.</summary>
internal sealed record PlannedMapping(MappingModel Model, EmitPlan Plan)
{
    /// <summary>
    /// The plan for one mapping in this compilation, or null when nothing may be emitted for it: below the minimum C#
    /// version (CG1040), or when a referenced assembly already defines its connector (CG1043).
    /// </summary>
    public static PlannedMapping? For(MappingModel model, CompilationFacts facts, EquatableArray<ReferencedType> referenced, EquatableArray<string> sharedConnectorNames)
    {
        if (!facts.LanguageSupported)
        {
            return null;
        }

        foreach (var entry in referenced)
        {
            if (entry.MappingTypeName == model.FullTypeName)
            {
                return null;
            }
        }

        return new PlannedMapping(model, EmitPlan.For(model, facts, DependencyInjectionPlacement.IsShared(sharedConnectorNames, model.Connector)));
    }
}
