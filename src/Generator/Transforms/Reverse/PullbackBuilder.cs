using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Analysis;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Transforms.Reverse;

/// <summary>
/// Reverse mode: a parsed method in, its pullback out, as IR. The pullback takes the method's parameters, the adjoint
/// of the result (<c>dResult</c>) and one adjoint per differentiable parameter (<c>ref</c> for scalars), runs the
/// forward sweep (the method, saving what the reverse needs) and the reverse sweep, adds <c>dResult</c> times each
/// partial derivative to each adjoint, and returns the method's value.
/// </summary>
internal static class PullbackBuilder
{
    /// <summary>The pullback, or null when <paramref name="diagnostics"/> received errors.</summary>
    public static FunctionModel? Build(MethodModel method, List<DiagnosticInfo> diagnostics)
    {
        var userNames = method.Parameters.Select(p => p.Name)
            .Concat(method.Parameters.Select(p => "d" + p.Name))
            .Concat(method.Locals.Select(l => l.Name));
        var names = new Names(userNames);
        var seed = new Var(names.Fresh("dResult"), method.ReturnType.AdjointType(local: false));
        var lowering = new ControlFlowLowering(names, method.ReturnType);
        Block body = lowering.Lower(method.Body);
        var locals = method.Locals.Concat(lowering.Synthetic).ToList();
        var facts = new VariableFacts(method.Parameters, locals, body);
        var inputs = method.Parameters.Where(p => p.Differentiable).Select(p => p.Name);
        Activity activity = Activity.Analyze(body, facts.Writes, inputs, new[] { lowering.Result.Name }, diagnostics);
        BufferRules.Check(facts, activity, diagnostics);
        if (diagnostics.Count > 0)
        {
            return null;
        }

        var adjoints = new Dictionary<string, Var>();
        foreach (string variable in facts.Writes.Select(a => a.Target).Concat(inputs).Distinct().Where(activity.IsActive))
        {
            TypeRef type = facts.Type(variable);
            adjoints[variable] = variable == lowering.Result.Name ? seed
                : facts.IsParameter(variable) && !facts.IsAssigned(variable) ? new Var(Names.Gradient(variable), type.AdjointType(local: false))
                : new Var(names.Fresh("_d_" + variable), type.AdjointType(local: false));
        }

        // Build the sweeps, see which primal values the reverse sweep reads, and build again saving exactly those (a
        // variable before it is overwritten, a buffer element before an element write) until nothing new is read:
        // restoring a buffer element reads its index, which may then need restoring in turn.
        var elision = SaveElision.Analyze(body);
        var saved = new HashSet<string>();
        var gradients = method.Parameters.Where(p => p.Differentiable).Select(p => Names.Gradient(p.Name)).ToList();
        SweepContext context;
        SweepBuilder.Sweeps sweeps;
        while (true)
        {
            context = new SweepContext(names.Clone(), activity, adjoints, gradients);
            sweeps = new SweepBuilder(context, facts, saved, elision).Build(body, lowering.Result);
            // The result is written at most once per run (nothing executes after a return), so it is never saved:
            // the reverse sweep then also leaves it holding the value the pullback returns.
            var reads = Reads(sweeps.Reverse).Where(v => facts.IsPrimal(v) && v != lowering.Result.Name).ToList();
            var needed = new HashSet<string>(reads.Where(v => facts.HasElementWrites(v) || (facts.IsAssigned(v) && facts.MayBeReadBefore(v) && !facts.Type(v).IsBuffer)));
            if (needed.IsSubsetOf(saved))
            {
                BufferRules.CheckSavedSpans(reads.Where(v => facts.Type(v).IsSpan && facts.IsAssigned(v) && facts.MayBeReadBefore(v)), facts, diagnostics);
                break;
            }
            saved.UnionWith(needed);
        }
        if (diagnostics.Count > 0)
        {
            return null;
        }

        var statements = new List<Stmt> { new Comment("Primal variables") };
        statements.AddRange(locals.Where(l => !context.SkippedLocals.Contains(l.Name))
            .Select(l => new Declare(l.Name, l.Type, BufferRules.InitialValue(l.Type, BufferRules.IsStackAllocated(facts, l.Name)))));
        if (context.Declarations.Count > 0)
        {
            statements.Add(new Comment("State the two sweeps share: saved values, branches taken, trip counts, sums of skipped calls"));
            statements.AddRange(context.Declarations);
        }
        var localAdjoints = adjoints.Where(a => a.Value != seed && a.Value.Name != Names.Gradient(a.Key)).OrderBy(a => a.Value.Name, System.StringComparer.Ordinal).ToList();
        if (localAdjoints.Count > 0)
        {
            statements.Add(new Comment("Adjoints: the derivative of the result with respect to each active variable"));
            foreach (KeyValuePair<string, Var> adjoint in localAdjoints)
            {
                TypeRef type = facts.Type(adjoint.Key);
                Expr initial = type.IsBuffer ? BufferRules.InitialValue(type, BufferRules.IsStackAllocated(facts, adjoint.Key)) : Literals.Zero(type);
                statements.Add(new Declare(adjoint.Value.Name, type.AdjointType(local: true), initial));
            }
        }
        statements.Add(new Comment(""));
        statements.Add(new Comment("── Forward sweep ──"));
        statements.AddRange(sweeps.Forward.Statements);
        statements.Add(new Comment(""));
        statements.Add(new Comment("── Reverse sweep ──"));
        Var result = lowering.Result;
        if (method.ReturnType.IsObject)
        {
            // No adjoint given for an object-valued result: seed with ones (the gradient of the sum of its elements).
            statements.Add(new If(new Binary(BinaryOp.Equal, seed, Literals.Null(seed.Type), TypeRef.Bool),
                Block.Of(new Assign(seed.Name, Calls.Static(method.ReturnType.Name + ".OnesLike", method.ReturnType, result), "")), Block.Empty, ""));
        }
        statements.AddRange(sweeps.Reverse.Statements);
        foreach (ParameterModel parameter in method.Parameters.Where(p => p.Differentiable))
        {
            if (adjoints.TryGetValue(parameter.Name, out Var? adjoint) && adjoint.Name != Names.Gradient(parameter.Name))
            {
                var gradient = new Var(Names.Gradient(parameter.Name), parameter.Type.AdjointType(local: false));
                statements.Add(parameter.Type.IsObject
                    ? new If(new Binary(BinaryOp.NotEqual, adjoint, Literals.Null(adjoint.Type), TypeRef.Bool),
                        Block.Of(new Evaluate(Calls.Method(gradient, "Accumulate", Calls.Void, adjoint), "")), Block.Empty, "")
                    : Accumulation.Into(gradient, adjoint));
            }
        }
        statements.AddRange(context.Stacks.Select(stack => new Evaluate(Calls.Method(new Var(stack, Calls.Void), "Dispose", Calls.Void), "")));
        statements.Add(new Return(result, ""));

        var parameters = method.Parameters.Select(p => new FunctionParameter(p.Name, p.Type, p.Modifier == "in" ? PassedBy.In : PassedBy.Value, p.Differentiable))
            .Append(new FunctionParameter(seed.Name, method.ReturnType.AdjointType(local: true), PassedBy.Value, Differentiable: true, "the adjoint of the value: the factor the partial derivatives are added with"))
            .Concat(method.Parameters.Where(p => p.Differentiable).Select(p =>
                new FunctionParameter(Names.Gradient(p.Name), p.Type.AdjointType(local: false), p.Type.IsFloating ? PassedBy.Ref : PassedBy.Value, Differentiable: true,
                    "the adjoint of <c>" + p.Name + "</c>, to which <c>" + seed.Name + "</c> times ∂" + method.Name + "/∂" + p.Name + " is added" + (p.Type.IsBuffer ? " element by element (caller-allocated, of its length)" : ""),
                    Written: p.Type.IsBuffer)));
        var summary = new[]
        {
            "Pullback of <c>" + method.Name + "</c>: computes its value and adds <c>" + seed.Name + "</c> times its partial derivative",
            "with respect to each differentiable parameter to that parameter's adjoint.",
        };
        return new FunctionModel(DerivativeNames.Of(method.Name, new[] { Mode.Reverse }), method.Accessibility, method.ReturnType,
            parameters.ToEquatableArray(), Block.Of(statements), summary.ToEquatableArray());
    }

    /// <summary>Every variable an expression of the reverse sweep reads.</summary>
    private static HashSet<string> Reads(Block reverse)
    {
        var reads = new HashSet<string>();
        foreach ((Expr expression, _) in Statements.Expressions(reverse))
        {
            ExprVisitor.AllVars(expression, reads);
        }
        return reads;
    }
}
