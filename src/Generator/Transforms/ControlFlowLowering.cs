using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Analysis;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Transforms;

/// <summary>
/// Rewrites a body so its reverse can be built structurally: <c>return</c>, <c>break</c> and <c>continue</c> become
/// assignments to flags that guard the rest of their block and end their loop, switch regions disappear, and calls to
/// <c>[Differentiable]</c> methods nested in expressions are hoisted into temporaries (their pullbacks need their
/// arguments, their callers need their values). Guard clauses (<c>if (c) return x;</c>) move the rest of the block into
/// the other branch, so the common shapes need no flag at all.
/// </summary>
internal sealed class ControlFlowLowering
{
    private readonly Names _names;
    private readonly List<LocalModel> _synthetic = new();
    private readonly Dictionary<int, string> _breakFlags = new();
    private readonly Dictionary<int, string> _continueFlags = new();
    private string? _returnedFlag;

    /// <param name="names">The function's names.</param>
    /// <param name="resultType">The type it returns.</param>
    /// <param name="result">The variable that already holds the value it returns (a generated method's), if any.</param>
    public ControlFlowLowering(Names names, TypeRef resultType, Var? result = null)
    {
        _names = names;
        Result = result ?? new Var(names.Fresh("_result"), resultType);
        if (result is null && !resultType.IsVoid)
        {
            _synthetic.Add(new LocalModel(Result.Name, resultType));
        }
    }

    /// <summary>The variable every <c>return</c> assigns (none is declared for a method that returns <c>void</c>).</summary>
    public Var Result { get; }

    /// <summary>Locals the lowering introduced (result, flags, call temporaries).</summary>
    public IReadOnlyList<LocalModel> Synthetic => _synthetic;

    public Block Lower(Block body)
    {
        Block lowered = LowerSequence(body.Statements.ToList(), tail: true).Block;
        var read = new HashSet<string>();
        ReadsOf(lowered, read);
        var unread = new HashSet<string>(_synthetic.Where(l => l.Type == TypeRef.Bool && !read.Contains(l.Name)).Select(l => l.Name));
        _synthetic.RemoveAll(l => unread.Contains(l.Name));
        return WithoutAssignmentsTo(lowered, unread);
    }

    /// <summary>Every variable read anywhere in the block, conditions included.</summary>
    private static void ReadsOf(Block block, HashSet<string> into)
    {
        foreach ((Expr expression, _) in Statements.Expressions(block))
        {
            ExprVisitor.AllVars(expression, into);
        }
    }

    private static bool HasCalls(Expr e) => e is DiffCall || ExprVisitor.Children(e).Any(HasCalls);

    /// <summary>Drops the assignments to flags nothing reads (a <c>continue</c> whose rest moved into an else branch).</summary>
    private static Block WithoutAssignmentsTo(Block block, HashSet<string> unread)
    {
        if (unread.Count == 0)
        {
            return block;
        }
        var kept = new List<Stmt>();
        foreach (Stmt statement in block.Statements)
        {
            switch (statement)
            {
                case Assign a when unread.Contains(a.Target):
                    break;
                case If i:
                    kept.Add(i with { Then = WithoutAssignmentsTo(i.Then, unread), Else = WithoutAssignmentsTo(i.Else, unread) });
                    break;
                case Loop l:
                    kept.Add(l with { Body = WithoutAssignmentsTo(l.Body, unread), Step = WithoutAssignmentsTo(l.Step, unread) });
                    break;
                default:
                    kept.Add(statement);
                    break;
            }
        }
        return new Block(kept.ToEquatableArray());
    }

    private sealed record Lowered(Block Block, List<string> Exits);

    /// <summary>
    /// Lowers a statement sequence. <paramref name="tail"/> says nothing runs after it in the method, so a
    /// <c>return</c> there needs no flag. The result lists the flags whose setting means "skip the rest".
    /// </summary>
    private Lowered LowerSequence(List<Stmt> statements, bool tail)
    {
        var output = new List<Stmt>();
        var exits = new List<string>();
        for (int i = 0; i < statements.Count; i++)
        {
            Stmt statement = statements[i];
            bool last = i == statements.Count - 1;
            if (!last && statement is If guard && MoveRestIntoBranch(guard, statements.Skip(i + 1).ToList()) is If merged)
            {
                statement = merged;
                last = true;
            }
            List<string> stmtExits = LowerStatement(statement, tail && last, output, out bool terminal);
            AddRange(exits, stmtExits);
            if (terminal || last)
            {
                break;
            }
            if (stmtExits.Count > 0)
            {
                Lowered rest = LowerSequence(statements.Skip(i + 1).ToList(), tail);
                if (!rest.Block.IsEmpty)
                {
                    output.Add(new If(Sym.Not(AnyOf(stmtExits)), rest.Block, Block.Empty, "continue unless " + string.Join(" or ", stmtExits)));
                }
                AddRange(exits, rest.Exits);
                break;
            }
        }
        return new Lowered(new Block(output.ToEquatableArray()), exits);
    }

    /// <summary>For <c>if (c) { …; return; } rest</c>, returns <c>if (c) { …; return; } else { …; rest }</c>.</summary>
    private static If? MoveRestIntoBranch(If guard, List<Stmt> rest)
    {
        bool thenExits = AlwaysExits(guard.Then);
        bool elseExits = AlwaysExits(guard.Else);
        if (thenExits == elseExits)
        {
            return thenExits ? guard : null;
        }
        return thenExits
            ? guard with { Else = new Block(guard.Else.Statements.Concat(rest).ToEquatableArray()) }
            : guard with { Then = new Block(guard.Then.Statements.Concat(rest).ToEquatableArray()) };
    }

    private static bool AlwaysExits(Block block) =>
        block.Statements.Count > 0 && block.Statements[block.Statements.Count - 1] switch
        {
            Return or Break or Continue or Throw => true,
            If nested => AlwaysExits(nested.Then) && AlwaysExits(nested.Else),
            _ => false,
        };

    private List<string> LowerStatement(Stmt statement, bool tail, List<Stmt> output, out bool terminal)
    {
        terminal = false;
        switch (statement)
        {
            case Assign { Value: Conditional { } choice } assign when HasCalls(choice.WhenTrue) || HasCalls(choice.WhenFalse):
                // v = c ? F(x) : e: each call only in its branch, as a statement (a call's derivative needs one).
                var split = new If(choice.Condition, Block.Of(assign with { Value = choice.WhenTrue }), Block.Of(assign with { Value = choice.WhenFalse }), assign.Source);
                return LowerStatement(split, tail, output, out terminal);
            case Assign assign:
                output.Add(assign with { Value = Hoist(assign.Value, output, root: true) });
                return new List<string>();
            case AssignElement element:
                // buffer[i] = F(x): the call into a temporary first (its tangent and pullback need a variable result).
                output.Add(element with { Value = Hoist(element.Value, output, root: false) });
                return new List<string>();
            case Evaluate evaluate:
                output.Add(evaluate with { Value = Hoist(evaluate.Value, output, root: true) });
                return new List<string>();
            case Throw:
                output.Add(statement);
                terminal = true;
                return new List<string>();
            case Declare declare:
                output.Add(declare with { Initial = Hoist(declare.Initial, output, root: true) });
                return new List<string>();
            case Push push:
                output.Add(push with { Value = Hoist(push.Value, output, root: true) });
                return new List<string>();
            case Comment:
                output.Add(statement);
                return new List<string>();
            case Group group:
                Lowered grouped = LowerSequence(group.Body.Statements.ToList(), tail);
                output.Add(group with { Body = grouped.Block });
                return grouped.Exits;
            case Return { Value: Conditional choice } ret when HasCalls(choice.WhenTrue) || HasCalls(choice.WhenFalse):
                var branches = new If(choice.Condition, Block.Of(ret with { Value = choice.WhenTrue }), Block.Of(ret with { Value = choice.WhenFalse }), ret.Source);
                return LowerStatement(branches, tail, output, out terminal);
            case Return { Value: Var returned } when returned.Name == Result.Name && tail:
                terminal = true;
                return new List<string>();
            case Return ret:
                if (ret.Value is not null)
                {
                    output.Add(new Assign(Result.Name, Hoist(Sym.To(ret.Value, Result.Type), output, root: true), ret.Source));
                }
                terminal = true;
                return tail ? new List<string>() : Set(_returnedFlag ??= Flag("_returned"), "return", output);
            case Break br:
                terminal = true;
                return Set(FlagFor(_breakFlags, br.Target, "_break"), "break", output);
            case Continue co:
                terminal = true;
                return Set(FlagFor(_continueFlags, co.Target, "_continue"), "continue", output);
            case If branch:
                Lowered then = LowerSequence(branch.Then.Statements.ToList(), tail);
                Lowered otherwise = LowerSequence(branch.Else.Statements.ToList(), tail);
                output.Add(branch with { Then = then.Block, Else = otherwise.Block });
                var exits = new List<string>(then.Exits);
                AddRange(exits, otherwise.Exits);
                return exits;
            case Loop loop:
                return LowerLoop(loop, output);
            case Region region:
                Lowered body = LowerSequence(region.Body.Statements.ToList(), tail);
                if (_breakFlags.TryGetValue(region.Id, out string? regionBreak))
                {
                    output.Add(new Assign(regionBreak, Literals.Bool(false), "(switch starts)"));
                }
                output.AddRange(body.Block.Statements);
                return body.Exits.Where(flag => flag != regionBreak).ToList();
            default:
                throw new System.InvalidOperationException("Unexpected statement " + statement.GetType().Name);
        }
    }

    private List<string> LowerLoop(Loop loop, List<Stmt> output)
    {
        Lowered body = LowerSequence(loop.Body.Statements.ToList(), tail: false);
        Lowered step = LowerSequence(loop.Step.Statements.ToList(), tail: false);
        _breakFlags.TryGetValue(loop.Id, out string? breakFlag);
        _continueFlags.TryGetValue(loop.Id, out string? continueFlag);

        List<string> outward = body.Exits.Where(flag => flag != breakFlag && flag != continueFlag).ToList();
        var stops = new List<string>();
        if (breakFlag is not null) stops.Add(breakFlag);
        stops.AddRange(outward);

        IEnumerable<Stmt> bodyStatements = body.Block.Statements;
        if (continueFlag is not null)
        {
            bodyStatements = new Stmt[] { new Assign(continueFlag, Literals.Bool(false), "(iteration starts)") }.Concat(bodyStatements);
        }
        Block stepBlock = step.Block;
        Expr? condition = loop.Condition;
        if (stops.Count > 0)
        {
            Expr keepGoing = Sym.Not(AnyOf(stops));
            if (!stepBlock.IsEmpty)
            {
                stepBlock = new Block(EquatableArray.Of<Stmt>(new If(keepGoing, stepBlock, Block.Empty, "step unless " + string.Join(" or ", stops))));
            }
            condition = condition is null ? keepGoing : Sym.And(keepGoing, condition);
        }
        if (breakFlag is not null)
        {
            output.Add(new Assign(breakFlag, Literals.Bool(false), "(loop starts)"));
        }
        output.Add(loop with { Condition = condition, Body = new Block(bodyStatements.ToEquatableArray()), Step = stepBlock });
        return outward;
    }

    private List<string> Set(string flag, string source, List<Stmt> output)
    {
        output.Add(new Assign(flag, Literals.Bool(true), source));
        return new List<string> { flag };
    }

    private string FlagFor(Dictionary<int, string> flags, int target, string prefix)
    {
        if (!flags.TryGetValue(target, out string? flag))
        {
            flag = Flag(prefix + target);
            flags[target] = flag;
        }
        return flag;
    }

    private string Flag(string preferred)
    {
        string name = _names.Fresh(preferred);
        _synthetic.Add(new LocalModel(name, TypeRef.Bool));
        return name;
    }

    private static Expr AnyOf(List<string> flags) =>
        flags.Skip(1).Aggregate((Expr)new Var(flags[0], TypeRef.Bool), (acc, flag) => Sym.Or(acc, new Var(flag, TypeRef.Bool)));

    private static void AddRange(List<string> into, IEnumerable<string> flags)
    {
        foreach (string flag in flags)
        {
            if (!into.Contains(flag)) into.Add(flag);
        }
    }

    /// <summary>
    /// Moves each call to a [Differentiable] method out of <paramref name="e"/> into a temporary assigned just before,
    /// except a call that is the whole expression and calls in a branch of <c>?:</c> or the right of <c>&amp;&amp;</c>/<c>||</c>,
    /// which are only evaluated conditionally.
    /// </summary>
    private Expr Hoist(Expr e, List<Stmt> output, bool root)
    {
        switch (e)
        {
            case DiffCall call:
                DiffCall hoistedArgs = call with { Args = HoistAll(call.Args, output) };
                if (root)
                {
                    return hoistedArgs;
                }
                string temp = _names.Numbered("_call");
                _synthetic.Add(new LocalModel(temp, call.Type));
                output.Add(new Assign(temp, hoistedArgs, temp + " = " + call.Source));
                return new Var(temp, call.Type);
            case DerivativeCall call when !root:
                // A call to a derivative method (in generated code: a pullback whose value a deferred sum adds up).
                string value = _names.Numbered("_call");
                _synthetic.Add(new LocalModel(value, call.Type));
                output.Add(new Assign(value, call, ""));
                return new Var(value, call.Type);
            case Unary u:
                return u with { Operand = Hoist(u.Operand, output, false) };
            case Binary { Op: BinaryOp.And or BinaryOp.Or } b:
                return b with { Left = Hoist(b.Left, output, false) };
            case Binary b:
                return b with { Left = Hoist(b.Left, output, false), Right = Hoist(b.Right, output, false) };
            case Cast c:
                return c with { Operand = Hoist(c.Operand, output, false) };
            case Conditional c when HasCalls(c.WhenTrue) || HasCalls(c.WhenFalse):
                // A call in a branch of ?: runs only in its branch: compute the ?: into a temporary with if/else.
                string choice = _names.Numbered("_choice");
                _synthetic.Add(new LocalModel(choice, c.Type));
                var split = new If(c.Condition, Block.Of(new Assign(choice, c.WhenTrue, choice + " = (the taken branch of ?:)")),
                    Block.Of(new Assign(choice, c.WhenFalse, choice + " = (the taken branch of ?:)")), "(a ?: with calls in its branches)");
                LowerStatement(split, tail: false, output, out _);
                return new Var(choice, c.Type);
            case Conditional c:
                return c with { Condition = Hoist(c.Condition, output, false) };
            case MathCall m:
                return m with { Args = HoistAll(m.Args, output) };
            default:
                return e;
        }
    }

    // Out of Hoist: a lambda there capturing its output list would allocate a closure for every expression node.
    private EquatableArray<Expr> HoistAll(EquatableArray<Expr> args, List<Stmt> output) => args.Select(a => Hoist(a, output, root: false)).ToEquatableArray();
}
