using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using ConnectorGen.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ConnectorGen.CodeFixes;

/// <summary>
/// CG2001..CG2003: replaces the hard-coded constant with a read from the environment that fails loudly when the variable
/// is missing: <c>Environment.GetEnvironmentVariable(NAME) ?? throw new InvalidOperationException("NAME is not set")</c>.
/// For a [ConnectorSecret] member of a generated credentials type the name comes from the type's own
/// <c>EnvironmentVariables</c> constant, so the code and <c>FromEnvironment()</c> agree; otherwise it is the UPPER_SNAKE
/// form of the target (ApiToken -> API_TOKEN) or of the sink (AUTHORIZATION). Names are written fully qualified with
/// <c>global::</c> so the fix compiles whatever the usings are. The analyzer marks a diagnostic fixable only where a
/// non-constant string may stand (not in const declarations, attribute arguments, parameter defaults, case labels,
/// or UTF-8 literals).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HardcodedSecretCodeFixProvider))]
[Shared]
public sealed class HardcodedSecretCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        SecretDiagnosticDescriptors.HardcodedConnectorSecretId,
        SecretDiagnosticDescriptors.KnownCredentialFormatId,
        SecretDiagnosticDescriptors.HardcodedSecretId);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public static string EquivalenceKey(string diagnosticId) => diagnosticId + ".ReadFromEnvironment";

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(SecretDiagnosticDescriptors.FixableProperty, out var fixable) || fixable != "true" ||
                !diagnostic.Properties.TryGetValue(SecretDiagnosticDescriptors.EnvironmentVariableProperty, out var variable) || string.IsNullOrEmpty(variable))
            {
                continue;
            }

            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax expression)
            {
                continue;
            }

            diagnostic.Properties.TryGetValue(SecretDiagnosticDescriptors.EnvironmentVariableConstantProperty, out var constant);
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Read " + variable + " from the environment",
                    ct => ReplaceAsync(context.Document, expression.Span, variable!, constant, ct),
                    EquivalenceKey(diagnostic.Id)),
                diagnostic);
        }
    }

    private static async Task<Document> ReplaceAsync(Document document, Microsoft.CodeAnalysis.Text.TextSpan span, string variable, string? constant, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root?.FindNode(span, getInnermostNodeForTie: true) is not ExpressionSyntax expression)
        {
            return document;
        }

        var nameArgument = constant ?? SymbolDisplay.FormatLiteral(variable, quote: true);
        var message = SymbolDisplay.FormatLiteral(variable + " is not set", quote: true);
        ExpressionSyntax replacement = SyntaxFactory.ParseExpression(
            "global::System.Environment.GetEnvironmentVariable(" + nameArgument + ") ?? throw new global::System.InvalidOperationException(" + message + ")");
        if (expression.Parent is ExpressionSyntax and not AssignmentExpressionSyntax and not ParenthesizedExpressionSyntax)
        {
            replacement = SyntaxFactory.ParenthesizedExpression(replacement);
        }

        return document.WithSyntaxRoot(root.ReplaceNode(expression, replacement.WithTriviaFrom(expression)));
    }
}
