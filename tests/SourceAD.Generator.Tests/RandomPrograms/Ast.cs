using System.Globalization;
using System.Text;

namespace SourceAD.Generator.Tests.RandomPrograms;

// A tiny AST of the random [Differentiable] programs: printed to C# for the generator, and evaluated directly with
// dual numbers (DualEvaluator) as an independent second implementation of the same derivative.

/// <summary>A double-valued expression.</summary>
internal abstract record Expr;

/// <summary>A double literal (printed with a decimal point, so it is never an int).</summary>
internal sealed record Num(double Value) : Expr;

/// <summary>A double parameter or local.</summary>
internal sealed record Var(string Name) : Expr;

/// <summary>An int expression used where a double is expected; <see cref="Cast"/> prints <c>(double)</c>.</summary>
internal sealed record IntAsDouble(IExpr Value, bool Cast) : Expr;

internal sealed record Neg(Expr Operand) : Expr;

/// <summary><c>+ - * /</c>; a division's right side is always built bounded away from zero.</summary>
internal sealed record Bin(char Op, Expr Left, Expr Right) : Expr;

/// <summary><c>Math.Fn(args)</c>; arguments are built so that the function's domain is respected.</summary>
internal sealed record MathCall(string Fn, Expr[] Args) : Expr;

internal sealed record Ternary(BExpr Condition, Expr WhenTrue, Expr WhenFalse) : Expr;

/// <summary>A call to an earlier method of the same program: one argument per double parameter, plus <c>n</c>.</summary>
internal sealed record UserCall(int Method, Expr[] Args, IExpr? N) : Expr;

/// <summary>An int expression (loop bounds, counters, <c>n</c>).</summary>
internal abstract record IExpr;

internal sealed record IConst(int Value) : IExpr;

internal sealed record IVar(string Name) : IExpr;

internal sealed record ISub(IExpr Left, IExpr Right) : IExpr;

/// <summary><c>(int)Math.Floor(2.0 + 2.0 * Math.Tanh(e))</c>: a data-dependent int in 0..4.</summary>
internal sealed record IFloor(Expr Operand) : IExpr;

/// <summary>A condition.</summary>
internal abstract record BExpr;

internal sealed record Cmp(Expr Left, string Op, Expr Right) : BExpr;

internal sealed record ICmp(IExpr Left, string Op, IExpr Right) : BExpr;

internal sealed record Logic(string Op, BExpr Left, BExpr Right) : BExpr;

internal sealed record Not(BExpr Operand) : BExpr;

internal abstract record Stmt;

internal sealed record Decl(string Name, Expr Value) : Stmt;

/// <summary><c>=</c>, <c>+=</c>, <c>-=</c>, <c>*=</c>, <c>++</c>, <c>--</c> on a double local or parameter.</summary>
internal sealed record Assign(string Name, string Op, Expr? Value) : Stmt;

internal sealed record If(BExpr Condition, Stmt[] Then, Stmt[]? Else) : Stmt;

/// <summary><c>for (int i = 0; i &lt; bound; i++) { body }</c>.</summary>
internal sealed record For(string Index, IExpr Bound, Stmt[] Body) : Stmt;

/// <summary><c>int c = 0; while (c &lt; bound) { body; c++; }</c>.</summary>
internal sealed record While(string Counter, IExpr Bound, Stmt[] Body) : Stmt;

internal sealed record Break : Stmt;

internal sealed record Continue : Stmt;

internal sealed record Return(Expr Value) : Stmt;

/// <summary>
/// <c>static double M{Index}(double x0, …, double x{Doubles-1}[, int n])</c>; <see cref="NoDiff"/> marks one double
/// parameter <c>[NoDiff]</c> (or -1).
/// </summary>
internal sealed record Method(int Index, int Doubles, bool HasN, int NoDiff, Stmt[] Body)
{
    public string Name => "M" + Index.ToString(CultureInfo.InvariantCulture);

    public IEnumerable<int> ActiveParameters => Enumerable.Range(0, Doubles).Where(i => i != NoDiff);
}

/// <summary>One random program: a partial class <c>P{Id}</c> of methods, where method k may call methods before it.</summary>
internal sealed record RandomProgram(int Id, Method[] Methods)
{
    public string ClassName => "P" + Id.ToString(CultureInfo.InvariantCulture);

    public Method Get(int index) => Methods.First(m => m.Index == index);

    public int Size => Methods.Sum(m => Printer.CountNodes(m.Body));
}

internal static class Printer
{
    public const string Namespace = "RandomPrograms";

    public static string File(RandomProgram program)
    {
        var sb = new StringBuilder();
        sb.Append("using System;\nusing SourceAD;\n\nnamespace ").Append(Namespace).Append(";\n\n");
        sb.Append("public static partial class ").Append(program.ClassName).Append("\n{\n");
        foreach (Method m in program.Methods)
        {
            MethodText(sb, m);
        }
        sb.Append("}\n");
        return sb.ToString();
    }

    private static void MethodText(StringBuilder sb, Method m)
    {
        var parameters = new List<string>();
        for (int i = 0; i < m.Doubles; i++)
        {
            parameters.Add((i == m.NoDiff ? "[NoDiff] " : "") + "double x" + i.ToString(CultureInfo.InvariantCulture));
        }
        if (m.HasN)
        {
            parameters.Add("int n");
        }
        sb.Append("    [Differentiable]\n    public static double ").Append(m.Name).Append('(').Append(string.Join(", ", parameters)).Append(")\n");
        Block(sb, m.Body, 1);
    }

    private static void Block(StringBuilder sb, Stmt[] body, int indent, string? trailer = null)
    {
        string pad = new(' ', indent * 4);
        sb.Append(pad).Append("{\n");
        foreach (Stmt s in body)
        {
            Statement(sb, s, indent + 1);
        }
        if (trailer is not null)
        {
            sb.Append(pad).Append("    ").Append(trailer).Append('\n');
        }
        sb.Append(pad).Append("}\n");
    }

    private static void Statement(StringBuilder sb, Stmt s, int indent)
    {
        string pad = new(' ', indent * 4);
        switch (s)
        {
            case Decl d:
                sb.Append(pad).Append("double ").Append(d.Name).Append(" = ").Append(E(d.Value)).Append(";\n");
                break;
            case Assign { Op: "++" or "--" } a:
                sb.Append(pad).Append(a.Name).Append(a.Op).Append(";\n");
                break;
            case Assign a:
                sb.Append(pad).Append(a.Name).Append(' ').Append(a.Op).Append(' ').Append(E(a.Value!)).Append(";\n");
                break;
            case If i:
                sb.Append(pad).Append("if (").Append(B(i.Condition)).Append(")\n");
                Block(sb, i.Then, indent);
                if (i.Else is not null)
                {
                    sb.Append(pad).Append("else\n");
                    Block(sb, i.Else, indent);
                }
                break;
            case For f:
                sb.Append(pad).Append("for (int ").Append(f.Index).Append(" = 0; ").Append(f.Index).Append(" < ").Append(I(f.Bound))
                  .Append("; ").Append(f.Index).Append("++)\n");
                Block(sb, f.Body, indent);
                break;
            case While w:
                sb.Append(pad).Append("int ").Append(w.Counter).Append(" = 0;\n");
                sb.Append(pad).Append("while (").Append(w.Counter).Append(" < ").Append(I(w.Bound)).Append(")\n");
                Block(sb, w.Body, indent, w.Counter + "++;");
                break;
            case Break:
                sb.Append(pad).Append("break;\n");
                break;
            case Continue:
                sb.Append(pad).Append("continue;\n");
                break;
            case Return r:
                sb.Append(pad).Append("return ").Append(E(r.Value)).Append(";\n");
                break;
            default:
                throw new InvalidOperationException("Unknown statement " + s);
        }
    }

    public static string Literal(double v)
    {
        string text = v.ToString("R", CultureInfo.InvariantCulture);
        if (!text.Contains('.') && !text.Contains('E'))
        {
            text += ".0";
        }
        return v < 0 ? "(" + text + ")" : text;
    }

    public static string E(Expr e) => e switch
    {
        Num n => Literal(n.Value),
        Var v => v.Name,
        IntAsDouble { Cast: true } i => "(double)" + I(i.Value),
        IntAsDouble i => I(i.Value),
        Neg n => "(-" + E(n.Operand) + ")",
        Bin b => "(" + E(b.Left) + " " + b.Op + " " + E(b.Right) + ")",
        MathCall c => "Math." + c.Fn + "(" + string.Join(", ", c.Args.Select(E)) + ")",
        Ternary t => "(" + B(t.Condition) + " ? " + E(t.WhenTrue) + " : " + E(t.WhenFalse) + ")",
        UserCall u => "M" + u.Method.ToString(CultureInfo.InvariantCulture) + "(" + string.Join(", ", u.Args.Select(E).Concat(u.N is null ? [] : [I(u.N)])) + ")",
        _ => throw new InvalidOperationException("Unknown expression " + e),
    };

    public static string I(IExpr e) => e switch
    {
        IConst c => c.Value < 0 ? "(" + c.Value.ToString(CultureInfo.InvariantCulture) + ")" : c.Value.ToString(CultureInfo.InvariantCulture),
        IVar v => v.Name,
        ISub s => "(" + I(s.Left) + " - " + I(s.Right) + ")",
        IFloor f => "(int)Math.Floor(2.0 + 2.0 * Math.Tanh(" + E(f.Operand) + "))",
        _ => throw new InvalidOperationException("Unknown int expression " + e),
    };

    public static string B(BExpr e) => e switch
    {
        Cmp c => E(c.Left) + " " + c.Op + " " + E(c.Right),
        ICmp c => I(c.Left) + " " + c.Op + " " + I(c.Right),
        Logic l => "(" + B(l.Left) + ") " + l.Op + " (" + B(l.Right) + ")",
        Not n => "!(" + B(n.Operand) + ")",
        _ => throw new InvalidOperationException("Unknown condition " + e),
    };

    /// <summary>Statement and expression nodes, a size measure for shrinking.</summary>
    public static int CountNodes(Stmt[] body) => body.Sum(CountNodes);

    private static int CountNodes(Stmt s) => 1 + s switch
    {
        Decl d => Count(d.Value),
        Assign a => a.Value is null ? 0 : Count(a.Value),
        If i => Count(i.Condition) + CountNodes(i.Then) + (i.Else is null ? 0 : CountNodes(i.Else)),
        For f => Count(f.Bound) + CountNodes(f.Body),
        While w => Count(w.Bound) + CountNodes(w.Body),
        Return r => Count(r.Value),
        _ => 0,
    };

    private static int Count(Expr e) => 1 + e switch
    {
        IntAsDouble i => Count(i.Value),
        Neg n => Count(n.Operand),
        Bin b => Count(b.Left) + Count(b.Right),
        MathCall c => c.Args.Sum(Count),
        Ternary t => Count(t.Condition) + Count(t.WhenTrue) + Count(t.WhenFalse),
        UserCall u => u.Args.Sum(Count) + (u.N is null ? 0 : Count(u.N)),
        _ => 0,
    };

    private static int Count(IExpr e) => 1 + e switch
    {
        ISub s => Count(s.Left) + Count(s.Right),
        IFloor f => Count(f.Operand),
        _ => 0,
    };

    private static int Count(BExpr e) => 1 + e switch
    {
        Cmp c => Count(c.Left) + Count(c.Right),
        ICmp c => Count(c.Left) + Count(c.Right),
        Logic l => Count(l.Left) + Count(l.Right),
        Not n => Count(n.Operand),
        _ => 0,
    };
}
