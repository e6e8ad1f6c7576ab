using System.Collections.Generic;
using ConnectorGen.Model;

namespace ConnectorGen.Emit;

/// <summary>
/// Emits what is written once per compilation, as the <see cref="SharedEmitPlan"/> says: the credential helpers
/// (<see cref="TemplateResolver.Credentials"/>, namespace <c>ConnectorGen</c>), the handshake core
/// (<see cref="TemplateResolver.Core"/>) and the DI registration helpers (<see cref="TemplateResolver.Registration"/>,
/// both in namespace <see cref="GeneratedContract.CoreNamespace"/>), each template as it is.
/// </summary>
internal static class SharedEmitter
{
    /// <summary>Core files that need <c>IDistributedCache</c> (Microsoft.Extensions.Caching.Abstractions).</summary>
    public const string DistributedCachePrefix = "DistributedCache.";

    /// <summary>Core files that need StackExchange.Redis (the coordinating token store).</summary>
    public const string RedisPrefix = "Redis.";

    /// <summary>Registration parts for <c>Add&lt;Connector&gt;AccessToken</c>: they need only Microsoft.Extensions.Http.</summary>
    public const string AccessTokenPrefix = "AccessToken.";

    /// <summary>Registration parts for <c>Add&lt;Connector&gt;Authentication</c> (apiKey and basic): they need only Microsoft.Extensions.Http.</summary>
    public const string AuthenticationPrefix = "Authentication.";

    /// <summary>Registration parts that need Microsoft.Extensions.Logging.</summary>
    public const string LoggingPrefix = "Logging.";

    /// <summary>Registration parts that need Microsoft.Extensions.Http 8 or later (<c>RemoveAllLoggers</c>).</summary>
    public const string FactoryLoggingPrefix = "FactoryLogging.";

    /// <summary>(hint name, source) for every shared file the plan asks for.</summary>
    public static IEnumerable<(string HintName, string Source)> Emit(SharedEmitPlan plan)
    {
        if (plan.CredentialHelpers)
        {
            foreach (var template in TemplateResolver.Credentials)
            {
                yield return (GeneratedFile.CompilationHintName(GeneratedContract.CredentialHelpersNamespace, template.Name), template.Text);
            }
        }

        if (plan.HandshakeCore)
        {
            foreach (var template in TemplateResolver.Core)
            {
                if (!plan.DistributedCache && template.Name.StartsWith(DistributedCachePrefix, System.StringComparison.Ordinal))
                {
                    continue;
                }

                if (!plan.Redis && template.Name.StartsWith(RedisPrefix, System.StringComparison.Ordinal))
                {
                    continue;
                }

                yield return (GeneratedFile.CompilationHintName(GeneratedContract.CoreNamespace, template.Name), template.Text);
            }
        }

        foreach (var template in TemplateResolver.Registration)
        {
            if (Wanted(template.Name, plan))
            {
                yield return (GeneratedFile.CompilationHintName(GeneratedContract.CoreNamespace, "Registration." + template.Name), template.Text);
            }
        }
    }

    /// <summary>Which registration parts the compilation takes: each sub-folder needs its own API.</summary>
    private static bool Wanted(string template, SharedEmitPlan plan)
    {
        if (template.StartsWith(AccessTokenPrefix, System.StringComparison.Ordinal))
        {
            return plan.AccessTokenRegistration;
        }

        if (template.StartsWith(AuthenticationPrefix, System.StringComparison.Ordinal))
        {
            return plan.AuthenticationRegistration;
        }

        if (template.StartsWith(LoggingPrefix, System.StringComparison.Ordinal))
        {
            return plan.ClientRegistration && plan.ClientLogging;
        }

        if (template.StartsWith(FactoryLoggingPrefix, System.StringComparison.Ordinal))
        {
            return plan.ClientRegistration && plan.RemoveFactoryLogging;
        }

        return plan.ClientRegistration;
    }
}
