using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SourceAD.Generator.Diagnostics;

namespace SourceAD.CodeFixes;

/// <summary>
/// SAD0016 (located at the call, or at the operator of a user-defined operator): removes <c>[NoDiff]</c> from the callee's
/// parameter the diagnostic names in its <c>Parameter</c> property.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveNoDiffCodeFix))]
[Shared]
public sealed class RemoveNoDiffCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = "SourceAD.RemoveNoDiff";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.ActiveArgumentToNoDiff.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        CancellationToken cancellationToken = context.CancellationToken;
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null
            || model.GetSymbolInfo(root.FindNode(context.Span, getInnermostNodeForTie: true), cancellationToken).Symbol is not IMethodSymbol called)
        {
            return;
        }
        IMethodSymbol method = called.OriginalDefinition;
        method = method.PartialImplementationPart ?? method;
        var noDiff = method.Parameters.Where(p => SyntaxEdits.HasAttribute(p, SyntaxEdits.NoDiffAttribute)).ToList();
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            IParameterSymbol? parameter = diagnostic.Properties.TryGetValue(PropertyNames.Parameter, out string? name)
                ? noDiff.FirstOrDefault(p => p.Name == name)
                : null;
            if (parameter is null)
            {
                continue;
            }
            foreach (SyntaxReference reference in parameter.DeclaringSyntaxReferences)
            {
                if (await reference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is ParameterSyntax syntax
                    && context.Document.Project.Solution.GetDocument(syntax.SyntaxTree) is { } target)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            $"Remove [NoDiff] from parameter '{parameter.Name}' of '{method.Name}'",
                            token => RemoveAsync(target, syntax, token),
                            EquivalenceKey),
                        diagnostic);
                    break;
                }
            }
        }
    }

    private static async Task<Solution> RemoveAsync(Document document, ParameterSyntax parameter, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document.Project.Solution;
        }
        foreach (AttributeListSyntax list in parameter.AttributeLists)
        {
            foreach (AttributeSyntax attribute in list.Attributes)
            {
                if (!SyntaxEdits.IsAttribute(model, attribute, SyntaxEdits.NoDiffAttribute, cancellationToken))
                {
                    continue;
                }
                SyntaxNode? newRoot = list.Attributes.Count == 1
                    ? root.RemoveNode(list, SyntaxRemoveOptions.KeepLeadingTrivia)
                    : root.RemoveNode(attribute, SyntaxRemoveOptions.KeepNoTrivia);
                return newRoot is null ? document.Project.Solution : document.Project.Solution.WithDocumentSyntaxRoot(document.Id, newRoot);
            }
        }
        return document.Project.Solution;
    }
}
