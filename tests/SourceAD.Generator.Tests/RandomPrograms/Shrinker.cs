using System.Diagnostics;

namespace SourceAD.Generator.Tests.RandomPrograms;

/// <summary>
/// Greedy shrinking of a failing program: drop methods and statements, inline branches and loop bodies, replace
/// expressions by a sub-expression or a constant; keep a candidate when it still fails the same way. Candidates
/// that no longer compile are rejected by the check itself (they come back as <see cref="VerdictKind.InvalidProgram"/>).
/// </summary>
internal static class Shrinker
{
    public static (RandomProgram Program, Verdict Verdict, int Steps) Shrink(RandomProgram program, Verdict verdict, TimeSpan budget, int maxAttempts = 400)
    {
        var clock = Stopwatch.StartNew();
        int attempts = 0, steps = 0;
        bool progress = true;
        while (progress && clock.Elapsed < budget && attempts < maxAttempts)
        {
            progress = false;
            foreach (RandomProgram candidate in Candidates(program).Where(c => c.Size < program.Size || c.Methods.Length < program.Methods.Length))
            {
                if (clock.Elapsed >= budget || ++attempts > maxAttempts)
                {
                    break;
                }
                Verdict v = ProgramChecker.CheckBatch(new[] { candidate })[candidate.Id];
                if (v.Kind == verdict.Kind)
                {
                    program = candidate;
                    verdict = v;
                    steps++;
                    progress = true;
                    break;
                }
            }
        }
        return (program, verdict, steps);
    }

    private static IEnumerable<RandomProgram> Candidates(RandomProgram p)
    {
        // Drop a whole method (calls to it make the candidate invalid, which the check rejects).
        for (int i = 0; i < p.Methods.Length; i++)
        {
            if (p.Methods.Length > 1)
            {
                yield return p with { Methods = p.Methods.Where((_, k) => k != i).ToArray() };
            }
        }
        for (int i = 0; i < p.Methods.Length; i++)
        {
            Method m = p.Methods[i];
            foreach (Stmt[] body in Block(m.Body))
            {
                if (body.Length > 0 && body[^1] is Return)
                {
                    Method[] methods = (Method[])p.Methods.Clone();
                    methods[i] = m with { Body = body };
                    yield return p with { Methods = methods };
                }
            }
            if (m.NoDiff >= 0)
            {
                Method[] methods = (Method[])p.Methods.Clone();
                methods[i] = m with { NoDiff = -1 };
                yield return p with { Methods = methods };
            }
        }
    }

    private static IEnumerable<Stmt[]> Block(Stmt[] block)
    {
        for (int i = 0; i < block.Length; i++)
        {
            if (block[i] is not Return || i < block.Length - 1)
            {
                yield return block.Where((_, k) => k != i).ToArray();
            }
        }
        for (int i = 0; i < block.Length; i++)
        {
            foreach (Stmt[] replacement in Statement(block[i]))
            {
                yield return block.Take(i).Concat(replacement).Concat(block.Skip(i + 1)).ToArray();
            }
        }
    }

    private static IEnumerable<Stmt[]> Statement(Stmt s)
    {
        switch (s)
        {
            case If i:
                yield return i.Then;
                if (i.Else is not null)
                {
                    yield return i.Else;
                    yield return [i with { Else = null }];
                }
                foreach (BExpr c in Condition(i.Condition)) yield return [i with { Condition = c }];
                foreach (Stmt[] t in Block(i.Then)) yield return [i with { Then = t }];
                if (i.Else is not null)
                {
                    foreach (Stmt[] e in Block(i.Else)) yield return [i with { Else = e }];
                }
                break;
            case For f:
                yield return [f with { Bound = new IConst(1) }];
                foreach (Stmt[] b in Block(f.Body)) yield return [f with { Body = b }];
                foreach (IExpr b in Int(f.Bound)) yield return [f with { Bound = b }];
                break;
            case While w:
                yield return [w with { Bound = new IConst(1) }];
                foreach (Stmt[] b in Block(w.Body)) yield return [w with { Body = b }];
                foreach (IExpr b in Int(w.Bound)) yield return [w with { Bound = b }];
                break;
            case Decl d:
                foreach (Expr e in Expression(d.Value)) yield return [d with { Value = e }];
                break;
            case Assign { Value: not null } a:
                if (a.Op != "=")
                {
                    yield return [a with { Op = "=" }];
                }
                foreach (Expr e in Expression(a.Value)) yield return [a with { Value = e }];
                break;
            case Return r:
                foreach (Expr e in Expression(r.Value)) yield return [r with { Value = e }];
                break;
        }
    }

    private static IEnumerable<Expr> Expression(Expr e)
    {
        if (e is not Num)
        {
            yield return new Num(1.0);
        }
        if (e is not (Var or Num))
        {
            yield return new Var("x0");
        }
        switch (e)
        {
            case Neg n:
                yield return n.Operand;
                foreach (Expr x in Expression(n.Operand)) yield return new Neg(x);
                break;
            case Bin b:
                yield return b.Left;
                yield return b.Right;
                foreach (Expr x in Expression(b.Left)) yield return b with { Left = x };
                foreach (Expr x in Expression(b.Right)) yield return b with { Right = x };
                break;
            case MathCall c:
                foreach (Expr a in c.Args) yield return a;
                for (int i = 0; i < c.Args.Length; i++)
                {
                    foreach (Expr x in Expression(c.Args[i]))
                    {
                        Expr[] args = (Expr[])c.Args.Clone();
                        args[i] = x;
                        yield return c with { Args = args };
                    }
                }
                break;
            case Ternary t:
                yield return t.WhenTrue;
                yield return t.WhenFalse;
                foreach (BExpr x in Condition(t.Condition)) yield return t with { Condition = x };
                foreach (Expr x in Expression(t.WhenTrue)) yield return t with { WhenTrue = x };
                foreach (Expr x in Expression(t.WhenFalse)) yield return t with { WhenFalse = x };
                break;
            case UserCall u:
                foreach (Expr a in u.Args) yield return a;
                for (int i = 0; i < u.Args.Length; i++)
                {
                    foreach (Expr x in Expression(u.Args[i]))
                    {
                        Expr[] args = (Expr[])u.Args.Clone();
                        args[i] = x;
                        yield return u with { Args = args };
                    }
                }
                if (u.N is not null and not IConst)
                {
                    yield return u with { N = new IConst(1) };
                }
                break;
            case IntAsDouble i:
                foreach (IExpr x in Int(i.Value)) yield return i with { Value = x };
                break;
        }
    }

    private static IEnumerable<IExpr> Int(IExpr e)
    {
        switch (e)
        {
            case IFloor f:
                yield return new IConst(1);
                yield return new IConst(2);
                foreach (Expr x in Expression(f.Operand)) yield return new IFloor(x);
                break;
            case ISub s:
                yield return s.Left;
                yield return s.Right;
                break;
            case IVar v when v.Name != "n":
                yield return new IConst(1);
                break;
        }
    }

    private static IEnumerable<BExpr> Condition(BExpr c)
    {
        switch (c)
        {
            case Logic l:
                yield return l.Left;
                yield return l.Right;
                foreach (BExpr x in Condition(l.Left)) yield return l with { Left = x };
                foreach (BExpr x in Condition(l.Right)) yield return l with { Right = x };
                break;
            case Not n:
                yield return n.Operand;
                break;
            case Cmp cmp:
                foreach (Expr x in Expression(cmp.Left)) yield return cmp with { Left = x };
                foreach (Expr x in Expression(cmp.Right)) yield return cmp with { Right = x };
                break;
        }
    }
}
