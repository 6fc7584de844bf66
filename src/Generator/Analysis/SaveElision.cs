using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Analysis;

/// <summary>A loop counter the reverse sweep recomputes: <c>Variable = start + Step·(iteration − 1)</c>.</summary>
internal sealed record Induction(string Variable, Expr Step, Expr? Start);

/// <summary>
/// Finds overwrites whose old value the reverse sweep never needs, so the forward sweep need not save it:
/// <list type="bullet">
/// <item>induction variables: <c>i</c> in a loop whose step is <c>i = i ± c</c> and whose body never assigns <c>i</c>.
/// The reverse sweep recomputes <c>i = start ± c·(iteration − 1)</c> from one saved start value per loop;</item>
/// <item>accumulations <c>v = v ± e</c> in a loop that reads <c>v</c> nowhere else, right after a plain write of
/// <c>v</c>: between that write and the loop's end nothing reads <c>v</c>, so only the value before the plain
/// write must be restored (Tapenade's to-be-recorded analysis, for the shape dot products and sums take).</item>
/// <item>element writes that fill a local buffer once: <c>b[i] = …</c> in a top-level loop over <c>i</c>, the only
/// write into b, with b read nowhere before that loop and, inside it, only as <c>b[i]</c> after the write. Each
/// element is written once, over the zero of the allocation, and nothing reads that zero: no restore needed.</item>
/// </list>
/// </summary>
internal sealed class SaveElision
{
    private readonly Block _method;

    private SaveElision(Block method) => _method = method;

    /// <summary>Writes that need no save, by identity.</summary>
    public HashSet<Stmt> Unsaved { get; } = new(ReferenceComparer<Stmt>.Instance);

    /// <summary>
    /// Variables with accumulations that are not saved: in the reverse sweep such a variable does not get back the value
    /// an earlier write gave it, so that write's reverse must not read the variable in place of recomputing the value.
    /// </summary>
    public HashSet<string> AccumulatedWithoutSave { get; } = new();

    /// <summary>
    /// The induction variable of each loop that has one, its step, and its start value when that is a literal
    /// the reverse sweep can use directly (otherwise the start is saved once per execution of the loop).
    /// </summary>
    public Dictionary<Loop, Induction> Inductions { get; } = new(ReferenceComparer<Loop>.Instance);

    public static SaveElision Analyze(Block body)
    {
        var elision = new SaveElision(body);
        elision.Visit(body);
        elision.FindBufferFills(body);
        return elision;
    }

    private void Visit(Block block)
    {
        for (int index = 0; index < block.Statements.Count; index++)
        {
            switch (block.Statements[index])
            {
                case If branch:
                    Visit(branch.Then);
                    Visit(branch.Else);
                    break;
                case Loop loop:
                    FindInduction(block, index, loop);
                    FindAccumulations(block, index, loop);
                    Visit(loop.Body);
                    Visit(loop.Step);
                    break;
            }
        }
    }

    private void FindInduction(Block block, int loopIndex, Loop loop)
    {
        var steps = Assignments(loop.Step).ToList();
        if (steps.Count != 1 || steps[0] is not { Value: Binary { Op: BinaryOp.Add or BinaryOp.Subtract, Left: Var left, Right: Literal } step } assign
            || left.Name != assign.Target || left.Type.Kind != ValueKind.Integer
            || Assignments(loop.Body).Any(a => a.Target == assign.Target))
        {
            return;
        }
        string variable = assign.Target;
        Unsaved.Add(assign);
        Expr? start = null;
        // A loop-scoped counter (for (int i = start; …)): mentioned only by its initialisation and the loop.
        if (InitialisationBefore(block, loopIndex, variable) is Assign init && !MentionedOutside(_method, variable, init, loop))
        {
            Unsaved.Add(init);
            start = init.Value as Literal;
        }
        Inductions[loop] = new Induction(variable, step.Op == BinaryOp.Add ? step.Right : Sym.Neg(step.Right), start);
    }

    private static Assign? InitialisationBefore(Block block, int loopIndex, string variable)
    {
        for (int i = loopIndex - 1; i >= 0; i--)
        {
            Stmt statement = block.Statements[i];
            if (statement is Assign a && a.Target == variable)
            {
                return ExprVisitor.Reads(a.Value, variable) ? null : a;
            }
            if (Mentions(statement, variable))
            {
                return null;
            }
        }
        return null;
    }

    internal static bool Mentions(Stmt statement, string variable)
    {
        var block = new Block(EquatableArray.Of(statement));
        var reads = new HashSet<string>();
        CollectReads(block, "", reads);
        return reads.Contains(variable) || Assignments(block).Any(w => w.Target == variable);
    }

    /// <summary>Whether any statement other than <paramref name="init"/> and those in <paramref name="loop"/> mentions the variable.</summary>
    private static bool MentionedOutside(Block block, string variable, Assign init, Loop loop)
    {
        foreach (Stmt statement in block.Statements)
        {
            if (ReferenceEquals(statement, init) || ReferenceEquals(statement, loop))
            {
                continue;
            }
            bool mentioned = statement switch
            {
                If i => MentionedOutside(i.Then, variable, init, loop) || MentionedOutside(i.Else, variable, init, loop) || ExprVisitor.Reads(i.Condition, variable),
                Loop l => MentionedOutside(l.Body, variable, init, loop) || MentionedOutside(l.Step, variable, init, loop) || (l.Condition is not null && ExprVisitor.Reads(l.Condition, variable)),
                _ => Mentions(statement, variable),
            };
            if (mentioned)
            {
                return true;
            }
        }
        return false;
    }

    private void FindAccumulations(Block block, int loopIndex, Loop loop)
    {
        var writes = Assignments(loop.Body).Concat(Assignments(loop.Step)).GroupBy(a => a.Target);
        foreach (IGrouping<string, Assign> group in writes)
        {
            string variable = group.Key;
            if (!group.All(a => IsAccumulation(a, variable)) || ReadsOutsideAccumulations(loop, variable) || !PlainWriteJustBefore(block, loopIndex, variable))
            {
                continue;
            }
            foreach (Assign accumulation in group)
            {
                Unsaved.Add(accumulation);
            }
            AccumulatedWithoutSave.Add(variable);
        }
    }

    private static bool IsAccumulation(Assign assign, string variable) =>
        assign.Value is Binary { Op: BinaryOp.Add or BinaryOp.Subtract, Left: Var left } b
        && left.Name == variable
        && !ExprVisitor.Reads(b.Right, variable);

    /// <summary>Whether the loop reads <paramref name="variable"/> anywhere but as the left operand of its own accumulations.</summary>
    private static bool ReadsOutsideAccumulations(Loop loop, string variable)
    {
        var reads = new HashSet<string>();
        if (loop.Condition is not null) ExprVisitor.AllVars(loop.Condition, reads);
        CollectReads(loop.Body, variable, reads);
        CollectReads(loop.Step, variable, reads);
        return reads.Contains(variable);
    }

    private static void CollectReads(Block block, string variable, HashSet<string> reads)
    {
        foreach (Stmt statement in block.Statements)
        {
            switch (statement)
            {
                case Assign a when a.Target == variable && a.Value is Binary b:
                    ExprVisitor.AllVars(b.Right, reads);
                    break;
                case Assign a: ExprVisitor.AllVars(a.Value, reads); break;
                case AssignElement e: ExprVisitor.AllVars(e.Index, reads); ExprVisitor.AllVars(e.Value, reads); break;
                case Evaluate e: ExprVisitor.AllVars(e.Value, reads); break;
                case Throw t: ExprVisitor.AllVars(t.Exception, reads); break;
                case If i: ExprVisitor.AllVars(i.Condition, reads); CollectReads(i.Then, variable, reads); CollectReads(i.Else, variable, reads); break;
                case Loop l:
                    if (l.Condition is not null) ExprVisitor.AllVars(l.Condition, reads);
                    CollectReads(l.Body, variable, reads);
                    CollectReads(l.Step, variable, reads);
                    break;
            }
        }
    }

    private void FindBufferFills(Block method)
    {
        var elementWrites = new Dictionary<string, List<AssignElement>>();
        CollectElementWrites(method, elementWrites);
        for (int index = 0; index < method.Statements.Count; index++)
        {
            if (method.Statements[index] is not Loop loop || !Inductions.TryGetValue(loop, out Induction? induction)
                || induction.Step is not Literal { Value: not 0 })
            {
                continue;
            }
            for (int position = 0; position < loop.Body.Statements.Count; position++)
            {
                if (loop.Body.Statements[position] is AssignElement { Index: Var index2 } fill && index2.Name == induction.Variable
                    && elementWrites[fill.Target].Count == 1 && AllocatedOnce(method, fill.Target) && IsFill(method, index, loop, position, fill))
                {
                    Unsaved.Add(fill);
                }
            }
        }
    }

    /// <summary>
    /// Whether b (the target of <paramref name="fill"/>) is read nowhere before the loop, and in the loop only as
    /// <c>b[i]</c> in the statements after the fill; after the loop it may be read freely.
    /// </summary>
    private static bool IsFill(Block method, int loopIndex, Loop loop, int position, AssignElement fill)
    {
        string buffer = fill.Target;
        for (int i = 0; i < loopIndex; i++)
        {
            if (method.Statements[i] is not Assign { Value: NewBuffer } && Reads(method.Statements[i], buffer))
            {
                return false;
            }
        }
        if ((loop.Condition is not null && ExprVisitor.Reads(loop.Condition, buffer)) || Reads(loop.Step, buffer)
            || ExprVisitor.Reads(fill.Index, buffer) || ExprVisitor.Reads(fill.Value, buffer))
        {
            return false;
        }
        for (int i = 0; i < loop.Body.Statements.Count; i++)
        {
            Stmt statement = loop.Body.Statements[i];
            if (i < position ? Reads(statement, buffer) : i > position && !ReadsOnlyElement(statement, buffer, fill.Index))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Whether the buffer's only whole-variable assignment is its allocation (so it aliases no other buffer).</summary>
    private static bool AllocatedOnce(Block method, string buffer)
    {
        var assignments = Assignments(method).Where(a => a.Target == buffer).ToList();
        return assignments.Count == 1 && assignments[0].Value is NewBuffer;
    }

    private static bool Reads(Stmt statement, string buffer) => Reads(new Block(EquatableArray.Of(statement)), buffer);

    private static bool Reads(Block block, string buffer)
    {
        var reads = new HashSet<string>();
        CollectReads(block, "", reads);
        return reads.Contains(buffer);
    }

    /// <summary>Whether every mention of <paramref name="buffer"/> in the statement is the element read <c>buffer[index]</c>.</summary>
    private static bool ReadsOnlyElement(Stmt statement, string buffer, Expr index)
    {
        var other = new HashSet<string>();
        bool onlyElement = true;
        void Check(Expr e)
        {
            switch (e)
            {
                case ElementRead { Array: Var array } read when array.Name == buffer:
                    onlyElement &= read.Indices.Count == 1 && read.Indices[0] == index;
                    break;
                case Var v when v.Name == buffer:
                    onlyElement = false;
                    break;
                default:
                    foreach (Expr child in ExprVisitor.Children(e)) Check(child);
                    break;
            }
        }
        foreach (Expr e in StatementExprs(statement)) Check(e);
        return onlyElement && !(statement is AssignElement write && write.Target == buffer);
    }

    private static IEnumerable<Expr> StatementExprs(Stmt statement)
    {
        switch (statement)
        {
            case Assign a: yield return a.Value; break;
            case AssignElement e: yield return e.Index; yield return e.Value; break;
            case Evaluate e: yield return e.Value; break;
            case Throw t: yield return t.Exception; break;
            case If i:
                yield return i.Condition;
                foreach (Expr x in i.Then.Statements.Concat(i.Else.Statements).SelectMany(StatementExprs)) yield return x;
                break;
            case Loop l:
                if (l.Condition is not null) yield return l.Condition;
                foreach (Expr x in l.Body.Statements.Concat(l.Step.Statements).SelectMany(StatementExprs)) yield return x;
                break;
        }
    }

    private static void CollectElementWrites(Block block, Dictionary<string, List<AssignElement>> into)
    {
        foreach (Stmt statement in block.Statements)
        {
            switch (statement)
            {
                case AssignElement e:
                    if (!into.TryGetValue(e.Target, out List<AssignElement>? list)) into[e.Target] = list = new List<AssignElement>();
                    list.Add(e);
                    break;
                case If i: CollectElementWrites(i.Then, into); CollectElementWrites(i.Else, into); break;
                case Loop l: CollectElementWrites(l.Body, into); CollectElementWrites(l.Step, into); break;
            }
        }
    }

    /// <summary>Whether, going back from the loop in its block, a plain write of the variable comes before any mention of it.</summary>
    private static bool PlainWriteJustBefore(Block block, int loopIndex, string variable) =>
        InitialisationBefore(block, loopIndex, variable) is not null;

    /// <summary>Every whole-variable assignment in the block, nested ones included.</summary>
    private static IEnumerable<Assign> Assignments(Block block)
    {
        foreach (Stmt statement in block.Statements)
        {
            switch (statement)
            {
                case Assign a:
                    yield return a;
                    break;
                case If i:
                    foreach (Assign nested in Assignments(i.Then).Concat(Assignments(i.Else))) yield return nested;
                    break;
                case Loop l:
                    foreach (Assign nested in Assignments(l.Body).Concat(Assignments(l.Step))) yield return nested;
                    break;
            }
        }
    }
}
