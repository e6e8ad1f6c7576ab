using System;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ConnectorGen.Analyzers;

/// <summary>
/// The string a constant expression stands for: literals, UTF-8 literals, const fields and locals, static readonly
/// fields with a constant initializer, and their combinations through <c>+</c>, <c>string.Concat</c> and
/// interpolation. One instance per compilation.
/// </summary>
internal sealed class ConstantFolding
{
    private readonly INamedTypeSymbol _string;
    private volatile Tuple<IOperation, string?>? _lastCombination;

    public ConstantFolding(Compilation compilation)
    {
        _string = compilation.GetSpecialType(SpecialType.System_String);
    }

    /// <summary>The string a constant leaf stands for, or null when the operation is not a string constant.</summary>
    public string? LeafValue(IOperation operation, out ISymbol? namedConstant)
    {
        namedConstant = null;
        switch (operation.Kind)
        {
            case OperationKind.Literal:
                var constant = operation.ConstantValue;
                return constant.HasValue ? constant.Value as string : null;
            case OperationKind.Utf8String:
                return ((IUtf8StringOperation)operation).Value;
            case OperationKind.LocalReference when ((ILocalReferenceOperation)operation).Local is { IsConst: true } local && operation.ConstantValue is { HasValue: true, Value: string s }:
                namedConstant = local;
                return s;
            case OperationKind.FieldReference when ((IFieldReferenceOperation)operation).Field is { } field:
                if (field.IsConst)
                {
                    namedConstant = field;
                    var value = operation.ConstantValue;
                    return value.HasValue ? value.Value as string : null;
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

    /// <summary>
    /// <see cref="Evaluate"/> for the combination that each of its constants climbs to: the leaves of one combination
    /// arrive one after another, so the last answer is kept (replaced as a whole, so racing threads stay consistent).
    /// </summary>
    public string? EvaluateCombination(IOperation combination)
    {
        var last = _lastCombination;
        if (last is not null && ReferenceEquals(last.Item1, combination))
        {
            return last.Item2;
        }

        var value = Evaluate(combination);
        _lastCombination = Tuple.Create(combination, value);
        return value;
    }

    /// <summary>The value of a combination of constants, or null when any part is not constant.</summary>
    public string? Evaluate(IOperation operation)
    {
        var constant = operation.ConstantValue;
        if (constant.HasValue)
        {
            return constant.Value as string;
        }

        // Most combinations hold a run-time value (an interpolation hole, a variable): find that out before building text.
        if (!Fold(operation, null))
        {
            return null;
        }

        var text = new StringBuilder();
        Fold(operation, text);
        return text.ToString();
    }

    /// <summary>
    /// True when every part of the combination is a string constant; appends the parts to <paramref name="text"/> when
    /// one is given (without, it only checks and allocates nothing).
    /// </summary>
    private bool Fold(IOperation operation, StringBuilder? text)
    {
        var constant = operation.ConstantValue;
        if (constant.HasValue)
        {
            if (constant.Value is not string value)
            {
                return false;
            }

            text?.Append(value);
            return true;
        }

        switch (operation)
        {
            case IFieldReferenceOperation or ILocalReferenceOperation or IUtf8StringOperation:
                if (LeafValue(operation, out _) is not { } leaf)
                {
                    return false;
                }

                text?.Append(leaf);
                return true;
            case IConversionOperation conversion:
                return Fold(conversion.Operand, text);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
                return Fold(binary.LeftOperand, text) && Fold(binary.RightOperand, text);
            case IInvocationOperation invocation when IsConcat(invocation):
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Value is IArrayCreationOperation { Initializer: { } initializer })
                    {
                        foreach (var element in initializer.ElementValues)
                        {
                            if (!Fold(element, text))
                            {
                                return false;
                            }
                        }
                    }
                    else if (!Fold(argument.Value, text))
                    {
                        return false;
                    }
                }

                return true;
            case IInterpolatedStringOperation interpolated:
                foreach (var part in interpolated.Parts)
                {
                    var folded = part switch
                    {
                        IInterpolatedStringTextOperation t => Fold(t.Text, text),
                        IInterpolationOperation { Alignment: null, FormatString: null } i => Fold(i.Expression, text),
                        _ => false,
                    };
                    if (!folded)
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary><c>string.Concat(...)</c> over strings (not the IEnumerable or object overloads' boxing cases we cannot read).</summary>
    public bool IsConcat(IInvocationOperation invocation) =>
        invocation.TargetMethod is { Name: "Concat", IsStatic: true } method && SymbolEqualityComparer.Default.Equals(method.ContainingType, _string);

    /// <summary>Climbs to the largest <c>+</c>, <c>string.Concat</c> or interpolation that contains the leaf.</summary>
    public IOperation ClimbCombination(IOperation operation)
    {
        // Dispatch on Kind first: this runs for every constant, and a Kind read is cheaper than interface type checks.
        var current = operation;
        while (current.Parent is { } parent)
        {
            switch (parent.Kind)
            {
                case OperationKind.Binary when parent is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } && parent.Type?.SpecialType == SpecialType.System_String:
                case OperationKind.InterpolatedStringText:
                case OperationKind.Interpolation:
                case OperationKind.InterpolatedString:
                case OperationKind.Conversion when parent.IsImplicit && parent.Parent is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add }:
                    current = parent;
                    continue;
                case OperationKind.Argument when parent.Parent is IInvocationOperation invocation && IsConcat(invocation):
                    current = invocation;
                    continue;
                case OperationKind.ArrayInitializer when parent.Parent is IArrayCreationOperation { IsImplicit: true, Parent: IArgumentOperation { Parent: IInvocationOperation paramsConcat } } && IsConcat(paramsConcat):
                    current = paramsConcat;
                    continue;
            }

            break;
        }

        return current;
    }

    /// <summary>True when <paramref name="leaf"/> is the first constant of <paramref name="combination"/> (which owns the report).</summary>
    public static bool IsFirstLeaf(IOperation leaf, IOperation combination)
    {
        var current = leaf;
        while (current != combination && current.Parent is { } parent)
        {
            var first = parent switch
            {
                IBinaryOperation binary => binary.LeftOperand == current,
                IInterpolatedStringOperation interpolated => interpolated.Parts.Length > 0 && interpolated.Parts[0] == current,
                IInvocationOperation invocation => invocation.Arguments.Length > 0 && invocation.Arguments[0] == current,
                IArrayInitializerOperation initializer => initializer.ElementValues.Length > 0 && initializer.ElementValues[0] == current,
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

    /// <summary>
    /// The constant initializer of a static readonly field, read from its declaration syntax each time: reading it is
    /// cheaper than a shared cache, whose adds would lock against the driver's other threads.
    /// </summary>
    private static string? ReadonlyFieldValue(IFieldSymbol field)
    {
        var references = field.DeclaringSyntaxReferences;
        return references.Length == 1 && references[0].GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } initializer }
            ? EvaluateSyntax(initializer)
            : null;
    }

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
        var text = new StringBuilder();
        foreach (var content in interpolated.Contents)
        {
            if (content is not InterpolatedStringTextSyntax part)
            {
                return null;
            }

            text.Append(part.TextToken.ValueText);
        }

        return text.ToString();
    }
}
