namespace Contoso.Connectors;

/// <summary>What an application does with the generated credentials: load, check, hand to Open Connectors.</summary>
public static class Connect
{
    /// <summary>Reads the credentials from INFUSIONSOFT_* environment variables and returns the instance configuration.</summary>
    public static System.Collections.Generic.IReadOnlyDictionary<string, string> ConfigurationFromEnvironment()
    {
        var credentials = InfusionsoftCredentials.FromEnvironment();
        return credentials.ToOpenConnectorsConfiguration();
    }
}
