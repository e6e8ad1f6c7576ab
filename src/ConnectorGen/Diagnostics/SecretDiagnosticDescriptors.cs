using Microsoft.CodeAnalysis;

namespace ConnectorGen.Diagnostics;

/// <summary>
/// Descriptors of the secret rules CG2001..CG2004. Messages name the target and the reason, never the value: a
/// diagnostic is printed into build logs and CI output, which must not become a second place where the secret lives.
/// </summary>
internal static class SecretDiagnosticDescriptors
{
    public const string HardcodedConnectorSecretId = "CG2001";
    public const string KnownCredentialFormatId = "CG2002";
    public const string HardcodedSecretId = "CG2003";
    public const string SecretInConfigurationFileId = "CG2004";

    public const string Category = "Security";

    /// <summary>Diagnostic property: the environment variable the code fix reads.</summary>
    public const string EnvironmentVariableProperty = "EnvironmentVariable";

    /// <summary>Diagnostic property: a fully qualified constant that holds the variable's name (generated credentials types).</summary>
    public const string EnvironmentVariableConstantProperty = "EnvironmentVariableConstant";

    /// <summary>Diagnostic property present (value "true") when the flagged expression may be replaced by a non-constant string.</summary>
    public const string FixableProperty = "Fixable";

    public static readonly DiagnosticDescriptor HardcodedConnectorSecret = new(
        HardcodedConnectorSecretId,
        "Hard-coded value for a connector secret",
        "{0} is a connector secret ({1}); do not hard-code it, read it from the environment or a secret store",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A constant reaches a credential that a connector mapping declares secret: a [ConnectorSecret] member or parameter, an Open Connectors configuration entry keyed by a secret parameter, or a configuration path bound to a secret credential.",
        helpLinkUri: HelpLinks.For(HardcodedConnectorSecretId));

    public static readonly DiagnosticDescriptor KnownCredentialFormat = new(
        KnownCredentialFormatId,
        "Known credential format in source",
        "String constant has the format of {0}; remove it from the source and revoke it",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A string constant matches the format of a provider credential (Keap, GitHub, AWS, Stripe, Slack webhook and tokens, SendGrid, Twilio, Azure storage key and SAS, Google API key, npm token, PEM private key, JWT). Once committed it must be considered leaked.",
        helpLinkUri: HelpLinks.For(KnownCredentialFormatId));

    public static readonly DiagnosticDescriptor HardcodedSecret = new(
        HardcodedSecretId,
        "Hard-coded secret",
        "Hard-coded value for {0} ({1}); read it from the environment or a secret store",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A constant is assigned to, or passed as, a target whose name says it is a secret (password, token, API key, client secret...), or reaches an authentication sink (Authorization header, NetworkCredential, connection-string password, user:password@ in a URI).",
        helpLinkUri: HelpLinks.For(HardcodedSecretId));

    public static readonly DiagnosticDescriptor SecretInConfigurationFile = new(
        SecretInConfigurationFileId,
        "Secret in a configuration file",
        "Configuration file sets {0} ({1}); keep it in user secrets, environment variables or a vault",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A configuration file (appsettings*.json, launchSettings.json, app.config/web.config, *.pubxml, *.http/*.rest, .env, docker-compose*.yml) holds a value at the configuration path or variable of a secret connector credential, a credential-shaped value under a secret-named key, a known credential format or a password.",
        helpLinkUri: HelpLinks.For(SecretInConfigurationFileId));
}
