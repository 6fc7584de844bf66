using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SourceAD.Generator.Parsing;

/// <summary>
/// Whether a vector-valued <c>[Differentiable]</c> method may read what its <c>[Output]</c> buffers held before the
/// call, read from its source: every mention of an output other than an element assignment (<c>y[i] = …</c>) or its
/// <c>Length</c> counts as a read. A caller's reverse sweep runs the method again inside its pullback; when the method
/// only writes its outputs, the pullback can write them into scratch instead of a copy of their old contents.
/// </summary>
internal static class OutputReads
{
    /// <summary>Whether <paramref name="method"/> may read one of its outputs' old contents (true when its source is not here).</summary>
    public static bool Any(IMethodSymbol method)
    {
        var outputs = new HashSet<string>(method.Parameters.Where(Types.IsOutput).Select(p => p.Name));
        if (outputs.Count == 0)
        {
            return false;
        }
        if (method.DeclaringSyntaxReferences.Length == 0)
        {
            return true;
        }
        return method.DeclaringSyntaxReferences
            .SelectMany(reference => reference.GetSyntax().DescendantNodes().OfType<IdentifierNameSyntax>())
            .Any(name => outputs.Contains(name.Identifier.Text) && !OnlyWritten(name));
    }

    private static bool OnlyWritten(IdentifierNameSyntax name) => name.Parent switch
    {
        ElementAccessExpressionSyntax access when access.Expression == name =>
            access.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment && assignment.Left == access,
        MemberAccessExpressionSyntax { Name.Identifier.Text: "Length" } member => member.Expression == name,
        _ => false,
    };
}
