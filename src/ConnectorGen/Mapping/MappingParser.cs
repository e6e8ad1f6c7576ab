using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using ConnectorGen.Diagnostics;
using ConnectorGen.Helpers;
using ConnectorGen.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace ConnectorGen.Mapping;

/// <summary>
/// What reading one mapping file gives: the model (null when any error makes the file unusable) and every
/// diagnostic, each located at its JSON token. <see cref="ConnectorLocation"/> is where a duplicate-type error goes.
/// </summary>
internal sealed record ParseResult(MappingModel? Model, EquatableArray<DiagnosticInfo> Diagnostics, LocationInfo ConnectorLocation);

/// <summary>
/// Turns the text of a <c>*.connector.json</c> file into a <see cref="MappingModel"/> and located diagnostics.
/// Never throws for any input: every problem is a diagnostic (format version 1, see schema/connector-mapping.schema.json).
/// </summary>
internal static class MappingParser
{
    public const string FileSuffix = ".connector.json";

    /// <summary>Properties of the mapping object, as the JSON schema lists them.</summary>
    public static readonly string[] MappingProperties =
        { "$schema", "connector", "elementKey", "namespace", "configurationSection", "environmentPrefix", "description", "auth", "credentials" };

    public static readonly string[] AuthProperties =
        { "type", "authorizationEndpoint", "tokenEndpoint", "scopes", "pkce", "clientAuthentication" };

    public static readonly string[] ClientAuthenticationProperties = { "authorizationCode", "refreshToken" };

    public static readonly string[] CredentialProperties =
    {
        "name", "source", "parameter", "secret", "required", "format", "minLength", "maxLength", "description", "deprecated",
        "role", "environmentVariable",
    };

    public static readonly string[] FormatNames = { "text", "integer", "boolean", "url", "httpsUrl", "hostName", "guid", "email" };

    public static readonly string[] AuthTypeNames = { "oauth2", "basic", "apiKey", "custom" };

    public static readonly string[] RoleNames = { "clientId", "clientSecret", "redirectUri", "username", "password", "apiKey" };

    /// <summary>Members the generated credentials type declares itself: a credential may not take these names.</summary>
    public static readonly string[] GeneratedMemberNames =
    {
        "ElementKey", "ConnectorName", "ConfigurationSectionName", "Parameters", "EnvironmentVariables", "FromEnvironment",
        "FromConfiguration", "ToOpenConnectorsConfiguration", "Validate", "EnsureValid", "ToString", "Equals", "GetHashCode",
        "GetType", "MemberwiseClone", "Finalize", "HasInvalidInput", "MarkInvalidInput",
    };

    /// <summary>
    /// Exact keys Open Connectors reserves for the platform ("Reserved Configurations" in
    /// https://help.openconnectors.ext.hana.ondemand.com/home/element-builder-setup-configuration-and-parameters).
    /// </summary>
    public static readonly HashSet<string> ReservedKeys = new(StringComparer.Ordinal)
    {
        "oauth.basic.header", "oauth.user.refresh_time", "oauth.user.refresh_token", "oauth.user.refresh_interval",
        "oauth.user.token", "oauth.user.token.secret", "oauth.api.key", "oauth.api.secret", "oauth.scope",
        "oauth.callback.url", "oauth.token.url", "oauth.authorization.url", "oauth.token.refresh_url",
        "oauth.token.revoke_url", "oauth.request.authorization.type", "oauth.request.url", "username", "password",
        "base.url", "pagination.type", "pagination.max", "pagination.page.startindex", "aws.api.key", "aws.api.secret",
        "aws.region", "expires", "expires_in",
    };

    /// <summary>
    /// Reserved keys that are the documented, user-supplied parameters of OAuth and basic-auth elements: a mapping may
    /// use them. The other reserved keys are filled in by the platform itself.
    /// </summary>
    public static readonly HashSet<string> UserSuppliedReservedKeys = new(StringComparer.Ordinal)
    {
        "oauth.api.key", "oauth.api.secret", "oauth.callback.url", "oauth.scope", "username", "password",
    };

    /// <summary>Prefixes under which Open Connectors reserves every key: a mapping may not invent keys there.</summary>
    public static readonly string[] ReservedPrefixes = { "oauth.", "bulk.", "event.", "pagination.", "aws." };

    /// <summary>Infusionsoft elements that take the account host in <c>infusionsoft.server</c>.</summary>
    public static readonly string[] InfusionsoftElementsWithServer = { "infusionsoftcrm", "infusionsoftmarketing", "infusionsofterp" };

    public static bool IsMappingFile(string path) => path.EndsWith(FileSuffix, StringComparison.OrdinalIgnoreCase);

    public static ParseResult Parse(string path, SourceText? text, CancellationToken cancellationToken)
    {
        if (text is null)
        {
            var nowhere = new LocationInfo(path, default, default);
            return new ParseResult(
                null,
                new[] { DiagnosticInfo.Create(DiagnosticDescriptors.MalformedJson, nowhere, "the file could not be read") }.ToEquatableArray(),
                nowhere);
        }

        var reader = new Reader(path, text, cancellationToken);
        var model = reader.Read();
        return new ParseResult(reader.HasErrors ? null : model, reader.Diagnostics.ToEquatableArray(), reader.ConnectorLocation);
    }

    /// <summary>UPPER_SNAKE_CASE of a PascalCase or camelCase name: <c>ClientSecret</c> -> <c>CLIENT_SECRET</c>.</summary>
    public static string ToUpperSnake(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                if (builder.Length > 0 && builder[builder.Length - 1] != '_')
                {
                    builder.Append('_');
                }

                continue;
            }

            if (char.IsUpper(c) && i > 0 && builder.Length > 0 && builder[builder.Length - 1] != '_')
            {
                var previous = name[i - 1];
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && nextIsLower))
                {
                    builder.Append('_');
                }
            }

            builder.Append(char.ToUpperInvariant(c));
        }

        return builder.ToString().TrimEnd('_');
    }

    internal static string? ClosestName(string name, IReadOnlyList<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }

        var allowed = Math.Max(2, name.Length / 3);
        return bestDistance <= allowed ? best : null;
    }

    private static int Distance(string a, string b)
    {
        if (a.Length > 64 || b.Length > 64)
        {
            return int.MaxValue;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private sealed class Reader
    {
        private readonly string _path;
        private readonly SourceText _text;
        private readonly CancellationToken _cancellationToken;

        public Reader(string path, SourceText text, CancellationToken cancellationToken)
        {
            _path = path;
            _text = text;
            _cancellationToken = cancellationToken;
            ConnectorLocation = new LocationInfo(path, default, default);
        }

        public List<DiagnosticInfo> Diagnostics { get; } = new();

        public bool HasErrors { get; private set; }

        public LocationInfo ConnectorLocation { get; private set; }

        public MappingModel? Read()
        {
            var result = JsonReader.Read(_text);
            if (!result.Succeeded)
            {
                Report(
                    result.Failure == JsonReadFailure.Limit ? DiagnosticDescriptors.LimitExceeded : DiagnosticDescriptors.MalformedJson,
                    result.ErrorSpan,
                    result.Error!);
                return null;
            }

            _cancellationToken.ThrowIfCancellationRequested();
            if (result.Root is not JsonObject root)
            {
                Report(DiagnosticDescriptors.WrongType, result.Root!.Span, "mapping file", "an object", result.Root.KindName);
                return null;
            }

            var properties = Properties(root, "mapping", MappingProperties);
            var connector = RequiredString(root, properties, "connector", "mapping");
            if (connector is not null)
            {
                ConnectorLocation = Locate(connector.Span);
                CheckIdentifier(connector, "connector name", connector.Value + "Credentials");
            }

            var elementKey = RequiredString(root, properties, "elementKey", "mapping");
            if (elementKey is not null && !IsElementKey(elementKey.Value))
            {
                Report(DiagnosticDescriptors.InvalidValue, elementKey.Span, "elementKey", "an Open Connectors element key is a non-empty word of letters, digits, '-' and '_'");
            }

            var ns = OptionalString(properties, "namespace");
            if (ns is not null)
            {
                CheckNamespace(ns);
            }

            var section = OptionalString(properties, "configurationSection");
            if (section is not null && section.Value.Trim().Length == 0)
            {
                Report(DiagnosticDescriptors.InvalidValue, section.Span, "configurationSection", "it may not be empty");
            }

            var prefix = OptionalString(properties, "environmentPrefix");
            if (prefix is not null && !IsEnvironmentName(prefix.Value))
            {
                Report(DiagnosticDescriptors.InvalidValue, prefix.Span, "environmentPrefix", "use letters, digits and '_', starting with a letter");
            }

            var description = OptionalString(properties, "description");
            _ = OptionalString(properties, "$schema");
            var auth = ReadAuth(properties);
            var credentialsArray = Get<JsonArray>(properties, "credentials", JsonKind.Array, "an array of credential objects");
            if (credentialsArray is null && !properties.ContainsKey("credentials"))
            {
                Report(DiagnosticDescriptors.MissingProperty, root.OpenBraceSpan, "mapping", "credentials");
            }

            var environmentPrefix = prefix?.Value ?? (connector is null ? "CONNECTOR" : ToUpperSnake(connector.Value));
            var credentials = new List<CredentialModel>();
            var credentialNodes = new List<(CredentialModel Model, JsonObject Node, Dictionary<string, JsonProperty> Properties)>();
            if (credentialsArray is not null)
            {
                if (credentialsArray.Items.Count == 0)
                {
                    Report(DiagnosticDescriptors.InvalidValue, credentialsArray.Span, "credentials", "a mapping needs at least one credential");
                }

                foreach (var item in credentialsArray.Items)
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                    if (item is not JsonObject credentialObject)
                    {
                        Report(DiagnosticDescriptors.WrongType, item.Span, "credentials[]", "an object", item.KindName);
                        continue;
                    }

                    var credentialProperties = Properties(credentialObject, "credential", CredentialProperties);
                    var credential = ReadCredential(credentialObject, credentialProperties, environmentPrefix, connector?.Value);
                    if (credential is not null)
                    {
                        credentials.Add(credential);
                        credentialNodes.Add((credential, credentialObject, credentialProperties));
                    }
                }
            }

            CheckDuplicates(credentialNodes);
            if (auth.Model is not null)
            {
                CheckRoles(auth.Model.Type, auth.TypeSpan, credentials);
            }

            if (elementKey is not null && Array.IndexOf(InfusionsoftElementsWithServer, elementKey.Value) >= 0
                && !credentials.Exists(c => c.Parameter == "infusionsoft.server"))
            {
                Report(DiagnosticDescriptors.MissingInfusionsoftServer, elementKey.Span, elementKey.Value);
            }

            if (connector is null || elementKey is null || auth.Model is null || credentialsArray is null)
            {
                HasErrors = true;
                return null;
            }

            return new MappingModel(
                _path,
                connector.Value,
                elementKey.Value,
                ns?.Value,
                section?.Value ?? connector.Value,
                environmentPrefix,
                description?.Value,
                auth.Model,
                credentials.ToEquatableArray());
        }

        private (AuthModel? Model, TextSpan TypeSpan) ReadAuth(Dictionary<string, JsonProperty> mapping)
        {
            if (!mapping.TryGetValue("auth", out var authProperty))
            {
                return (AuthModel.Custom, default);
            }

            if (authProperty.Value is not JsonObject auth)
            {
                Report(DiagnosticDescriptors.WrongType, authProperty.Value.Span, "auth", "an object", authProperty.Value.KindName);
                return (null, default);
            }

            var properties = Properties(auth, "auth section", AuthProperties);
            var typeNode = RequiredString(auth, properties, "type", "auth section");
            if (typeNode is null)
            {
                return (null, default);
            }

            AuthType type;
            switch (typeNode.Value)
            {
                case "oauth2": type = AuthType.OAuth2; break;
                case "basic": type = AuthType.Basic; break;
                case "apiKey": type = AuthType.ApiKey; break;
                case "custom": type = AuthType.Custom; break;
                default:
                    Report(DiagnosticDescriptors.InvalidValue, typeNode.Span, "type", "the authentication type must be one of " + string.Join(", ", AuthTypeNames) + Suggest(typeNode.Value, AuthTypeNames));
                    return (null, default);
            }

            var authorization = OptionalString(properties, "authorizationEndpoint");
            var token = OptionalString(properties, "tokenEndpoint");
            var ok = CheckEndpoint(authorization, "authorizationEndpoint") & CheckEndpoint(token, "tokenEndpoint");
            if (type == AuthType.OAuth2)
            {
                if (authorization is null && !properties.ContainsKey("authorizationEndpoint"))
                {
                    Report(DiagnosticDescriptors.MissingProperty, auth.OpenBraceSpan, "oauth2 auth section", "authorizationEndpoint");
                    ok = false;
                }

                if (token is null && !properties.ContainsKey("tokenEndpoint"))
                {
                    Report(DiagnosticDescriptors.MissingProperty, auth.OpenBraceSpan, "oauth2 auth section", "tokenEndpoint");
                    ok = false;
                }
            }

            var scopes = new List<string>();
            var scopesArray = Get<JsonArray>(properties, "scopes", JsonKind.Array, "an array of strings");
            if (scopesArray is not null)
            {
                foreach (var item in scopesArray.Items)
                {
                    if (item is JsonString scope)
                    {
                        if (scope.Value.Length == 0 || scope.Value.IndexOf(' ') >= 0)
                        {
                            Report(DiagnosticDescriptors.InvalidValue, scope.Span, "scopes[]", "a scope is a non-empty word without spaces");
                        }
                        else
                        {
                            scopes.Add(scope.Value);
                        }
                    }
                    else
                    {
                        Report(DiagnosticDescriptors.WrongType, item.Span, "scopes[]", "a string", item.KindName);
                    }
                }
            }

            var pkce = OptionalBool(properties, "pkce") ?? false;
            var codeAuth = ClientAuthentication.Body;
            var refreshAuth = ClientAuthentication.Basic;
            var clientAuth = Get<JsonObject>(properties, "clientAuthentication", JsonKind.Object, "an object");
            if (clientAuth is not null)
            {
                var clientAuthProperties = Properties(clientAuth, "clientAuthentication section", ClientAuthenticationProperties);
                codeAuth = ReadClientAuthentication(clientAuthProperties, "authorizationCode") ?? codeAuth;
                refreshAuth = ReadClientAuthentication(clientAuthProperties, "refreshToken") ?? refreshAuth;
            }

            if (!ok)
            {
                return (null, typeNode.Span);
            }

            return (new AuthModel(type, authorization?.Value, token?.Value, scopes.ToEquatableArray(), pkce, codeAuth, refreshAuth), typeNode.Span);
        }

        private ClientAuthentication? ReadClientAuthentication(Dictionary<string, JsonProperty> properties, string name)
        {
            var value = OptionalString(properties, name);
            switch (value?.Value)
            {
                case null: return null;
                case "body": return ClientAuthentication.Body;
                case "basic": return ClientAuthentication.Basic;
                default:
                    Report(DiagnosticDescriptors.InvalidValue, value.Span, name, "use \"body\" (client_secret_post) or \"basic\" (client_secret_basic)");
                    return null;
            }
        }

        private bool CheckEndpoint(JsonString? endpoint, string name)
        {
            if (endpoint is null)
            {
                return true;
            }

            if (!Uri.TryCreate(endpoint.Value, UriKind.Absolute, out var uri) || (uri.Scheme != "https" && uri.Scheme != "http"))
            {
                Report(DiagnosticDescriptors.InvalidValue, endpoint.Span, name, "an absolute https URL is expected");
                return false;
            }

            if (uri.Scheme != "https" && !uri.IsLoopback)
            {
                Report(DiagnosticDescriptors.InsecureEndpoint, endpoint.Span, name);
                return false;
            }

            return true;
        }

        private CredentialModel? ReadCredential(JsonObject node, Dictionary<string, JsonProperty> properties, string environmentPrefix, string? connector)
        {
            var ok = true;
            var name = RequiredString(node, properties, "name", "credential");
            if (name is not null)
            {
                ok &= CheckIdentifier(name, "credential name", connector is null ? null : connector + "Credentials", isMember: true);
            }

            var what = name is null ? "credential" : "credential '" + name.Value + "'";
            var source = RequiredString(node, properties, "source", what);
            if (source is not null && source.Value.Trim().Length == 0)
            {
                Report(DiagnosticDescriptors.InvalidValue, source.Span, "source", "the provider's label may not be empty");
                ok = false;
            }

            var parameter = RequiredString(node, properties, "parameter", what);
            if (parameter is not null)
            {
                ok &= CheckParameter(parameter);
            }

            var secretNode = Get<JsonNode>(properties, "secret", JsonKind.True, "a boolean");
            var secret = OptionalBool(properties, "secret") ?? false;
            var required = OptionalBool(properties, "required") ?? true;
            var description = OptionalString(properties, "description");
            var deprecated = OptionalString(properties, "deprecated");
            var (format, hexDigits, pattern, formatOk) = ReadFormat(properties);
            ok &= formatOk;
            var minLength = OptionalLength(properties, "minLength");
            var maxLength = OptionalLength(properties, "maxLength");
            if (minLength is { } min && maxLength is { } max && min.Value > max.Value)
            {
                Report(DiagnosticDescriptors.InvalidValue, max.Node.Span, "maxLength", "it is smaller than minLength");
                ok = false;
            }

            if ((minLength is not null || maxLength is not null) && (format == FormatKind.Integer || format == FormatKind.Boolean))
            {
                var node2 = (minLength ?? maxLength)!.Value.Node;
                Report(DiagnosticDescriptors.InvalidValue, node2.Span, minLength is not null ? "minLength" : "maxLength", "lengths apply to text formats, not to integer or boolean");
                ok = false;
            }

            var role = CredentialRole.None;
            var roleNode = OptionalString(properties, "role");
            if (roleNode is not null)
            {
                var index = Array.IndexOf(RoleNames, roleNode.Value);
                if (index < 0)
                {
                    Report(DiagnosticDescriptors.InvalidValue, roleNode.Span, "role", "the role must be one of " + string.Join(", ", RoleNames) + Suggest(roleNode.Value, RoleNames));
                    ok = false;
                }
                else
                {
                    role = (CredentialRole)(index + 1);
                }
            }

            var environmentVariable = OptionalString(properties, "environmentVariable");
            if (environmentVariable is not null && !IsEnvironmentName(environmentVariable.Value))
            {
                Report(DiagnosticDescriptors.InvalidValue, environmentVariable.Span, "environmentVariable", "use letters, digits and '_', starting with a letter");
                ok = false;
            }

            if (parameter is not null && !secret && LooksSecret(parameter.Value))
            {
                Report(DiagnosticDescriptors.SecretNotMarked, secretNode?.Span ?? parameter.Span, parameter.Value, name?.Value ?? "?");
            }

            if (deprecated is not null && name is not null)
            {
                Report(DiagnosticDescriptors.DeprecatedCredential, deprecated.Span, name.Value, deprecated.Value);
            }

            if (!ok || name is null || source is null || parameter is null)
            {
                HasErrors = true;
                return null;
            }

            return new CredentialModel(
                name.Value,
                source.Value,
                parameter.Value,
                secret,
                required,
                format,
                hexDigits,
                pattern,
                minLength?.Value,
                maxLength?.Value,
                description?.Value,
                deprecated?.Value,
                role,
                environmentVariable?.Value ?? environmentPrefix + "_" + ToUpperSnake(name.Value));
        }

        private (FormatKind Format, int HexDigits, string? Pattern, bool Ok) ReadFormat(Dictionary<string, JsonProperty> properties)
        {
            if (!properties.TryGetValue("format", out var property))
            {
                return (FormatKind.Text, 0, null, true);
            }

            var value = property.Value;
            if (value is JsonString s)
            {
                var index = Array.IndexOf(FormatNames, s.Value);
                if (index < 0)
                {
                    Report(DiagnosticDescriptors.UnknownFormat, s.Span, s.Value);
                    return (FormatKind.Text, 0, null, false);
                }

                return ((FormatKind)(s.Value switch
                {
                    "text" => FormatKind.Text,
                    "integer" => FormatKind.Integer,
                    "boolean" => FormatKind.Boolean,
                    "url" => FormatKind.Url,
                    "httpsUrl" => FormatKind.HttpsUrl,
                    "hostName" => FormatKind.HostName,
                    "guid" => FormatKind.Guid,
                    _ => FormatKind.Email,
                }), 0, null, true);
            }

            if (value is not JsonObject o)
            {
                Report(DiagnosticDescriptors.WrongType, value.Span, "format", "a format name or an object such as { \"hex\": 32 }", value.KindName);
                return (FormatKind.Text, 0, null, false);
            }

            if (o.Properties.Count != 1)
            {
                Report(DiagnosticDescriptors.UnknownFormat, o.Span, o.Properties.Count == 0 ? "{}" : "an object with several properties");
                return (FormatKind.Text, 0, null, false);
            }

            var only = o.Properties[0];
            switch (only.Name)
            {
                case "hex":
                    if (only.Value is not JsonNumber number)
                    {
                        Report(DiagnosticDescriptors.WrongType, only.Value.Span, "hex", "a number of digits", only.Value.KindName);
                        return (FormatKind.Text, 0, null, false);
                    }

                    if (!number.TryGetInt32(out var digits) || digits < 1 || digits > 4096)
                    {
                        Report(DiagnosticDescriptors.InvalidValue, number.Span, "hex", "the number of hexadecimal digits must be a whole number from 1 to 4096");
                        return (FormatKind.Text, 0, null, false);
                    }

                    return (FormatKind.Hex, digits, null, true);
                case "pattern":
                    if (only.Value is not JsonString patternNode)
                    {
                        Report(DiagnosticDescriptors.WrongType, only.Value.Span, "pattern", "a string", only.Value.KindName);
                        return (FormatKind.Text, 0, null, false);
                    }

                    try
                    {
                        _ = new Regex(patternNode.Value, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                    }
                    catch (ArgumentException e)
                    {
                        Report(DiagnosticDescriptors.InvalidPattern, patternNode.Span, e.Message);
                        return (FormatKind.Text, 0, null, false);
                    }

                    return (FormatKind.Pattern, 0, patternNode.Value, true);
                default:
                    Report(DiagnosticDescriptors.UnknownFormat, only.NameSpan, only.Name);
                    return (FormatKind.Text, 0, null, false);
            }
        }

        private void CheckDuplicates(List<(CredentialModel Model, JsonObject Node, Dictionary<string, JsonProperty> Properties)> credentials)
        {
            var names = new Dictionary<string, CredentialModel>(StringComparer.Ordinal);
            var parameters = new Dictionary<string, CredentialModel>(StringComparer.Ordinal);
            var roles = new Dictionary<CredentialRole, CredentialModel>();
            var variables = new Dictionary<string, CredentialModel>(StringComparer.Ordinal);
            foreach (var (model, _, properties) in credentials)
            {
                if (names.ContainsKey(model.Name))
                {
                    Report(DiagnosticDescriptors.DuplicateCredentialName, properties["name"].Value.Span, model.Name);
                }
                else
                {
                    names.Add(model.Name, model);
                }

                if (parameters.TryGetValue(model.Parameter, out var first))
                {
                    Report(DiagnosticDescriptors.DuplicateParameter, properties["parameter"].Value.Span, model.Parameter, first.Name);
                }
                else
                {
                    parameters.Add(model.Parameter, model);
                }

                if (model.Role != CredentialRole.None)
                {
                    if (roles.TryGetValue(model.Role, out var holder))
                    {
                        Report(DiagnosticDescriptors.DuplicateRole, properties["role"].Value.Span, RoleNames[(int)model.Role - 1], holder.Name);
                    }
                    else
                    {
                        roles.Add(model.Role, model);
                    }
                }

                if (variables.TryGetValue(model.EnvironmentVariable, out var other) && other.Name != model.Name)
                {
                    var span = properties.TryGetValue("environmentVariable", out var v) ? v.Value.Span : properties["name"].Value.Span;
                    Report(DiagnosticDescriptors.InvalidValue, span, "environmentVariable", "credential '" + other.Name + "' already reads the variable " + model.EnvironmentVariable);
                }
                else
                {
                    variables[model.EnvironmentVariable] = model;
                }
            }
        }

        private void CheckRoles(AuthType type, TextSpan typeSpan, List<CredentialModel> credentials)
        {
            CredentialRole[] needed = type switch
            {
                AuthType.OAuth2 => new[] { CredentialRole.ClientId, CredentialRole.ClientSecret, CredentialRole.RedirectUri },
                AuthType.Basic => new[] { CredentialRole.Username, CredentialRole.Password },
                AuthType.ApiKey => new[] { CredentialRole.ApiKey },
                _ => Array.Empty<CredentialRole>(),
            };
            var typeName = AuthTypeNames[type switch { AuthType.OAuth2 => 0, AuthType.Basic => 1, AuthType.ApiKey => 2, _ => 3 }];
            foreach (var role in needed)
            {
                if (!credentials.Exists(c => c.Role == role))
                {
                    Report(DiagnosticDescriptors.MissingRole, typeSpan, typeName, RoleNames[(int)role - 1]);
                }
            }
        }

        private bool CheckParameter(JsonString parameter)
        {
            var key = parameter.Value;
            if (key.Length == 0 || key.Trim().Length != key.Length || key.IndexOfAny(new[] { ' ', '\t', '\r', '\n', '"' }) >= 0)
            {
                Report(DiagnosticDescriptors.InvalidValue, parameter.Span, "parameter", "an Open Connectors parameter key is a non-empty word without spaces or quotes");
                return false;
            }

            if (ReservedKeys.Contains(key))
            {
                if (!UserSuppliedReservedKeys.Contains(key))
                {
                    Report(DiagnosticDescriptors.ReservedParameter, parameter.Span, key, "is filled in by the platform, not supplied by a credential");
                    return false;
                }

                return true;
            }

            foreach (var prefix in ReservedPrefixes)
            {
                if (key.StartsWith(prefix, StringComparison.Ordinal))
                {
                    Report(DiagnosticDescriptors.ReservedParameter, parameter.Span, key, "is a new key under the reserved prefix '" + prefix + "'");
                    return false;
                }
            }

            return true;
        }

        private static bool LooksSecret(string key) =>
            key.EndsWith(".secret", StringComparison.OrdinalIgnoreCase)
            || key.EndsWith(".private.key", StringComparison.OrdinalIgnoreCase)
            || key.Equals("password", StringComparison.OrdinalIgnoreCase)
            || key.EndsWith(".password", StringComparison.OrdinalIgnoreCase)
            || key.EndsWith("_secret", StringComparison.OrdinalIgnoreCase);

        private bool CheckIdentifier(JsonString node, string what, string? containingType, bool isMember = false)
        {
            var name = node.Value;
            string? problem = null;
            if (name.Length == 0)
            {
                problem = "it is empty";
            }
            else if (!SyntaxFacts.IsValidIdentifier(name) || name.IndexOf('@') >= 0)
            {
                problem = "it is not a valid C# identifier (letters, digits and '_', not starting with a digit)";
            }
            else if (SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) == SyntaxKind.GlobalKeyword)
            {
                problem = "it is a C# keyword";
            }
            else if (isMember && Array.IndexOf(GeneratedMemberNames, name) >= 0)
            {
                problem = "the generated credentials type already has a member of that name";
            }
            else if (isMember && name == containingType)
            {
                problem = "a member may not have the name of its type (" + containingType + ")";
            }

            if (problem is null)
            {
                return true;
            }

            Report(DiagnosticDescriptors.InvalidIdentifier, node.Span, name, what, problem);
            return false;
        }

        private void CheckNamespace(JsonString node)
        {
            var parts = node.Value.Split('.');
            foreach (var part in parts)
            {
                if (part.Length == 0 || !SyntaxFacts.IsValidIdentifier(part) || SyntaxFacts.GetKeywordKind(part) != SyntaxKind.None || part == "global")
                {
                    Report(DiagnosticDescriptors.InvalidIdentifier, node.Span, node.Value, "namespace", "each dotted part must be a C# identifier that is not a keyword");
                    return;
                }
            }
        }

        private static bool IsElementKey(string value)
        {
            if (value.Length == 0)
            {
                return false;
            }

            foreach (var c in value)
            {
                if (!(char.IsLetterOrDigit(c) || c == '-' || c == '_'))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsEnvironmentName(string value)
        {
            if (value.Length == 0 || !IsAsciiLetter(value[0]))
            {
                return false;
            }

            foreach (var c in value)
            {
                if (!(IsAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_'))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

        /// <summary>The properties of an object by name (first wins); reports duplicates and unknown names.</summary>
        private Dictionary<string, JsonProperty> Properties(JsonObject node, string what, string[] known)
        {
            var result = new Dictionary<string, JsonProperty>(StringComparer.Ordinal);
            foreach (var property in node.Properties)
            {
                if (result.ContainsKey(property.Name))
                {
                    Report(DiagnosticDescriptors.DuplicateJsonProperty, property.NameSpan, property.Name);
                    continue;
                }

                result.Add(property.Name, property);
                if (Array.IndexOf(known, property.Name) < 0)
                {
                    Report(DiagnosticDescriptors.UnknownProperty, property.NameSpan, property.Name, what, Suggest(property.Name, known));
                }
            }

            return result;
        }

        private static string Suggest(string name, string[] known)
        {
            var closest = ClosestName(name, known);
            return closest is null ? string.Empty : " (did you mean '" + closest + "'?)";
        }

        private JsonString? RequiredString(JsonObject node, Dictionary<string, JsonProperty> properties, string name, string what)
        {
            if (!properties.ContainsKey(name))
            {
                Report(DiagnosticDescriptors.MissingProperty, node.OpenBraceSpan, what, name);
                return null;
            }

            var value = OptionalString(properties, name);
            if (value is not null && value.Value.Length == 0)
            {
                Report(DiagnosticDescriptors.InvalidValue, value.Span, name, "it may not be empty");
                return null;
            }

            return value;
        }

        private JsonString? OptionalString(Dictionary<string, JsonProperty> properties, string name) =>
            Get<JsonString>(properties, name, JsonKind.String, "a string");

        private bool? OptionalBool(Dictionary<string, JsonProperty> properties, string name)
        {
            if (!properties.TryGetValue(name, out var property))
            {
                return null;
            }

            switch (property.Value.Kind)
            {
                case JsonKind.True: return true;
                case JsonKind.False: return false;
                default:
                    Report(DiagnosticDescriptors.WrongType, property.Value.Span, name, "true or false", property.Value.KindName);
                    return null;
            }
        }

        private (int Value, JsonNode Node)? OptionalLength(Dictionary<string, JsonProperty> properties, string name)
        {
            if (!properties.TryGetValue(name, out var property))
            {
                return null;
            }

            if (property.Value is not JsonNumber number)
            {
                Report(DiagnosticDescriptors.WrongType, property.Value.Span, name, "a number", property.Value.KindName);
                HasErrors = true;
                return null;
            }

            if (!number.TryGetInt32(out var value) || value < 0)
            {
                Report(DiagnosticDescriptors.InvalidValue, number.Span, name, "a length is a whole number, zero or more");
                HasErrors = true;
                return null;
            }

            return (value, number);
        }

        /// <summary>The value of a property when it has the expected kind; reports it otherwise.</summary>
        private T? Get<T>(Dictionary<string, JsonProperty> properties, string name, JsonKind kind, string expected)
            where T : JsonNode
        {
            if (!properties.TryGetValue(name, out var property))
            {
                return null;
            }

            var value = property.Value;
            var matches = kind == JsonKind.True ? value.Kind is JsonKind.True or JsonKind.False : value.Kind == kind;
            if (matches && value is T typed)
            {
                return typed;
            }

            if (kind != JsonKind.True)
            {
                Report(DiagnosticDescriptors.WrongType, value.Span, name, expected, value.KindName);
            }

            return null;
        }

        private LocationInfo Locate(TextSpan span) => LocationInfo.From(_path, _text, span);

        private void Report(DiagnosticDescriptor descriptor, TextSpan span, params string[] arguments)
        {
            if (descriptor.DefaultSeverity == DiagnosticSeverity.Error)
            {
                HasErrors = true;
            }

            Diagnostics.Add(DiagnosticInfo.Create(descriptor, Locate(span), arguments));
        }
    }
}
