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

/// <summary>SAD0001: adds <c>partial</c> to the type the diagnostic names (it is located at the type's identifier).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeTypePartialCodeFix))]
[Shared]
public sealed class MakeTypePartialCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = "SourceAD.MakeTypePartial";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.TypeNotPartial.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindToken(context.Span.Start).Parent is not TypeDeclarationSyntax type
            || type.Identifier.Span != context.Span
            || type.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return;
        }
        context.RegisterCodeFix(
            CodeAction.Create(
                $"Make '{type.Identifier.Text}' partial",
                cancellationToken => MakePartialAsync(context.Document, root, type, cancellationToken),
                EquivalenceKey),
            context.Diagnostics);
    }

    private static Task<Document> MakePartialAsync(Document document, SyntaxNode root, TypeDeclarationSyntax type, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // 'partial' goes last, right before the type keyword (the only place C# accepts it).
        TypeDeclarationSyntax fixedType;
        if (type.Modifiers.Count > 0)
        {
            SyntaxToken partial = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
            fixedType = type.WithModifiers(type.Modifiers.Add(partial));
        }
        else
        {
            // No modifiers: the keyword's leading trivia (indentation, comments) moves onto 'partial'.
            SyntaxToken keyword = type.Keyword;
            SyntaxToken partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            fixedType = type
                .ReplaceToken(keyword, keyword.WithLeadingTrivia(SyntaxFactory.TriviaList()))
                .WithModifiers(SyntaxFactory.TokenList(partial));
        }
        return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(type, fixedType)));
    }
}
