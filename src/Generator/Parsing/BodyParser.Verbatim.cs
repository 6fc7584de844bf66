using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SourceAD.Generator.Diagnostics;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Parsing;

/// <summary>
/// C# the transforms do not differentiate but that generated code must still compute (lambdas, interpolated strings,
/// queries and patterns over data): kept as source text with holes for the method's variables. The soundness check
/// rejects such code where it reads a value that depends on a differentiable input.
/// </summary>
internal sealed partial class BodyParser
{
    /// <summary>
    /// <paramref name="operation"/> as a <see cref="Verbatim"/> expression, or a placeholder after a diagnostic when its
    /// text cannot be kept (it assigns a variable of the method, or holds preprocessor directives).
    /// </summary>
    private Expr ParseVerbatim(IOperation operation, TypeRef type, string what, Opaque? flow = null)
    {
        SyntaxNode syntax = operation.Syntax;
        if (WrittenVariable(syntax) is not null)
        {
            Report(Descriptors.NestedAssignment, syntax, Source(syntax));
            return Placeholder(type);
        }
        // A variable declared inside (o is double d, out var v) would be a variable of the method the IR never assigns.
        if (syntax.DescendantNodesAndSelf(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<SingleVariableDesignationSyntax>().FirstOrDefault() is { } declared)
        {
            Report(Descriptors.UnsupportedExpression, syntax, "The expression '" + Source(syntax) + "', which declares '" + declared.Identifier.Text + "',",
                "declare the variable in a statement of its own");
            return Placeholder(type);
        }
        var segments = new List<string>();
        var holes = new List<Expr>();
        var text = new StringBuilder();
        SyntaxToken first = syntax.GetFirstToken();
        bool pendingSpace = false;
        foreach (SyntaxToken token in syntax.DescendantTokens())
        {
            // Whitespace, line breaks and comments between tokens become one space: the text stays on one line.
            if (token != first && (pendingSpace || token.HasLeadingTrivia))
            {
                text.Append(' ');
            }
            if (Hole(token, syntax) is { } hole)
            {
                segments.Add(text.ToString());
                text.Clear();
                holes.Add(hole);
            }
            else
            {
                text.Append(QualifiedText(token));
            }
            pendingSpace = token.HasTrailingTrivia;
        }
        segments.Add(text.ToString());
        return new Verbatim(segments.ToEquatableArray(), holes.ToEquatableArray(), type, flow, what, LocationInfo.From(syntax));
    }

    /// <summary>A variable of the method (declared outside <paramref name="syntax"/>) that the code assigns, if any.</summary>
    /// <summary>
    /// An interpolated string: it formats its holes by value, so holes that depend on a differentiable input are fine
    /// (<c>$"{x}"</c>), except arrays and objects the formatting code could write.
    /// </summary>
    private Expr ParseInterpolation(IOperation operation, TypeRef type)
    {
        var verbatim = (Verbatim)ParseVerbatim(operation, type, "The interpolated string '" + Source(operation.Syntax) + "'");
        var mayWrite = verbatim.Holes.Select(h => h.Type.HoldsState && !h.Type.IsFloating).ToEquatableArray();
        return verbatim with { Flow = new Opaque("The interpolated string '" + Source(operation.Syntax) + "'", mayWrite, "format a copy of the values instead", verbatim.Location) };
    }

    private ISymbol? WrittenVariable(SyntaxNode syntax)
    {
        if (syntax is not ExpressionSyntax expression || _semanticModel.AnalyzeDataFlow(expression) is not { Succeeded: true } flow)
        {
            return null;
        }
        return flow.WrittenInside.FirstOrDefault(s => s is IParameterSymbol or ILocalSymbol && !IsDeclaredInside(s, syntax));
    }

    private static bool IsDeclaredInside(ISymbol symbol, SyntaxNode syntax) =>
        symbol.DeclaringSyntaxReferences.Any(r => syntax.Span.Contains(r.Span) && r.SyntaxTree == syntax.SyntaxTree);

    /// <summary>A read of a local or parameter of the method: its value in the IR (it may be renamed or an alias).</summary>
    private Expr? Hole(SyntaxToken token, SyntaxNode syntax)
    {
        if (!token.IsKind(SyntaxKind.IdentifierToken) || token.Parent is not IdentifierNameSyntax name)
        {
            return null;
        }
        ISymbol? symbol = _semanticModel.GetSymbolInfo(name).Symbol;
        bool variable = symbol is ILocalSymbol or IParameterSymbol && !IsDeclaredInside(symbol, syntax) && !IsInNameOf(name);
        return variable && _semanticModel.GetOperation(name) is { } read ? ParseExpression(read) : null;
    }

    private static bool IsInNameOf(SyntaxNode node) =>
        node.Ancestors().OfType<InvocationExpressionSyntax>().Any(i => i.Expression is IdentifierNameSyntax { Identifier.Text: "nameof" });

    /// <summary>
    /// A token as generated code must spell it: a simple name of a type, a namespace or a static member, fully
    /// qualified (generated code declares names of its own that could hide it); everything else as written.
    /// </summary>
    private string QualifiedText(SyntaxToken token)
    {
        if (!token.IsKind(SyntaxKind.IdentifierToken) || token.Parent is not SimpleNameSyntax name || IsRightOfDot(name)
            || name.Parent is NameColonSyntax or NameEqualsSyntax || name.IsVar)
        {
            return token.Text;
        }
        ISymbol? symbol = _semanticModel.GetSymbolInfo(name).Symbol;
        string? container = symbol switch
        {
            INamespaceSymbol { IsGlobalNamespace: false } ns => ns.ContainingNamespace is { IsGlobalNamespace: false } outer ? outer.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) : "global:",
            ITypeSymbol { TypeKind: not TypeKind.TypeParameter } type when type.SpecialType == SpecialType.None =>
                type.ContainingType is { } outerType ? Types.FullName(outerType) : type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) : "global:",
            { IsStatic: true, ContainingType: { } owner } when symbol is IFieldSymbol or IPropertySymbol or IMethodSymbol { MethodKind: MethodKind.Ordinary } or IEventSymbol
                => Types.FullName(owner),
            _ => null,
        };
        return container is null ? token.Text : container + (container.EndsWith(":") ? ":" : ".") + token.Text;
    }

    private static bool IsRightOfDot(SimpleNameSyntax name) =>
        name.Parent is MemberAccessExpressionSyntax access && access.Name == name
        || name.Parent is QualifiedNameSyntax qualified && qualified.Right == name
        || name.Parent is MemberBindingExpressionSyntax
        || name.Parent is AliasQualifiedNameSyntax;
}
