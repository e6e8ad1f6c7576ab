using Contoso.InfusionsoftWeb;

// The Infusionsoft web sample: `dotnet run --project samples/Infusionsoft.Web`, then open http://127.0.0.1:5080/.
// Everything is in InfusionsoftWebApp so that the browser tests can build and start the same app in-process.
await using var app = await InfusionsoftWebApp.BuildAppAsync(args);
await app.RunAsync();
