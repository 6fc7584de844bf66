using System.Collections.Immutable;
using System.Composition;
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
/// SAD0019 at the <c>var</c> of an <c>out var</c> argument of a call to a generated derivative (a nested derivative):
/// writes the type the generated method declares there, which the diagnostic carries in its <c>Type</c> property
/// (<c>out var dx</c> becomes <c>out double dx</c>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DeclareOutVariableTypeCodeFix))]
[Shared]
public sealed class DeclareOutVariableTypeCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = "SourceAD.DeclareOutVariableType";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.GeneratedMethodCall.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (root is null
                || !diagnostic.Properties.TryGetValue(PropertyNames.Type, out string? type) || type is null
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<DeclarationExpressionSyntax>() is not { Type.IsVar: true } declaration)
            {
                continue;
            }
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Declare '{declaration.Designation}' as '{type}'",
                    token => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(declaration.Type, SyntaxFactory.ParseTypeName(type).WithTriviaFrom(declaration.Type)))),
                    EquivalenceKey),
                diagnostic);
        }
    }
}
