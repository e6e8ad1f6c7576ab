using Contoso.Connectors;
using Microsoft.Extensions.Configuration;

// ConnectorGen quickstart. With no configuration it runs on embedded demo values (not real credentials); set
// Infusionsoft__ClientId, Infusionsoft__ClientSecret, ... (or INFUSIONSOFT_* for FromEnvironment) to use your own.
var demo = new Dictionary<string, string?>
{
    ["Infusionsoft:EncryptedKey"] = DemoValue("0123456789abcdef", 2),
    ["Infusionsoft:ClientId"] = "demo-client-id",
    ["Infusionsoft:ClientSecret"] = DemoValue("demo-secret-", 2),
    ["Infusionsoft:CallbackUrl"] = "https://127.0.0.1:5001/callback",
    ["Infusionsoft:Server"] = "ab123.infusionsoft.com",
};

var configuration = new ConfigurationBuilder()
    .AddInMemoryCollection(demo)
    .AddEnvironmentVariables()
    .Build();

Console.WriteLine("1. The mapping, read at compile time from infusionsoft.connector.json:");
Console.WriteLine($"   element key:  {InfusionsoftCredentials.ElementKey}");
Console.WriteLine($"   credentials:  EncryptedKey -> {InfusionsoftCredentials.Parameters.EncryptedKey}, ClientId -> {InfusionsoftCredentials.Parameters.ClientId},");
Console.WriteLine($"                 ClientSecret -> {InfusionsoftCredentials.Parameters.ClientSecret}, CallbackUrl -> {InfusionsoftCredentials.Parameters.CallbackUrl}, Server -> {InfusionsoftCredentials.Parameters.Server}");

var credentials = InfusionsoftCredentials.FromConfiguration(configuration.GetSection(InfusionsoftCredentials.ConfigurationSectionName));
Console.WriteLine();
Console.WriteLine("2. Credentials bound from configuration (ToString redacts secrets):");
Console.WriteLine("   " + credentials);

var errors = credentials.Validate();
Console.WriteLine();
Console.WriteLine("3. Validation: " + (errors.Count == 0 ? "valid" : string.Join(" ", errors)));
if (errors.Count != 0)
{
    return 1;
}

Console.WriteLine();
Console.WriteLine("4. The Open Connectors instance configuration (secret values redacted here):");
foreach (var (key, value) in credentials.ToOpenConnectorsConfiguration())
{
    var secret = key == InfusionsoftCredentials.Parameters.EncryptedKey || key == InfusionsoftCredentials.Parameters.ClientSecret;
    Console.WriteLine($"   {key} = {(secret ? "[redacted]" : value)}");
}

Console.WriteLine();
Console.WriteLine("5. The validator rejects a malformed Encrypted Key, naming the credential and never the value:");
var broken = InfusionsoftCredentials.FromConfiguration(configuration.GetSection(InfusionsoftCredentials.ConfigurationSectionName));
broken.EncryptedKey = "not-hex";
foreach (var error in broken.Validate())
{
    Console.WriteLine("   " + error);
}

return 0;

// Demo values are built at run time so that no credential-shaped literal sits in the source.
static string DemoValue(string seed, int repeat) => string.Concat(Enumerable.Repeat(seed, repeat));
