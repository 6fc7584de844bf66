using System.Collections.Generic;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Analysis;

/// <summary>Walks the statements of a body: every expression a statement evaluates, nested statements included.</summary>
internal static class Statements
{
    /// <summary>
    /// The top-level expressions of every statement of <paramref name="block"/>, with whether the statement uses the
    /// expression's value (an expression statement discards it).
    /// </summary>
    public static IEnumerable<(Expr Expression, bool ValueUsed)> Expressions(Block block)
    {
        foreach (Stmt statement in block.Statements)
        {
            foreach ((Expr, bool) item in Expressions(statement))
            {
                yield return item;
            }
        }
    }

    private static IEnumerable<(Expr Expression, bool ValueUsed)> Expressions(Stmt statement)
    {
        switch (statement)
        {
            case Assign a:
                yield return (a.Value, true);
                break;
            case AssignElement e:
                yield return (e.Index, true);
                yield return (e.Value, true);
                break;
            case Evaluate e:
                yield return (e.Value, false);
                break;
            case Throw t:
                yield return (t.Exception, true);
                break;
            case Return r:
                yield return (r.Value, true);
                break;
            case If i:
                yield return (i.Condition, true);
                foreach ((Expr, bool) item in Expressions(i.Then)) yield return item;
                foreach ((Expr, bool) item in Expressions(i.Else)) yield return item;
                break;
            case Loop l:
                if (l.Condition is not null) yield return (l.Condition, true);
                foreach ((Expr, bool) item in Expressions(l.Body)) yield return item;
                foreach ((Expr, bool) item in Expressions(l.Step)) yield return item;
                break;
            case Region r:
                foreach ((Expr, bool) item in Expressions(r.Body)) yield return item;
                break;
        }
    }
}
