#pragma warning disable CS1591
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace ConnectorGen.Handshake.Tests.Security;

/// <summary>
/// Issue 22 item 1: every request the templates create goes through the one sender. The templates (Core, Lifecycle,
/// Registration and a connector's facade) are compiled with Roslyn and every <c>HttpRequestMessage</c> they create,
/// every body they set, every call to an <c>HttpClient</c> and every handler that attaches <c>Authorization</c> is
/// checked, so that a request path added later cannot bypass the sender (or the origin policy) unnoticed.
/// </summary>
public sealed class SendPathTests
{
    private const string Sender = "ConnectorGen.Generated.HandshakeHttp.SendAsync";

    private static string TemplatesDirectory() => Path.Combine(AppContext.BaseDirectory, "TemplateText");

    [Fact]
    public void Every_request_the_templates_create_goes_through_the_one_sender()
    {
        var (compilation, trees) = Compile();
        var report = Check(compilation, trees);

        Assert.True(report.Violations.Count == 0, string.Join("\n", report.Violations));
        // What the check saw (so that it cannot pass by seeing nothing): the token endpoint, the oauth/url and instance
        // creation calls, and the instance API's get, find, update, re-authorize and delete.
        Assert.True(report.Requests >= 8, "requests found: " + report.Requests);
        Assert.True(report.CredentialHandlers >= 2, "credential handlers found: " + report.CredentialHandlers);
    }

    [Theory]
    [InlineData("direct HttpClient call", """
        internal sealed class Bypass
        {
            public async global::System.Threading.Tasks.Task Run(global::System.Net.Http.HttpClient http)
            {
                using var request = new global::System.Net.Http.HttpRequestMessage(global::System.Net.Http.HttpMethod.Get, "https://x.test/");
                using var response = await http.SendAsync(request);
            }
        }
        """)]
    [InlineData("another body type", """
        internal sealed class Bypass
        {
            public async global::System.Threading.Tasks.Task Run(global::System.Net.Http.HttpClient http)
            {
                using var request = new global::System.Net.Http.HttpRequestMessage(global::System.Net.Http.HttpMethod.Put, "https://x.test/");
                request.Content = new global::System.Net.Http.ByteArrayContent(new byte[1]);
                await HandshakeHttp.SendAsync(http, request, null, 1, (k, s, e) => new global::System.Exception(), false, default);
            }
        }
        """)]
    [InlineData("request never sent by the sender", """
        internal sealed class Bypass
        {
            public global::System.Net.Http.HttpRequestMessage Make() => new global::System.Net.Http.HttpRequestMessage(global::System.Net.Http.HttpMethod.Get, "https://x.test/");
        }
        """)]
    [InlineData("handler without origin check", """
        internal sealed class PlantedApiKeyHandler : global::System.Net.Http.DelegatingHandler
        {
            protected override global::System.Threading.Tasks.Task<global::System.Net.Http.HttpResponseMessage> SendAsync(global::System.Net.Http.HttpRequestMessage request, global::System.Threading.CancellationToken cancellationToken)
            {
                request.Headers.TryAddWithoutValidation("Authorization", "Key k");
                return base.SendAsync(request, cancellationToken);
            }
        }
        """)]
    public void The_check_finds_a_bypass(string what, string code)
    {
        var (compilation, trees) = Compile("namespace ConnectorGen.Generated {\n" + code + "\n}");
        var report = Check(compilation, trees);
        Assert.True(report.Violations.Count > 0, what);
        Assert.All(report.Violations, v => Assert.StartsWith("Bypass.cs", v, StringComparison.Ordinal));
    }

    private sealed record Report(List<string> Violations, int Requests, int CredentialHandlers);

    private static (CSharpCompilation Compilation, List<SyntaxTree> Trees) Compile(string? extra = null)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = new List<SyntaxTree>();
        foreach (var part in new[] { "Core", "Registration", "Connector" })
        {
            foreach (var file in Directory.GetFiles(Path.Combine(TemplatesDirectory(), part), "*.cs"))
            {
                trees.Add(CSharpSyntaxTree.ParseText(File.ReadAllText(file), parse, path: part + "/" + Path.GetFileName(file)));
            }
        }

        if (extra is not null)
        {
            trees.Add(CSharpSyntaxTree.ParseText(extra, parse, path: "Bypass.cs"));
        }

        // What the generator emits beside the templates, enough for the semantic model.
        var support = CSharpSyntaxTree.ParseText("""
            namespace Microsoft.CodeAnalysis { internal sealed class EmbeddedAttribute : global::System.Attribute { } }
            """, parse, path: "Support.cs");
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(
            "SendPaths",
            trees.Append(support),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        return (compilation, trees);
    }

    private static Report Check(CSharpCompilation compilation, List<SyntaxTree> trees)
    {
        var violations = new List<string>();
        var requests = 0;
        var handlers = 0;
        var requestType = compilation.GetTypeByMetadataName("System.Net.Http.HttpRequestMessage")!;
        var contentType = compilation.GetTypeByMetadataName("System.Net.Http.HttpContent")!;
        var invokerType = compilation.GetTypeByMetadataName("System.Net.Http.HttpMessageInvoker")!;
        var delegatingType = compilation.GetTypeByMetadataName("System.Net.Http.DelegatingHandler")!;
        var singleUse = compilation.GetTypeByMetadataName("ConnectorGen.Generated.SingleUseContent")!;
        Assert.NotNull(singleUse);

        // The sender, and every method that hands its request parameter on to the sender (the Open Connectors
        // connection's SendAsync adds the platform credentials, then calls HandshakeHttp.SendAsync).
        var senders = new HashSet<string>(StringComparer.Ordinal) { Sender };
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var tree in trees)
            {
                var model = compilation.GetSemanticModel(tree);
                foreach (var method in tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
                {
                    var symbol = model.GetDeclaredSymbol(method)!;
                    var name = Name(symbol);
                    if (senders.Contains(name) || !symbol.Parameters.Any(p => SymbolEqualityComparer.Default.Equals(p.Type, requestType)))
                    {
                        continue;
                    }

                    if (method.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(i => model.GetSymbolInfo(i).Symbol is IMethodSymbol called && senders.Contains(Name(called))))
                    {
                        senders.Add(name);
                        changed = true;
                    }
                }
            }
        }

        foreach (var tree in trees)
        {
            var model = compilation.GetSemanticModel(tree);
            var root = tree.GetRoot();
            foreach (var creation in root.DescendantNodes().OfType<BaseObjectCreationExpressionSyntax>())
            {
                var type = model.GetTypeInfo(creation).Type;
                var where = tree.FilePath + ":" + (creation.GetLocation().GetLineSpan().StartLinePosition.Line + 1);
                if (SymbolEqualityComparer.Default.Equals(type, requestType))
                {
                    requests++;
                    var local = creation.Parent?.Parent as VariableDeclaratorSyntax;
                    var body = creation.FirstAncestorOrSelf<MethodDeclarationSyntax>();
                    var sent = local is not null && body is not null && body.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(i =>
                        model.GetSymbolInfo(i).Symbol is IMethodSymbol called && senders.Contains(Name(called)) &&
                        i.ArgumentList.Arguments.Any(a => a.Expression is IdentifierNameSyntax id && id.Identifier.Text == local.Identifier.Text));
                    if (!sent)
                    {
                        violations.Add(where + ": a request that is not handed to the sender in the method that creates it");
                    }
                }
                else if (type is not null && DerivesFrom(type, contentType) && !SymbolEqualityComparer.Default.Equals(type, singleUse))
                {
                    violations.Add(where + ": a request body of type " + type.Name + " (only SingleUseContent is pinned to its URI and written once)");
                }
            }

            foreach (var invocation in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (model.GetSymbolInfo(invocation).Symbol is not IMethodSymbol called || !DerivesFrom(called.ContainingType, invokerType))
                {
                    continue;
                }

                var caller = invocation.FirstAncestorOrSelf<MethodDeclarationSyntax>();
                var callerName = caller is null ? "" : Name(model.GetDeclaredSymbol(caller)!);
                var isBase = invocation.Expression is MemberAccessExpressionSyntax { Expression: BaseExpressionSyntax };
                if (callerName != Sender && !isBase)
                {
                    violations.Add(tree.FilePath + ":" + (invocation.GetLocation().GetLineSpan().StartLinePosition.Line + 1) + ": " + called.ContainingType.Name + "." + called.Name + " outside the sender");
                }
            }

            // A handler that attaches Authorization checks its origins first (CredentialOrigins.Require).
            foreach (var type in root.DescendantNodes().OfType<ClassDeclarationSyntax>())
            {
                var symbol = model.GetDeclaredSymbol(type)!;
                if (!DerivesFrom(symbol, delegatingType))
                {
                    continue;
                }

                var text = type.ToString();
                if (!text.Contains("Headers.Authorization", StringComparison.Ordinal) && !text.Contains("\"Authorization\"", StringComparison.Ordinal))
                {
                    continue;
                }

                handlers++;
                var checks = type.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(i =>
                    model.GetSymbolInfo(i).Symbol is IMethodSymbol m && m.ContainingType.Name == "CredentialOrigins" && m.Name == "Require");
                if (!checks)
                {
                    violations.Add(tree.FilePath + ": handler " + symbol.Name + " attaches Authorization without CredentialOrigins.Require");
                }
            }
        }

        return new Report(violations, requests, handlers);
    }

    private static string Name(IMethodSymbol method) => method.ContainingType.ToDisplayString() + "." + method.Name;

    private static bool DerivesFrom(ITypeSymbol type, ITypeSymbol baseType)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType))
            {
                return true;
            }
        }

        return false;
    }
}
