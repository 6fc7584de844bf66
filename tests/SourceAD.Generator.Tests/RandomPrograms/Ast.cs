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
internal sealed record UserCall(int Method, Expr[] Args, IExpr? N, string? Buffer = null) : Expr;

/// <summary><c>buffer[index]</c>: the buffer parameter <c>b</c>, a local buffer, or a view of <c>b</c>.</summary>
internal sealed record BufRead(string Buffer, IExpr Index) : Expr;

/// <summary>
/// A reduction with a runtime rule: <c>b.Sum()</c>, <c>b.Average()</c>, <c>b.Max()</c>, <c>b.Min()</c> (LINQ, on arrays),
/// <c>TensorPrimitives.Sum(b)</c>, <c>TensorPrimitives.SumOfSquares(b)</c> (<see cref="Fn"/> "TPSum", "TPSumOfSquares").
/// </summary>
internal sealed record Reduce(string Fn, string Buffer) : Expr;

/// <summary><c>Σ Coeffs[k]·Math.Pow(X, k)</c>: at X = 0 the k = 0 term must have derivative 0, not 0·∞.</summary>
internal sealed record Poly(Expr X, double[] Coeffs) : Expr;

/// <summary><c>(X &gt; 0.0 ? Math.Log(X) : 0.0)</c>: the logarithm's derivative is never read at X = 0.</summary>
internal sealed record MaskedLog(Expr X) : Expr;

/// <summary>
/// A construct whose value is plain (<see cref="Args"/>[0], or for "Interface" the sum of buffer <c>b</c>) but whose
/// derivative SourceAD must not lose silently: "Boxed" <c>(double)(object)a</c>, "Helper" <c>Opaque(a)</c> (a helper
/// taking <c>object</c>), "Struct" <c>new Pair(a, 0.0).X</c>, "Interface" <c>((IEnumerable&lt;double&gt;)b).Sum()</c>.
/// Each must be rejected with a documented diagnostic, or differentiated correctly.
/// </summary>
internal sealed record Trap(string Kind, Expr[] Args) : Expr;

/// <summary>An int expression (loop bounds, counters, <c>n</c>).</summary>
internal abstract record IExpr;

internal sealed record IConst(int Value) : IExpr;

internal sealed record IVar(string Name) : IExpr;

internal sealed record ISub(IExpr Left, IExpr Right) : IExpr;

/// <summary><c>(Math.Abs(Value) % Modulus)</c>: an index into a buffer of that length (n may be negative in a callee).</summary>
internal sealed record IMod(IExpr Value, int Modulus) : IExpr;

/// <summary><c>buffer.Length</c>.</summary>
internal sealed record ILength(string Buffer) : IExpr;

/// <summary><c>Math.Sign(e)</c>: an int computed from a differentiable value (it carries no derivative).</summary>
internal sealed record ISign(Expr Operand) : IExpr;

/// <summary><c>(int)Math.Floor(2.0 + 2.0 * Math.Tanh(e))</c>: a data-dependent int in 0..4.</summary>
internal sealed record IFloor(Expr Operand) : IExpr;

/// <summary>A condition.</summary>
internal abstract record BExpr;

internal sealed record Cmp(Expr Left, string Op, Expr Right) : BExpr;

internal sealed record ICmp(IExpr Left, string Op, IExpr Right) : BExpr;

internal sealed record Logic(string Op, BExpr Left, BExpr Right) : BExpr;

/// <summary><c>a.CompareTo(b) &gt; 0</c>: a call on a differentiable receiver whose result (an int) carries no derivative.</summary>
internal sealed record CompareTo(Expr Left, Expr Right) : BExpr;

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
/// A local buffer of <see cref="Length"/> doubles, declared once at the top level of the body. <see cref="Kind"/>:
/// "new" <c>new double[L]</c>, "stackalloc" (a <c>Span</c>), "init" <c>new[] { … }</c>, "collection" <c>[…]</c>,
/// "stackinit" <c>stackalloc double[] { … }</c>, "clone" <c>(double[])b.Clone()</c>, "toarray" <c>b.ToArray()</c>,
/// "copyto" (<c>new double[L]</c> then <c>b.AsSpan().CopyTo(t)</c>), "view" <c>ReadOnlySpan&lt;double&gt; t = b.AsSpan(1, L)</c>;
/// for a span <c>b</c>, "copyto-span" <c>b.CopyTo(t)</c> and "view-span" <c>b.Slice(1, L)</c>.
/// </summary>
internal sealed record LocalBuf(string Name, string Kind, int Length, Expr[]? Init) : Stmt
{
    public bool Writable => Kind is not ("view" or "view-span");
}

/// <summary><c>Buffer[Index] = Value</c> or <c>Buffer[Index] += Value</c> on a local buffer.</summary>
internal sealed record ElemAssign(string Buffer, IExpr Index, string Op, Expr Value) : Stmt;

/// <summary>
/// A call of the vector-valued twin of method <see cref="Method"/>, <c>M{k}Vec(args…, Target)</c>, which writes
/// <c>Target[0] = M{k}(args…)</c> and <c>Target[1] = Target[0]·args[0]</c> and leaves the rest of <c>Target</c> as it was;
/// when <see cref="Clear"/>, a loop writing 0 into every element of <c>Target</c> comes first.
/// </summary>
internal sealed record VecCall(int Method, Expr[] Args, IExpr? N, string? Buffer, string Target, bool Clear, string Counter) : Stmt;

/// <summary><c>foreach (double Var in Buffer) { Body }</c>.</summary>
internal sealed record ForEachBuf(string Var, string Buffer, Stmt[] Body) : Stmt;

/// <summary>
/// <c>static double M{Index}(double x0, …, double x{Doubles-1}[, double[] b][, int n])</c>; <see cref="NoDiff"/> marks one
/// double parameter <c>[NoDiff]</c> (or -1); <see cref="BufferLength"/> &gt; 0 adds the buffer <c>b</c> of that length
/// (<c>[NoDiff]</c> when <see cref="BufferNoDiff"/>; a <c>ReadOnlySpan&lt;double&gt;</c> when <see cref="BufferSpan"/>, which
/// the wrappers pass an array to).
/// </summary>
internal sealed record Method(int Index, int Doubles, bool HasN, int NoDiff, Stmt[] Body, int BufferLength = 0, bool BufferNoDiff = false, bool BufferSpan = false)
{
    public string Name => "M" + Index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The flattened point: the doubles, then the buffer's elements.</summary>
    public int Size => Doubles + BufferLength;

    /// <summary>Indices into the flattened point that derivatives are taken with respect to.</summary>
    public IEnumerable<int> ActiveParameters => Enumerable.Range(0, Doubles).Where(i => i != NoDiff)
        .Concat(BufferLength > 0 && !BufferNoDiff ? Enumerable.Range(Doubles, BufferLength) : []);
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
        sb.Append("using System;\nusing System.Linq;\nusing SourceAD;\n\nnamespace ").Append(Namespace).Append(";\n\n");
        sb.Append("public static partial class ").Append(program.ClassName).Append("\n{\n");
        // What the trap constructs use: a helper without a derivative, and a struct of doubles.
        sb.Append("    static double Opaque(object o) => (double)o;\n\n");
        sb.Append("    public struct Pair { public double X, Y; public Pair(double x, double y) { X = x; Y = y; } }\n\n");
        var twins = new HashSet<int>(program.Methods.SelectMany(m => VecCalls(m.Body)).Select(v => v.Method));
        foreach (Method m in program.Methods)
        {
            MethodText(sb, m);
            Wrappers(sb, m);
            if (twins.Contains(m.Index))
            {
                VectorTwin(sb, m);
            }
        }
        sb.Append("}\n");
        return sb.ToString();
    }

    private static List<string> ParameterList(Method m)
    {
        var parameters = new List<string>();
        for (int i = 0; i < m.Doubles; i++)
        {
            parameters.Add((i == m.NoDiff ? "[NoDiff] " : "") + "double x" + i.ToString(CultureInfo.InvariantCulture));
        }
        if (m.BufferLength > 0)
        {
            parameters.Add((m.BufferNoDiff ? "[NoDiff] " : "") + (m.BufferSpan ? "ReadOnlySpan<double> b" : "double[] b"));
        }
        if (m.HasN)
        {
            parameters.Add("int n");
        }
        return parameters;
    }

    private static void MethodText(StringBuilder sb, Method m)
    {
        sb.Append("    [Differentiable]\n    public static double ").Append(m.Name).Append('(').Append(string.Join(", ", ParameterList(m))).Append(")\n");
        Block(sb, m.Body, 1);
    }

    /// <summary>The vector-valued twin calls in a body, nested statements included.</summary>
    public static IEnumerable<VecCall> VecCalls(Stmt[] body) => body.SelectMany(s => s switch
    {
        VecCall v => new[] { v },
        If i => VecCalls(i.Then).Concat(i.Else is null ? [] : VecCalls(i.Else)),
        For f => VecCalls(f.Body),
        While w => VecCalls(w.Body),
        ForEachBuf f => VecCalls(f.Body),
        _ => [],
    });

    /// <summary>
    /// <c>M{k}Vec(…, [Output] Span&lt;double&gt; r)</c>: r[0] = M{k}(…) and r[1] = r[0]·x0, reading its output back for even k
    /// (the caller's pullback then copies what r held) and calling M{k} again for odd k (it only writes r).
    /// </summary>
    private static void VectorTwin(StringBuilder sb, Method m)
    {
        var args = Enumerable.Range(0, m.Doubles).Select(i => "x" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        if (m.BufferLength > 0) args.Add("b");
        if (m.HasN) args.Add("n");
        string call = m.Name + "(" + string.Join(", ", args) + ")";
        sb.Append("    [Differentiable]\n    public static void ").Append(m.Name).Append("Vec(").Append(string.Join(", ", ParameterList(m).Append("[Output] Span<double> r"))).Append(")\n    {\n");
        sb.Append("        r[0] = ").Append(call).Append(";\n");
        sb.Append("        r[1] = ").Append(m.Index % 2 == 0 ? "r[0]" : call).Append(" * x0;\n    }\n\n");
    }

    /// <summary>
    /// <c>M{k}Value(double[] p, int n)</c> and <c>M{k}Gradient(double[] p, int n, double[] g)</c>: the method and its
    /// Backward on one flattened point (reflection cannot pass the Span gradient of a buffer; these can).
    /// </summary>
    private static void Wrappers(StringBuilder sb, Method m)
    {
        string I(int i) => i.ToString(CultureInfo.InvariantCulture);
        var args = Enumerable.Range(0, m.Doubles).Select(i => "p[" + I(i) + "]").ToList();
        if (m.BufferLength > 0)
        {
            args.Add("p[" + I(m.Doubles) + ".." + I(m.Size) + "]");
        }
        if (m.HasN)
        {
            args.Add("n");
        }
        sb.Append("    public static double ").Append(m.Name).Append("Value(double[] p, int n) => ").Append(m.Name).Append('(').Append(string.Join(", ", args)).Append(");\n");
        var gradients = Enumerable.Range(0, m.Doubles).Where(i => i != m.NoDiff).Select(i => "out double d" + I(i)).ToList();
        bool activeBuffer = m.BufferLength > 0 && !m.BufferNoDiff;
        if (activeBuffer)
        {
            gradients.Add("db");
        }
        sb.Append("    public static double ").Append(m.Name).Append("Gradient(double[] p, int n, double[] g)\n    {\n");
        if (activeBuffer)
        {
            sb.Append("        double[] db = new double[").Append(I(m.BufferLength)).Append("];\n");
        }
        sb.Append("        double v = ").Append(m.Name).Append("Backward(").Append(string.Join(", ", args.Concat(gradients))).Append(");\n");
        int k = 0;
        foreach (int i in Enumerable.Range(0, m.Doubles).Where(i => i != m.NoDiff))
        {
            sb.Append("        g[").Append(I(k++)).Append("] = d").Append(I(i)).Append(";\n");
        }
        if (activeBuffer)
        {
            sb.Append("        db.CopyTo(g, ").Append(I(k)).Append(");\n");
        }
        sb.Append("        return v;\n    }\n\n");
    }

    /// <summary>
    /// A second file for <paramref name="program"/>, compiled after the generator ran: <c>M{k}TangentAt(p, n, v)</c>
    /// (the tangent along v over the active inputs) and <c>M{k}HessianAt(p, n, h)</c> (the dense Hessian over them) for
    /// each method whose <c>Tangent</c> or <c>Hessian</c> the generator produced (<paramref name="has"/> answers), and
    /// <c>M{k}VecAt(p, n, r)</c> with <c>M{k}VecJacobianAt(p, n, j)</c> for each vector-valued twin with a Jacobian.
    /// </summary>
    public static string VariantWrappers(RandomProgram program, Func<string, bool> has)
    {
        string I(int i) => i.ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.Append("using System;\nusing SourceAD;\n\nnamespace ").Append(Namespace).Append(";\n\n");
        sb.Append("public static partial class ").Append(program.ClassName).Append("\n{\n");
        foreach (Method m in program.Methods)
        {
            var args = Enumerable.Range(0, m.Doubles).Select(i => "p[" + I(i) + "]").ToList();
            if (m.BufferLength > 0)
            {
                args.Add("p[" + I(m.Doubles) + ".." + I(m.Size) + "]");
            }
            if (m.HasN)
            {
                args.Add("n");
            }
            // The tangents in the order of the active inputs: each active double, then the buffer's (all of them, or none).
            var tangents = new List<string>();
            int k = 0;
            foreach (int i in Enumerable.Range(0, m.Doubles).Where(i => i != m.NoDiff))
            {
                tangents.Add("v[" + I(k++) + "]");
            }
            if (m.BufferLength > 0 && !m.BufferNoDiff)
            {
                tangents.Add("v.AsSpan(" + I(k) + ", " + I(m.BufferLength) + ")");
            }
            if (has(m.Name + "Tangent"))
            {
                sb.Append("    public static double ").Append(m.Name).Append("TangentAt(double[] p, int n, double[] v)\n    {\n");
                sb.Append("        ").Append(m.Name).Append("Tangent(").Append(string.Join(", ", args.Concat(tangents).Append("out double t"))).Append(");\n");
                sb.Append("        return t;\n    }\n\n");
            }
            if (has(m.Name + "Hessian"))
            {
                sb.Append("    public static double ").Append(m.Name).Append("HessianAt(double[] p, int n, double[] h) => ")
                    .Append(m.Name).Append("Hessian(").Append(string.Join(", ", args.Append("h"))).Append(");\n\n");
            }
            if (has(m.Name + "VecJacobian"))
            {
                // The vector-valued twin and its Jacobian (2 rows, a column per active input), from an output that starts at zero.
                sb.Append("    public static void ").Append(m.Name).Append("VecAt(double[] p, int n, double[] r) => ")
                    .Append(m.Name).Append("Vec(").Append(string.Join(", ", args.Append("r"))).Append(");\n\n");
                sb.Append("    public static void ").Append(m.Name).Append("VecJacobianAt(double[] p, int n, double[] j) => ")
                    .Append(m.Name).Append("VecJacobian(").Append(string.Join(", ", args.Append("new double[2]").Append("j"))).Append(");\n\n");
            }
        }
        sb.Append("}\n");
        return sb.ToString();
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
            case LocalBuf t:
                sb.Append(pad).Append(LocalBufText(t)).Append('\n');
                break;
            case ElemAssign e:
                sb.Append(pad).Append(e.Buffer).Append('[').Append(I(e.Index)).Append("] ").Append(e.Op).Append(' ').Append(E(e.Value)).Append(";\n");
                break;
            case ForEachBuf f:
                sb.Append(pad).Append("foreach (double ").Append(f.Var).Append(" in ").Append(f.Buffer).Append(")\n");
                Block(sb, f.Body, indent);
                break;
            case VecCall v:
                if (v.Clear)
                {
                    sb.Append(pad).Append("for (int ").Append(v.Counter).Append(" = 0; ").Append(v.Counter).Append(" < ").Append(v.Target).Append(".Length; ")
                      .Append(v.Counter).Append("++) ").Append(v.Target).Append('[').Append(v.Counter).Append("] = 0.0;\n");
                }
                sb.Append(pad).Append('M').Append(v.Method.ToString(CultureInfo.InvariantCulture)).Append("Vec(")
                  .Append(string.Join(", ", v.Args.Select(E).Concat(v.Buffer is null ? [] : [v.Buffer]).Concat(v.N is null ? [] : [I(v.N)]).Append(v.Target))).Append(");\n");
                break;
            default:
                throw new InvalidOperationException("Unknown statement " + s);
        }
    }

    private static string LocalBufText(LocalBuf t)
    {
        string length = t.Length.ToString(CultureInfo.InvariantCulture);
        string Elements() => string.Join(", ", t.Init!.Select(E));
        return t.Kind switch
        {
            "new" => "double[] " + t.Name + " = new double[" + length + "];",
            "stackalloc" => "Span<double> " + t.Name + " = stackalloc double[" + length + "];",
            // new[] { n, n } would be an int[] (random program P4466, seed 5): then the element type is written.
            "init" => "double[] " + t.Name + (t.Init!.All(IsIntTyped) ? " = new double[] { " : " = new[] { ") + Elements() + " };",
            "collection" => "double[] " + t.Name + " = [" + Elements() + "];",
            "stackinit" => "Span<double> " + t.Name + " = stackalloc double[] { " + Elements() + " };",
            "clone" => "double[] " + t.Name + " = (double[])b.Clone();",
            "toarray" => "double[] " + t.Name + " = b.ToArray();",
            "copyto" => "double[] " + t.Name + " = new double[" + length + "];\n" + "        b.AsSpan().CopyTo(" + t.Name + ");",
            "view" => "ReadOnlySpan<double> " + t.Name + " = b.AsSpan(1, " + length + ");",
            "copyto-span" => "double[] " + t.Name + " = new double[" + length + "];\n" + "        b.CopyTo(" + t.Name + ");",
            "view-span" => "ReadOnlySpan<double> " + t.Name + " = b.Slice(1, " + length + ");",
            _ => throw new InvalidOperationException("Unknown local buffer " + t.Kind),
        };
    }

    /// <summary>Whether C# types the printed expression as an int (an int operand printed without its cast).</summary>
    private static bool IsIntTyped(Expr e) => e switch
    {
        IntAsDouble { Cast: false } => true,
        Neg n => IsIntTyped(n.Operand),
        Bin b => IsIntTyped(b.Left) && IsIntTyped(b.Right),
        Ternary t => IsIntTyped(t.WhenTrue) && IsIntTyped(t.WhenFalse),
        _ => false,
    };

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
        UserCall u => "M" + u.Method.ToString(CultureInfo.InvariantCulture) + "(" + string.Join(", ", u.Args.Select(E).Concat(u.Buffer is null ? [] : [u.Buffer]).Concat(u.N is null ? [] : [I(u.N)])) + ")",
        BufRead r => r.Buffer + "[" + I(r.Index) + "]",
        Reduce { Fn: "TPSum" } r => "System.Numerics.Tensors.TensorPrimitives.Sum<double>(" + r.Buffer + ")",
        Reduce { Fn: "TPSumOfSquares" } r => "System.Numerics.Tensors.TensorPrimitives.SumOfSquares<double>(" + r.Buffer + ")",
        Reduce r => r.Buffer + "." + r.Fn + "()",
        Poly p => "(" + string.Join(" + ", p.Coeffs.Select((c, k) => Literal(c) + " * Math.Pow(" + E(p.X) + ", " + Literal(k) + ")")) + ")",
        MaskedLog m => "(" + E(m.X) + " > 0.0 ? Math.Log(" + E(m.X) + ") : 0.0)",
        // The argument is cast to double first: an int-valued argument (n as a double) would box an int.
        Trap { Kind: "Boxed" } t => "(double)(object)(double)" + E(t.Args[0]),
        Trap { Kind: "Helper" } t => "Opaque((double)" + E(t.Args[0]) + ")",
        Trap { Kind: "Struct" } t => "new Pair(" + E(t.Args[0]) + ", 0.0).X",
        Trap { Kind: "Interface" } => "((System.Collections.Generic.IEnumerable<double>)b).Sum()",
        _ => throw new InvalidOperationException("Unknown expression " + e),
    };

    public static string I(IExpr e) => e switch
    {
        IConst c => c.Value < 0 ? "(" + c.Value.ToString(CultureInfo.InvariantCulture) + ")" : c.Value.ToString(CultureInfo.InvariantCulture),
        IVar v => v.Name,
        ISub s => "(" + I(s.Left) + " - " + I(s.Right) + ")",
        IFloor f => "(int)Math.Floor(2.0 + 2.0 * Math.Tanh(" + E(f.Operand) + "))",
        IMod m => "(Math.Abs(" + I(m.Value) + ") % " + m.Modulus.ToString(CultureInfo.InvariantCulture) + ")",
        ILength l => l.Buffer + ".Length",
        ISign s => "Math.Sign(" + E(s.Operand) + ")",
        _ => throw new InvalidOperationException("Unknown int expression " + e),
    };

    public static string B(BExpr e) => e switch
    {
        Cmp c => E(c.Left) + " " + c.Op + " " + E(c.Right),
        ICmp c => I(c.Left) + " " + c.Op + " " + I(c.Right),
        Logic l => "(" + B(l.Left) + ") " + l.Op + " (" + B(l.Right) + ")",
        Not n => "!(" + B(n.Operand) + ")",
        // A double receiver, parenthesised: a cast or minus would bind looser than the call, and an int-valued operand
        // (a counter as a double) would call int.CompareTo(object).
        CompareTo c => "((double)" + E(c.Left) + ").CompareTo(" + E(c.Right) + ") > 0",
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
        LocalBuf t => t.Init?.Sum(Count) ?? 0,
        ElemAssign e => Count(e.Value),
        ForEachBuf f => CountNodes(f.Body),
        VecCall v => v.Args.Sum(Count) + (v.N is null ? 0 : Count(v.N)),
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
        Poly p => Count(p.X),
        MaskedLog m => Count(m.X),
        Trap t => t.Args.Sum(Count),
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
