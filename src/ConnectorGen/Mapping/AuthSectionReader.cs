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

            var hosts = ReadHosts(auth) ?? known?.AuthorizationHosts ?? EquatableArray<string>.Empty;
            return (new AuthModel(type, authorization, token, scopes, pkce, codeAuth, refreshAuth) { AuthorizationHosts = hosts }, typeNode.Span, true, valid);
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

        if (!Uri.TryCreate(endpoint.Value, UriKind.Absolute, out var uri) || (uri.Scheme != "https" && uri.Scheme != "http"))
        {
            _sink.Report(DiagnosticDescriptors.InvalidValue, endpoint.Span, name, "an absolute https URL is expected");
            valid = false;
            return null;
        }

        if (uri.Scheme != "https" && !uri.IsLoopback)
        {
            _sink.Report(DiagnosticDescriptors.InsecureEndpoint, endpoint.Span, name);
            valid = false;
            return null;
        }

        return endpoint.Value;
    }
}
