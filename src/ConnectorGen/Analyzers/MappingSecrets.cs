using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using ConnectorGen.Mapping;
using Microsoft.CodeAnalysis;

namespace ConnectorGen.Analyzers;

/// <summary>
/// What the secret analyzers need from the connectors a compilation can see: the Open Connectors parameter keys, the
/// configuration paths (<c>Section:Name</c>) and the environment variables of every secret credential. Local mappings
/// and element definitions are read as the generator reads them (<see cref="MappingSet"/>: a credential only an
/// element definition has counts too; a file the parser rejects contributes nothing, the generator reports it);
/// connectors of referenced projects are read from the attributes their generated credentials types carry.
/// </summary>
internal sealed class MappingSecrets
{
    public static readonly MappingSecrets Empty = new(Map(), Map(), Map(), ImmutableHashSet.Create<string>(StringComparer.Ordinal), Map());

    private MappingSecrets(
        ImmutableDictionary<string, string> parameters,
        ImmutableDictionary<string, string> configurationPaths,
        ImmutableDictionary<string, string> environmentVariables,
        ImmutableHashSet<string> publicEnvironmentVariables,
        ImmutableDictionary<string, string> variablesByKey)
    {
        _variablesByKey = variablesByKey;
        Parameters = parameters;
        ConfigurationPaths = configurationPaths;
        EnvironmentVariables = environmentVariables;
        PublicEnvironmentVariables = publicEnvironmentVariables;
    }

    /// <summary>Secret parameter key -> connector name.</summary>
    public ImmutableDictionary<string, string> Parameters { get; }

    /// <summary>Secret configuration path (case-insensitive, like IConfiguration) -> connector name.</summary>
    public ImmutableDictionary<string, string> ConfigurationPaths { get; }

    /// <summary>Environment variable that FromEnvironment() reads for a secret credential -> connector name.</summary>
    public ImmutableDictionary<string, string> EnvironmentVariables { get; }

    /// <summary>Environment variables of credentials that are not secret (client ids, servers, callback URLs).</summary>
    public ImmutableHashSet<string> PublicEnvironmentVariables { get; }

    private readonly ImmutableDictionary<string, string> _variablesByKey;

    /// <summary>The environment variable FromEnvironment() reads for a secret parameter key or configuration path (for the code fix).</summary>
    public string? VariableOf(string keyOrPath) => _variablesByKey.TryGetValue(keyOrPath, out var variable) ? variable : null;

    public bool IsEmpty => Parameters.Count == 0 && ConfigurationPaths.Count == 0 && EnvironmentVariables.Count == 0;

    /// <summary>
    /// A secret configuration path in environment-variable form (<c>Infusionsoft__ClientSecret</c>), or a secret
    /// variable of FromEnvironment(): the connector it belongs to.
    /// </summary>
    public bool TryGetEnvironmentSecret(string name, out string connector) =>
        EnvironmentVariables.TryGetValue(name, out connector!) ||
        (name.IndexOf("__", StringComparison.Ordinal) > 0 && ConfigurationPaths.TryGetValue(name.Replace("__", ":"), out connector!));

    public static MappingSecrets Read(ImmutableArray<AdditionalText> files, Compilation? compilation, CancellationToken cancellationToken)
    {
        var builder = new Builder();
        foreach (var result in MappingSet.Read(files, cancellationToken))
        {
            if (result.Model is { } model)
            {
                foreach (var credential in model.Credentials)
                {
                    builder.Add(model.Connector, model.ConfigurationSection, credential.Name, credential.Parameter, credential.EnvironmentVariable, credential.Secret);
                }
            }
        }

        if (compilation is not null)
        {
            ReadReferences(compilation, builder, cancellationToken);
        }

        return builder.IsEmpty ? Empty : builder.Build();
    }

    /// <summary>
    /// Connectors generated into referenced projects (<see cref="TypeLookup.ReferencedCredentialsTypes"/>): their
    /// credentials types carry [ConnectorCredentials] with the connector and configuration section, [ConnectorParameter]
    /// and [ConnectorSecret] on each property, and an EnvironmentVariables class.
    /// </summary>
    private static void ReadReferences(Compilation compilation, Builder builder, CancellationToken cancellationToken)
    {
        foreach (var (type, attribute) in TypeLookup.ReferencedCredentialsTypes(compilation, cancellationToken))
        {
            ReadType(type, attribute, builder);
        }
    }

    private static void ReadType(INamedTypeSymbol type, AttributeData credentialsAttribute, Builder builder)
    {
        var connector = type.Name;
        string? section = null;
        foreach (var named in credentialsAttribute.NamedArguments)
        {
            if (named.Value.Value is string { Length: > 0 } s)
            {
                if (named.Key == GeneratedContract.ConnectorProperty)
                {
                    connector = s;
                }
                else if (named.Key == GeneratedContract.ConfigurationSectionProperty)
                {
                    section = s;
                }
            }
        }

        INamedTypeSymbol? variables = null;
        foreach (var nested in type.GetTypeMembers(GeneratedContract.EnvironmentVariablesClass))
        {
            variables = nested;
        }

        foreach (var member in type.GetMembers())
        {
            if (member is not IPropertySymbol property)
            {
                continue;
            }

            string? parameter = null;
            var secret = false;
            foreach (var attribute in property.GetAttributes())
            {
                if (TypeLookup.IsMarker(attribute, GeneratedContract.ConnectorSecretAttribute))
                {
                    secret = true;
                }
                else if (TypeLookup.IsMarker(attribute, GeneratedContract.ConnectorParameterAttribute) &&
                         attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string key)
                {
                    parameter = key;
                }
            }

            if (parameter is null && !secret)
            {
                continue;
            }

            string? variable = null;
            if (variables is not null)
            {
                foreach (var constant in variables.GetMembers(property.Name))
                {
                    if (constant is IFieldSymbol { IsConst: true, ConstantValue: string name })
                    {
                        variable = name;
                    }
                }
            }

            builder.Add(connector, section ?? connector, property.Name, parameter, variable, secret);
        }
    }

    private static ImmutableDictionary<string, string> Map() => ImmutableDictionary.Create<string, string>(StringComparer.OrdinalIgnoreCase);

    private sealed class Builder
    {
        private readonly Dictionary<string, string> _parameters = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, string> _paths = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);
        private readonly HashSet<string> _publicVariables = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _variablesByKey = new(StringComparer.OrdinalIgnoreCase);

        public bool IsEmpty => _parameters.Count == 0 && _paths.Count == 0 && _variables.Count == 0 && _publicVariables.Count == 0;

        public void Add(string connector, string section, string name, string? parameter, string? variable, bool secret)
        {
            if (!secret)
            {
                if (!string.IsNullOrEmpty(variable))
                {
                    _publicVariables.Add(variable!);
                }

                return;
            }

            if (!string.IsNullOrEmpty(parameter) && !_parameters.ContainsKey(parameter!))
            {
                _parameters[parameter!] = connector;
            }

            var path = section + ":" + name;
            if (!_paths.ContainsKey(path))
            {
                _paths[path] = connector;
            }

            if (!string.IsNullOrEmpty(variable) && !_variables.ContainsKey(variable!))
            {
                _variables[variable!] = connector;
            }

            if (!string.IsNullOrEmpty(variable))
            {
                if (!string.IsNullOrEmpty(parameter) && !_variablesByKey.ContainsKey(parameter!))
                {
                    _variablesByKey[parameter!] = variable!;
                }

                if (!_variablesByKey.ContainsKey(path))
                {
                    _variablesByKey[path] = variable!;
                }
            }
        }

        public MappingSecrets Build() => new(
            _parameters.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase),
            _paths.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase),
            _variables.ToImmutableDictionary(StringComparer.Ordinal),
            _publicVariables.ToImmutableHashSet(StringComparer.Ordinal),
            _variablesByKey.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase));
    }
}
