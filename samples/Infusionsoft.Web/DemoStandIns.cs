using System.Security.Cryptography;
using ConnectorGen.StandIns;

namespace Contoso.InfusionsoftWeb;

/// <summary>
/// The loopback stand-ins the sample runs on when no Open Connectors base URL is configured: a Keap OAuth server
/// (OpenIddict) and the Open Connectors API. Both live as long as the app; the app's service provider disposes them.
/// </summary>
public sealed class DemoStandIns : IAsyncDisposable
{
    /// <summary>The client id registered with the Keap stand-in when none is configured (not a secret: it travels in browser URLs).</summary>
    public const string DemoClientId = "demo-client-id";

    private DemoStandIns(KeapAuthorizationServer keap, OpenConnectorsStandIn openConnectors)
    {
        Keap = keap;
        OpenConnectors = openConnectors;
    }

    /// <summary>The Keap authorization server stand-in (set <see cref="KeapAuthorizationServer.DenyConsent"/> to refuse consent).</summary>
    public KeapAuthorizationServer Keap { get; }

    /// <summary>The Open Connectors API stand-in.</summary>
    public OpenConnectorsStandIn OpenConnectors { get; }

    /// <summary>
    /// Starts both stand-ins. Keap registers <paramref name="clientId"/> / <paramref name="clientSecret"/> with
    /// <paramref name="callbackUrl"/> as the only redirect URI; Open Connectors accepts the two platform secrets and
    /// redeems codes at the Keap stand-in.
    /// </summary>
    public static async Task<DemoStandIns> StartAsync(
        string clientId, string clientSecret, Uri callbackUrl, string userSecret, string organizationSecret, CancellationToken cancellationToken = default)
    {
        var keapOptions = new KeapAuthorizationServerOptions();
        keapOptions.Clients.Add(new KeapClientRegistration(clientId, clientSecret, [callbackUrl]));
        var keap = await KeapAuthorizationServer.StartAsync(keapOptions, cancellationToken);
        try
        {
            var openConnectors = await OpenConnectorsStandIn.StartAsync(
                new OpenConnectorsStandInOptions
                {
                    UserSecret = userSecret,
                    OrganizationSecret = organizationSecret,
                    ProviderAuthorizationEndpoint = keap.AuthorizationEndpoint,
                    ProviderTokenEndpoint = keap.TokenEndpoint,
                },
                cancellationToken);
            return new DemoStandIns(keap, openConnectors);
        }
        catch
        {
            await keap.DisposeAsync();
            throw;
        }
    }

    /// <summary>A fresh random value for a demo secret. Built at run time: no credential-shaped literal sits in the source.</summary>
    /// <param name="bytes">Random bytes to draw.</param>
    /// <param name="hex">True for lower-case hex (e.g. the 32-digit Encrypted Key), false for base64url.</param>
    public static string RandomDemoValue(int bytes, bool hex) =>
        hex
            ? Convert.ToHexString(RandomNumberGenerator.GetBytes(bytes)).ToLowerInvariant()
            : Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Stops both stand-ins.</summary>
    public async ValueTask DisposeAsync()
    {
        await OpenConnectors.DisposeAsync();
        await Keap.DisposeAsync();
    }
}
