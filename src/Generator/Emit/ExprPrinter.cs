using System.Collections.Generic;
using System.Linq;
using System.Text;
using SourceAD.Generator.Model;
using SourceAD.Generator.Transforms;

namespace SourceAD.Generator.Emit;

/// <summary>Prints IR expressions as C#, with only the parentheses precedence requires.</summary>
internal static class ExprPrinter
{
    private const int Primary = 16;
    private const int UnaryLevel = 15;

    public static string Print(Expr e)
    {
        var text = new StringBuilder();
        Print(e, 0, text);
        return text.ToString();
    }

    /// <summary>Appends <paramref name="e"/> to <paramref name="into"/>: one buffer for the whole expression, no string per node.</summary>
    public static void Print(Expr e, StringBuilder into) => Print(e, 0, into);

    private static void Print(Expr e, int context, StringBuilder into)
    {
        int precedence = Precedence(e);
        bool parenthesised = precedence < context;
        if (parenthesised)
        {
            into.Append('(');
        }
        switch (e)
        {
            case Literal l:
                into.Append(l.Text);
                break;
            case Var v:
                into.Append(Names.Escape(v.Name));
                break;
            case Unary u:
                into.Append(UnaryToken(u.Op));
                Operand(u.Operand, into);
                break;
            case Binary { Op: BinaryOp.Equal or BinaryOp.NotEqual, Right: Literal { Text: "null" } } b:
                Print(b.Left, precedence, into);
                into.Append(b.Op == BinaryOp.Equal ? " is null" : " is not null");
                break;
            case Binary b:
                Print(b.Left, precedence, into);
                into.Append(' ').Append(Token(b.Op)).Append(' ');
                Print(b.Right, precedence + 1, into);
                break;
            case Cast c when c.Type.Generic || c.Operand.Type.Generic:
                into.Append(c.Type.Name).Append(".CreateTruncating(");
                Print(c.Operand, 0, into);
                into.Append(')');
                break;
            case Cast c:
                into.Append('(').Append(c.Type.Name).Append(')');
                Print(c.Operand, UnaryLevel, into);
                break;
            case Convert c:
                into.Append('(').Append(c.Type.Name).Append(')');
                Print(c.Operand, UnaryLevel, into);
                break;
            case Conditional c:
                Print(c.Condition, 4, into);
                into.Append(" ? ");
                Print(c.WhenTrue, 3, into);
                into.Append(" : ");
                Print(c.WhenFalse, 3, into);
                break;
            case MathCall m:
                into.Append(m.Class).Append('.').Append(m.Function);
                Args(m.Args, default, into);
                break;
            case DiffCall { Callee.Operator: { } token, Args.Count: 2 } d:
                Print(d.Args[0], precedence, into);
                into.Append(' ').Append(token).Append(' ');
                Print(d.Args[1], precedence + 1, into);
                break;
            case DiffCall { Callee.Operator: { } token } d:
                into.Append(token);
                Operand(d.Args[0], into);
                break;
            case DiffCall d:
                into.Append(d.Callee.ContainingType).Append('.').Append(d.Callee.CallName);
                Args(d.Args, default, into);
                break;
            case OpaqueCall o:
                if (o.Receiver is not null)
                {
                    Print(o.Receiver, Primary, into);
                    into.Append('.');
                }
                into.Append(o.Name);
                Args(o.Args, o.Kinds, into);
                break;
            case MemberRead m:
                if (m.Receiver is not null)
                {
                    Print(m.Receiver, Primary, into);
                    into.Append('.');
                }
                into.Append(m.Name);
                break;
            case ElementRead el:
                Print(el.Array, Primary, into);
                into.Append('[');
                List(el.Indices, into);
                into.Append(']');
                break;
            case New n:
                into.Append("new ").Append(n.Type.Name);
                Args(n.Args, default, into);
                break;
            case NewArray na:
                into.Append("new ").Append(na.Type.Name).Append(" { ");
                List(na.Elements, into);
                into.Append(" }");
                break;
            case NewBuffer nb:
                into.Append(nb.StackAlloc ? "stackalloc " : "new ").Append(nb.Type.Element!.Name).Append('[');
                Print(nb.Length, 0, into);
                into.Append(']');
                break;
            case Slice sl:
                PrintSlice(sl, into);
                break;
            case Pop p:
                into.Append(Names.Escape(p.Stack)).Append(".Pop()");
                break;
            case DerivativeCall d:
                into.Append(DerivativeNames.Of(d.Callee, d.Modes.ToList()));
                Args(d.Args, d.Kinds, into);
                break;
            case MemberRef { Accessor: null } r:
                Print(r.Owner, Primary, into);
                into.Append('.').Append(r.Member.Name);
                break;
            case MemberRef r:
                into.Append(r.Accessor).Append('(').Append(r.OwnerIsClass ? "" : "ref ");
                Print(r.Owner, 0, into);
                into.Append(')');
                break;
            case Quoted q:
                into.Append(Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(Print(q.Shown), quote: true));
                break;
            case Verbatim v:
                for (int i = 0; i < v.Segments.Count; i++)
                {
                    into.Append(v.Segments[i]);
                    if (i < v.Holes.Count)
                    {
                        Print(v.Holes[i], Primary, into);
                    }
                }
                break;
            default:
                throw new System.InvalidOperationException("Cannot print " + e.GetType().Name);
        }
        if (parenthesised)
        {
            into.Append(')');
        }
    }

    /// <summary>The operand of a prefix operator; parenthesised when it starts with a sign, so "- -x" never appears.</summary>
    private static void Operand(Expr operand, StringBuilder into)
    {
        int start = into.Length;
        Print(operand, UnaryLevel, into);
        if (into.Length > start && into[start] is '-' or '+')
        {
            into.Insert(start, '(').Append(')');
        }
    }

    /// <summary>Arrays slice through the span constructor, spans through <c>Slice</c>.</summary>
    private static void PrintSlice(Slice slice, StringBuilder into)
    {
        var bounds = new[] { slice.Start, slice.Length }.Where(b => b is not null).Select(b => b!).ToList();
        if (slice.Buffer.Type.IsSpan)
        {
            Print(slice.Buffer, Primary, into);
            if (bounds.Count > 0)
            {
                into.Append(".Slice(");
                List(bounds, into);
                into.Append(')');
            }
            return;
        }
        into.Append("new ").Append(slice.Buffer.Type.Element!.AdjointSpan()).Append('(');
        Print(slice.Buffer, 0, into);
        foreach (Expr bound in bounds)
        {
            into.Append(", ");
            Print(bound, 0, into);
        }
        if (bounds.Count == 1)
        {
            into.Append(", ");
            Print(slice.Buffer, Primary, into);
            into.Append(".Length - ");
            Print(slice.Start!, Primary, into);
        }
        into.Append(')');
    }

    /// <summary>Expressions separated by commas.</summary>
    private static void List(IReadOnlyList<Expr> items, StringBuilder into)
    {
        for (int i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                into.Append(", ");
            }
            Print(items[i], 0, into);
        }
    }

    /// <summary>A parenthesised argument list, each argument with its <c>ref</c> or <c>out</c> when <paramref name="kinds"/> has one.</summary>
    private static void Args(EquatableArray<Expr> args, EquatableArray<PassedBy> kinds, StringBuilder into)
    {
        into.Append('(');
        for (int i = 0; i < args.Count; i++)
        {
            if (i > 0)
            {
                into.Append(", ");
            }
            into.Append(i < kinds.Count ? Passed(kinds[i]) : "");
            Print(args[i], 0, into);
        }
        into.Append(')');
    }

    private static string Passed(PassedBy kind) => kind switch
    {
        PassedBy.Ref => "ref ",
        PassedBy.Out => "out ",
        _ => "",
    };

    private static int Precedence(Expr e) => e switch
    {
        Literal { Value: < 0 } => UnaryLevel,
        Literal l when l.Text.StartsWith("-", System.StringComparison.Ordinal) => UnaryLevel,
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
