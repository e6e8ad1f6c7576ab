using System;
using System.Collections.Generic;
using ConnectorGen.Catalog;
using ConnectorGen.Diagnostics;
using ConnectorGen.Helpers;
using ConnectorGen.Model;
using Microsoft.CodeAnalysis.Text;

namespace ConnectorGen.Mapping;

/// <summary>
/// The <c>auth</c> section of a mapping -> <see cref="AuthModel"/>. Without a section, a catalogued element's auth
/// applies (null is returned so the builder takes it); an oauth2 section may leave out the endpoints the catalogue
/// knows. A bad section is reported and read as custom auth (or oauth2 without the rejected endpoint), never as a
/// reason to drop the connector; <c>Valid</c> false then silences the role checks that would only repeat the mistake.
/// </summary>
internal sealed class AuthSectionReader
{
    private readonly DiagnosticSink _sink;

    public AuthSectionReader(DiagnosticSink sink) => _sink = sink;

    public (AuthModel? Model, TextSpan TypeSpan, bool Explicit, bool Valid) Read(JsonObjectAccessor mapping, CatalogElement? element)
    {
        var authProperty = mapping.Property("auth");
        if (authProperty is null)
        {
            return (element is null ? AuthModel.Custom : null, default, false, true);
        }

        if (authProperty.Value is not JsonObject authObject)
        {
            _sink.Report(DiagnosticDescriptors.WrongType, authProperty.Value.Span, "auth", "an object", authProperty.Value.KindName);
            return (AuthModel.Custom, default, false, false);
        }

        var auth = new JsonObjectAccessor(authObject, "auth section", MappingVocabulary.AuthProperties, _sink);
        try
        {
            var typeNode = auth.RequiredString("type", "auth section");
            if (typeNode is null)
            {
                return (AuthModel.Custom, default, false, false);
            }

            if (!MappingVocabulary.AuthTypes.TryParse(typeNode.Value, out var type))
            {
                _sink.Report(DiagnosticDescriptors.InvalidValue, typeNode.Span, "type", "the authentication type must be one of " + MappingVocabulary.AuthTypes.List() + Identifiers.Suggest(typeNode.Value, MappingVocabulary.AuthTypes.Names));
                return (AuthModel.Custom, typeNode.Span, false, false);
            }

            var known = element is not null && element.Auth.Type == type ? element.Auth : null;
            var valid = true;
            var authorization = Endpoint(auth, "authorizationEndpoint", ref valid);
            var token = Endpoint(auth, "tokenEndpoint", ref valid);
            if (type == AuthType.OAuth2)
            {
                // A rejected endpoint is already reported; a missing one is filled from the catalogue when it knows it.
                if (authorization is null && !auth.Has("authorizationEndpoint") && known?.AuthorizationEndpoint is null)
                {
                    auth.ReportMissing("authorizationEndpoint", "oauth2 auth section");
                    valid = false;
                }

                if (token is null && !auth.Has("tokenEndpoint") && known?.TokenEndpoint is null)
                {
                    auth.ReportMissing("tokenEndpoint", "oauth2 auth section");
                    valid = false;
                }

                if (!auth.Has("authorizationEndpoint"))
                {
                    authorization = known?.AuthorizationEndpoint;
                }

                if (!auth.Has("tokenEndpoint"))
                {
                    token = known?.TokenEndpoint;
                }
            }

            var scopes = ReadScopes(auth) ?? known?.Scopes ?? EquatableArray<string>.Empty;
            var pkce = auth.OptionalBool("pkce") ?? false;
            var codeAuth = ClientAuthentication.Body;
            var refreshAuth = ClientAuthentication.Basic;
            var clientAuthObject = auth.Get<JsonObject>("clientAuthentication", JsonKind.Object, "an object");
            if (clientAuthObject is not null)
            {
                var clientAuth = new JsonObjectAccessor(clientAuthObject, "clientAuthentication section", MappingVocabulary.ClientAuthenticationProperties, _sink);
                codeAuth = ReadClientAuthentication(clientAuth, "authorizationCode") ?? codeAuth;
                refreshAuth = ReadClientAuthentication(clientAuth, "refreshToken") ?? refreshAuth;
                clientAuth.Finish();
            }

            var model = new AuthModel(type, authorization, token, scopes, pkce, codeAuth, refreshAuth)
            {
                AuthorizationHosts = ReadHosts(auth) ?? known?.AuthorizationHosts ?? EquatableArray<string>.Empty,
                DeadGrantErrors = ReadDeadGrantErrors(auth) ?? known?.DeadGrantErrors ?? AuthModel.DefaultDeadGrantErrors,
            };
            model = ReadApiKey(auth, model, known);
            return (model, typeNode.Span, true, valid);
        }
        finally
        {
            auth.Finish();
        }
    }

    private EquatableArray<string>? ReadScopes(JsonObjectAccessor auth)
    {
        var array = auth.Get<JsonArray>("scopes", JsonKind.Array, "an array of strings");
        if (array is null)
        {
            return null;
        }

        var scopes = new List<string>();
        foreach (var item in array.Items)
        {
            if (item is not JsonString scope)
            {
                _sink.Report(DiagnosticDescriptors.WrongType, item.Span, "scopes[]", "a string", item.KindName);
            }
            else if (scope.Value.Length == 0 || scope.Value.IndexOf(' ') >= 0)
            {
                _sink.Report(DiagnosticDescriptors.InvalidValue, scope.Span, "scopes[]", "a scope is a non-empty word without spaces");
            }
            else
            {
                scopes.Add(scope.Value);
            }
        }

        return scopes.ToEquatableArray();
    }

    /// <summary><c>authorizationHosts</c>: DNS host names only (no scheme, port or path), each reported where it is wrong.</summary>
    private EquatableArray<string>? ReadHosts(JsonObjectAccessor auth)
    {
        var array = auth.Get<JsonArray>("authorizationHosts", JsonKind.Array, "an array of host names");
        if (array is null)
        {
            return null;
        }

        var hosts = new List<string>();
        foreach (var item in array.Items)
        {
            if (item is not JsonString host)
            {
                _sink.Report(DiagnosticDescriptors.WrongType, item.Span, "authorizationHosts[]", "a string", item.KindName);
            }
            else if (Uri.CheckHostName(host.Value) != UriHostNameType.Dns)
            {
                _sink.Report(DiagnosticDescriptors.InvalidValue, host.Span, "authorizationHosts[]", "a host name such as signin.example.com is expected (no scheme, port or path)");
            }
            else
            {
                hosts.Add(host.Value.ToLowerInvariant());
            }
        }

        return hosts.ToEquatableArray();
    }

    /// <summary>
    /// <c>deadGrantErrors</c>: RFC 6749 error codes (<c>%x20-21 / %x23-5B / %x5D-7E</c>, no space); null when absent.
    /// An empty list is refused: every provider says "dead" somehow, and without one a dead token would be sent forever.
    /// </summary>
    private EquatableArray<string>? ReadDeadGrantErrors(JsonObjectAccessor auth)
    {
        var array = auth.Get<JsonArray>("deadGrantErrors", JsonKind.Array, "an array of error codes");
        if (array is null)
        {
            return null;
        }

        var codes = new List<string>();
        foreach (var item in array.Items)
        {
            if (item is not JsonString code)
            {
                _sink.Report(DiagnosticDescriptors.WrongType, item.Span, "deadGrantErrors[]", "a string", item.KindName);
            }
            else if (!IsErrorCode(code.Value))
            {
                _sink.Report(DiagnosticDescriptors.InvalidValue, code.Span, "deadGrantErrors[]", "an OAuth error code such as invalid_grant (printable ASCII, no spaces, quotes or backslashes)");
            }
            else if (!codes.Contains(code.Value))
            {
                codes.Add(code.Value);
            }
        }

        if (codes.Count == 0)
        {
            if (array.Items.Count != 0)
            {
                return null; // each bad item is reported already
            }

            _sink.Report(DiagnosticDescriptors.InvalidValue, array.Span, "deadGrantErrors", "name at least one error code (the default is [\"invalid_grant\"])");
            return null;
        }

        return codes.ToEquatableArray();
    }

    private static bool IsErrorCode(string value)
    {
        if (value.Length == 0 || value.Length > 100)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c <= 0x20 || c > 0x7e || c == '"' || c == '\\')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>apiKeyIn</c> and <c>apiKeyName</c>: only meaningful for apiKey auth, reported elsewhere.</summary>
    private AuthModel ReadApiKey(JsonObjectAccessor auth, AuthModel model, AuthModel? known)
    {
        var location = auth.OptionalString("apiKeyIn");
        var name = auth.OptionalString("apiKeyName");
        if (model.Type != AuthType.ApiKey)
        {
            foreach (var node in new[] { location, name })
            {
                if (node is not null)
                {
                    _sink.Report(DiagnosticDescriptors.InvalidValue, node.Span, location == node ? "apiKeyIn" : "apiKeyName", "it applies to \"type\": \"apiKey\" only");
                }
            }

            return model;
        }

        var result = model with { ApiKeyIn = known?.ApiKeyIn ?? ApiKeyLocation.Header, ApiKeyName = known?.ApiKeyName };
        if (location is not null)
        {
            if (MappingVocabulary.ApiKeyLocations.TryParse(location.Value, out var parsed))
            {
                result = result with { ApiKeyIn = parsed };
            }
            else
            {
                _sink.Report(DiagnosticDescriptors.InvalidValue, location.Span, "apiKeyIn", "use \"header\" or \"query\"");
            }
        }

        if (name is not null)
        {
            if (IsHeaderName(name.Value))
            {
                result = result with { ApiKeyName = name.Value };
            }
            else
            {
                _sink.Report(DiagnosticDescriptors.InvalidValue, name.Span, "apiKeyName", "a header or query parameter name: letters, digits and !#$%&'*+-.^_`|~ (RFC 9110 token)");
            }
        }

        return result;
    }

    // RFC 9110 token: valid as a header name and needs no escaping in a query.
    private static bool IsHeaderName(string value)
    {
        if (value.Length == 0 || value.Length > 100)
        {
            return false;
        }

        foreach (var c in value)
        {
            var ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".IndexOf(c) >= 0;
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private ClientAuthentication? ReadClientAuthentication(JsonObjectAccessor clientAuth, string name)
    {
        var value = clientAuth.OptionalString(name);
        if (value is null)
        {
            return null;
        }

        if (MappingVocabulary.ClientAuthentications.TryParse(value.Value, out var result))
        {
            return result;
        }

        _sink.Report(DiagnosticDescriptors.InvalidValue, value.Span, name, "use \"body\" (client_secret_post) or \"basic\" (client_secret_basic)");
        return null;
    }

    /// <summary>An absolute https (or loopback http) URL; null and reported otherwise, which also clears <paramref name="valid"/>.</summary>
    private string? Endpoint(JsonObjectAccessor auth, string name, ref bool valid)
    {
        var endpoint = auth.OptionalString(name);
        if (endpoint is null)
        {
            valid &= !auth.Has(name);
            return null;
        }

        switch (EndpointRule.Check(endpoint.Value))
        {
            case EndpointProblem.NotHttpUrl:
                _sink.Report(DiagnosticDescriptors.InvalidValue, endpoint.Span, name, "an absolute https URL is expected");
                valid = false;
                return null;
            case EndpointProblem.Insecure:
                _sink.Report(DiagnosticDescriptors.InsecureEndpoint, endpoint.Span, name);
                valid = false;
                return null;
            default:
                return endpoint.Value;
        }
    }
}
