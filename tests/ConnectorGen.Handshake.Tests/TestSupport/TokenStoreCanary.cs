#pragma warning disable CS1591, IL2026, IL2070, IL2075 // test support; test-only reflection over the generated types
using System;
using System.Linq;
using System.Reflection;
using System.Text;
using ConnectorGen.Generated;
using Xunit;

namespace ConnectorGen.Handshake.Tests.TestSupport;

/// <summary>Tokens at rest: the raw bytes a durable store wrote hold no token in any common encoding.</summary>
public static class TokenStoreCanary
{
    public static void AssertNoTokenAtRest(byte[] raw, params string?[] tokens)
    {
        var forms = new[]
        {
            Encoding.UTF8.GetString(raw),
            Encoding.Latin1.GetString(raw),
            Convert.ToBase64String(raw),
        };
        foreach (var token in tokens.Where(t => !string.IsNullOrEmpty(t)))
        {
            var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(token!));
            foreach (var form in forms)
            {
                Assert.DoesNotContain(token!, form, StringComparison.Ordinal);
                Assert.DoesNotContain(encoded.TrimEnd('='), form, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>
    /// The class of M4: every durable token store in <paramref name="generated"/> (all but the in-memory one) takes a
    /// <see cref="TokenProtector"/> in every public constructor, so none can be created that writes tokens in clear by default.
    /// </summary>
    public static string[] DurableStoresWithoutProtector(Assembly generated) =>
        generated.GetTypes()
            .Where(t => typeof(ITokenStore).IsAssignableFrom(t) && !t.IsInterface && !t.IsAbstract && t != typeof(InMemoryTokenStore) && t.Namespace == "ConnectorGen.Generated")
            .SelectMany(t => t.GetConstructors().Where(c => !c.GetParameters().Any(p => p.ParameterType.Name == "TokenProtector")).Select(c => t.Name))
            .ToArray();
}
