using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SourceAD.Generator.Diagnostics;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Parsing;

/// <summary>
/// Syntax that SourceAD does not differentiate, found before the operation tree is walked so each diagnostic
/// points at the construct itself. One entry per syntax kind: what it is, and what to do instead.
/// </summary>
internal static class ForbiddenSyntax
{
    private sealed record Entry(DiagnosticDescriptor Descriptor, string What, string Fix);

    private const string UseStructured = "use if/else, loops, break and continue instead";

    private static readonly Dictionary<SyntaxKind, Entry> Table = new()
    {
        [SyntaxKind.TryStatement] = Statement("A 'try' statement", "handle exceptions in the caller of the backward method"),
        [SyntaxKind.GotoStatement] = Statement("A 'goto' statement", UseStructured),
        [SyntaxKind.GotoCaseStatement] = Statement("A 'goto case' statement", UseStructured),
        [SyntaxKind.GotoDefaultStatement] = Statement("A 'goto default' statement", UseStructured),
        [SyntaxKind.LabeledStatement] = Statement("A labeled statement", UseStructured),
        [SyntaxKind.LockStatement] = Statement("A 'lock' statement", "synchronise in the caller"),
        [SyntaxKind.UsingStatement] = Statement("A 'using' statement", "manage resources in the caller"),
        [SyntaxKind.YieldReturnStatement] = Statement("An iterator ('yield return')", "return a single value"),
        [SyntaxKind.YieldBreakStatement] = Statement("An iterator ('yield break')", "return a single value"),
        [SyntaxKind.FixedStatement] = Statement("A 'fixed' statement", "use arrays or spans instead of pointers"),
        [SyntaxKind.UnsafeStatement] = Statement("An 'unsafe' block", "use arrays or spans instead of pointers"),
        [SyntaxKind.CheckedStatement] = Statement("A 'checked' block", "remove it (overflow checking does not apply to the floating-point values being differentiated)"),
        [SyntaxKind.UncheckedStatement] = Statement("An 'unchecked' block", "remove it"),
        [SyntaxKind.ForEachVariableStatement] = Statement("A 'foreach' with deconstruction", "use a 'for' loop with an index"),
        [SyntaxKind.AwaitExpression] = Expression("'await'", "await in the caller and pass the result in"),
        [SyntaxKind.CheckedExpression] = Expression("A 'checked' expression", "remove it (overflow checking does not apply to the floating-point values being differentiated)"),
        [SyntaxKind.UncheckedExpression] = Expression("An 'unchecked' expression", "remove it"),
        [SyntaxKind.AddressOfExpression] = Expression("Taking an address ('&')", "use arrays or spans instead of pointers"),
        [SyntaxKind.PointerIndirectionExpression] = Expression("A pointer dereference ('*')", "use arrays or spans instead of pointers"),
        [SyntaxKind.PointerMemberAccessExpression] = Expression("A pointer member access ('->')", "use arrays or spans instead of pointers"),
        [SyntaxKind.RefExpression] = Expression("A 'ref' expression", "use values"),
        [SyntaxKind.ThrowExpression] = Expression("A throw expression", "use a 'throw' statement"),
    };

    /// <summary>Reports each forbidden construct in <paramref name="body"/> once, without descending into it.</summary>
    public static void Scan(SyntaxNode body, List<DiagnosticInfo> diagnostics)
    {
        if (Table.TryGetValue(body.Kind(), out Entry? entry) || IsUsingDeclaration(body, out entry))
        {
            diagnostics.Add(DiagnosticInfo.Create(entry!.Descriptor, LocationInfo.From(body), entry.What, entry.Fix));
            return;
        }
        if (body is LocalFunctionStatementSyntax)
        {
            return; // kept as written, not differentiated (BodyParser.LocalFunctions): what it contains is its own affair
        }
        foreach (SyntaxNode child in body.ChildNodes())
        {
            Scan(child, diagnostics);
        }
    }

    private static bool IsUsingDeclaration(SyntaxNode node, out Entry? entry)
    {
        bool isUsing = node is LocalDeclarationStatementSyntax { UsingKeyword.RawKind: not 0 };
        entry = isUsing ? Statement("A 'using' declaration", "manage resources in the caller") : null;
        return isUsing;
    }

    private static Entry Statement(string what, string fix) => new(Descriptors.UnsupportedStatement, what, fix);

    private static Entry Expression(string what, string fix) => new(Descriptors.UnsupportedExpression, what, fix);
}
