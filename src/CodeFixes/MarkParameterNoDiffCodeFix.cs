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
/// SAD0003 (unsupported parameter type, located at the type) and SAD0004 (by-reference parameter, located at the modifier):
/// marks the parameter <c>[NoDiff]</c>. For SAD0004 only when that clears it: <c>in</c> and <c>ref readonly</c>, not
/// <c>ref</c>/<c>out</c>, which SourceAD rejects on any parameter.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MarkParameterNoDiffCodeFix))]
[Shared]
public sealed class MarkParameterNoDiffCodeFix : CodeFixProvider
{
    public const string EquivalenceKey = "SourceAD.MarkParameterNoDiff";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(Descriptors.UnsupportedParameterType.Id, Descriptors.RefParameter.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        CancellationToken cancellationToken = context.CancellationToken;
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null
            || root.FindToken(context.Span.Start).Parent?.FirstAncestorOrSelf<ParameterSyntax>() is not { } parameter
            || model.GetDeclaredSymbol(parameter, cancellationToken) is not { } symbol
            || symbol.RefKind is RefKind.Ref or RefKind.Out
            || SyntaxEdits.HasAttribute(symbol, SyntaxEdits.NoDiffAttribute))
        {
            return;
        }
        context.RegisterCodeFix(
            CodeAction.Create(
                $"Mark parameter '{symbol.Name}' [NoDiff]",
                token => MarkAsync(context.Document, root, model, parameter, token),
                EquivalenceKey),
            context.Diagnostics);
    }

    private static Task<Document> MarkAsync(Document document, SyntaxNode root, SemanticModel model, ParameterSyntax parameter, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        NameSyntax name = SyntaxEdits.AttributeName(model, parameter.SpanStart, SyntaxEdits.NoDiffAttribute, out bool needsUsing);
        SyntaxNode newRoot = root.ReplaceNode(parameter, SyntaxEdits.AddAttributeInline(parameter, name));
        if (needsUsing && newRoot is CompilationUnitSyntax unit)
        {
            SyntaxNode anchor = unit.FindNode(new Microsoft.CodeAnalysis.Text.TextSpan(parameter.SpanStart, 0));
            newRoot = SyntaxEdits.AddUsing(unit, anchor, SyntaxEdits.EndOfLine(root));
        }
        return Task.FromResult(document.WithSyntaxRoot(newRoot));
    }
}
