using Contoso.Connectors;

namespace Contoso.Showcase;

/// <summary>What not to do. Each member trips one secret rule; all values are made up.</summary>
public static class BadPractices
{
    /// <summary>CG2001: a constant reaches a credential the mapping declares secret.</summary>
    public static InfusionsoftCredentials HardCodedConnectorSecret() => new()
    {
        ClientId = "showcase-client",
        ClientSecret = "n0t-a-real-client-secret-17",
        CallbackUrl = new System.Uri("https://app.contoso.com/callback"),
    };

    /// <summary>CG2002: a string with a known credential format (a GitHub token shape), wherever it is.</summary>
    public static string KnownFormat() => "ghp_0123456789abcdefghijABCDEFGHIJ012345";

    /// <summary>CG2003: a constant assigned to a secret-named target.</summary>
    public static string HardCodedPassword()
    {
        var databasePassword = "Sh0wcase-only!";
        return databasePassword;
    }
}
