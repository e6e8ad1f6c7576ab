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
    bool TokenKeepAlive = false)
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

    public static EmitPlan For(MappingModel model, CompilationFacts facts)
    {
        var oauthClients = model.Auth.Type == AuthType.OAuth2 && model.Auth.HasEndpoints && facts.HasHandshakeDependencies;
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
            TokenKeepAlive: oauthClients && facts.HasHosting && facts.HasLogging);
    }
}

/// <summary>A mapping with its plan: the unit the emit step caches on.</summary>
internal sealed record PlannedMapping(MappingModel Model, EmitPlan Plan);
