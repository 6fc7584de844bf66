using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SourceAD.Generator.Diagnostics;

namespace SourceAD.CodeFixes;

/// <summary>
/// SAD0005: marks the called method <c>[Differentiable]</c> (located at the invocation). Offered only when the callee is a
/// static, non-generic method returning <c>double</c>/<c>float</c> with a body in a document of the same solution.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MarkCalleeDifferentiableCodeFix))]
[Shared]
public sealed class MarkCalleeDifferentiableCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = "SourceAD.MarkCalleeDifferentiable";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.NoDerivative.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        CancellationToken cancellationToken = context.CancellationToken;
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null
            || root.FindNode(context.Span, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } invocation
            || model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol called)
        {
            return;
        }
        IMethodSymbol method = called.ReducedFrom ?? called.OriginalDefinition;
        method = method.PartialImplementationPart ?? method;
        if (!method.IsStatic || method.IsGenericMethod
            || method.ReturnType.SpecialType is not (SpecialType.System_Double or SpecialType.System_Single)
            || SyntaxEdits.HasAttribute(method, SyntaxEdits.DifferentiableAttribute))
        {
            return;
        }
        foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
        {
            if (await reference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is MethodDeclarationSyntax declaration
                && (declaration.Body is not null || declaration.ExpressionBody is not null)
                && context.Document.Project.Solution.GetDocument(declaration.SyntaxTree) is { } target)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Mark '{method.Name}' [Differentiable]",
                        token => MarkAsync(target, declaration, token),
                        EquivalenceKey),
                    context.Diagnostics);
                return;
            }
        }
    }

    private static async Task<Solution> MarkAsync(Document document, MethodDeclarationSyntax declaration, CancellationToken cancellationToken)
    {
        SyntaxNode root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) ?? declaration.SyntaxTree.GetRoot(cancellationToken);
        SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model is null)
        {
            return document.Project.Solution;
        }
        NameSyntax name = SyntaxEdits.AttributeName(model, declaration.SpanStart, SyntaxEdits.DifferentiableAttribute, out bool needsUsing);
        SyntaxTrivia endOfLine = SyntaxEdits.EndOfLine(root);
        var marked = (MethodDeclarationSyntax)SyntaxEdits.AddAttributeOnOwnLine(declaration, name, endOfLine);
        SyntaxNode newRoot = root.ReplaceNode(declaration, marked);
        if (needsUsing && newRoot is CompilationUnitSyntax unit)
        {
            SyntaxNode anchor = unit.FindNode(new Microsoft.CodeAnalysis.Text.TextSpan(declaration.SpanStart, 0));
            newRoot = SyntaxEdits.AddUsing(unit, anchor, endOfLine);
        }
        return document.Project.Solution.WithDocumentSyntaxRoot(document.Id, newRoot);
    }
}
