using System.Collections.Generic;
using System.Linq;
using System.Text;
using SourceAD.Generator.Analysis;
using SourceAD.Generator.Model;
using SourceAD.Generator.Transforms;

namespace SourceAD.Generator.Emit;

/// <summary>
/// Prints IR statements as C#. Readability is decided here and only here: <c>x = x + e</c> prints as <c>x += e</c>,
/// a counter set just before a loop that steps it as a <c>for</c> header, <c>if (a is null) a = e</c> as
/// <c>a ??= e</c>, <c>v = v</c> not at all, and a short group of adjoint accumulations restates its chain rule in its comment.
/// </summary>
internal static class StatementPrinter
{
    public static void Print(Block block, CodeWriter code)
    {
        IReadOnlyList<Stmt> statements = block.Statements;
        for (int i = 0; i < statements.Count; i++)
        {
            if (i + 1 < statements.Count && statements[i + 1] is Loop loop && ForHeader(statements[i], loop, statements.Skip(i + 2)) is { } header)
            {
                PrintLoop(loop, code, header);
                i++;
                continue;
            }
            Print(statements[i], code);
        }
    }

    private static void Print(Stmt statement, CodeWriter code)
    {
        switch (statement)
        {
            case Declare d:
                ExprPrinter.Print(d.Initial, code.BeginLine().Append(d.Type.Name).Append(' ').Append(Names.Escape(d.Name)).Append(" = "));
                code.EndLine(";");
                break;
            case Assign { Value: Var same } self when same.Name == self.Target:
                break; // v = v (a tangent or adjoint that passes through unchanged) does nothing, and is warning CS1717
            case Assign or AssignElement:
                Assignment(statement, code.BeginLine());
                code.EndLine(";");
                break;
            case AssignMember m:
                StringBuilder line = code.BeginLine();
                ExprPrinter.Print(m.Target, line);
                ExprPrinter.Print(m.Value, line.Append(" = "));
                code.EndLine(";");
                break;
            case Evaluate { Value: Verbatim { Type.IsVoid: true } declaration }:
                code.Line(ExprPrinter.Print(declaration)); // a local function, as the method declares it
                break;
            case Evaluate e:
                ExprPrinter.Print(e.Value, code.BeginLine().Append(IsStatementExpression(e.Value) ? "" : "_ = "));
                code.EndLine(";");
                break;
            case Push p:
                ExprPrinter.Print(p.Value, code.BeginLine().Append(Names.Escape(p.Stack)).Append(".Push("));
                code.EndLine(");");
                break;
            case If i:
                PrintIf(i, code);
                break;
            case Loop l:
                PrintLoop(l, code, null);
                break;
            case Return { Value: null }:
                code.Line("return;");
                break;
            case Return r:
                ExprPrinter.Print(r.Value!, code.BeginLine().Append("return "));
                code.EndLine(";");
                break;
            case Throw t:
                ExprPrinter.Print(t.Exception, code.BeginLine().Append("throw "));
                code.EndLine(";");
                break;
            case Comment c:
                code.Line(c.Text.Length == 0 ? "" : "// " + c.Text);
                break;
            case Group g:
                code.Line("// " + g.Header + (g.Restated >= 0 ? Restate(g.Body.Statements.Skip(g.Restated).Take(1)) : ChainRule(g.Body)));
                Print(g.Body, code);
                break;
            default:
                throw new System.InvalidOperationException("Cannot print " + statement.GetType().Name + " (lowered away before printing)");
        }
    }

    /// <summary><c>t = e</c>, or <c>t op= e</c> when e is <c>t op e'</c>.</summary>
    private static string Assignment(Stmt statement)
    {
        var text = new StringBuilder();
        Assignment(statement, text);
        return text.ToString();
    }

    private static void Assignment(Stmt statement, StringBuilder into)
    {
        (Expr target, Expr value) = statement switch
        {
            Assign a => ((Expr)new Var(a.Target, a.Value.Type), a.Value),
            AssignElement e => (new ElementRead(new Var(e.Target, e.Value.Type), EquatableArray.Of(e.Index), e.Value.Type), e.Value),
            _ => throw new System.InvalidOperationException(),
        };
        if (statement is Assign assign)
        {
            into.Append(Names.Escape(assign.Target));
        }
        else
        {
            ExprPrinter.Print(target, into);
        }
        if (value is Binary { Op: BinaryOp.Add or BinaryOp.Subtract or BinaryOp.Multiply or BinaryOp.Divide } b && SameTarget(b.Left, target))
        {
            string op = b.Op switch { BinaryOp.Add => "+=", BinaryOp.Subtract => "-=", BinaryOp.Multiply => "*=", _ => "/=" };
            bool unit = b.Right is Literal { Value: 1 } && b.Type.Kind == ValueKind.Integer && b.Op is BinaryOp.Add or BinaryOp.Subtract;
            if (unit)
            {
                into.Append(b.Op == BinaryOp.Add ? "++" : "--");
            }
            else
            {
                ExprPrinter.Print(b.Right, into.Append(' ').Append(op).Append(' '));
            }
            return;
        }
        ExprPrinter.Print(value, into.Append(" = "));
    }

    private static bool SameTarget(Expr e, Expr target) => (e, target) switch
    {
        (Var a, Var b) => a.Name == b.Name,
        (ElementRead a, ElementRead b) => a.Array is Var x && b.Array is Var y && x.Name == y.Name && a.Indices == b.Indices,
        _ => false,
    };

    private static void PrintIf(If branch, CodeWriter code)
    {
        // if (a is null) a = e;  →  a ??= e;
        if (branch is { Condition: Binary { Op: BinaryOp.Equal, Left: Var tested, Right: Literal { Text: "null" } }, Else.IsEmpty: true }
            && branch.Then.Statements is [Assign assign] && assign.Target == tested.Name)
        {
            code.Line(Names.Escape(tested.Name) + " ??= " + ExprPrinter.Print(assign.Value) + ";");
            return;
        }
        if (branch.Then.IsEmpty && branch.Else.IsEmpty)
        {
            return;
        }
        if (branch.Then.IsEmpty)
        {
            code.Open("if (" + ExprPrinter.Print(Sym.Not(branch.Condition)) + ")");
            Print(branch.Else, code);
            code.Close();
            return;
        }
        code.Open("if (" + ExprPrinter.Print(branch.Condition) + ")");
        Print(branch.Then, code);
        code.Close();
        if (!branch.Else.IsEmpty)
        {
            code.Open("else");
            Print(branch.Else, code);
            code.Close();
        }
    }

    /// <param name="header">The initialisation of a <c>for</c> header, when the statement before the loop sets its counter.</param>
    private static void PrintLoop(Loop loop, CodeWriter code, string? header)
    {
        string condition = loop.Condition is null ? "true" : ExprPrinter.Print(loop.Condition);
        if (header is not null)
        {
            code.Open("for (" + header + "; " + condition + "; " + Assignment(loop.Step.Statements[0]) + ")");
            Print(loop.Body, code);
            code.Close();
            return;
        }
        code.Open(loop.Kind == LoopKind.TestFirst ? "while (" + condition + ")" : "do");
        Print(loop.Body, code);
        Print(loop.Step, code);
        code.Close(loop.Kind == LoopKind.TestFirst ? "" : " while (" + condition + ");");
    }

    /// <summary>
    /// The header of <c>for (c = start; condition; c ± k)</c> when <paramref name="before"/> sets the counter the loop
    /// steps and tests (a declaration moves into the header only when nothing after the loop uses it).
    /// </summary>
    private static string? ForHeader(Stmt before, Loop loop, IEnumerable<Stmt> after)
    {
        if (loop.Kind != LoopKind.TestFirst || loop.Condition is null || loop.Step.Statements is not [Assign step]
            || step.Value is not Binary { Op: BinaryOp.Add or BinaryOp.Subtract, Left: Var stepped, Right: Literal } || stepped.Name != step.Target
            || !ExprVisitor.Reads(loop.Condition, step.Target))
        {
            return null;
        }
        return before switch
        {
            Declare d when d.Name == step.Target && !Statements.Mention(after, d.Name) => d.Type.Name + " " + Names.Escape(d.Name) + " = " + ExprPrinter.Print(d.Initial),
            Assign a when a.Target == step.Target => Names.Escape(a.Target) + " = " + ExprPrinter.Print(a.Value),
            _ => null,
        };
    }

    /// <summary>
    /// A short reverse step restated in the comment in the notation of the chain rule: "  →  dx += dz * y; dy += dz * x"
    /// (adjoints written d + name). Longer steps (branches, temporaries, calls) are left to the code below the comment.
    /// </summary>
    private static string ChainRule(Block body)
    {
        if (body.Statements.Count is 0 or > 2 || !body.Statements.All(IsAccumulation))
        {
            return "";
        }
        var lines = body.Statements.Select(s => Assignment(s) + ";").ToList();
        return lines.All(l => l.Length <= 70 && !l.Contains("Pop()"))
            ? "  →  " + string.Join(" ", lines.Select(l => l.Replace("_d_", "d").Replace("global::System.", "")))
            : "";
    }

    /// <summary>The first statements of a step, restated (a tangent: "  →  zDot = xDot * y + x * yDot"), when short.</summary>
    private static string Restate(IEnumerable<Stmt> statements)
    {
        if (statements.FirstOrDefault() is Assign { Value: Var same } self && same.Name == self.Target)
        {
            return "  →  " + Names.Escape(self.Target) + " unchanged";
        }
        var lines = statements.Where(s => s is Assign or AssignElement or Declare)
            .Select(s => (s is Declare d ? Names.Escape(d.Name) + " = " + ExprPrinter.Print(d.Initial) : Assignment(s)) + ";").ToList();
        return lines.Count > 0 && lines.All(l => l.Length <= 80 && !l.Contains("Pop()") && !l.Contains("Tangent("))
            ? "  →  " + string.Join(" ", lines.Select(l => l.Replace("global::System.", "")))
            : "";
    }

    private static bool IsAccumulation(Stmt statement) => statement switch
    {
        Assign { Value: Binary { Op: BinaryOp.Add, Left: Var v } } a => v.Name == a.Target,
        AssignElement { Value: Binary { Op: BinaryOp.Add, Left: ElementRead { Array: Var v } } } e => v.Name == e.Target,
        _ => false,
    };

    private static bool IsStatementExpression(Expr e) => e is OpaqueCall or DiffCall or MathCall or New or DerivativeCall;
}
