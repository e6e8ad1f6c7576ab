using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using System.Threading;
using ConnectorGen.Catalog;
using ConnectorGen.Diagnostics;
using ConnectorGen.Helpers;
using ConnectorGen.Model;

namespace ConnectorGen.Mapping;

/// <summary>
/// The sections of a <c>*.connector.json</c> file -> a <see cref="MappingModel"/>. Errors degrade gently: a bad
/// credential is reported and left out (or, for a bad format, typed as text), a bad auth section falls back to custom
/// auth, and the model is built whenever the connector has a usable name, so the user's code keeps compiling and only
/// the located CG diagnostics show. A catalogued element key fills in the credentials and auth the file leaves out.
/// </summary>
internal sealed class MappingModelBuilder
{
    private readonly DiagnosticSink _sink;
    private readonly CancellationToken _cancellationToken;

    /// <summary>The catalogued element the mapping names, if any (its documented key exceptions apply).</summary>
    private CatalogElement? _element;

    public MappingModelBuilder(DiagnosticSink sink, CancellationToken cancellationToken)
    {
        _sink = sink;
        _cancellationToken = cancellationToken;
        ConnectorLocation = new LocationInfo(sink.Path, default, default);
    }

    /// <summary>The element definition the mapping names, if any.</summary>
    public ElementReference? Reference { get; private set; }

    /// <summary>What the rules need once the definition the mapping names is known (null without a <see cref="Reference"/>).</summary>
    public MappingDraft? Draft { get; private set; }

    /// <summary>Where a duplicate-type error about this mapping goes: its connector name.</summary>
    public LocationInfo ConnectorLocation { get; private set; }

    public MappingModel? Build(JsonObject root)
    {
        var mapping = new JsonObjectAccessor(root, "mapping", MappingVocabulary.MappingProperties, _sink);
        var connector = mapping.RequiredString(MappingVocabulary.RequiredMappingProperties[0]);
        string? connectorName = null;
        if (connector is not null)
        {
            ConnectorLocation = _sink.Locate(connector.Span);
            if (CheckIdentifier(connector, "connector name", connector.Value + GeneratedContract.CredentialsTypeSuffix, isMember: false))
            {
                connectorName = connector.Value;
            }
        }

        var elementKey = mapping.RequiredString(MappingVocabulary.RequiredMappingProperties[1]);
        if (elementKey is not null && !Identifiers.IsElementKey(elementKey.Value))
        {
            _sink.Report(DiagnosticDescriptors.InvalidValue, elementKey.Span, "elementKey", "an Open Connectors element key is a non-empty word of letters, digits, '-' and '_'");
        }

        var ns = mapping.OptionalString("namespace");
        if (ns is not null && !Identifiers.IsNamespace(ns.Value))
        {
            _sink.Report(DiagnosticDescriptors.InvalidIdentifier, ns.Span, ns.Value, "namespace", "each dotted part must be a C# identifier that is not a keyword");
            ns = null;
        }

        var section = mapping.OptionalString("configurationSection");
        if (section is not null && section.Value.Trim().Length == 0)
        {
            _sink.Report(DiagnosticDescriptors.InvalidValue, section.Span, "configurationSection", "it may not be empty");
            section = null;
        }

        var prefix = mapping.OptionalString("environmentPrefix");
        if (prefix is not null && !Identifiers.IsEnvironmentName(prefix.Value))
        {
            _sink.Report(DiagnosticDescriptors.InvalidValue, prefix.Span, "environmentPrefix", "use letters, digits and '_', starting with a letter");
            prefix = null;
        }

        var description = mapping.OptionalString("description");
        var apiBaseUrl = ReadApiBaseUrl(mapping);
        _ = mapping.OptionalString("$schema");
        var definition = mapping.OptionalString("elementDefinition");
        if (definition is not null)
        {
            if (ElementDefinitionReader.IsElementFile(definition.Value))
            {
                Reference = new ElementReference(ElementReferences.Resolve(_sink.Path, definition.Value), _sink.Locate(definition.Span));
            }
            else
            {
                _sink.Report(DiagnosticDescriptors.InvalidValue, definition.Span, "elementDefinition", "name a file ending in " + ElementDefinitionReader.FileSuffix + ", relative to this mapping");
            }
        }

        var element = _element = elementKey is null || definition is not null ? null : ElementCatalog.Find(elementKey.Value);
        var auth = new AuthSectionReader(_sink).Read(mapping, element);

        // The catalogue fills in what the file leaves out, unless the file chose another kind of authentication.
        var catalogue = element is not null && (auth.Model is null || auth.Model.Type == element.Auth.Type) ? element : null;
        var environmentPrefix = prefix?.Value ?? (connectorName is null ? "CONNECTOR" : Identifiers.EnvironmentPrefix(connectorName));
        var reads = ReadCredentials(mapping, definition is null ? elementKey : null, element is not null || definition is not null, environmentPrefix, connectorName);
        var draft = new MappingDraft(
            connectorName,
            environmentPrefix,
            reads.ToEquatableArray(),
            mapping.Has("auth") ? auth.Model : null,
            auth.Explicit,
            auth.Valid,
            _sink.Locate(auth.TypeSpan),
            elementKey?.Value,
            elementKey is null ? default : _sink.Locate(elementKey.Span));

        // A mapping that names an element definition is overlaid again once the definitions are linked
        // (ElementReferences.Resolve), and the rules report then; until then it has its own credentials only.
        var overlaid = CredentialOverlay.Apply(draft, definition is not null ? CredentialBase.Unknown : catalogue is null ? CredentialBase.None : CredentialBase.Of(catalogue, environmentPrefix));
        if (Reference is null)
        {
            _sink.Diagnostics.AddRange(overlaid.Diagnostics);
        }
        else
        {
            Draft = draft;
        }

        mapping.Finish();
        if (connectorName is null)
        {
            return null;
        }

        return new MappingModel(
            _sink.Path,
            connectorName,
            elementKey?.Value ?? string.Empty,
            ns?.Value,
            section?.Value ?? connectorName,
            environmentPrefix,
            description?.Value,
            overlaid.Auth,
            overlaid.Credentials)
        {
            ApiBaseUrl = apiBaseUrl,
        };
    }

    /// <summary>
    /// <c>apiBaseUrl</c>: the origin credentials may go to, so https (http only on loopback), no user info, query or
    /// fragment. A bad one is reported and left out: the handlers then require the application to name the origin.
    /// </summary>
    private string? ReadApiBaseUrl(JsonObjectAccessor mapping)
    {
        var node = mapping.OptionalString("apiBaseUrl");
        if (node is null)
        {
            return null;
        }

        switch (EndpointRule.Check(node.Value, originOnly: true))
        {
            case EndpointProblem.NotHttpUrl:
                _sink.Report(DiagnosticDescriptors.InvalidValue, node.Span, "apiBaseUrl", "an absolute https URL without user info, query or fragment is expected");
                return null;
            case EndpointProblem.Insecure:
                _sink.Report(DiagnosticDescriptors.InsecureEndpoint, node.Span, "apiBaseUrl");
                return null;
            default:
                return node.Value;
        }
    }

    /// <param name="elementKey">The key to name in CG1021 when credentials are missing; null when they may be.</param>
    /// <param name="optional">The catalogue or an element definition supplies credentials, so the file may have none.</param>
    private List<FileCredential> ReadCredentials(JsonObjectAccessor mapping, JsonString? elementKey, bool optional, string environmentPrefix, string? connector)
    {
        var reads = new List<FileCredential>();
        if (!mapping.Has("credentials"))
        {
            if (!optional && elementKey is not null)
            {
                var closest = ElementCatalog.Closest(elementKey.Value);
                _sink.Report(DiagnosticDescriptors.NotCatalogued, elementKey.Span, elementKey.Value, closest is null ? string.Empty : " (did you mean '" + closest + "'?)");
            }

            return reads;
        }

        var array = mapping.Get<JsonArray>("credentials", JsonKind.Array, "an array of credential objects");
        if (array is null)
        {
            return reads;
        }

        if (array.Items.Count == 0 && !optional)
        {
            _sink.Report(DiagnosticDescriptors.InvalidValue, array.Span, "credentials", "a mapping needs at least one credential");
        }

        foreach (var item in array.Items)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (item is not JsonObject credentialObject)
            {
                _sink.Report(DiagnosticDescriptors.WrongType, item.Span, "credentials[]", "an object", item.KindName);
                continue;
            }

            var node = new JsonObjectAccessor(credentialObject, "credential", MappingVocabulary.CredentialProperties, _sink);
            reads.Add(ReadCredential(node, environmentPrefix, connector));
            node.Finish();
        }

        return reads;
    }

    private FileCredential ReadCredential(JsonObjectAccessor node, string environmentPrefix, string? connector)
    {
        var role = CredentialRole.None;
        var roleInvalid = false;
        var roleNode = node.OptionalString("role");
        if (roleNode is not null && !MappingVocabulary.Roles.TryParse(roleNode.Value, out role))
        {
            _sink.Report(DiagnosticDescriptors.InvalidValue, roleNode.Span, "role", "the role must be one of " + MappingVocabulary.Roles.List() + Identifiers.Suggest(roleNode.Value, MappingVocabulary.Roles.Names));
            roleInvalid = true;
        }

        var name = node.RequiredString("name", "credential");
        if (name is not null && !CheckIdentifier(name, "credential name", connector is null ? null : connector + GeneratedContract.CredentialsTypeSuffix, isMember: true))
        {
            name = null;
        }

        var what = name is null ? "credential" : "credential '" + name.Value + "'";
        var source = node.RequiredString("source", what);
        if (source is not null && source.Value.Trim().Length == 0)
        {
            _sink.Report(DiagnosticDescriptors.InvalidValue, source.Span, "source", "the provider's label may not be empty");
            source = null;
        }

        var parameter = node.RequiredString("parameter", what);
        if (parameter is not null && !MappingRules.CheckParameterKey(_sink, parameter, _element))
        {
            parameter = null;
        }

        // A malformed "secret" is reported and read as true: when in doubt, the value is redacted. Without "secret", a
        // credential is secret by meaning (role, name or key) or because the catalogued entry it overrides is; the
        // overlay adds "or the element definition's entry it overrides" and reports CG1012 (CredentialOverlay).
        var secretNode = node.Property("secret");
        var explicitSecret = secretNode is null ? (bool?)null : node.OptionalBool("secret") ?? true;
        var bySecretMeaning = parameter is not null
            && (OpenConnectorsVocabulary.IsSecretByMeaning(role, name?.Value, parameter.Value) || CataloguedSecret(parameter.Value));
        var secret = explicitSecret ?? bySecretMeaning;
        var required = node.OptionalBool("required") ?? true;
        var description = node.OptionalString("description");
        var deprecated = node.OptionalString("deprecated");
        var (format, hexDigits, pattern) = ReadFormat(node);
        var minLength = node.OptionalLength("minLength");
        var maxLength = node.OptionalLength("maxLength");
        if (minLength is { } min && maxLength is { } max && min.Value > max.Value)
        {
            _sink.Report(DiagnosticDescriptors.InvalidValue, max.Node.Span, "maxLength", "it is smaller than minLength");
            minLength = maxLength = null;
        }

        if ((minLength is not null || maxLength is not null) && (format == FormatKind.Integer || format == FormatKind.Boolean))
        {
            var lengthNode = (minLength ?? maxLength)!.Value.Node;
            _sink.Report(DiagnosticDescriptors.InvalidValue, lengthNode.Span, minLength is not null ? "minLength" : "maxLength", "lengths apply to text formats, not to integer or boolean");
            minLength = maxLength = null;
        }

        var environmentVariable = node.OptionalString("environmentVariable");
        if (environmentVariable is not null && !Identifiers.IsEnvironmentName(environmentVariable.Value))
        {
            _sink.Report(DiagnosticDescriptors.InvalidValue, environmentVariable.Span, "environmentVariable", "use letters, digits and '_', starting with a letter");
            environmentVariable = null;
        }

        if (deprecated is not null && name is not null)
        {
            _sink.Report(DiagnosticDescriptors.DeprecatedCredential, deprecated.Span, name.Value, deprecated.Value);
        }

        var places = new CredentialPlaces(
            Place(node, "name"),
            Place(node, "parameter"),
            Place(node, "role"),
            node.Has("environmentVariable") ? Place(node, "environmentVariable") : Place(node, "name"),
            _sink.Locate(secretNode?.Value.Span ?? parameter?.Span ?? node.Node.OpenBraceSpan));
        var model = name is null || parameter is null ? null : new CredentialModel(
            name.Value,
            source?.Value ?? name.Value,
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
            environmentVariable?.Value ?? Identifiers.EnvironmentVariable(environmentPrefix, name.Value));
        return new FileCredential(
            model,
            (node.Property("name")?.Value as JsonString)?.Value,
            (node.Property("parameter")?.Value as JsonString)?.Value,
            role,
            roleInvalid,
            explicitSecret,
            bySecretMeaning,
            places);
    }

    private LocationInfo Place(JsonObjectAccessor node, string name) => _sink.Locate(node.Property(name)?.Value.Span ?? node.Node.OpenBraceSpan);

    /// <summary>Whether the catalogued element's entry for <paramref name="key"/> is secret (an override keeps that).</summary>
    private bool CataloguedSecret(string key)
    {
        if (_element is not null)
        {
            foreach (var p in _element.Parameters)
            {
                if (p.Key == key)
                {
                    return p.Secret;
                }
            }
        }

        return false;
    }

    /// <summary>The credential's format; a bad one is reported and read as text, so the property still exists.</summary>
    private (FormatKind Format, int HexDigits, string? Pattern) ReadFormat(JsonObjectAccessor node)
    {
        var property = node.Property("format");
        if (property is null)
        {
            return (FormatKind.Text, 0, null);
        }

        var value = property.Value;
        if (value is JsonString s)
        {
            if (MappingVocabulary.Formats.TryParse(s.Value, out var kind))
            {
                return (kind, 0, null);
            }

            _sink.Report(DiagnosticDescriptors.UnknownFormat, s.Span, s.Value);
            return (FormatKind.Text, 0, null);
        }

        if (value is not JsonObject o)
        {
            _sink.Report(DiagnosticDescriptors.WrongType, value.Span, "format", "a format name or an object such as { \"hex\": 32 }", value.KindName);
            return (FormatKind.Text, 0, null);
        }

        if (o.Properties.Count != 1)
        {
            _sink.Report(DiagnosticDescriptors.UnknownFormat, o.Span, o.Properties.Count == 0 ? "{}" : "an object with several properties");
            return (FormatKind.Text, 0, null);
        }

        var only = o.Properties[0];
        switch (only.Name)
        {
            case "hex":
                if (only.Value is not JsonNumber number)
                {
                    _sink.Report(DiagnosticDescriptors.WrongType, only.Value.Span, "hex", "a number of digits", only.Value.KindName);
                    return (FormatKind.Text, 0, null);
                }

                if (!number.TryGetInt32(out var digits) || digits < 1 || digits > 4096)
                {
                    _sink.Report(DiagnosticDescriptors.InvalidValue, number.Span, "hex", "the number of hexadecimal digits must be a whole number from 1 to 4096");
                    return (FormatKind.Text, 0, null);
                }

                return (FormatKind.Hex, digits, null);
            case "pattern":
                if (only.Value is not JsonString patternNode)
                {
                    _sink.Report(DiagnosticDescriptors.WrongType, only.Value.Span, "pattern", "a string", only.Value.KindName);
                    return (FormatKind.Text, 0, null);
                }

                try
                {
                    _ = new Regex(patternNode.Value, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                }
                catch (ArgumentException e)
                {
                    _sink.Report(DiagnosticDescriptors.InvalidPattern, patternNode.Span, e.Message);
                    return (FormatKind.Text, 0, null);
                }

                return (FormatKind.Pattern, 0, patternNode.Value);
            default:
                _sink.Report(DiagnosticDescriptors.UnknownFormat, only.NameSpan, only.Name);
                return (FormatKind.Text, 0, null);
        }
    }

    private bool CheckIdentifier(JsonString node, string what, string? containingType, bool isMember)
    {
        var problem = Identifiers.IdentifierProblem(node.Value, containingType, isMember);
        if (problem is null)
        {
            return true;
        }

        _sink.Report(DiagnosticDescriptors.InvalidIdentifier, node.Span, node.Value, what, problem);
        return false;
    }
}
