using System.Linq;
using SourceAD.Generator.Model;
using SourceAD.Generator.Transforms;

namespace SourceAD.Generator.Emit;

/// <summary>Prints IR expressions as C#, with only the parentheses precedence requires.</summary>
internal static class ExprPrinter
{
    private const int Primary = 16;
    private const int UnaryLevel = 15;

    public static string Print(Expr e) => Print(e, 0);

    private static string Print(Expr e, int context)
    {
        int precedence = Precedence(e);
        string text = e switch
        {
            Literal l => l.Text,
            Var v => Names.Escape(v.Name),
            Unary u => UnaryToken(u.Op) + Operand(u.Operand),
            Binary { Op: BinaryOp.Equal or BinaryOp.NotEqual, Right: Literal { Text: "null" } } b => Print(b.Left, precedence) + (b.Op == BinaryOp.Equal ? " is null" : " is not null"),
            Binary b => Print(b.Left, precedence) + " " + Token(b.Op) + " " + Print(b.Right, precedence + 1),
            Cast c when c.Type.Generic || c.Operand.Type.Generic => c.Type.Name + ".CreateTruncating(" + Print(c.Operand, 0) + ")",
            Cast c => "(" + c.Type.Name + ")" + Print(c.Operand, UnaryLevel),
            Convert c => "(" + c.Type.Name + ")" + Print(c.Operand, UnaryLevel),
            Conditional c => Print(c.Condition, 4) + " ? " + Print(c.WhenTrue, 3) + " : " + Print(c.WhenFalse, 3),
            MathCall m => m.Class + "." + m.Function + Args(m.Args),
            DiffCall { Callee.Operator: { } token, Args.Count: 2 } d => Print(d.Args[0], precedence) + " " + token + " " + Print(d.Args[1], precedence + 1),
            DiffCall { Callee.Operator: { } token } d => token + Operand(d.Args[0]),
            DiffCall d => d.Callee.ContainingType + "." + d.Callee.CallName + Args(d.Args),
            OpaqueCall { Receiver: null } o => o.Name + Args(o),
            OpaqueCall o => Print(o.Receiver!, Primary) + "." + o.Name + Args(o),
            MemberRead { Receiver: null } m => m.Name,
            MemberRead m => Print(m.Receiver!, Primary) + "." + m.Name,
            ElementRead el => Print(el.Array, Primary) + "[" + string.Join(", ", el.Indices.Select(i => Print(i, 0))) + "]",
            New n => "new " + n.Type.Name + Args(n.Args),
            NewArray na => "new " + na.Type.Name + " { " + string.Join(", ", na.Elements.Select(x => Print(x, 0))) + " }",
            NewBuffer nb => (nb.StackAlloc ? "stackalloc " : "new ") + nb.Type.Element!.Name + "[" + Print(nb.Length, 0) + "]",
            Slice sl => PrintSlice(sl),
            Pop p => Names.Escape(p.Stack) + ".Pop()",
            DerivativeCall d => DerivativeNames.Of(d.Callee, d.Modes.ToList()) + "(" + string.Join(", ", d.Args.Select((a, i) => Passed(d.Kinds[i]) + Print(a, 0))) + ")",
            MemberRef { Accessor: null } r => Print(r.Owner, Primary) + "." + r.Member.Name,
            MemberRef r => r.Accessor + "(" + (r.OwnerIsClass ? "" : "ref ") + Print(r.Owner, 0) + ")",
            Quoted q => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(Print(q.Shown, 0), quote: true),
            Verbatim v => string.Concat(v.Segments.Select((segment, i) => i < v.Holes.Count ? segment + Print(v.Holes[i], Primary) : segment)),
            _ => throw new System.InvalidOperationException("Cannot print " + e.GetType().Name),
        };
        return precedence < context ? "(" + text + ")" : text;
    }

    /// <summary>The operand of a prefix operator; parenthesised when it starts with a sign, so "- -x" never appears.</summary>
    private static string Operand(Expr operand)
    {
        string text = Print(operand, UnaryLevel);
        return text.StartsWith("-") || text.StartsWith("+") ? "(" + text + ")" : text;
    }

    /// <summary>Arrays slice through the span constructor, spans through <c>Slice</c>.</summary>
    private static string PrintSlice(Slice slice)
    {
        var bounds = new[] { slice.Start, slice.Length }.Where(b => b is not null).Select(b => Print(b!, 0)).ToList();
        if (slice.Buffer.Type.IsSpan)
        {
            return bounds.Count == 0 ? Print(slice.Buffer, Primary) : Print(slice.Buffer, Primary) + ".Slice(" + string.Join(", ", bounds) + ")";
        }
        string arguments = string.Join(", ", new[] { Print(slice.Buffer, 0) }.Concat(bounds));
        return "new " + slice.Buffer.Type.Element!.AdjointSpan() + "(" + arguments + (bounds.Count == 1 ? ", " + Print(slice.Buffer, Primary) + ".Length - " + Print(slice.Start!, Primary) : "") + ")";
    }

    private static string Passed(PassedBy kind) => kind switch
    {
        PassedBy.Ref => "ref ",
        PassedBy.Out => "out ",
        _ => "",
    };

    private static string Args(EquatableArray<Expr> args) => "(" + string.Join(", ", args.Select(a => Print(a, 0))) + ")";

    private static string Args(OpaqueCall call) => "(" + string.Join(", ", call.Args.Select((a, i) => Passed(call.Passed(i)) + Print(a, 0))) + ")";

    private static int Precedence(Expr e) => e switch
    {
        Literal { Value: < 0 } => UnaryLevel,
        Literal l when l.Text.StartsWith("-") => UnaryLevel,
        Cast c when c.Type.Generic || c.Operand.Type.Generic => Primary,
        Unary or Cast or Convert => UnaryLevel,
        Binary b => BinaryPrecedence(b.Op),
        DiffCall { Callee.Operator: "+" or "-", Args.Count: 2 } => 12,
        DiffCall { Callee.Operator: "*" or "/", Args.Count: 2 } => 13,
        DiffCall { Callee.Operator: not null } => UnaryLevel,
        Conditional => 3,
        Verbatim => 0,
        _ => Primary,
    };

    private static int BinaryPrecedence(BinaryOp op) => op switch
    {
        BinaryOp.Multiply or BinaryOp.Divide or BinaryOp.Remainder => 13,
        BinaryOp.Add or BinaryOp.Subtract => 12,
        BinaryOp.LeftShift or BinaryOp.RightShift => 11,
        BinaryOp.Less or BinaryOp.LessOrEqual or BinaryOp.Greater or BinaryOp.GreaterOrEqual => 10,
        BinaryOp.Equal or BinaryOp.NotEqual => 9,
        BinaryOp.BitwiseAnd => 8,
        BinaryOp.ExclusiveOr => 7,
        BinaryOp.BitwiseOr => 6,
        BinaryOp.And => 5,
        _ => 4,
    };

    private static string Token(BinaryOp op) => op switch
    {
        BinaryOp.Add => "+",
        BinaryOp.Subtract => "-",
        BinaryOp.Multiply => "*",
        BinaryOp.Divide => "/",
        BinaryOp.Remainder => "%",
        BinaryOp.Less => "<",
        BinaryOp.LessOrEqual => "<=",
        BinaryOp.Greater => ">",
        BinaryOp.GreaterOrEqual => ">=",
        BinaryOp.Equal => "==",
        BinaryOp.NotEqual => "!=",
        BinaryOp.And => "&&",
        BinaryOp.Or => "||",
        BinaryOp.BitwiseAnd => "&",
        BinaryOp.BitwiseOr => "|",
        BinaryOp.ExclusiveOr => "^",
        BinaryOp.LeftShift => "<<",
        _ => ">>",
    };

    private static string UnaryToken(UnaryOp op) => op switch
    {
        UnaryOp.Negate => "-",
        UnaryOp.Plus => "+",
        UnaryOp.Not => "!",
        _ => "~",
    };
}
