using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConnectorGen.StandIns;

/// <summary>Shared plumbing: a slim ASP.NET Core host on Kestrel bound to 127.0.0.1 with a dynamic port, no logging.</summary>
internal static class LoopbackHost
{
    public static WebApplicationBuilder CreateBuilder(string applicationName)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = applicationName,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });

        // Stand-ins see secrets in every request: they never log, so no secret can leak into captured test output.
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        return builder;
    }

    public static Uri GetBaseUri(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("Kestrel did not report its addresses.");
        var address = addresses.Addresses.First();
        return new Uri(address.EndsWith('/') ? address : address + "/");
    }
}
