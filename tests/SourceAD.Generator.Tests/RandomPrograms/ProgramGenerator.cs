namespace SourceAD.Generator.Tests.RandomPrograms;

/// <summary>Which constructs the generator may produce (a construct that exposes an unfixed bug is switched off).</summary>
internal sealed record GeneratorOptions
{
    public bool NoDiffParameters { get; init; } = true;
    public bool Loops { get; init; } = true;
    public bool WhileLoops { get; init; } = true;
    public bool BreakContinue { get; init; } = true;
    public bool EarlyReturn { get; init; } = true;
    public bool Calls { get; init; } = true;
    public bool DataDependentTripCounts { get; init; } = true;
    public bool NonSmooth { get; init; } = true;
    public bool Ternaries { get; init; } = true;
    /// <summary>A <c>double[] b</c> or <c>ReadOnlySpan&lt;double&gt; b</c> parameter (sometimes [NoDiff]), its elements, reductions, views, foreach.</summary>
    public bool Buffers { get; init; } = true;
    /// <summary>Local buffers: new, stackalloc, initializers, collection expressions, copies; element writes.</summary>
    public bool LocalBuffers { get; init; } = true;
    /// <summary>Constructs SourceAD must reject or differentiate: boxing, helpers taking object, structs, interfaces.</summary>
    public bool Traps { get; init; } = true;
    /// <summary>Pow with integer exponents (0 included), polynomials, a masked Log, receivers and Math.Sign over values.</summary>
    public bool SpecialPoints { get; init; } = true;
    /// <summary>Calls of an earlier method's vector-valued twin (an [Output] buffer) into a local buffer, often cleared first.</summary>
    public bool VectorCalls { get; init; } = true;
    public int MaxMethods { get; init; } = 4;
}

/// <summary>Seeded random <see cref="RandomProgram"/>s: nested arithmetic, Math functions inside their domains,
/// locals and reassignments, branches, small loops, calls to earlier methods; buffers (a parameter, local buffers of
/// every kind of allocation, initializers, copies, views, foreach, reductions with runtime rules), special points
/// (Pow with integer exponents, polynomials, masked Log) and traps (boxing, interfaces, structs, helpers).</summary>
internal sealed class ProgramGenerator
{
    private static readonly double[] Constants = { 0.5, 1.0, 1.5, 2.0, 3.0, 0.25, 0.1, 0.75 };

    private readonly Random _rng;
    private readonly GeneratorOptions _options;

    // Per method being generated.
    private Method[] _earlier = Array.Empty<Method>();
    private int _names;
    private readonly List<List<string>> _doubleScopes = new();
    private readonly List<List<string>> _intScopes = new();
    private readonly HashSet<string> _inactive = new();
    private int _loopDepth;
    private bool _inFor;
    private bool _inWhile;
    private int _bufferLength;
    private bool _bufferSpan;
    private readonly List<(string Name, int Length, bool Writable, bool Array)> _buffers = new();
    private readonly HashSet<string> _readOnly = new();

    public ProgramGenerator(int seed, GeneratorOptions options)
    {
        _rng = new Random(seed);
        _options = options;
    }

    public RandomProgram Next(int id)
    {
        int count = 1 + _rng.Next(_options.MaxMethods);
        var methods = new List<Method>();
        for (int k = 0; k < count; k++)
        {
            _earlier = methods.ToArray();
            methods.Add(NextMethod(k));
        }
        return new RandomProgram(id, methods.ToArray());
    }

    private bool Chance(double p) => _rng.NextDouble() < p;

    private T Pick<T>(IReadOnlyList<T> items) => items[_rng.Next(items.Count)];

    private Method NextMethod(int index)
    {
        int doubles = 2 + _rng.Next(3);
        bool hasN = Chance(0.6);
        int noDiff = _options.NoDiffParameters && Chance(0.15) ? _rng.Next(doubles) : -1;
        _bufferLength = _options.Buffers && Chance(0.35) ? 2 + _rng.Next(3) : 0;
        bool bufferNoDiff = _bufferLength > 0 && _options.NoDiffParameters && Chance(0.15);
        _bufferSpan = _bufferLength > 0 && Chance(0.3);
        _buffers.Clear();
        _readOnly.Clear();
        if (_bufferLength > 0)
        {
            _buffers.Add(("b", _bufferLength, false, !_bufferSpan));
        }
        _names = 0;
        _doubleScopes.Clear();
        _intScopes.Clear();
        _inactive.Clear();
        _loopDepth = 0;
        _inFor = _inWhile = false;
        _doubleScopes.Add(Enumerable.Range(0, doubles).Select(i => "x" + i).ToList());
        _intScopes.Add(hasN ? new List<string> { "n" } : new List<string>());
        if (noDiff >= 0)
        {
            _inactive.Add("x" + noDiff);
        }

        var body = LocalBuffers();
        body.AddRange(Block(2 + _rng.Next(4), depth: 0));
        if (_options.Calls && Callable.Count > 0 && Chance(0.3))
        {
            body.AddRange(SumOfCalls());
        }
        else
        {
            body.Add(new Return(Expression(Depth())));
        }
        _doubleScopes.Clear();
        _intScopes.Clear();
        return new Method(index, doubles, hasN, noDiff, body.ToArray(), _bufferLength, bufferNoDiff, _bufferSpan);
    }

    /// <summary>Zero to two local buffers, declared once at the top of the body (an active one may not be allocated in a loop).</summary>
    private List<Stmt> LocalBuffers()
    {
        var list = new List<Stmt>();
        if (!_options.LocalBuffers)
        {
            return list;
        }
        int count = Chance(0.4) ? 1 + _rng.Next(2) : 0;
        for (int i = 0; i < count; i++)
        {
            string name = Fresh("t");
            var kinds = new List<string> { "new", "stackalloc", "init", "collection", "stackinit" };
            if (_bufferLength > 0)
            {
                kinds.AddRange(_bufferSpan ? new[] { "toarray", "copyto-span" } : new[] { "clone", "toarray", "copyto" });
                if (_bufferLength >= 3)
                {
                    kinds.Add(_bufferSpan ? "view-span" : "view");
                }
            }
            string kind = Pick(kinds);
            int length = kind is "clone" or "toarray" or "copyto" or "copyto-span" ? _bufferLength : kind is "view" or "view-span" ? _bufferLength - 1 : 2 + _rng.Next(3);
            Expr[]? init = kind is "init" or "collection" or "stackinit" ? Enumerable.Range(0, length).Select(_ => Expression(2)).ToArray() : null;
            list.Add(new LocalBuf(name, kind, length, init));
            _buffers.Add((name, length, kind is not ("view" or "view-span"), kind is not ("stackalloc" or "stackinit" or "view" or "view-span")));
        }
        return list;
    }

    /// <summary>An index into a buffer of <paramref name="length"/>: a constant, or a loop index (or n) modulo the length.</summary>
    private IExpr Index(int length)
    {
        var ints = IntVars.ToList();
        return ints.Count > 0 && Chance(0.5) ? new IMod(new IVar(Pick(ints)), length) : new IConst(_rng.Next(length));
    }

    /// <summary>Expression depth: mostly 2, sometimes 3 (deep trees grow the generated code quickly).</summary>
    private int Depth() => Chance(0.3) ? 3 : 2;

    private IEnumerable<string> DoubleVars => _doubleScopes.SelectMany(s => s);

    private IEnumerable<string> IntVars => _intScopes.SelectMany(s => s);

    private string Fresh(string prefix) => prefix + (_names++);

    private List<Stmt> Block(int count, int depth)
    {
        _doubleScopes.Add(new List<string>());
        _intScopes.Add(new List<string>());
        var list = new List<Stmt>();
        for (int i = 0; i < count; i++)
        {
            list.AddRange(Statement(depth));
        }
        _doubleScopes.RemoveAt(_doubleScopes.Count - 1);
        _intScopes.RemoveAt(_intScopes.Count - 1);
        return list;
    }

    private IEnumerable<Stmt> Statement(int depth)
    {
        double r = _rng.NextDouble();
        if (r < 0.30)
        {
            string name = Fresh("v");
            var decl = new Decl(name, Expression(Depth()));
            _doubleScopes[^1].Add(name);
            return [decl];
        }
        var writable = _buffers.Where(b => b.Writable).ToList();
        var targets2 = writable.Where(b => b.Length >= 2 && b.Name != "b").ToList();
        if (r < 0.45 && _options.VectorCalls && _options.Calls && Callable.Count > 0 && targets2.Count > 0 && Chance(0.7))
        {
            UserCall call = Call(() => Expression(2));
            return [new VecCall(call.Method, call.Args, call.N, call.Buffer, Pick(targets2).Name, Chance(0.7), Fresh("z"))];
        }
        if (r < 0.38 && writable.Count > 0 && Chance(0.4))
        {
            var buffer = Pick(writable);
            return [new ElemAssign(buffer.Name, Index(buffer.Length), Chance(0.5) ? "=" : "+=", Expression(Depth()))];
        }
        if (r < 0.55)
        {
            // Reassign a local or parameter (never the [NoDiff] one: keep it inactive; never a foreach variable).
            var targets = DoubleVars.Where(v => !_inactive.Contains(v) && !_readOnly.Contains(v)).ToList();
            string target = Pick(targets);
            string op = Pick(new[] { "=", "+=", "-=", "*=", "+=", "=", "++", "--" });
            Expr? value = op is "++" or "--" ? null : op == "*=" ? Bounded(Expression(2)) : Expression(Depth());
            return [new Assign(target, op, value)];
        }
        if (r < 0.70 && depth < 3)
        {
            BExpr c = Condition(2);
            var then = Block(1 + _rng.Next(3), depth + 1);
            var els = Chance(0.5) ? Block(1 + _rng.Next(2), depth + 1) : null;
            return [new If(c, then.ToArray(), els?.ToArray())];
        }
        if (r < 0.85 && depth < 3 && _options.Loops && _loopDepth < 2 && _buffers.Count > 0 && Chance(0.2))
        {
            var buffer = Pick(_buffers);
            string element = Fresh("e");
            _loopDepth++;
            bool wasFor = _inFor, wasWhile = _inWhile;
            _inFor = true;
            _inWhile = false;
            _doubleScopes.Add(new List<string> { element });
            _readOnly.Add(element);
            var body = Block(1 + _rng.Next(2), depth + 1);
            _doubleScopes.RemoveAt(_doubleScopes.Count - 1);
            _inFor = wasFor;
            _inWhile = wasWhile;
            _loopDepth--;
            return [new ForEachBuf(element, buffer.Name, body.ToArray())];
        }
        if (r < 0.85 && depth < 3 && _options.Loops && _loopDepth < 2)
        {
            IExpr bound = Bound();
            bool useWhile = _options.WhileLoops && Chance(0.35);
            string index = Fresh(useWhile ? "c" : "i");
            _loopDepth++;
            bool wasFor = _inFor, wasWhile = _inWhile;
            _inFor = !useWhile;
            _inWhile = useWhile;
            _intScopes.Add(new List<string> { index });
            var body = Block(1 + _rng.Next(3), depth + 1);
            _intScopes.RemoveAt(_intScopes.Count - 1);
            _inFor = wasFor;
            _inWhile = wasWhile;
            _loopDepth--;
            return useWhile
                ? [new While(index, bound, body.ToArray())]
                : [new For(index, bound, body.ToArray())];
        }
        if (r < 0.92 && _options.BreakContinue && (_inFor || _inWhile))
        {
            Stmt jump = _inFor && Chance(0.5) ? new Continue() : new Break();
            return [new If(Condition(1), [jump], null)];
        }
        if (r < 0.96 && _options.EarlyReturn && depth > 0)
        {
            return [new If(Condition(1), [new Return(Expression(2))], null)];
        }
        string name2 = Fresh("v");
        var last = new Decl(name2, Expression(2));
        _doubleScopes[^1].Add(name2);
        return [last];
    }

    /// <summary>A loop bound: n, a constant, an enclosing loop index, or a data-dependent 0..4.</summary>
    private IExpr Bound()
    {
        var ints = IntVars.ToList();
        double r = _rng.NextDouble();
        if (r < 0.35 && ints.Contains("n"))
        {
            return new IVar("n");
        }
        if (r < 0.55 && ints.Count > 0)
        {
            var index = Pick(ints);
            return index == "n" ? new IVar("n") : Chance(0.5) ? new IVar(index) : new ISub(new IConst(3), new IVar(index));
        }
        if (r < 0.8 && _options.DataDependentTripCounts)
        {
            return new IFloor(Expression(2));
        }
        if (r < 0.9 && _buffers.Count > 0)
        {
            return new ILength(Pick(_buffers).Name);
        }
        return new IConst(_rng.Next(5));
    }

    private IExpr IntExpression()
    {
        if (_options.SpecialPoints && Chance(0.08))
        {
            return new ISign(Expression(1));
        }
        var ints = IntVars.ToList();
        if (ints.Count > 0 && Chance(0.7))
        {
            return new IVar(Pick(ints));
        }
        return new IConst(_rng.Next(5));
    }

    private BExpr Condition(int depth)
    {
        double r = _rng.NextDouble();
        if (depth > 0 && r < 0.12)
        {
            return new Logic(Chance(0.5) ? "&&" : "||", Condition(depth - 1), Condition(depth - 1));
        }
        if (depth > 0 && r < 0.17)
        {
            return new Not(Condition(depth - 1));
        }
        string op = Pick(new[] { "<", "<=", ">", ">=" });
        if (r < 0.22 && _options.SpecialPoints)
        {
            return new CompareTo(Expression(1), Leaf());
        }
        if (r < 0.27 && IntVars.Any())
        {
            return new ICmp(IntExpression(), Pick(new[] { "<", "<=", ">", ">=", "==" }), new IConst(_rng.Next(4)));
        }
        return new Cmp(Expression(2), op, Chance(0.5) ? Leaf() : Expression(1));
    }

    private Expr Leaf()
    {
        double r = _rng.NextDouble();
        if (_buffers.Count > 0 && Chance(0.25))
        {
            var buffer = Pick(_buffers);
            return new BufRead(buffer.Name, Index(buffer.Length));
        }
        var doubles = DoubleVars.ToList();
        if (r < 0.62 && doubles.Count > 0)
        {
            return new Var(Pick(doubles));
        }
        var ints = IntVars.ToList();
        if (r < 0.72 && ints.Count > 0)
        {
            return new IntAsDouble(new IVar(Pick(ints)), Chance(0.5));
        }
        double c = Pick(Constants);
        return new Num(Chance(0.25) ? -c : c);
    }

    private static Expr Sq(Expr a) => new Bin('*', a, a);

    private static Expr OnePlusSq(Expr a) => new Bin('+', new Num(1.0), Sq(a));

    private static MathCall M(string fn, params Expr[] args) => new(fn, args);

    /// <summary>A factor near 1 for <c>*=</c>, so repeated multiplication in loops stays bounded.</summary>
    private Expr Bounded(Expr e) => new Bin('+', new Num(1.0), new Bin('*', new Num(0.5), M(Chance(0.5) ? "Tanh" : "Sin", e)));

    private Expr Expression(int depth)
    {
        if (depth <= 0 || Chance(0.25))
        {
            return Leaf();
        }
        double r = _rng.NextDouble();
        Expr Sub() => Expression(depth - 1);
        if (r < 0.38)
        {
            return new Bin(Pick(new[] { '+', '-', '*', '+', '*' }), Sub(), Sub());
        }
        if (r < 0.43)
        {
            // A denominator bounded away from zero.
            return new Bin('/', Sub(), Chance(0.5) ? new Bin('+', new Num(1.5), Sq(Sub())) : new Bin('+', new Num(2.0), M("Cos", Sub())));
        }
        if (r < 0.47)
        {
            return new Neg(Sub());
        }
        if (r < 0.86)
        {
            return MathFunction(Sub, depth);
        }
        if (r < 0.93 && _options.Ternaries)
        {
            return new Ternary(Condition(1), Sub(), Sub());
        }
        if (r < 0.95 && _buffers.Count > 0)
        {
            var buffer = Pick(_buffers);
            var reductions = buffer.Array ? new[] { "Sum", "Average", "Max", "Min", "TPSum", "TPSumOfSquares" } : new[] { "TPSum", "TPSumOfSquares" };
            return new Reduce(Pick(reductions), buffer.Name);
        }
        if (r < 0.97 && _options.SpecialPoints)
        {
            Expr x = Chance(0.6) ? Leaf() : Sub();
            return Chance(0.6)
                ? new Poly(x, Enumerable.Range(0, 2 + _rng.Next(3)).Select(_ => Pick(Constants)).ToArray())
                : new MaskedLog(x);
        }
        if (r < 0.98 && _options.Traps)
        {
            string kind = Pick(_bufferLength > 0 && !_bufferSpan ? new[] { "Boxed", "Helper", "Struct", "Interface" } : new[] { "Boxed", "Helper", "Struct" });
            return new Trap(kind, new[] { Sub() });
        }
        if (_options.Calls && Callable.Count > 0)
        {
            return Call(Sub);
        }
        return Leaf();
    }

    /// <summary>
    /// The earlier methods this one can call: a callee with a buffer gets this method's b, so it must have the same
    /// length (and take a span if b is one).
    /// </summary>
    private List<Method> Callable => _earlier.Where(m => m.BufferLength == 0 || (m.BufferLength == _bufferLength && (m.BufferSpan || !_bufferSpan))).ToList();

    private UserCall Call(Func<Expr> argument)
    {
        Method callee = Pick(Callable);
        var args = new Expr[callee.Doubles];
        for (int i = 0; i < args.Length; i++)
        {
            // A [NoDiff] parameter usually gets an inactive value; otherwise SAD0016 is the expected outcome.
            args[i] = i == callee.NoDiff && Chance(0.8) ? InactiveValue() : argument();
        }
        return new UserCall(callee.Index, args, callee.HasN ? IntExpression() : null, callee.BufferLength > 0 ? "b" : null);
    }

    /// <summary>
    /// The shape of a sum over data points, which the generator differentiates without re-running the callee in the
    /// forward sweep: <c>double s = …; for (int i = 0; i &lt; bound; i++) s += M(…); return … ± s;</c> (sometimes with
    /// <c>s</c> used another way, where it must not do that); the sum may be scaled (<c>s / (1 + n)</c>, <c>c * s</c>).
    /// </summary>
    private IEnumerable<Stmt> SumOfCalls()
    {
        string sum = Fresh("s");
        yield return new Decl(sum, Chance(0.5) ? new Num(0.0) : Expression(2));
        IExpr bound = Bound();
        string index = Fresh("i");
        _intScopes.Add(new List<string> { index });
        UserCall call = Call(() => Expression(2));
        _intScopes.RemoveAt(_intScopes.Count - 1);
        yield return new For(index, bound, [new Assign(sum, "+=", call)]);
        if (Chance(0.3))
        {
            yield return new Assign(sum, Chance(0.5) ? "+=" : "-=", Expression(2));
        }
        Expr rest = Expression(2);
        Expr scale = IntVars.Contains("n") && Chance(0.5) ? new Bin('+', new Num(1.0), new IntAsDouble(new IVar("n"), true)) : new Num(Pick(Constants));
        yield return new Return(_rng.Next(6) switch
        {
            0 => new Var(sum),
            1 => new Bin('+', rest, new Var(sum)),
            2 => new Bin('-', rest, new Var(sum)),
            3 => new Bin('+', rest, new Bin('/', new Var(sum), scale)),
            4 => new Bin('-', rest, new Bin('*', scale, new Var(sum))),
            _ => new Bin('*', rest, new Var(sum)),
        });
    }

    private Expr InactiveValue()
    {
        var inactive = DoubleVars.Where(_inactive.Contains).ToList();
        return inactive.Count > 0 && Chance(0.5) ? new Var(Pick(inactive)) : new Num(Pick(Constants));
    }

    private Expr MathFunction(Func<Expr> sub, int depth)
    {
        int choice = _rng.Next(_options.NonSmooth ? 30 : 24);
        Expr a = sub();
        if (_options.SpecialPoints && Chance(0.05))
        {
            // Integer exponents: at a = 0, x⁰ has derivative 0 and x¹ derivative 1 (no 0·∞).
            return M("Pow", a, new Num(Pick(new[] { 0.0, 1.0, 2.0 })));
        }
        switch (choice)
        {
            case 0: return M("Sin", a);
            case 1: return M("Cos", a);
            case 2: return M("Tanh", a);
            case 3: return M("Atan", a);
            case 4: return M("Exp", M("Tanh", a));
            case 5: return M("Exp", new Neg(Sq(a)));
            case 6: return M("Exp", M("Sin", a));
            case 7: return M("Log", OnePlusSq(a));
            case 8: return M("Log", new Bin('+', new Num(2.0), M("Sin", a)));
            case 9: return M("Sqrt", OnePlusSq(a));
            case 10: return M("Pow", OnePlusSq(a), new Num(Pick(new[] { 0.5, 1.5, 2.0, 3.0, -0.5, -1.0 })));
            case 11: return M("Pow", a, new Num(Pick(new[] { 2.0, 3.0 })));
            case 12: return M("Pow", new Bin('+', new Num(1.5), Sq(a)), M("Tanh", sub()));
            case 13: return M("Log10", OnePlusSq(a));
            case 14: return M("Log2", OnePlusSq(a));
            case 15: return M("Log", OnePlusSq(a), new Bin('+', new Num(2.0), Sq(sub())));
            case 16: return M("Cbrt", OnePlusSq(a));
            case 17: return M("Sinh", M("Tanh", a));
            case 18: return M("Cosh", M("Tanh", a));
            case 19: return M("Asin", new Bin('*', new Num(0.9), M("Tanh", a)));
            case 20: return M("Acos", new Bin('*', new Num(0.9), M("Tanh", a)));
            case 21: return M("Tan", M("Tanh", a));
            case 22: return M("Atan2", a, new Bin('+', new Num(1.5), Sq(sub())));
            case 23: return M("FusedMultiplyAdd", a, sub(), sub());
            case 24: return M("Abs", a);
            case 25: return M("Max", a, sub());
            case 26: return M("Min", a, sub());
            case 27: return M("Clamp", a, new Num(-1.0), new Num(1.0));
            case 28: return M("Floor", new Bin('+', a, new Num(0.5)));
            default: return M("Ceiling", new Bin('+', a, new Num(0.5)));
        }
    }
}
