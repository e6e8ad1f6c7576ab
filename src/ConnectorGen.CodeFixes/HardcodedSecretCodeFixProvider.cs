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
/// form of the target (ApiToken -> API_TOKEN) or of the sink (AUTHORIZATION). Each type name is the shortest
/// one that binds to the same type at that position (<c>Environment</c> under <c>using System;</c>, else
/// <c>System.Environment</c>), so the fix compiles whatever the usings are, without <c>global::</c> noise. The analyzer marks a diagnostic fixable only where a
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

    /// <summary>
    /// One key for every rule: the fix is the same whichever rule found the constant, so one Fix All (and one
    /// <c>dotnet format</c> run) fixes CG2001, CG2002 and CG2003 together.
    /// </summary>
    public const string FixEquivalenceKey = "ConnectorGen.ReadFromEnvironment";

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
                    FixEquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> ReplaceAsync(Document document, Microsoft.CodeAnalysis.Text.TextSpan span, string variable, string? constant, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root?.FindNode(span, getInnermostNodeForTie: true) is not ExpressionSyntax expression || model is null)
        {
            return document;
        }

        var position = expression.SpanStart;
        var nameArgument = constant is null ? SymbolDisplay.FormatLiteral(variable, quote: true) : ShortenMember(model, position, constant);
        var message = SymbolDisplay.FormatLiteral(variable + " is not set", quote: true);
        ExpressionSyntax replacement = SyntaxFactory.ParseExpression(
            Shorten(model, position, "global::System.Environment") + ".GetEnvironmentVariable(" + nameArgument + ") ?? throw new " +
            Shorten(model, position, "global::System.InvalidOperationException") + "(" + message + ")");
        if (expression.Parent is ExpressionSyntax and not AssignmentExpressionSyntax and not ParenthesizedExpressionSyntax)
        {
            replacement = SyntaxFactory.ParenthesizedExpression(replacement);
        }

        return document.WithSyntaxRoot(root.ReplaceNode(expression, replacement.WithTriviaFrom(expression)));
    }

    /// <summary>The shortest right part of a fully qualified type name that binds to the same type at this position.</summary>
    private static string Shorten(SemanticModel model, int position, string qualified)
    {
        var full = model.GetSpeculativeSymbolInfo(position, SyntaxFactory.ParseTypeName(qualified), SpeculativeBindingOption.BindAsTypeOrNamespace).Symbol;
        if (full is null)
        {
            return qualified;
        }

        var plain = qualified.StartsWith("global::", System.StringComparison.Ordinal) ? qualified.Substring("global::".Length) : qualified;
        for (var dot = plain.LastIndexOf('.'); ; dot = plain.LastIndexOf('.', dot - 1))
        {
            var candidate = dot < 0 ? plain : plain.Substring(dot + 1);
            var bound = model.GetSpeculativeSymbolInfo(position, SyntaxFactory.ParseTypeName(candidate), SpeculativeBindingOption.BindAsTypeOrNamespace).Symbol;
            if (SymbolEqualityComparer.Default.Equals(bound, full))
            {
                return candidate;
            }

            if (dot <= 0)
            {
                return qualified;
            }
        }
    }

    /// <summary>Type.Member with the type shortened: global::Ns.XCredentials.EnvironmentVariables.ClientSecret -> XCredentials.EnvironmentVariables.ClientSecret.</summary>
    private static string ShortenMember(SemanticModel model, int position, string qualifiedMember)
    {
        var dot = qualifiedMember.LastIndexOf('.');
        return dot <= 0 ? qualifiedMember : Shorten(model, position, qualifiedMember.Substring(0, dot)) + qualifiedMember.Substring(dot);
    }
}
