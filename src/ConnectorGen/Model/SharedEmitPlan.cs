using System.Collections.Immutable;

namespace ConnectorGen.Model;

/// <summary>
/// What is emitted once per compilation rather than per mapping, decided once in the pipeline from every mapping's
/// <see cref="EmitPlan"/> and the <see cref="CompilationFacts"/> (the emitters do not re-decide). Only a change of one of
/// these answers re-emits the shared files.
/// </summary>
internal sealed record SharedEmitPlan(
    bool CredentialHelpers,
    bool HandshakeCore,
    bool DistributedCache,
    bool ClientRegistration,
    bool ClientLogging,
    bool RemoveFactoryLogging,
    bool AccessTokenRegistration,
    bool Redis = false,
    bool AuthenticationRegistration = false)
{
    public static SharedEmitPlan For(ImmutableArray<EmitPlan?> plans, CompilationFacts facts)
    {
        var anyMapping = false;
        var oauthClients = false;
        var registration = false;
        var logging = false;
        var removeFactoryLogging = false;
        var accessTokenRegistration = false;
        var credentialHandlers = false;
        var authenticationRegistration = false;
        foreach (var plan in plans)
        {
            if (plan is null)
            {
                continue;
            }

            anyMapping = true;
            oauthClients |= plan.OAuthClients;
            registration |= plan.TypedHttpClients;
            logging |= plan.ClientLogging;
            removeFactoryLogging |= plan.RemoveFactoryLogging;
            accessTokenRegistration |= plan.AccessTokenRegistration;
            credentialHandlers |= plan.CredentialHandlers;
            authenticationRegistration |= plan.AuthenticationRegistration;
        }

        // The core goes where some mapping gets OAuth clients, unless a referenced assembly already gives this one its
        // core through InternalsVisibleTo. The credential helpers and the registration parts are [Embedded]: every
        // compilation that needs them has its own (what the registration calls depends on this compilation's references).
        var core = (oauthClients || credentialHandlers) && !facts.HasReferencedCore;
        return new SharedEmitPlan(
            CredentialHelpers: anyMapping,
            HandshakeCore: core,
            DistributedCache: core && facts.HasDistributedCache,
            ClientRegistration: registration,
            ClientLogging: logging,
            RemoveFactoryLogging: removeFactoryLogging,
            AccessTokenRegistration: accessTokenRegistration,
            Redis: core && facts.HasRedis,
            AuthenticationRegistration: authenticationRegistration);
    }
}
