using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ConnectorGen.Analyzers;

/// <summary>
/// Where a constant goes: climbs the operations that pass a value on unchanged (conversions, <c>??</c>, conditional and
/// switch arms, tuples, <c>Encoding.GetBytes</c>) and names the first consumer (assignment, argument, initializer,
/// return). Values stored in a local are followed to the local's uses, through chains of locals. The framework types
/// it knows are resolved once per compilation and compared as symbols.
/// </summary>
internal sealed class SinkResolver
{
    private const int MaxLocalChain = 4;

    private readonly SecretAttributeLookup _hasSecretAttribute = new();
    private readonly MappingSecrets _mappings;
    private readonly WellKnownType _authenticationHeaderValue;
    private readonly WellKnownType _dbConnectionStringBuilder;
    private readonly WellKnownType _encoding;
    private readonly WellKnownType _environment;
    private readonly WellKnownType _keyValuePair;
    private readonly WellKnownType _convert;
    private readonly WellKnownType _symmetricAlgorithm;
    private readonly WellKnownType _keyedHashAlgorithm;
    private volatile LocalUses? _lastUses;

    public SinkResolver(Compilation compilation, MappingSecrets mappings)
    {
        _mappings = mappings;
        _authenticationHeaderValue = new WellKnownType(compilation, "System.Net.Http.Headers.AuthenticationHeaderValue");
        _dbConnectionStringBuilder = new WellKnownType(compilation, "System.Data.Common.DbConnectionStringBuilder");
        _encoding = new WellKnownType(compilation, "System.Text.Encoding");
        _environment = new WellKnownType(compilation, "System.Environment");
        _keyValuePair = new WellKnownType(compilation, "System.Collections.Generic.KeyValuePair`2");
        _convert = new WellKnownType(compilation, "System.Convert");
        _symmetricAlgorithm = new WellKnownType(compilation, "System.Security.Cryptography.SymmetricAlgorithm");
        _keyedHashAlgorithm = new WellKnownType(compilation, "System.Security.Cryptography.KeyedHashAlgorithm");
    }

    public SecretAttributeLookup AttributeLookup => _hasSecretAttribute;

    /// <summary>Climbs the operations that pass a value on unchanged; records the element index when a tuple is crossed.</summary>
    public IOperation ClimbFlow(IOperation operation, out int tupleIndex)
    {
        tupleIndex = -1;
        var current = operation;
        while (current.Parent is { } parent)
        {
            // Kind first: most constants stop at their first parent (an argument, an initializer), so this loop is hot.
            switch (parent.Kind)
            {
                case OperationKind.Conversion:
                case OperationKind.Parenthesized:
                case OperationKind.Coalesce when ((ICoalesceOperation)parent).WhenNull == current:
                case OperationKind.Conditional when ((IConditionalOperation)parent).Condition != current:
                case OperationKind.SwitchExpressionArm when ((ISwitchExpressionArmOperation)parent).Value == current:
                case OperationKind.SwitchExpression when ((ISwitchExpressionOperation)parent).Value != current:
                case OperationKind.Invocation when parent is IInvocationOperation invocation && invocation.Instance == current && invocation.TargetMethod.Name is "ToArray" or "ToCharArray":
                    current = parent;
                    continue;
                case OperationKind.Tuple when tupleIndex < 0:
                    tupleIndex = ((ITupleOperation)parent).Elements.IndexOf(current);
                    current = parent;
                    continue;
                case OperationKind.Argument when parent.Parent is IInvocationOperation getBytes && getBytes.TargetMethod.Name == "GetBytes" && IsOrDerives(getBytes.TargetMethod.ContainingType, _encoding):
                    current = getBytes;
                    continue;
                case OperationKind.Argument when parent.Parent is IInvocationOperation decode && decode.TargetMethod.Name is "FromBase64String" or "FromHexString" && _convert.Is(decode.TargetMethod.ContainingType):
                    current = decode;
                    continue;
            }

            break;
        }

        return current;
    }

    /// <summary>What the value at <paramref name="top"/> reaches; a local is followed to where its value goes.</summary>
    public Sink FindSink(IOperation top, int tupleIndex, ISymbol? containingSymbol, out Sink direct)
    {
        IOperation? followedUse = null;
        direct = FindDirectSink(top, tupleIndex, containingSymbol);
        return direct.Symbol is ILocalSymbol { IsConst: false } local ? FollowLocal(top, local, direct, 0, ref followedUse) : direct;
    }

    /// <summary>
    /// The strongest sink among the uses of a local that holds the constant: mapping and authentication evidence first,
    /// then a named member or parameter, else the local itself.
    /// </summary>
    private Sink FollowLocal(IOperation from, ILocalSymbol local, Sink localSink, int depth, ref IOperation? followedUse)
    {
        if (depth >= MaxLocalChain)
        {
            return localSink;
        }

        var root = from;
        while (root.Parent is { } parent)
        {
            root = parent;
        }

        var uses = UsesIn(root);
        if (!uses.TryGet(local, out var references))
        {
            return localSink;
        }

        var best = localSink;
        foreach (var reference in references)
        {
            var top = ClimbFlow(reference, out var tupleIndex);
            var sink = FindDirectSink(top, tupleIndex, null);
            IOperation? nested = reference;
            if (sink.Symbol is ILocalSymbol { IsConst: false } next && !SymbolEqualityComparer.Default.Equals(next, local))
            {
                sink = FollowLocal(reference, next, sink, depth + 1, ref nested);
            }

            if (IsEvidence(sink))
            {
                followedUse = nested;
                return sink;
            }

            if (best.Kind != SinkKind.Symbol || best.IsLocal)
            {
                if (sink.Kind == SinkKind.Symbol && !sink.IsLocal)
                {
                    best = sink;
                    followedUse = nested;
                }
            }
        }

        return best;
    }

    /// <summary>
    /// The local-use index of an operation block. The driver hands over one block's constants together, so the index of
    /// the last block answers nearly every call; keeping only that one holds no block alive after the driver is done
    /// with it (a table of every block would keep all operation trees of the compilation in memory), and a block
    /// revisited by another thread only costs a rebuild.
    /// </summary>
    private LocalUses UsesIn(IOperation root)
    {
        var last = _lastUses;
        if (last is not null && ReferenceEquals(last.Root, root))
        {
            return last;
        }

        var uses = new LocalUses(root);
        _lastUses = uses;
        return uses;
    }

    private static bool IsEvidence(Sink sink) =>
        sink.IsConnectorSecret || sink.Kind is SinkKind.Key or SinkKind.Authorization or SinkKind.EnvironmentVariable or SinkKind.FromEnvironment or SinkKind.KeyMaterial or SinkKind.BasicCredentials;

    private Sink FindDirectSink(IOperation top, int tupleIndex, ISymbol? containingSymbol)
    {
        switch (top.Parent)
        {
            case ISimpleAssignmentOperation assignment when assignment.Value == top && tupleIndex < 0:
                return FromReference(assignment.Target);
            case IDeconstructionAssignmentOperation deconstruction when deconstruction.Value == top && tupleIndex >= 0:
                return (deconstruction.Target is IDeclarationExpressionOperation declared ? declared.Expression : deconstruction.Target) is ITupleOperation targets && tupleIndex < targets.Elements.Length
                    ? FromReference(targets.Elements[tupleIndex] is IDeclarationExpressionOperation d ? d.Expression : targets.Elements[tupleIndex])
                    : Sink.None;
            case IArgumentOperation argument when tupleIndex < 0:
                return FromArgument(argument);
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } when tupleIndex < 0:
                return Sink.ForSymbol(declarator.Symbol, _hasSecretAttribute);
            case IFieldInitializerOperation field when field.InitializedFields.Length > 0 && tupleIndex < 0:
                return Sink.ForSymbol(field.InitializedFields[0], _hasSecretAttribute);
            case IPropertyInitializerOperation property when property.InitializedProperties.Length > 0 && tupleIndex < 0:
                return Sink.ForSymbol(property.InitializedProperties[0], _hasSecretAttribute);
            case IParameterInitializerOperation parameter when tupleIndex < 0:
                return Sink.ForSymbol(parameter.Parameter, _hasSecretAttribute);
            case IReturnOperation @return when tupleIndex < 0:
                return FromReturn(@return, containingSymbol);
            default:
                return Sink.None;
        }
    }

    private Sink FromReturn(IReturnOperation @return, ISymbol? containingSymbol)
    {
        // credentials = XCredentials.FromEnvironment(name => ... "literal" ...)
        if (@return.Parent is IBlockOperation { Parent: IAnonymousFunctionOperation { Parent: IDelegateCreationOperation { Parent: IArgumentOperation { Parent: IInvocationOperation invocation } } } } &&
            invocation.TargetMethod is { Name: "FromEnvironment", IsStatic: true, ContainingType: { } credentials } && _hasSecretAttribute.CanHave(credentials))
        {
            return Sink.ForFromEnvironment(credentials);
        }

        return containingSymbol switch
        {
            IMethodSymbol { MethodKind: MethodKind.PropertyGet, AssociatedSymbol: IPropertySymbol property } => Sink.ForSymbol(property, _hasSecretAttribute),
            IPropertySymbol property => Sink.ForSymbol(property, _hasSecretAttribute),
            _ => Sink.None,
        };
    }

    private Sink FromReference(IOperation target)
    {
        switch (target)
        {
            case IPropertyReferenceOperation { Property.IsIndexer: true } indexer:
                return indexer.Arguments.Length == 1 && indexer.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string key }
                    ? Sink.ForKey(key, connectorKey: !IsOrDerives(indexer.Property.ContainingType, _dbConnectionStringBuilder))
                    : Sink.None;
            case IPropertyReferenceOperation { Property.Name: "Key" } keyProperty when IsKeyedAlgorithm(keyProperty.Property.ContainingType):
                return Sink.ForKeyMaterial(keyProperty.Property.ContainingType.Name + ".Key");
            case IPropertyReferenceOperation property:
                return Sink.ForSymbol(property.Property, _hasSecretAttribute);
            case IFieldReferenceOperation field:
                return Sink.ForSymbol(field.Field, _hasSecretAttribute);
            case ILocalReferenceOperation local:
                return Sink.ForSymbol(local.Local, _hasSecretAttribute);
            case IParameterReferenceOperation parameter:
                return Sink.ForSymbol(parameter.Parameter, _hasSecretAttribute);
            case IInvalidOperation { Syntax: IdentifierNameSyntax identifier }:
                // A member of a type the compilation cannot see (a missing package reference): its name still speaks.
                return Sink.ForUnboundName(identifier.Identifier.ValueText);
            case IInvalidOperation { Syntax: MemberAccessExpressionSyntax access }:
                return Sink.ForUnboundName(access.Name.Identifier.ValueText);
            default:
                return Sink.None;
        }
    }

    private Sink FromArgument(IArgumentOperation argument)
    {
        if (argument.Parameter is not { } parameter)
        {
            return Sink.None;
        }

        var (method, arguments) = argument.Parent switch
        {
            IInvocationOperation invocation => (invocation.TargetMethod, invocation.Arguments),
            IObjectCreationOperation creation => (creation.Constructor, creation.Arguments),
            _ => (null, ImmutableArray<IArgumentOperation>.Empty),
        };

        if (method is null)
        {
            return Sink.ForSymbol(parameter, _hasSecretAttribute);
        }

        var type = method.ContainingType;
        if (parameter.Ordinal == 1 && method.MethodKind == MethodKind.Constructor && _authenticationHeaderValue.Is(type))
        {
            return Sink.ForAuthorization("Authorization", parameterOnly: true);
        }

        if (IsKeyMaterialParameter(method, parameter))
        {
            return Sink.ForKeyMaterial(type.Name);
        }

        if (method.Name == "ToBase64String" && parameter.Ordinal == 0 && _convert.Is(type))
        {
            return Sink.ForBasicCredentials(); // only the bytes of a constant get here: Encoding.GetBytes("user:password")
        }

        if (parameter.Ordinal == 1 && method.Name == "SetEnvironmentVariable" && _environment.Is(type))
        {
            return FromEnvironmentWrite(FirstArgument(arguments));
        }

        if (parameter.Ordinal == 1 &&
            (method.Name is "Add" or "TryAdd" or "TryAddWithoutValidation" or "Append" or "Set" or "AddOrUpdate" or "Create" or "SetValue" or "Insert" ||
             (method.MethodKind == MethodKind.Constructor && (IsKeyValuePair(type) || type is { Name: "Tuple" or "ValueTuple", ContainingNamespace.Name: "System" }))) &&
            method.Parameters.Length >= 2 && method.Parameters[0].Type?.SpecialType == SpecialType.System_String)
        {
            return FirstArgument(arguments)?.Value.ConstantValue is { HasValue: true, Value: string key } ? Sink.ForKey(key) : Sink.ForSymbol(parameter, _hasSecretAttribute);
        }

        // Positional records: [property: ConnectorSecret] lands on the property, not on the parameter.
        if (method.MethodKind == MethodKind.Constructor && _hasSecretAttribute.CanHave(type) && type.IsRecord)
        {
            foreach (var member in type.GetMembers(parameter.Name))
            {
                if (member is IPropertySymbol property && Sink.HasSecretAttribute(property))
                {
                    return Sink.ForSymbol(property, _hasSecretAttribute);
                }
            }
        }

        return Sink.ForSymbol(parameter, _hasSecretAttribute);
    }

    /// <summary>Environment.SetEnvironmentVariable(name, value): a mapped secret variable, or a variable decided by its name.</summary>
    private Sink FromEnvironmentWrite(IArgumentOperation? nameArgument)
    {
        if (nameArgument?.Value.ConstantValue is not { HasValue: true, Value: string name })
        {
            return Sink.None;
        }

        if (_mappings.TryGetEnvironmentSecret(name, out var connector))
        {
            return Sink.ForEnvironmentVariable(name, connector);
        }

        // The generated constant of a referenced or local credentials type: XCredentials.EnvironmentVariables.ClientSecret.
        if (nameArgument.Value is IFieldReferenceOperation { Field: { IsConst: true, ContainingType: { Name: GeneratedContract.EnvironmentVariablesClass, ContainingType: { } credentials } } field } &&
            _hasSecretAttribute.CanHave(credentials))
        {
            foreach (var member in credentials.GetMembers(field.Name))
            {
                if (member is IPropertySymbol property && Sink.HasSecretAttribute(property))
                {
                    return Sink.ForEnvironmentVariable(name, Sink.ConnectorOf(credentials));
                }
            }

            return Sink.None;
        }

        return _mappings.PublicEnvironmentVariables.Contains(name) ? Sink.None : Sink.ForKey(name, connectorKey: false);
    }

    private static IArgumentOperation? FirstArgument(ImmutableArray<IArgumentOperation> arguments)
    {
        foreach (var other in arguments)
        {
            if (other.Parameter?.Ordinal == 0)
            {
                return other;
            }
        }

        return null;
    }

    /// <summary>
    /// The key of a signing or encryption primitive: the first argument of a <c>SymmetricSecurityKey</c>, <c>HMAC*</c>,
    /// <c>AesGcm</c>, <c>AesCcm</c> or <c>ChaCha20Poly1305</c> constructor, the <c>key</c> of <c>HMACSHA256.HashData</c> and
    /// its kin, the key of <c>SymmetricAlgorithm.CreateEncryptor/CreateDecryptor</c>.
    /// </summary>
    private bool IsKeyMaterialParameter(IMethodSymbol method, IParameterSymbol parameter)
    {
        var type = method.ContainingType;
        if (type is null || parameter.Ordinal != 0)
        {
            return false;
        }

        if (method.MethodKind == MethodKind.Constructor)
        {
            return (type.Name == "SymmetricSecurityKey" && type.ContainingNamespace?.ToDisplayString() == "Microsoft.IdentityModel.Tokens") ||
                   (type.Name is "AesGcm" or "AesCcm" or "ChaCha20Poly1305" && type.ContainingNamespace?.ToDisplayString() == "System.Security.Cryptography") ||
                   IsKeyedAlgorithm(type);
        }

        return (method.IsStatic && method.Name is "HashData" or "TryHashData" or "HashDataAsync" && parameter.Name == "key" && IsKeyedAlgorithm(type)) ||
               (method.Name is "CreateEncryptor" or "CreateDecryptor" && IsOrDerives(type, _symmetricAlgorithm));
    }

    private bool IsKeyedAlgorithm(INamedTypeSymbol? type) => IsOrDerives(type, _keyedHashAlgorithm) || IsOrDerives(type, _symmetricAlgorithm);

    private bool IsKeyValuePair(INamedTypeSymbol? type) => type is not null && _keyValuePair.Is(type.OriginalDefinition);

    private static bool IsOrDerives(INamedTypeSymbol? type, WellKnownType baseType)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (baseType.Is(t))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The references to each local of one operation block, collected once per block on first need.</summary>
    private sealed class LocalUses
    {
        private readonly Dictionary<ILocalSymbol, List<ILocalReferenceOperation>> _byLocal = new(SymbolEqualityComparer.Default);

        public LocalUses(IOperation root)
        {
            Root = root;
            foreach (var operation in root.Descendants())
            {
                if (operation is ILocalReferenceOperation { IsDeclaration: false } reference)
                {
                    if (!_byLocal.TryGetValue(reference.Local, out var list))
                    {
                        _byLocal[reference.Local] = list = new List<ILocalReferenceOperation>();
                    }

                    list.Add(reference);
                }
            }
        }

        public IOperation Root { get; }

        public bool TryGet(ILocalSymbol local, out List<ILocalReferenceOperation> references)
        {
            return _byLocal.TryGetValue(local, out references!); // read-only once built
        }
    }
}

/// <summary>
/// A framework type the analyzer compares symbols with. Resolved once per compilation, on the first candidate whose
/// simple name matches: <c>Compilation.GetTypeByMetadataName</c> searches every reference, which a compilation that
/// never mentions the type should not pay for.
/// </summary>
internal sealed class WellKnownType
{
    private readonly Compilation _compilation;
    private readonly string _metadataName;
    private readonly string _name;
    private INamedTypeSymbol? _symbol;
    private int _resolved;

    public WellKnownType(Compilation compilation, string metadataName)
    {
        _compilation = compilation;
        _metadataName = metadataName;
        var start = metadataName.LastIndexOf('.') + 1;
        var tick = metadataName.IndexOf('`');
        _name = tick > 0 ? metadataName.Substring(start, tick - start) : metadataName.Substring(start);
    }

    public bool Is(INamedTypeSymbol? type)
    {
        if (type is null || type.Name != _name)
        {
            return false;
        }

        if (Volatile.Read(ref _resolved) == 0)
        {
            _symbol = TypeLookup.Find(_compilation, _metadataName);
            Volatile.Write(ref _resolved, 1);
        }

        return SymbolEqualityComparer.Default.Equals(type, _symbol);
    }
}

/// <summary>
/// Whether a symbol's assembly defines <c>ConnectorGen.ConnectorSecretAttribute</c> (the generator emits it as an internal
/// type into every assembly that has a mapping), cached per assembly. Only symbols of such assemblies can carry the
/// attribute, so attributes of framework symbols are never decoded, and no assembly is loaded only to look for it.
/// </summary>
internal sealed class SecretAttributeLookup
{
    private readonly ConcurrentDictionary<IAssemblySymbol, bool> _assemblies = new(ReferenceComparer<IAssemblySymbol>.Instance);

    public bool CanHave(ISymbol symbol) =>
        symbol.ContainingAssembly is { } assembly &&
        _assemblies.GetOrAdd(assembly, static a => TypeLookup.Defines(a, GeneratedContract.ConnectorSecretAttributeMetadataName));
}
