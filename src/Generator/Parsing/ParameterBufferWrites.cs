using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SourceAD.Generator.Parsing;

/// <summary>
/// Which buffer parameters a <c>[Differentiable]</c> method writes into, read from its source: an element assigned
/// (<c>p[i] = …</c>, <c>p[i] += …</c>, <c>p[i]++</c>), or the destination of a copy or a fill (<c>x.CopyTo(p)</c>,
/// <c>Array.Copy(x, p, n)</c>, <c>p.Clear()</c>, <c>p.Fill(v)</c>, <c>Array.Fill(p, v)</c>). A method may write a buffer that
/// carries no derivative (a <c>[NoDiff]</c> or integer scratch buffer); a call to it from another <c>[Differentiable]</c>
/// method cannot be differentiated, because the callee runs again inside its pullback and would see what its first
/// run left in the buffer.
/// </summary>
internal static class ParameterBufferWrites
{
    /// <summary>The names of the buffer parameters <paramref name="method"/> writes into (empty when its source is not here).</summary>
    public static IEnumerable<string> Of(IMethodSymbol method)
    {
        var buffers = new HashSet<string>(method.Parameters.Where(p => Types.ElementSymbol(p.Type) is not null && !Types.IsOutput(p)).Select(p => p.Name));
        if (buffers.Count == 0)
        {
            return Enumerable.Empty<string>();
        }
        var written = new SortedSet<string>(System.StringComparer.Ordinal);
        foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
        {
            foreach (SyntaxNode node in reference.GetSyntax().DescendantNodes())
            {
                if (WrittenBuffer(node) is { } name && buffers.Contains(name))
                {
                    written.Add(name);
                }
            }
        }
        return written;
    }

    private static string? WrittenBuffer(SyntaxNode node) => node switch
    {
        AssignmentExpressionSyntax { Left: ElementAccessExpressionSyntax { Expression: IdentifierNameSyntax buffer } } => buffer.Identifier.Text,
        PostfixUnaryExpressionSyntax { Operand: ElementAccessExpressionSyntax { Expression: IdentifierNameSyntax buffer } } => buffer.Identifier.Text,
        PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression, Operand: ElementAccessExpressionSyntax { Expression: IdentifierNameSyntax buffer } } => buffer.Identifier.Text,
        ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.RefKeyword or (int)SyntaxKind.OutKeyword, Expression: ElementAccessExpressionSyntax { Expression: IdentifierNameSyntax buffer } } => buffer.Identifier.Text,
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.Text: "Array" }, Name.Identifier.Text: "Fill" or "Clear" }, ArgumentList.Arguments: [{ Expression: IdentifierNameSyntax buffer }, ..] } => buffer.Identifier.Text,
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.Text: "Clear" or "Fill", Expression: IdentifierNameSyntax buffer } } => buffer.Identifier.Text,
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.Text: "CopyTo" or "TryCopyTo" }, ArgumentList.Arguments: [{ Expression: IdentifierNameSyntax buffer }, ..] } => buffer.Identifier.Text,
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.Text: "Array" }, Name.Identifier.Text: "Copy" }, ArgumentList.Arguments: [_, { Expression: IdentifierNameSyntax buffer }, ..] } => buffer.Identifier.Text,
        _ => null,
    };
}
