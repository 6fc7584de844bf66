namespace SourceAD.Generator.Tests.RandomPrograms;

/// <summary>A forward-mode dual number: a value and its gradient with respect to the checked method's inputs.</summary>
internal readonly struct Dual
{
    public readonly double V;
    public readonly double[] G;

    public Dual(double v, double[] g)
    {
        V = v;
        G = g;
    }

    public static Dual Constant(double v, int n) => new(v, new double[n]);

    private static Dual Map(Dual a, double v, double da)
    {
        var g = new double[a.G.Length];
        for (int i = 0; i < g.Length; i++)
        {
            g[i] = da * a.G[i];
        }
        return new Dual(v, g);
    }

    private static Dual Map(Dual a, Dual b, double v, double da, double db)
    {
        var g = new double[a.G.Length];
        for (int i = 0; i < g.Length; i++)
        {
            g[i] = da * a.G[i] + db * b.G[i];
        }
        return new Dual(v, g);
    }

    public static Dual operator +(Dual a, Dual b) => Map(a, b, a.V + b.V, 1, 1);
    public static Dual operator -(Dual a, Dual b) => Map(a, b, a.V - b.V, 1, -1);
    public static Dual operator *(Dual a, Dual b) => Map(a, b, a.V * b.V, b.V, a.V);
    public static Dual operator /(Dual a, Dual b) => Map(a, b, a.V / b.V, 1 / b.V, -a.V / (b.V * b.V));
    public static Dual operator -(Dual a) => Map(a, -a.V, -1);

    /// <summary>The unary and binary Math functions the programs use, with the chain rule written out independently.</summary>
    public static Dual Apply(string fn, Dual[] a, List<long> trace)
    {
        double x = a[0].V;
        switch (fn)
        {
            case "Sin": return Map(a[0], Math.Sin(x), Math.Cos(x));
            case "Cos": return Map(a[0], Math.Cos(x), -Math.Sin(x));
            case "Tan": { double t = Math.Tan(x); return Map(a[0], t, 1 + t * t); }
            case "Tanh": { double t = Math.Tanh(x); return Map(a[0], t, 1 - t * t); }
            case "Sinh": return Map(a[0], Math.Sinh(x), Math.Cosh(x));
            case "Cosh": return Map(a[0], Math.Cosh(x), Math.Sinh(x));
            case "Atan": return Map(a[0], Math.Atan(x), 1 / (1 + x * x));
            case "Asin": return Map(a[0], Math.Asin(x), 1 / Math.Sqrt(1 - x * x));
            case "Acos": return Map(a[0], Math.Acos(x), -1 / Math.Sqrt(1 - x * x));
            case "Exp": { double e = Math.Exp(x); return Map(a[0], e, e); }
            case "Log" when a.Length == 1: return Map(a[0], Math.Log(x), 1 / x);
            case "Log":
            {
                double b = a[1].V, lb = Math.Log(b);
                return Map(a[0], a[1], Math.Log(x, b), 1 / (x * lb), -Math.Log(x) / (b * lb * lb));
            }
            case "Log10": return Map(a[0], Math.Log10(x), 1 / (x * Math.Log(10)));
            case "Log2": return Map(a[0], Math.Log2(x), 1 / (x * Math.Log(2)));
            case "Sqrt": { double s = Math.Sqrt(x); return Map(a[0], s, 0.5 / s); }
            case "Cbrt": { double c = Math.Cbrt(x); return Map(a[0], c, 1 / (3 * c * c)); }
            case "Pow":
            {
                // The conventions at special points (README): ∂/∂x = 0 where y = 0; ∂/∂y = 0 where x = 0 and y ≥ 0.
                double y = a[1].V, p = Math.Pow(x, y);
                double dy = !a[1].G.Any(g => g != 0) ? 0 // constant exponent: no log of a negative base
                    : x == 0 && y >= 0 ? 0 : p * Math.Log(x);
                return Map(a[0], a[1], p, y == 0 ? 0 : y * Math.Pow(x, y - 1), dy);
            }
            case "Atan2":
            {
                double y = x, xx = a[1].V, r = xx * xx + y * y;
                return Map(a[0], a[1], Math.Atan2(y, xx), xx / r, -y / r);
            }
            case "Abs":
                trace.Add(Math.Sign(x));
                return Map(a[0], Math.Abs(x), x > 0 ? 1 : x < 0 ? -1 : 0);
            case "Max":
                trace.Add(a[0].V >= a[1].V ? 1 : 0);
                return a[0].V >= a[1].V ? a[0] : a[1];
            case "Min":
                trace.Add(a[0].V <= a[1].V ? 1 : 0);
                return a[0].V <= a[1].V ? a[0] : a[1];
            case "Clamp":
            {
                int region = x < a[1].V ? -1 : x > a[2].V ? 1 : 0;
                trace.Add(region);
                return region switch { -1 => a[1], 1 => a[2], _ => a[0] };
            }
            case "FusedMultiplyAdd":
                return new Dual(Math.FusedMultiplyAdd(a[0].V, a[1].V, a[2].V), (a[0] * a[1] + a[2]).G);
            case "Floor":
            {
                double f = Math.Floor(x);
                trace.Add((long)f);
                return Map(a[0], f, 0);
            }
            case "Ceiling":
            {
                double c = Math.Ceiling(x);
                trace.Add((long)c);
                return Map(a[0], c, 0);
            }
            default:
                throw new InvalidOperationException("No dual rule for Math." + fn);
        }
    }
}

/// <summary>
/// Interprets a <see cref="RandomProgram"/> with <see cref="Dual"/> numbers. Besides the value and gradient it
/// records a trace of every data-dependent decision (comparisons, Max/Min/Abs/Clamp sides, Floor values), so a
/// caller can tell whether two points lie on the same smooth piece.
/// </summary>
internal sealed class DualEvaluator
{
    private readonly RandomProgram _program;
    private readonly int _width;
    private int _steps;

    public DualEvaluator(RandomProgram program, int width)
    {
        _program = program;
        _width = width;
    }

    public List<long> Trace { get; } = new();

    /// <summary>Evaluates method <paramref name="index"/>; x are its double arguments (duals), n its int argument.</summary>
    public Dual Call(int index, Dual[] x, int n) => Call(index, x, null, n);

    /// <summary>Evaluates method <paramref name="index"/> with its buffer <paramref name="b"/> (null when it has none).</summary>
    public Dual Call(int index, Dual[] x, Dual[]? b, int n)
    {
        Method m = _program.Get(index);
        var frame = new Frame();
        for (int i = 0; i < m.Doubles; i++)
        {
            frame.Doubles["x" + i] = x[i];
        }
        if (b is not null)
        {
            frame.Buffers["b"] = b;
        }
        frame.Ints["n"] = n;
        Flow flow = Exec(m.Body, frame);
        if (flow != Flow.Return)
        {
            throw new InvalidOperationException($"{m.Name} ended without return");
        }
        return frame.Result;
    }

    private enum Flow { Normal, Break, Continue, Return }

    private sealed class Frame
    {
        public readonly Dictionary<string, Dual> Doubles = new();
        public readonly Dictionary<string, int> Ints = new();
        public readonly Dictionary<string, Dual[]> Buffers = new();
        public Dual Result;
    }

    private void Step()
    {
        if (++_steps > 1_000_000)
        {
            throw new InvalidOperationException("evaluation did not terminate");
        }
    }

    private Flow Exec(Stmt[] body, Frame f)
    {
        foreach (Stmt s in body)
        {
            Flow flow = Exec(s, f);
            if (flow != Flow.Normal)
            {
                return flow;
            }
        }
        return Flow.Normal;
    }

    private Flow Exec(Stmt s, Frame f)
    {
        Step();
        switch (s)
        {
            case Decl d:
                f.Doubles[d.Name] = Eval(d.Value, f);
                return Flow.Normal;
            case Assign a:
            {
                Dual old = f.Doubles[a.Name];
                Dual one = Dual.Constant(1, _width);
                f.Doubles[a.Name] = a.Op switch
                {
                    "=" => Eval(a.Value!, f),
                    "+=" => old + Eval(a.Value!, f),
                    "-=" => old - Eval(a.Value!, f),
                    "*=" => old * Eval(a.Value!, f),
                    "++" => old + one,
                    "--" => old - one,
                    _ => throw new InvalidOperationException(a.Op),
                };
                return Flow.Normal;
            }
            case If i:
                return Cond(i.Condition, f) ? Exec(i.Then, f) : i.Else is null ? Flow.Normal : Exec(i.Else, f);
            case For loop:
                for (f.Ints[loop.Index] = 0; f.Ints[loop.Index] < IEval(loop.Bound, f); f.Ints[loop.Index]++)
                {
                    Step();
                    Flow flow = Exec(loop.Body, f);
                    if (flow == Flow.Break)
                    {
                        break;
                    }
                    if (flow == Flow.Return)
                    {
                        return flow;
                    }
                }
                return Flow.Normal;
            case While w:
                for (f.Ints[w.Counter] = 0; f.Ints[w.Counter] < IEval(w.Bound, f); f.Ints[w.Counter]++)
                {
                    Step();
                    Flow flow = Exec(w.Body, f);
                    if (flow == Flow.Break)
                    {
                        break;
                    }
                    if (flow == Flow.Return)
                    {
                        return flow;
                    }
                    if (flow == Flow.Continue)
                    {
                        throw new InvalidOperationException("continue in a while loop would skip the counter");
                    }
                }
                return Flow.Normal;
            case Break:
                return Flow.Break;
            case Continue:
                return Flow.Continue;
            case Return r:
                f.Result = Eval(r.Value, f);
                return Flow.Return;
            case LocalBuf t:
                f.Buffers[t.Name] = t.Kind switch
                {
                    "new" or "stackalloc" => Enumerable.Range(0, t.Length).Select(_ => Dual.Constant(0, _width)).ToArray(),
                    "init" or "collection" or "stackinit" => t.Init!.Select(e => Eval(e, f)).ToArray(),
                    "clone" or "toarray" or "copyto" or "copyto-span" => (Dual[])f.Buffers["b"].Clone(),
                    "view" or "view-span" => f.Buffers["b"][1..(1 + t.Length)],
                    _ => throw new InvalidOperationException(t.Kind),
                };
                return Flow.Normal;
            case ElemAssign e:
            {
                Dual[] buffer = f.Buffers[e.Buffer];
                int k = IEval(e.Index, f);
                Dual value = Eval(e.Value, f);
                buffer[k] = e.Op == "+=" ? buffer[k] + value : value;
                return Flow.Normal;
            }
            case VecCall v:
            {
                // The printed order: the clearing loop, then the arguments, then the twin's two writes.
                Dual[] target = f.Buffers[v.Target];
                if (v.Clear)
                {
                    for (int k = 0; k < target.Length; k++)
                    {
                        target[k] = Dual.Constant(0, _width);
                    }
                }
                Dual[] args = v.Args.Select(a => Eval(a, f)).ToArray();
                int n = v.N is null ? 0 : IEval(v.N, f);
                Dual value = Call(v.Method, args, v.Buffer is null ? null : f.Buffers[v.Buffer], n);
                target[0] = value;
                target[1] = value * args[0];
                return Flow.Normal;
            }
            case ForEachBuf loop:
                // C#'s foreach over an array or a span reads each element when it reaches it: it sees the body's writes.
                Dual[] elements = f.Buffers[loop.Buffer];
                for (int k = 0; k < elements.Length; k++)
                {
                    Step();
                    f.Doubles[loop.Var] = elements[k];
                    Flow flow = Exec(loop.Body, f);
                    if (flow == Flow.Break)
                    {
                        break;
                    }
                    if (flow == Flow.Return)
                    {
                        return flow;
                    }
                }
                return Flow.Normal;
            default:
                throw new InvalidOperationException("Unknown statement " + s);
        }
    }

    private Dual Eval(Expr e, Frame f)
    {
        switch (e)
        {
            case Num n:
                return Dual.Constant(n.Value, _width);
            case Var v:
                return f.Doubles[v.Name];
            case IntAsDouble i:
                return Dual.Constant(IEval(i.Value, f), _width);
            case Neg n:
                return -Eval(n.Operand, f);
            case Bin b:
            {
                Dual l = Eval(b.Left, f), r = Eval(b.Right, f);
                return b.Op switch { '+' => l + r, '-' => l - r, '*' => l * r, '/' => l / r, _ => throw new InvalidOperationException(b.Op.ToString()) };
            }
            case MathCall c:
                return Dual.Apply(c.Fn, c.Args.Select(a => Eval(a, f)).ToArray(), Trace);
            case Ternary t:
                return Cond(t.Condition, f) ? Eval(t.WhenTrue, f) : Eval(t.WhenFalse, f);
            case UserCall u:
            {
                Dual[] args = u.Args.Select(a => Eval(a, f)).ToArray();
                int n = u.N is null ? 0 : IEval(u.N, f);
                return Call(u.Method, args, u.Buffer is null ? null : f.Buffers[u.Buffer], n);
            }
            case BufRead r:
                return f.Buffers[r.Buffer][IEval(r.Index, f)];
            case Reduce r:
                return Reduction(r.Fn, f.Buffers[r.Buffer]);
            case Poly p:
            {
                Dual x = Eval(p.X, f);
                Dual sum = Dual.Constant(0, _width);
                for (int k = 0; k < p.Coeffs.Length; k++)
                {
                    sum = sum + Dual.Constant(p.Coeffs[k], _width) * Dual.Apply("Pow", new[] { x, Dual.Constant(k, _width) }, Trace);
                }
                return sum;
            }
            case MaskedLog m:
            {
                Dual x = Eval(m.X, f);
                bool positive = x.V > 0;
                Trace.Add(positive ? 1 : 0);
                return positive ? Dual.Apply("Log", new[] { x }, Trace) : Dual.Constant(0, _width);
            }
            case Trap { Kind: "Interface" }:
                return Reduction("Sum", f.Buffers["b"]);
            case Trap t:
                return Eval(t.Args[0], f);
            default:
                throw new InvalidOperationException("Unknown expression " + e);
        }
    }

    /// <summary>The reductions' derivatives: Max and Min send it to the first extremal element (the runtime's convention).</summary>
    private Dual Reduction(string fn, Dual[] b)
    {
        switch (fn)
        {
            case "Sum" or "TPSum":
                return b.Aggregate(Dual.Constant(0, _width), (s, e) => s + e);
            case "Average":
                return b.Aggregate(Dual.Constant(0, _width), (s, e) => s + e) / Dual.Constant(b.Length, _width);
            case "TPSumOfSquares":
                return b.Aggregate(Dual.Constant(0, _width), (s, e) => s + e * e);
            case "Max" or "Min":
            {
                int best = 0;
                for (int i = 1; i < b.Length; i++)
                {
                    if (fn == "Max" ? b[i].V > b[best].V : b[i].V < b[best].V)
                    {
                        best = i;
                    }
                }
                Trace.Add(best);
                return b[best];
            }
            default:
                throw new InvalidOperationException("No dual rule for reduction " + fn);
        }
    }

    private int IEval(IExpr e, Frame f)
    {
        switch (e)
        {
            case IMod m:
                return Math.Abs(IEval(m.Value, f)) % m.Modulus;
            case ILength l:
                return f.Buffers[l.Buffer].Length;
            case ISign s:
            {
                int sign = Math.Sign(Eval(s.Operand, f).V);
                Trace.Add(sign);
                return sign;
            }
            case IConst c:
                return c.Value;
            case IVar v:
                return f.Ints[v.Name];
            case ISub s:
                return IEval(s.Left, f) - IEval(s.Right, f);
            case IFloor fl:
            {
                int k = (int)Math.Floor(2.0 + 2.0 * Math.Tanh(Eval(fl.Operand, f).V));
                Trace.Add(k);
                return k;
            }
            default:
                throw new InvalidOperationException("Unknown int expression " + e);
        }
    }

    private bool Cond(BExpr e, Frame f)
    {
        switch (e)
        {
            case Cmp c:
            {
                double l = Eval(c.Left, f).V, r = Eval(c.Right, f).V;
                bool result = c.Op switch { "<" => l < r, "<=" => l <= r, ">" => l > r, ">=" => l >= r, _ => throw new InvalidOperationException(c.Op) };
                Trace.Add(result ? 1 : 0);
                return result;
            }
            case ICmp c:
            {
                int l = IEval(c.Left, f), r = IEval(c.Right, f);
                return c.Op switch { "<" => l < r, "<=" => l <= r, ">" => l > r, ">=" => l >= r, "==" => l == r, _ => throw new InvalidOperationException(c.Op) };
            }
            case Logic l:
                return l.Op == "&&" ? Cond(l.Left, f) && Cond(l.Right, f) : Cond(l.Left, f) || Cond(l.Right, f);
            case Not n:
                return !Cond(n.Operand, f);
            case CompareTo c:
            {
                bool result = Eval(c.Left, f).V.CompareTo(Eval(c.Right, f).V) > 0;
                Trace.Add(result ? 1 : 0);
                return result;
            }
            default:
                throw new InvalidOperationException("Unknown condition " + e);
        }
    }
}
