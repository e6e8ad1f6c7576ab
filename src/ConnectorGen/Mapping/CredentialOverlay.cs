using System;
using System.Collections.Generic;
using ConnectorGen.Catalog;
using ConnectorGen.Diagnostics;
using ConnectorGen.Helpers;
using ConnectorGen.Model;

namespace ConnectorGen.Mapping;

/// <summary>Where a file credential's rules report: each place is in the mapping file that holds the offending text.</summary>
internal readonly record struct CredentialPlaces(LocationInfo Name, LocationInfo Parameter, LocationInfo Role, LocationInfo Variable, LocationInfo SecretFlag);

/// <summary>
/// One credential of a mapping file as read: its model when it can be generated (<c>Secret</c> as the file alone
/// decides), what the entry claims even when it cannot be generated (so the base entry it meant to replace is not
/// appended, and a rule does not repeat its mistake), and the places its rules report at. Plain values only, so a
/// draft can wait in the generator's pipeline for the element definition it names.
/// </summary>
/// <param name="ExplicitSecret">The file's <c>"secret"</c> (a malformed value reads as true), null without one.</param>
/// <param name="SecretByMeaning">Secret by its role, name or key, or by the catalogued entry of its key.</param>
internal sealed record FileCredential(
    CredentialModel? Model,
    string? ClaimedName,
    string? ClaimedKey,
    CredentialRole ClaimedRole,
    bool RoleInvalid,
    bool? ExplicitSecret,
    bool SecretByMeaning,
    CredentialPlaces Places);

/// <summary>
/// What a mapping file says before its base credentials are known: the rules need these, and they need the base too.
/// </summary>
/// <param name="Connector">Null when the file names no usable connector: the rules still run, but no model is made.</param>
/// <param name="Auth">The file's own <c>auth</c> section, null when it has none (the base's auth then applies).</param>
/// <param name="ElementKey">The element key, null when it is missing (its notices then have no place).</param>
internal sealed record MappingDraft(
    string? Connector,
    string EnvironmentPrefix,
    EquatableArray<FileCredential> Credentials,
    AuthModel? Auth,
    bool AuthExplicit,
    bool AuthValid,
    LocationInfo AuthType,
    string? ElementKey,
    LocationInfo ElementKeyLocation);

/// <summary>
/// The credentials a mapping builds on: a catalogued element's or an element definition's. <see cref="Known"/> is
/// false when the definition a mapping names is missing or unreadable: the rules that need the whole set then keep quiet
/// (the missing file is reported already) instead of reporting what the definition would have supplied.
/// </summary>
internal sealed record CredentialBase(EquatableArray<CredentialModel> Credentials, AuthModel? Auth, string? Description, bool Known)
{
    public static CredentialBase None { get; } = new(EquatableArray<CredentialModel>.Empty, null, null, true);

    public static CredentialBase Unknown { get; } = None with { Known = false };

    public static CredentialBase Of(CatalogElement element, string environmentPrefix)
    {
        var credentials = new List<CredentialModel>(element.Parameters.Count);
        foreach (var parameter in element.Parameters)
        {
            credentials.Add(parameter.ToCredential(environmentPrefix));
        }

        return new CredentialBase(credentials.ToEquatableArray(), element.Auth, null, true);
    }

    public static CredentialBase Of(MappingModel definition) => new(definition.Credentials, definition.Auth, definition.Description, true);
}

/// <summary>What the overlay gives: the credentials to generate, the auth, and the rules' diagnostics (all in the mapping file).</summary>
internal sealed record Overlaid(EquatableArray<CredentialModel> Credentials, AuthModel Auth, EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>The mapping's model with the overlaid credentials and auth, and the base's description where it has none.</summary>
    public MappingModel Complete(MappingModel model, CredentialBase @base) =>
        model with { Credentials = Credentials, Auth = Auth, Description = model.Description ?? @base.Description };
}

/// <summary>
/// The one way a mapping's credentials are assembled: the base entries (catalogue or element definition), then the
/// file's overlaid by key, name and role, and then the rules (<see cref="MappingRules"/>) on the result, so that what
/// the base supplies counts for them. Pure: the generator runs it in its parse step for a catalogue base and once the
/// element definitions are linked for a definition base; the analyzers run it through <see cref="MappingSet"/>.
/// </summary>
internal static class CredentialOverlay
{
    public static Overlaid Apply(MappingDraft draft, CredentialBase @base)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var decided = DecideSecrets(draft.Credentials, @base, diagnostics);
        var credentials = MappingRules.RemoveDuplicates(diagnostics, decided);
        var fileCount = credentials.Count;
        AppendBase(credentials, draft, @base);
        MappingRules.CheckAppendedVariables(diagnostics, decided, credentials, fileCount);
        for (var i = fileCount; i < credentials.Count && draft.ElementKey is not null; i++)
        {
            // A base entry the file does not map has no text of its own: the element key carries its CG1015.
            if (credentials[i].Deprecated is { } deprecated)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DeprecatedCredential, draft.ElementKeyLocation, credentials[i].Name, deprecated));
            }
        }

        var auth = draft.Auth ?? @base.Auth ?? AuthModel.Custom;
        if (@base.Known && draft.Auth is not null && draft.AuthExplicit && draft.AuthValid)
        {
            MappingRules.CheckRoles(diagnostics, auth.Type, draft.AuthType, credentials, decided);
        }

        if (@base.Known && draft.ElementKey is not null)
        {
            MappingRules.CheckElement(diagnostics, draft.ElementKey, draft.ElementKeyLocation, credentials, decided);
        }

        // No silent absence: an oauth2 base without endpoints would quietly lose its OAuth client.
        if (auth is { Type: AuthType.OAuth2, HasEndpoints: false } && !draft.AuthExplicit && draft.ElementKey is not null && draft.Connector is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoOAuthClient, draft.ElementKeyLocation, draft.ElementKey, draft.Connector));
        }

        return new Overlaid(credentials.ToEquatableArray(), auth, diagnostics.ToEquatableArray());
    }

    /// <summary>
    /// Without <c>"secret"</c>, a file credential is secret by meaning or because the base entry it overrides is (an
    /// export's PASSWORD entry stays redacted under a new name). CG1012 where the file says false to such a credential.
    /// </summary>
    private static List<FileCredential> DecideSecrets(EquatableArray<FileCredential> credentials, CredentialBase @base, List<DiagnosticInfo> diagnostics)
    {
        var result = new List<FileCredential>(credentials.Count);
        foreach (var credential in credentials)
        {
            if (credential.Model is not { } model)
            {
                result.Add(credential);
                continue;
            }

            var bySecretMeaning = credential.SecretByMeaning || BaseSecret(@base, model.Parameter);
            if (credential.ExplicitSecret == false && bySecretMeaning)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SecretNotMarked, credential.Places.SecretFlag, model.Parameter, model.Name));
            }

            var secret = credential.ExplicitSecret ?? bySecretMeaning;
            result.Add(secret == model.Secret ? credential : credential with { Model = model with { Secret = secret } });
        }

        return result;
    }

    private static bool BaseSecret(CredentialBase @base, string key)
    {
        foreach (var c in @base.Credentials)
        {
            if (c.Parameter == key)
            {
                return c.Secret;
            }
        }

        return false;
    }

    /// <summary>
    /// The file wins by key; the base entries the file does not take follow in base order. An entry whose key, name or
    /// role a file credential claims (also one left out for a mistake) is left out too, so overriding never makes
    /// duplicates; so is one whose name the mapping's type cannot have. Each appended entry reads the mapping's variables.
    /// </summary>
    private static void AppendBase(List<CredentialModel> credentials, MappingDraft draft, CredentialBase @base)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var roles = new HashSet<CredentialRole>();
        foreach (var claim in draft.Credentials)
        {
            if (claim.ClaimedKey is { } key)
            {
                keys.Add(key);
            }

            if (claim.ClaimedName is { } name)
            {
                names.Add(name);
            }

            roles.Add(claim.ClaimedRole);
        }

        var typeName = draft.Connector is null ? null : draft.Connector + GeneratedContract.CredentialsTypeSuffix;
        foreach (var c in @base.Credentials)
        {
            if (!keys.Contains(c.Parameter) && !names.Contains(c.Name) && (c.Role == CredentialRole.None || !roles.Contains(c.Role))
                && Identifiers.IdentifierProblem(c.Name, typeName, isMember: true) is null)
            {
                credentials.Add(c with { EnvironmentVariable = Identifiers.EnvironmentVariable(draft.EnvironmentPrefix, c.Name) });
            }
        }
    }
}
