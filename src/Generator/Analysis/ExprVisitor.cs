using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Model;
using SourceAD.Generator.Rules;

namespace SourceAD.Generator.Analysis;

/// <summary>Queries over expressions: which variables they read, and which reads carry a derivative.</summary>
internal static class ExprVisitor
{
    /// <summary>Every variable the expression reads, in any position.</summary>
    public static void AllVars(Expr e, ISet<string> into)
    {
        var walk = new VarNames(into);
        walk.On(e);
    }

    /// <summary>Whether the expression reads <paramref name="variable"/>, in any position (as <see cref="AllVars(Expr)"/> would contain it).</summary>
    public static bool Reads(Expr e, string variable)
    {
        var walk = new VarRead(variable);
        walk.On(e);
        return walk.Found;
    }

    /// <summary>The direct subexpressions of <paramref name="e"/>.</summary>
    public static IEnumerable<Expr> Children(Expr e)
    {
        var children = new ChildList(new List<Expr>());
        ForEachChild(e, ref children);
        return children.Into;
    }

    /// <summary>What a walk does with each expression it reaches.</summary>
    private interface IExprAction
    {
        void On(Expr e);
    }

    /// <summary>Calls <paramref name="action"/> on each direct subexpression of <paramref name="e"/>, in order.</summary>
    private static void ForEachChild<T>(Expr e, ref T action) where T : struct, IExprAction
    {
        switch (e)
        {
            case Unary u: action.On(u.Operand); break;
            case Binary b: action.On(b.Left); action.On(b.Right); break;
            case Cast c: action.On(c.Operand); break;
            case Convert c: action.On(c.Operand); break;
            case Conditional c: action.On(c.Condition); action.On(c.WhenTrue); action.On(c.WhenFalse); break;
            case MathCall m: OnAll(m.Args, ref action); break;
            case DiffCall d: OnAll(d.Args, ref action); break;
            case OpaqueCall o:
                if (o.Receiver is not null) action.On(o.Receiver);
                OnAll(o.Args, ref action);
                break;
            case MemberRead m: if (m.Receiver is not null) action.On(m.Receiver); break;
            case ElementRead el:
                action.On(el.Array);
                OnAll(el.Indices, ref action);
                break;
            case New n: OnAll(n.Args, ref action); break;
            case Verbatim v: OnAll(v.Holes, ref action); break;
            case DerivativeCall d: OnAll(d.Args, ref action); break;
            case NewBuffer nb: action.On(nb.Length); break;
            case NewArray na: OnAll(na.Elements, ref action); break;
            case Slice sl:
                action.On(sl.Buffer);
                if (sl.Start is not null) action.On(sl.Start);
                if (sl.Length is not null) action.On(sl.Length);
                break;
        }
    }

    private static void OnAll<T>(EquatableArray<Expr> items, ref T action) where T : struct, IExprAction
    {
        for (int i = 0; i < items.Count; i++)
        {
            action.On(items[i]);
        }
    }

    private readonly struct ChildList : IExprAction
    {
        public ChildList(List<Expr> into) => Into = into;

        public List<Expr> Into { get; }

        public void On(Expr e) => Into.Add(e);
    }

    private struct PreOrderList : IExprAction
    {
        public PreOrderList(List<Expr> into) => Into = into;

        public List<Expr> Into { get; }

        public void On(Expr e)
        {
            Into.Add(e);
            ForEachChild(e, ref this);
        }
    }

    /// <summary>Whether the expression pops <paramref name="stack"/>, anywhere inside it.</summary>
    public static bool Pops(Expr e, string stack)
    {
        var walk = new PopOf(stack);
        walk.On(e);
        return walk.Found;
    }

    private struct VarNames : IExprAction
    {
        private readonly ISet<string> _into;

        public VarNames(ISet<string> into) => _into = into;

        public void On(Expr e)
        {
            if (e is Var v)
            {
                _into.Add(v.Name);
            }
            else
            {
                ForEachChild(e, ref this);
            }
        }
    }

    /// <summary>Finds one variable: a walk that stops once it has.</summary>
    private struct VarRead : IExprAction
    {
        private readonly string _variable;

        public VarRead(string variable)
        {
            _variable = variable;
            Found = false;
        }

        public bool Found { get; private set; }

        public void On(Expr e)
        {
            if (Found)
            {
                return;
            }
            if (e is Var v)
            {
                Found = v.Name == _variable;
            }
            else
            {
                ForEachChild(e, ref this);
            }
        }
    }

    /// <summary>Finds a pop of one stack: a walk that stops once it has.</summary>
    private struct PopOf : IExprAction
    {
        private readonly string _stack;

        public PopOf(string stack)
        {
            _stack = stack;
            Found = false;
        }

        public bool Found { get; private set; }

        public void On(Expr e)
        {
            if (Found)
            {
                return;
            }
            if (e is Pop p)
            {
                Found = p.Stack == _stack;
            }
            else
            {
                ForEachChild(e, ref this);
            }
        }
    }

    public static HashSet<string> AllVars(Expr e)
    {
        var set = new HashSet<string>();
        AllVars(e, set);
        return set;
    }

    /// <summary>
    /// The floating-point variables whose derivative flows into the value of <paramref name="e"/>: not those read only
    /// in conditions, comparisons, integer arithmetic, piecewise-constant functions or calls without a derivative.
    /// </summary>
    public static void DerivativeReads(Expr e, ISet<string> into)
    {
        var sink = new ReadSet(into);
        DerivativeReads(e, ref sink);
    }

    /// <summary>Whether a variable of <paramref name="among"/> is one of <see cref="DerivativeReads(Expr, ISet{string})"/>'s; stops at the first.</summary>
    public static bool HasDerivativeRead(Expr e, ISet<string> among)
    {
        var sink = new FirstReadAmong(among);
        DerivativeReads(e, ref sink);
        return sink.Done;
    }

    /// <summary>Where a walk over the derivative reads puts each one; <see cref="Done"/> ends the walk.</summary>
    private interface IReadSink
    {
        bool Done { get; }

        void Read(string variable);
    }

    private readonly struct ReadSet : IReadSink
    {
        private readonly ISet<string> _into;

        public ReadSet(ISet<string> into) => _into = into;

        public bool Done => false;

        public void Read(string variable) => _into.Add(variable);
    }

    private struct FirstReadAmong : IReadSink
    {
        private readonly ISet<string> _among;

        public FirstReadAmong(ISet<string> among)
        {
            _among = among;
            Done = false;
        }

        public bool Done { get; private set; }

        public void Read(string variable) => Done = _among.Contains(variable);
    }

    private static void DerivativeReads<T>(Expr e, ref T sink) where T : struct, IReadSink
    {
        // A vector-valued call returns its results in its [Output] buffers, and a derivative method (a void pullback,
        // say) in the buffers it writes, whatever they return.
        if (sink.Done || (!e.Type.IsDifferentiable && e is not (DiffCall { Callee.HasOutputs: true } or DerivativeCall)))
        {
            return;
        }
        switch (e)
        {
            case Var v: sink.Read(v.Name); break;
            case ElementRead { Array: Var buffer } when buffer.Type.IsBuffer: sink.Read(buffer.Name); break;
            case Slice slice: DerivativeReads(slice.Buffer, ref sink); break;
            case NewArray array: AllDerivativeReads(array.Elements, ref sink); break;
            case Unary { Op: UnaryOp.Negate or UnaryOp.Plus } u: DerivativeReads(u.Operand, ref sink); break;
            case Binary { Op: BinaryOp.Add or BinaryOp.Subtract or BinaryOp.Multiply or BinaryOp.Divide or BinaryOp.Remainder } b:
                DerivativeReads(b.Left, ref sink);
                DerivativeReads(b.Right, ref sink);
                break;
            case Cast c: DerivativeReads(c.Operand, ref sink); break;
            case Conditional c: DerivativeReads(c.WhenTrue, ref sink); DerivativeReads(c.WhenFalse, ref sink); break;
            case MathCall m:
                DerivativeRule? rule = MathRules.Find(m.Function, m.Args.Count);
                for (int i = 0; i < m.Args.Count; i++)
                {
                    if (rule?.Partials[i] is not null) DerivativeReads(m.Args[i], ref sink);
                }
                break;
            case DiffCall d:
                for (int i = 0; i < d.Args.Count; i++)
                {
                    if (d.Callee.Differentiable[i]) DerivativeReads(d.Args[i], ref sink);
                }
                break;
            case DerivativeCall d:
                // What a derivative method returns or writes may depend on every value it is given.
                AllDerivativeReads(d.Args, ref sink);
                break;
            case Pop p:
                sink.Read(p.Stack);
                break;
        }
    }

    private static void AllDerivativeReads<T>(EquatableArray<Expr> items, ref T sink) where T : struct, IReadSink
    {
        for (int i = 0; i < items.Count; i++)
        {
            DerivativeReads(items[i], ref sink);
        }
    }

    /// <summary>The expression and every expression inside it, outermost first (pre-order, children in order).</summary>
    /// <summary>
    /// <paramref name="e"/> with every subexpression that is a key of <paramref name="by"/> replaced by its value, through
    /// operators, casts, math calls and conditionals (the values computed once, read where they recur).
    /// </summary>
    public static Expr Replace(Expr e, IReadOnlyDictionary<Expr, Var> by) => by.Count == 0 ? e
        : by.TryGetValue(e, out Var? known) ? known
        : e switch
        {
            Unary u => u with { Operand = Replace(u.Operand, by) },
            Binary b => b with { Left = Replace(b.Left, by), Right = Replace(b.Right, by) },
            Cast c => c with { Operand = Replace(c.Operand, by) },
            MathCall m => m with { Args = m.Args.Select(a => Replace(a, by)).ToEquatableArray() },
            Conditional c => c with { Condition = Replace(c.Condition, by), WhenTrue = Replace(c.WhenTrue, by), WhenFalse = Replace(c.WhenFalse, by) },
            _ => e,
        };

    public static List<Expr> Descendants(Expr e)
    {
        var walk = new PreOrderList(new List<Expr>());
        walk.On(e);
        return walk.Into;
    }

    /// <summary>Every call to a derivative method in the expression, outermost first.</summary>
    public static IEnumerable<DerivativeCall> DerivativeCalls(Expr e) => Descendants(e).OfType<DerivativeCall>();

    /// <summary>Every call to a [Differentiable] method in the expression.</summary>
    public static void DiffCalls(Expr e, List<DiffCall> into)
    {
        switch (e)
        {
            case DiffCall d: into.Add(d); foreach (Expr a in d.Args) DiffCalls(a, into); break;
            case Unary u: DiffCalls(u.Operand, into); break;
            case Binary b: DiffCalls(b.Left, into); DiffCalls(b.Right, into); break;
            case Cast c: DiffCalls(c.Operand, into); break;
            case Conditional c: DiffCalls(c.Condition, into); DiffCalls(c.WhenTrue, into); DiffCalls(c.WhenFalse, into); break;
            case MathCall m: foreach (Expr a in m.Args) DiffCalls(a, into); break;
        }
    }

    /// <summary>Calls without a derivative, and slices outside call arguments, that sit where a derivative would flow.</summary>
    public static void OpaqueCallsOnDerivativePath(Expr e, List<Expr> into)
    {
        if (!e.Type.IsDifferentiable)
        {
            return;
        }
        switch (e)
        {
            case OpaqueCall o: into.Add(o); break;
            case Slice sl: into.Add(sl); break;
            case Unary u: OpaqueCallsOnDerivativePath(u.Operand, into); break;
            case Binary b: OpaqueCallsOnDerivativePath(b.Left, into); OpaqueCallsOnDerivativePath(b.Right, into); break;
            case Cast c: OpaqueCallsOnDerivativePath(c.Operand, into); break;
            case Conditional c: OpaqueCallsOnDerivativePath(c.WhenTrue, into); OpaqueCallsOnDerivativePath(c.WhenFalse, into); break;
            case MathCall m: foreach (Expr a in m.Args) OpaqueCallsOnDerivativePath(a, into); break;
            case DiffCall d:
                foreach (Expr a in d.Args)
                {
                    // A slice passed straight to a [Differentiable] callee is fine: its adjoint is the matching slice.
                    if (a is Slice s) OpaqueCallsOnDerivativePath(s.Buffer, into);
                    else OpaqueCallsOnDerivativePath(a, into);
                }
                break;
        }
    }
}
