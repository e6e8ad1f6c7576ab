using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using ConnectorGen.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ConnectorGen.Analyzers;

/// <summary>
/// CG2001 (connector secret), CG2002 (known credential format) and CG2003 (secret by name or sink) in C# code.
/// The analyzer starts from every constant (literals of every kind, references to const and constant-initialized
/// static readonly fields and const locals), climbs the operations that carry the value unchanged (conversions,
/// <c>??</c>, conditional and switch arms, tuples, concatenation and interpolation of constants) and decides from the
/// first operation that consumes it (assignment, argument, initializer, return) what the value reaches. Starting from
/// the constant gives each constant exactly one decision: CG2001 wins over CG2002, which wins over CG2003.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HardcodedConnectorSecretAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        SecretDiagnosticDescriptors.HardcodedConnectorSecret,
        SecretDiagnosticDescriptors.KnownCredentialFormat,
        SecretDiagnosticDescriptors.HardcodedSecret);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var compilation = start.Compilation;
            if (compilation.GetSpecialType(SpecialType.System_String).TypeKind == TypeKind.Error)
            {
                return; // half-built compilation without a core library: nothing can be decided
            }

            var state = new State(
                MappingSecrets.Read(start.Options.AdditionalFiles, start.CancellationToken),
                start.Options.AnalyzerConfigOptionsProvider);
            start.RegisterOperationAction(
                state.AnalyzeConstant,
                OperationKind.Literal,
                OperationKind.Utf8String,
                OperationKind.FieldReference,
                OperationKind.LocalReference);
        });
    }

    /// <summary>Per-compilation state: mappings and options are read once, not per constant.</summary>
    private sealed class State
    {
        private readonly MappingSecrets _mappings;
        private readonly SecretAttributeLookup _hasSecretAttribute = new();
        private readonly Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider _optionsProvider;
        private readonly ConcurrentDictionary<SyntaxTree, SecretAnalyzerOptions> _options = new();
        private readonly ConcurrentDictionary<IFieldSymbol, string?> _readonlyFieldValues = new(SymbolEqualityComparer.Default);

        public State(MappingSecrets mappings, Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider optionsProvider)
        {
            _mappings = mappings;
            _optionsProvider = optionsProvider;
        }

        private readonly ConcurrentDictionary<string, SecretAnalyzerOptions> _distinctOptions = new(StringComparer.Ordinal);

        /// <summary>Options per tree, shared between trees with the same settings so that their name caches are shared too.</summary>
        private SecretAnalyzerOptions OptionsFor(SyntaxTree tree)
        {
            if (_options.TryGetValue(tree, out var options))
            {
                return options; // the common path allocates nothing
            }

            var read = SecretAnalyzerOptions.Read(_optionsProvider.GetOptions(tree), _optionsProvider.GlobalOptions);
            return _options.GetOrAdd(tree, _distinctOptions.GetOrAdd(read.Identity, read));
        }

        public void AnalyzeConstant(OperationAnalysisContext context)
        {
            var leaf = context.Operation;
            var value = LeafValue(leaf, out var namedConstant);
            if (value is null || leaf.Syntax is null)
            {
                return;
            }

            if (leaf.Parent is IInterpolationOperation interpolation && interpolation.FormatString == leaf)
            {
                return; // {value:N2}: a format, not data
            }

            var options = OptionsFor(leaf.Syntax.SyntaxTree);

            // Concatenations and interpolations: a fully constant combination is one constant, owned by its first leaf.
            var unit = leaf;
            var combination = ClimbCombination(leaf);
            var partial = false;
            if (combination != leaf)
            {
                var combined = Evaluate(combination);
                partial = combined is null;
                if (combined is not null)
                {
                    if (!IsFirstLeaf(leaf, combination))
                    {
                        return;
                    }

                    unit = combination;
                    value = combined;
                    namedConstant = null;
                }
            }

            var flowTop = ClimbFlow(combination, out var tupleIndex);
            var sink = FindSink(flowTop, tupleIndex, context.ContainingSymbol);
            var finding = Classify(value, sink, options);
            if (finding is null)
            {
                return;
            }

            // A literal prefix of a value built at run time ("bench-" + Guid.NewGuid()) is a label, not a hard-coded
            // secret by where it goes; what such a literal itself carries (a known format, a password inside a
            // connection string or URI) is still reported.
            if (partial && !IsContentFinding(finding) && !char.IsLetterOrDigit(value[value.Length - 1]))
            {
                return;
            }

            // A named constant whose own declaration is reported is reported there, once.
            if (namedConstant is not null && namedConstant.DeclaringSyntaxReferences.Length > 0)
            {
                var declaration = Classify(value, Sink.ForSymbol(namedConstant, _hasSecretAttribute), OptionsFor(namedConstant.DeclaringSyntaxReferences[0].SyntaxTree));
                if (declaration is not null)
                {
                    return;
                }
            }

            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties[SecretDiagnosticDescriptors.EnvironmentVariableProperty] = finding.EnvironmentVariable;
            if (finding.EnvironmentVariableConstant is not null)
            {
                properties[SecretDiagnosticDescriptors.EnvironmentVariableConstantProperty] = finding.EnvironmentVariableConstant;
            }

            if (IsFixable(unit, flowTop))
            {
                properties[SecretDiagnosticDescriptors.FixableProperty] = "true";
            }

            context.ReportDiagnostic(Diagnostic.Create(finding.Descriptor, unit.Syntax.GetLocation(), properties.ToImmutable(), finding.Target, finding.Reason));
        }

        /// <summary>The string a constant leaf stands for, or null when the operation is not a string constant.</summary>
        private string? LeafValue(IOperation operation, out ISymbol? namedConstant)
        {
            namedConstant = null;
            switch (operation)
            {
                case ILiteralOperation literal:
                    return literal.ConstantValue.HasValue ? literal.ConstantValue.Value as string : null;
                case IUtf8StringOperation utf8:
                    return utf8.Value;
                case ILocalReferenceOperation local when local.Local is { IsConst: true } && local.ConstantValue.HasValue && local.ConstantValue.Value is string s:
                    namedConstant = local.Local;
                    return s;
                case IFieldReferenceOperation fieldReference when fieldReference.Field is { } field:
                    if (field.IsConst)
                    {
                        namedConstant = field;
                        return fieldReference.ConstantValue.HasValue ? fieldReference.ConstantValue.Value as string : null;
                    }

                    if (field.IsStatic && field.IsReadOnly && field.Type?.SpecialType == SpecialType.System_String)
                    {
                        var v = ReadonlyFieldValue(field);
                        if (v is not null)
                        {
                            namedConstant = field;
                        }

                        return v;
                    }

                    return null;
                default:
                    return null;
            }
        }

        /// <summary>The constant initializer of a static readonly field, read from its declaration syntax.</summary>
        private string? ReadonlyFieldValue(IFieldSymbol field) =>
            _readonlyFieldValues.GetOrAdd(field, static f =>
                f.DeclaringSyntaxReferences.Length == 1 && f.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } initializer }
                    ? EvaluateSyntax(initializer)
                    : null);

        private static string? EvaluateSyntax(ExpressionSyntax expression) => expression switch
        {
            LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => literal.Token.ValueText,
            ParenthesizedExpressionSyntax parenthesized => EvaluateSyntax(parenthesized.Expression),
            BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression) =>
                EvaluateSyntax(binary.Left) is { } left && EvaluateSyntax(binary.Right) is { } right ? left + right : null,
            InterpolatedStringExpressionSyntax interpolated => EvaluateInterpolatedSyntax(interpolated),
            _ => null,
        };

        private static string? EvaluateInterpolatedSyntax(InterpolatedStringExpressionSyntax interpolated)
        {
            var text = string.Empty;
            foreach (var content in interpolated.Contents)
            {
                if (content is not InterpolatedStringTextSyntax part)
                {
                    return null;
                }

                text += part.TextToken.ValueText;
            }

            return text;
        }

        /// <summary>The value of a combination of constants, or null when any part is not constant.</summary>
        private string? Evaluate(IOperation operation)
        {
            if (operation.ConstantValue.HasValue)
            {
                return operation.ConstantValue.Value as string;
            }

            switch (operation)
            {
                case IFieldReferenceOperation or ILocalReferenceOperation or IUtf8StringOperation:
                    return LeafValue(operation, out _);
                case IConversionOperation conversion:
                    return Evaluate(conversion.Operand);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
                    return Evaluate(binary.LeftOperand) is { } l && Evaluate(binary.RightOperand) is { } r ? l + r : null;
                case IInterpolatedStringOperation interpolated:
                    var text = string.Empty;
                    foreach (var part in interpolated.Parts)
                    {
                        string? piece = part switch
                        {
                            IInterpolatedStringTextOperation t => Evaluate(t.Text),
                            IInterpolationOperation { Alignment: null, FormatString: null } i => Evaluate(i.Expression),
                            _ => null,
                        };
                        if (piece is null)
                        {
                            return null;
                        }

                        text += piece;
                    }

                    return text;
                default:
                    return null;
            }
        }

        private static IOperation ClimbCombination(IOperation operation)
        {
            var current = operation;
            while (current.Parent is { } parent)
            {
                if (parent is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary && binary.Type?.SpecialType == SpecialType.System_String)
                {
                    current = parent;
                }
                else if (parent is IInterpolatedStringTextOperation or IInterpolationOperation or IInterpolatedStringOperation)
                {
                    current = parent;
                }
                else if (parent is IConversionOperation { IsImplicit: true } conversion && conversion.Parent is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add })
                {
                    current = parent;
                }
                else
                {
                    break;
                }
            }

            return current;
        }

        private static bool IsFirstLeaf(IOperation leaf, IOperation combination)
        {
            var current = leaf;
            while (current != combination && current.Parent is { } parent)
            {
                var first = parent switch
                {
                    IBinaryOperation binary => binary.LeftOperand == current,
                    IInterpolatedStringOperation interpolated => interpolated.Parts.Length > 0 && interpolated.Parts[0] == current,
                    _ => true,
                };
                if (!first)
                {
                    return false;
                }

                current = parent;
            }

            return true;
        }

        /// <summary>Climbs the operations that pass a value on unchanged; records the element index when a tuple is crossed.</summary>
        private static IOperation ClimbFlow(IOperation operation, out int tupleIndex)
        {
            tupleIndex = -1;
            var current = operation;
            while (current.Parent is { } parent)
            {
                switch (parent)
                {
                    case IConversionOperation:
                    case IParenthesizedOperation:
                    case ICoalesceOperation coalesce when coalesce.WhenNull == current:
                    case IConditionalOperation conditional when conditional.Condition != current:
                    case ISwitchExpressionArmOperation arm when arm.Value == current:
                    case ISwitchExpressionOperation switchExpression when switchExpression.Value != current:
                    case IInvocationOperation invocation when invocation.Instance == current && invocation.TargetMethod.Name is "ToArray" or "ToCharArray":
                        current = parent;
                        continue;
                    case ITupleOperation tuple when tupleIndex < 0:
                        tupleIndex = tuple.Elements.IndexOf(current);
                        current = parent;
                        continue;
                    case IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "GetBytes", ContainingType.Name: "Encoding" } } getBytes }:
                        current = getBytes;
                        continue;
                }

                break;
            }

            return current;
        }

        /// <summary>What the value at <paramref name="top"/> reaches.</summary>
        private Sink FindSink(IOperation top, int tupleIndex, ISymbol? containingSymbol)
        {
            switch (top.Parent)
            {
                case ISimpleAssignmentOperation assignment when assignment.Value == top && tupleIndex < 0:
                    return FromReference(assignment.Target);
                case IDeconstructionAssignmentOperation deconstruction when deconstruction.Value == top && tupleIndex >= 0:
                    return (deconstruction.Target is IDeclarationExpressionOperation declared ? declared.Expression : deconstruction.Target) is ITupleOperation targets && tupleIndex < targets.Elements.Length
                        ? FromReference(targets.Elements[tupleIndex] is IDeclarationExpressionOperation d ? d.Expression : targets.Elements[tupleIndex])
                        : Sink.None;
                case IDeconstructionAssignmentOperation deconstruction when deconstruction.Value is IConversionOperation { Operand: ITupleOperation } && tupleIndex >= 0:
                    return Sink.None;
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
                case IReturnOperation when tupleIndex < 0 && containingSymbol is IMethodSymbol { MethodKind: MethodKind.PropertyGet, AssociatedSymbol: IPropertySymbol property }:
                    return Sink.ForSymbol(property, _hasSecretAttribute);
                case IReturnOperation when tupleIndex < 0 && containingSymbol is IPropertySymbol property:
                    return Sink.ForSymbol(property, _hasSecretAttribute);
                default:
                    return Sink.None;
            }
        }

        private Sink FromReference(IOperation target)
        {
            switch (target)
            {
                case IPropertyReferenceOperation { Property.IsIndexer: true } indexer:
                    return indexer.Arguments.Length == 1 && indexer.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string key }
                        ? Sink.ForKey(key, connectorKey: !IsConnectionStringBuilder(indexer.Property.ContainingType))
                        : Sink.None;
                case IPropertyReferenceOperation property:
                    return Sink.ForSymbol(property.Property, _hasSecretAttribute);
                case IFieldReferenceOperation field:
                    return Sink.ForSymbol(field.Field, _hasSecretAttribute);
                case ILocalReferenceOperation local:
                    return Sink.ForSymbol(local.Local, _hasSecretAttribute);
                case IParameterReferenceOperation parameter:
                    return Sink.ForSymbol(parameter.Parameter, _hasSecretAttribute);
                default:
                    return Sink.None;
            }
        }

        private static bool IsConnectionStringBuilder(INamedTypeSymbol? type)
        {
            for (var t = type; t is not null; t = t.BaseType)
            {
                if (t.Name == "DbConnectionStringBuilder" && t.ContainingNamespace?.ToDisplayString() == "System.Data.Common")
                {
                    return true;
                }
            }

            return false;
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
            if (parameter.Ordinal == 1 && method.MethodKind == MethodKind.Constructor && type is { Name: "AuthenticationHeaderValue" } &&
                type.ContainingNamespace?.ToDisplayString() == "System.Net.Http.Headers")
            {
                return Sink.ForAuthorization("Authorization", parameterOnly: true);
            }

            if (parameter.Ordinal == 1 && method.Parameters.Length >= 2 && method.Parameters[0].Type?.SpecialType == SpecialType.System_String &&
                (method.Name is "Add" or "TryAdd" or "TryAddWithoutValidation" or "Append" or "Set" or "AddOrUpdate" or "Create" or "SetValue" or "Insert" ||
                 (method.MethodKind == MethodKind.Constructor && type is { Name: "KeyValuePair" or "Tuple" or "ValueTuple" })))
            {
                foreach (var other in arguments)
                {
                    if (other.Parameter?.Ordinal == 0)
                    {
                        return other.Value.ConstantValue is { HasValue: true, Value: string key } ? Sink.ForKey(key) : Sink.ForSymbol(parameter, _hasSecretAttribute);
                    }
                }
            }

            // Positional records: [property: ConnectorSecret] lands on the property, not on the parameter.
            if (method.MethodKind == MethodKind.Constructor && type is { IsRecord: true } && _hasSecretAttribute.CanHave(type))
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

        private static bool IsContentFinding(Finding finding) =>
            finding.Descriptor == SecretDiagnosticDescriptors.KnownCredentialFormat
            || finding.Target is "a connection string password" or "a password in a URI";

        private Finding? Classify(string value, Sink sink, SecretAnalyzerOptions options)
        {
            if (value.Length == 0 || string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            // CG2001: the mapping says so.
            if (sink.IsConnectorSecret || (sink.Key is { } k && sink.IsConnectorKey && (_mappings.Parameters.ContainsKey(k) || SecretText.WellKnownSecretParameters.Contains(k) || _mappings.ConfigurationPaths.ContainsKey(k))))
            {
                if (IsPlausibleForConnector(value, sink.Name))
                {
                    return new Finding(SecretDiagnosticDescriptors.HardcodedConnectorSecret, sink.Display, ConnectorReason(sink), sink.EnvironmentVariable, sink.EnvironmentVariableConstant);
                }

                return null;
            }

            // CG2002: the value says so.
            var name = sink.Name ?? string.Empty;
            var info = options.GetNameInfo(name);
            var format = SecretText.FindKnownFormat(value, info.KeyContext, info.AwsContext);
            if (format is null && sink.IsAuthorization)
            {
                var credential = SecretText.StripScheme(value);
                if (credential.Length > 0 && SecretText.IsJwt(credential, 0))
                {
                    format = "a JWT bearer token";
                }
            }

            if (format is not null)
            {
                return new Finding(SecretDiagnosticDescriptors.KnownCredentialFormat, format, string.Empty, sink.EnvironmentVariable ?? "SECRET", null);
            }

            if (!options.ReportCg2003 || (sink.Key is { } publicKey && SecretText.WellKnownPublicParameters.Contains(publicKey)))
            {
                return null;
            }

            // CG2003: the name or the sink says so.
            if (sink.IsAuthorization)
            {
                return SecretText.HasAuthorizationCredential(value, sink.ParameterOnly)
                    ? new Finding(SecretDiagnosticDescriptors.HardcodedSecret, "the Authorization header", "authentication sink", "AUTHORIZATION", null)
                    : null;
            }

            if (sink.Key is { } key && (string.Equals(key, "Authorization", StringComparison.OrdinalIgnoreCase) || string.Equals(key, "Proxy-Authorization", StringComparison.OrdinalIgnoreCase)))
            {
                return SecretText.HasAuthorizationCredential(value, parameterOnly: false)
                    ? new Finding(SecretDiagnosticDescriptors.HardcodedSecret, "the " + key + " header", "authentication sink", SecretText.ToEnvironmentVariableName(key), null)
                    : null;
            }

            if (info.SecretWord is { } word)
            {
                return SecretText.IsPlausibleSecret(value, name, word)
                    ? new Finding(SecretDiagnosticDescriptors.HardcodedSecret, sink.Display, "its name says '" + word + "'", sink.EnvironmentVariable, null)
                    : null;
            }

            if (SecretText.HasConnectionStringPassword(value))
            {
                return new Finding(SecretDiagnosticDescriptors.HardcodedSecret, "a connection string password", "authentication sink", sink.EnvironmentVariable ?? "CONNECTION_STRING", null);
            }

            if (SecretText.HasUserInfoPassword(value, out _))
            {
                return new Finding(SecretDiagnosticDescriptors.HardcodedSecret, "a password in a URI", "authentication sink", sink.EnvironmentVariable ?? "URI", null);
            }

            return null;
        }

        private static bool IsPlausibleForConnector(string value, string? name)
        {
            var v = value.Trim();
            if (v.Length == 0 || SecretText.IsPlaceholder(v) || SecretText.IsTrivial(v) || SecretText.WellKnownSecretParameters.Contains(v))
            {
                return false;
            }

            return !(name is not null && string.Equals(v, name, StringComparison.OrdinalIgnoreCase)) && !SecretText.LooksLikeParameterOrEnvironmentName(v);
        }

        private string ConnectorReason(Sink sink)
        {
            if (sink.IsConnectorSecret)
            {
                return "marked [ConnectorSecret]";
            }

            var key = sink.Key!;
            if (_mappings.Parameters.TryGetValue(key, out var connector))
            {
                return "secret parameter of connector '" + connector + "'";
            }

            if (_mappings.ConfigurationPaths.TryGetValue(key, out connector))
            {
                return "configuration path of a secret credential of connector '" + connector + "'";
            }

            return "well-known secret Open Connectors parameter";
        }

        private static bool IsFixable(IOperation unit, IOperation top)
        {
            if (unit is IUtf8StringOperation || unit.Type?.SpecialType != SpecialType.System_String)
            {
                return false;
            }

            for (var node = unit.Syntax; node is not null; node = node.Parent)
            {
                switch (node)
                {
                    case AttributeSyntax:
                    case ParameterSyntax:
                    case CaseSwitchLabelSyntax:
                    case ConstantPatternSyntax:
                    case FieldDeclarationSyntax f when f.Modifiers.Any(SyntaxKind.ConstKeyword):
                    case LocalDeclarationStatementSyntax l when l.IsConst:
                        return false;
                    case StatementSyntax:
                    case MemberDeclarationSyntax:
                        return top.Parent is not null;
                }
            }

            return true;
        }
    }

    private sealed class Finding
    {
        public Finding(DiagnosticDescriptor descriptor, string target, string reason, string? environmentVariable, string? environmentVariableConstant)
        {
            Descriptor = descriptor;
            Target = target;
            Reason = reason;
            EnvironmentVariable = environmentVariable ?? "SECRET";
            EnvironmentVariableConstant = environmentVariableConstant;
        }

        public DiagnosticDescriptor Descriptor { get; }

        public string Target { get; }

        public string Reason { get; }

        public string EnvironmentVariable { get; }

        public string? EnvironmentVariableConstant { get; }
    }

    /// <summary>
    /// What a constant reaches: a symbol, a keyed entry (dictionary, configuration, header), an Authorization value, or
    /// nothing. Built for every constant, so only the name and the attribute check are computed eagerly; the display
    /// text and environment-variable names are computed when a diagnostic is actually reported.
    /// </summary>
    private sealed class Sink
    {
        public static readonly Sink None = new(null, null, null, false, false, false, true);

        private readonly ISymbol? _symbol;

        private Sink(ISymbol? symbol, string? name, string? key, bool isConnectorSecret, bool isAuthorization, bool parameterOnly, bool isConnectorKey)
        {
            _symbol = symbol;
            Name = name;
            Key = key;
            IsConnectorSecret = isConnectorSecret;
            IsAuthorization = isAuthorization;
            ParameterOnly = parameterOnly;
            IsConnectorKey = isConnectorKey;
        }

        public string? Name { get; }

        /// <summary>False for keys that cannot be Open Connectors configuration (a connection-string builder's "Password").</summary>
        public bool IsConnectorKey { get; }

        public string? Key { get; }

        public bool IsConnectorSecret { get; }

        public bool IsAuthorization { get; }

        public bool ParameterOnly { get; }

        public string Display
        {
            get
            {
                if (IsAuthorization)
                {
                    return "the " + Name + " header";
                }

                if (Key is not null)
                {
                    return "entry '" + Key + "'";
                }

                if (_symbol is null)
                {
                    return "a value";
                }

                var kind = _symbol switch
                {
                    IParameterSymbol => "parameter",
                    ILocalSymbol => "local",
                    IFieldSymbol => "field",
                    _ => "property",
                };
                return _symbol is IPropertySymbol or IFieldSymbol && _symbol.ContainingType is { } container
                    ? kind + " '" + container.Name + "." + _symbol.Name + "'"
                    : kind + " '" + _symbol.Name + "'";
            }
        }

        public string? EnvironmentVariable => GeneratedEnvironmentVariable(out _) ?? (Name is null ? null : SecretText.ToEnvironmentVariableName(Name));

        public string? EnvironmentVariableConstant => GeneratedEnvironmentVariable(out var constant) is null ? null : constant;

        /// <summary>For a [ConnectorSecret] member of a generated credentials type: its EnvironmentVariables constant.</summary>
        private string? GeneratedEnvironmentVariable(out string? constant)
        {
            constant = null;
            if (!IsConnectorSecret || _symbol is not (IPropertySymbol or IFieldSymbol) || _symbol.ContainingType is not { } type)
            {
                return null;
            }

            foreach (var nested in type.GetTypeMembers("EnvironmentVariables"))
            {
                foreach (var member in nested.GetMembers(_symbol.Name))
                {
                    if (member is IFieldSymbol { IsConst: true, ConstantValue: string name })
                    {
                        constant = nested.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + member.Name;
                        return name;
                    }
                }
            }

            return null;
        }

        public static Sink ForKey(string key, bool connectorKey = true) => new(null, key, key, false, false, false, connectorKey);

        public static Sink ForAuthorization(string header, bool parameterOnly) => new(null, header, null, false, true, parameterOnly, true);

        public static Sink ForSymbol(ISymbol symbol, SecretAttributeLookup lookup) =>
            new(symbol, symbol.Name, null, symbol is not ILocalSymbol && lookup.CanHave(symbol) && HasSecretAttribute(symbol), false, false, true);

        public static bool HasSecretAttribute(ISymbol symbol)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (TypeLookup.IsAttribute(attribute, "ConnectorSecretAttribute", "ConnectorGen"))
                {
                    return true;
                }
            }

            return false;
        }
    }
}

/// <summary>
/// Whether a symbol's assembly defines <c>ConnectorGen.ConnectorSecretAttribute</c> (the generator emits it as an internal
/// type into every assembly that has a mapping), cached per assembly. Only symbols of such assemblies can carry the
/// attribute, so attributes of framework symbols are never decoded, and no assembly is loaded only to look for it.
/// </summary>
internal sealed class SecretAttributeLookup
{
    private readonly ConcurrentDictionary<IAssemblySymbol, bool> _assemblies = new(SymbolEqualityComparer.Default);

    public bool CanHave(ISymbol symbol) =>
        symbol.ContainingAssembly is { } assembly &&
        _assemblies.GetOrAdd(assembly, static a => TypeLookup.Defines(a, "ConnectorGen.ConnectorSecretAttribute"));
}
