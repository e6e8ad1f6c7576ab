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
/// Registration and the per-constant pipeline only: <see cref="ConstantFolding"/> gives the value,
/// <see cref="SinkResolver"/> where it goes, <see cref="SecretClassifier"/> what it is. Starting from each constant
/// (literal, UTF-8 literal, reference to a named constant) gives each constant exactly one decision: CG2001 wins over
/// CG2002, which wins over CG2003.
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
        // Not Analyze: the driver never calls us for generated code (files and [GeneratedCode] members). ReportDiagnostics
        // because every report is therefore outside generated code already, and without it the driver would check
        // each report's location by decoding the attributes of every member of its file.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var compilation = start.Compilation;
            if (compilation.GetSpecialType(SpecialType.System_String).TypeKind == TypeKind.Error)
            {
                return; // half-built compilation without a core library: nothing can be decided
            }

            var mappings = MappingSecrets.Read(start.Options.AdditionalFiles, compilation, start.CancellationToken);
            var state = new State(compilation, mappings, start.Options.AnalyzerConfigOptionsProvider);
            start.RegisterOperationAction(
                state.AnalyzeConstant,
                OperationKind.Literal,
                OperationKind.Utf8String,
                OperationKind.FieldReference,
                OperationKind.LocalReference);
        });
    }

    /// <summary>The per-compilation state without the driver, for benchmarks/ConnectorGen.Benchmarks (callbacks command).</summary>
    internal static State CreateStateForBenchmark(Compilation compilation, AnalyzerOptions options) =>
        new(compilation, MappingSecrets.Read(options.AdditionalFiles, compilation, default), options.AnalyzerConfigOptionsProvider);

    /// <summary>Per-compilation state: mappings, options and well-known types are read once, not per constant.</summary>
    internal sealed class State
    {
        private readonly MappingSecrets _mappings;
        private readonly ConstantFolding _folding;
        private readonly SinkResolver _sinks;
        private readonly SecretClassifier _classifier;
        private readonly AnalyzerConfigOptionsProvider _optionsProvider;
        private readonly ConcurrentDictionary<AnalyzerConfigOptions, SecretAnalyzerOptions> _options = new(ReferenceComparer<AnalyzerConfigOptions>.Instance);
        private readonly ConcurrentDictionary<string, SecretAnalyzerOptions> _distinctOptions = new(StringComparer.Ordinal);
        private const int MaxCachedOptionObjects = 65_536;
        private int _cachedOptionObjects;

        public State(Compilation compilation, MappingSecrets mappings, AnalyzerConfigOptionsProvider optionsProvider)
        {
            _mappings = mappings;
            _folding = new ConstantFolding(compilation);
            _sinks = new SinkResolver(compilation, mappings);
            _classifier = new SecretClassifier(mappings);
            _optionsProvider = optionsProvider;
        }

        /// <summary>
        /// The options of a tree. The compiler hands out one options object per distinct set of settings (usually one for
        /// every tree), so they are cached by that object: after the first constant, every call is a lock-free read, however
        /// the driver's threads interleave trees. Equal settings from different objects share one instance and its name cache.
        /// </summary>
        private SecretAnalyzerOptions OptionsFor(SyntaxTree tree)
        {
            var treeOptions = _optionsProvider.GetOptions(tree);
            if (_options.TryGetValue(treeOptions, out var options))
            {
                return options;
            }

            var key = SecretAnalyzerOptions.RawKey(treeOptions, _optionsProvider.GlobalOptions);
            if (!_distinctOptions.TryGetValue(key, out options))
            {
                options = _distinctOptions.GetOrAdd(key, SecretAnalyzerOptions.Read(treeOptions, _optionsProvider.GlobalOptions));
            }

            // A host that made a new options object per call would grow the cache per constant: it stops at a bound.
            if (System.Threading.Interlocked.Increment(ref _cachedOptionObjects) <= MaxCachedOptionObjects)
            {
                _options.TryAdd(treeOptions, options);
            }

            return options;
        }

        public void AnalyzeConstant(OperationAnalysisContext context)
        {
            var leaf = context.Operation;
            // Most field and local references are not strings: their type rejects them before any symbol is looked at.
            if (leaf.Kind != OperationKind.Utf8String && leaf.Type?.SpecialType != SpecialType.System_String)
            {
                return;
            }

            var value = _folding.LeafValue(leaf, out var namedConstant);
            if (value is null || leaf.Syntax is null)
            {
                return;
            }

            if (leaf.Parent is IInterpolationOperation interpolation && interpolation.FormatString == leaf)
            {
                return; // {value:N2}: a format, not data
            }

            // Concatenations and interpolations: a fully constant combination is one constant, owned by its first leaf.
            var unit = leaf;
            var combination = _folding.ClimbCombination(leaf);
            var partial = false;
            if (combination != leaf)
            {
                var combined = _folding.EvaluateCombination(combination);
                partial = combined is null;
                if (combined is not null)
                {
                    if (!ConstantFolding.IsFirstLeaf(leaf, combination))
                    {
                        return;
                    }

                    unit = combination;
                    value = combined;
                    namedConstant = null;
                }
            }

            var options = OptionsFor(leaf.Syntax.SyntaxTree);
            var flowTop = _sinks.ClimbFlow(combination, out var tupleIndex);
            var sink = _sinks.FindSink(flowTop, tupleIndex, context.ContainingSymbol, out var direct);
            var finding = _classifier.Classify(value, sink, options);
            if (finding.IsNone && direct.IsLocal && !ReferenceEquals(direct.Symbol, sink.Symbol))
            {
                // Followed to a use that said nothing: the local's own name may still say secret.
                sink = direct;
                finding = _classifier.Classify(value, sink, options);
            }

            if (finding.IsNone)
            {
                return;
            }

            // A literal prefix or suffix of a value built at run time ("bench-" + Guid.NewGuid(), password + "_bad") is a
            // label by where it goes; what such a literal itself carries (a known format, a password inside a connection
            // string or URI, JSON with a secret key) is still reported.
            if (partial && !finding.IsContent)
            {
                return;
            }

            if (sink.Kind == SinkKind.FromEnvironment && ReadsPublicVariable(leaf, flowTop))
            {
                return;
            }

            // A named constant whose own declaration is reported is reported there, once.
            if (namedConstant is not null && namedConstant.DeclaringSyntaxReferences.Length > 0 &&
                !_classifier.Classify(value, Sink.ForSymbol(namedConstant, _sinks.AttributeLookup), OptionsFor(namedConstant.DeclaringSyntaxReferences[0].SyntaxTree)).IsNone)
            {
                return;
            }

            Report(context, finding, sink, unit, flowTop);
        }

        private void Report(OperationAnalysisContext context, Finding finding, Sink sink, IOperation unit, IOperation flowTop)
        {
            var descriptor = finding.Kind switch
            {
                FindingKind.ConnectorSecret or FindingKind.ConnectorSecretInJson => SecretDiagnosticDescriptors.HardcodedConnectorSecret,
                FindingKind.KnownFormat => SecretDiagnosticDescriptors.KnownCredentialFormat,
                _ => SecretDiagnosticDescriptors.HardcodedSecret,
            };
            var (target, reason) = _classifier.Describe(finding, sink);
            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties[SecretDiagnosticDescriptors.EnvironmentVariableProperty] = _classifier.EnvironmentVariable(finding, sink, out var constant);
            if (constant is not null)
            {
                properties[SecretDiagnosticDescriptors.EnvironmentVariableConstantProperty] = constant;
            }

            if (IsFixable(unit, flowTop))
            {
                properties[SecretDiagnosticDescriptors.FixableProperty] = "true";
            }

            context.ReportDiagnostic(Diagnostic.Create(descriptor, unit.Syntax.GetLocation(), properties.ToImmutable(), target, reason));
        }

        /// <summary>
        /// In <c>FromEnvironment(name => name == EnvironmentVariables.Server ? "host" : ...)</c> the constant is chosen for
        /// one variable: when that variable is a non-secret credential, the constant is configuration, not a secret.
        /// </summary>
        private bool ReadsPublicVariable(IOperation leaf, IOperation top)
        {
            for (var current = leaf; current != top && current.Parent is { } parent; current = parent)
            {
                string? variable = parent switch
                {
                    ISwitchExpressionArmOperation arm when arm.Value == current && arm.Pattern is IConstantPatternOperation pattern => pattern.Value.ConstantValue.Value as string,
                    IConditionalOperation conditional when conditional.WhenTrue == current && conditional.Condition is IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals =>
                        (equals.RightOperand.ConstantValue.Value ?? equals.LeftOperand.ConstantValue.Value) as string,
                    _ => null,
                };
                if (variable is not null)
                {
                    return _mappings.PublicEnvironmentVariables.Contains(variable);
                }
            }

            return false;
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
}
