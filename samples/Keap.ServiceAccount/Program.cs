using System;
using System.Net.Http;
using ConnectorGen.Generated;
using Contoso.Connectors;
using Microsoft.Extensions.DependencyInjection;

// Calls Keap's account profile with the Service Account Key in KEAP_API_KEY (the generated FromEnvironment), through
// the generated handler: X-Keap-API-Key, sent only to the API's origin. Argument: the API base URL (default Keap's).
var baseUrl = new Uri(args.Length > 0 ? args[0] : new Uri(KeapApiAuthentication.ApiBaseUrl!).GetLeftPart(UriPartial.Authority) + "/");
var services = new ServiceCollection();
services.AddHttpClient("keap")
    .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AllowAutoRedirect = false })
    .AddKeapAuthentication(_ => KeapCredentials.FromEnvironment(), baseUrl);
using var provider = services.BuildServiceProvider();
var api = provider.GetRequiredService<IHttpClientFactory>().CreateClient("keap");
try
{
    using var response = await api.GetAsync(new Uri(baseUrl, "crm/rest/v1/account/profile"));
    Console.WriteLine("account profile: " + (int)response.StatusCode);
    Console.WriteLine("quota: " + provider.GetRequiredService<ProviderQuotaMonitor<KeapCredentials>>().Last);
    return 0;
}
catch (ProviderApiException refused)
{
    Console.WriteLine("refused: " + refused.Message);
    return 1;
}
