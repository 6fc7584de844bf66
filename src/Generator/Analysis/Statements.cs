using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Analysis;

/// <summary>Walks the statements of a body: every expression a statement evaluates, nested statements included.</summary>
internal static class Statements
{
    /// <summary>
    /// The top-level expressions of every statement of <paramref name="block"/>, with whether the statement uses the
    /// expression's value (an expression statement discards it).
    /// </summary>
    public static List<(Expr Expression, bool ValueUsed)> Expressions(Block block)
    {
        var expressions = new List<(Expr, bool)>();
        AddExpressions(block, expressions);
        return expressions;
    }

    /// <summary>Whether any of the statements reads, assigns or declares <paramref name="variable"/>.</summary>
    public static bool Mention(IEnumerable<Stmt> statements, string variable)
    {
        var block = Block.Of(statements);
        return Targets(block).Contains(variable)
            || Expressions(block).Any(e => ExprVisitor.Reads(e.Expression, variable) || ExprVisitor.Pops(e.Expression, variable));
    }

    /// <summary>Every variable the statements assign, declare or push to, nested statements included.</summary>
    public static HashSet<string> Targets(Block block)
    {
        var targets = new HashSet<string>();
        AddTargets(block, targets);
        return targets;
    }

    /// <summary>Every statement of <paramref name="block"/>, nested statements included, each before those inside it.</summary>
    public static IEnumerable<Stmt> All(Block block)
    {
        foreach (Stmt statement in block.Statements)
        {
            yield return statement;
            IEnumerable<Stmt> inside = statement switch
            {
                If i => All(i.Then).Concat(All(i.Else)),
                Loop l => All(l.Body).Concat(All(l.Step)),
                Region r => All(r.Body),
                Group g => All(g.Body),
                _ => Enumerable.Empty<Stmt>(),
            };
            foreach (Stmt nested in inside)
            {
                yield return nested;
            }
        }
    }

    private static void AddTargets(Block block, HashSet<string> into)
    {
        foreach (Stmt statement in block.Statements)
        {
            switch (statement)
            {
                case Assign a: into.Add(a.Target); break;
                case AssignElement e: into.Add(e.Target); break;
                case Declare d: into.Add(d.Name); break;
                case Push p: into.Add(p.Stack); break;
                case If i: AddTargets(i.Then, into); AddTargets(i.Else, into); break;
                case Loop l: AddTargets(l.Body, into); AddTargets(l.Step, into); break;
                case Region r: AddTargets(r.Body, into); break;
                case Group g: AddTargets(g.Body, into); break;
            }
        }
    }

    private static void AddExpressions(Block block, List<(Expr, bool)> into)
    {
        foreach (Stmt statement in block.Statements)
        {
            switch (statement)
            {
                case Assign a:
                    into.Add((a.Value, true));
                    break;
                case AssignElement e:
                    into.Add((e.Index, true));
                    into.Add((e.Value, true));
                    break;
                case Evaluate e:
                    into.Add((e.Value, false));
                    break;
                case Throw t:
                    into.Add((t.Exception, true));
                    break;
                case Return { Value: { } returned }:
                    into.Add((returned, true));
                    break;
                case If i:
                    into.Add((i.Condition, true));
                    AddExpressions(i.Then, into);
                    AddExpressions(i.Else, into);
                    break;
                case Loop l:
                    if (l.Condition is not null) into.Add((l.Condition, true));
                    AddExpressions(l.Body, into);
                    AddExpressions(l.Step, into);
                    break;
                case Region r:
                    AddExpressions(r.Body, into);
                    break;
                case Group g:
                    AddExpressions(g.Body, into);
                    break;
                case Declare d:
                    into.Add((d.Initial, true));
                    break;
                case Push p:
                    into.Add((p.Value, true));
                    break;
            }
        }
    }
}
