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
        var outputs = method.Parameters.Where(p => p.Output).ToList();
        var results = outputs.Select(p => p.Name).Concat(method.ReturnType.IsVoid ? new string[0] : new[] { lowering.Result.Name });
        Activity activity = Activity.Analyze(body, facts.Writes, inputs, results, diagnostics);
        BufferRules.Check(facts, activity, diagnostics);
        OutputArguments.Check(body, facts, activity, diagnostics);
        if (diagnostics.Count > 0)
        {
            return null;
        }

        var adjoints = new Dictionary<string, Var>();
        foreach (string variable in facts.Writes.Select(a => a.Target).Concat(inputs).Distinct().Where(activity.IsActive))
        {
            TypeRef type = facts.Type(variable);
            bool output = outputs.Any(o => o.Name == variable);
            adjoints[variable] = variable == lowering.Result.Name ? seed
                : facts.IsParameter(variable) && !facts.IsAssigned(variable) && !output ? new Var(Names.Gradient(variable), type.AdjointType(local: false))
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
        var pooled = new List<Stmt>(); // what the pullback rents from the array pool, given back before it returns
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
                if (outputs.Any(o => o.Name == adjoint.Key))
                {
                    // An output's adjoint: zeros of its length from the pool (the caller's adjoint is copied in below).
                    statements.AddRange(Pooled(names, adjoint.Value.Name, type, new MemberRead(new Var(adjoint.Key, type), "Length", TypeRef.Int), pooled));
                    continue;
                }
                Expr initial = type.IsBuffer ? BufferRules.InitialValue(type, BufferRules.IsStackAllocated(facts, adjoint.Key)) : Literals.Zero(type);
                statements.Add(new Declare(adjoint.Value.Name, type.AdjointType(local: true), initial));
            }
        }
        statements.Add(new Comment(""));
        statements.Add(new Comment("── Forward sweep ──"));
        statements.AddRange(sweeps.Forward.Statements);
        // The reverse sweep restores overwritten elements of an output it reads: keep the results to put them back.
        // (A span over the copy: the tangent transform of this pullback copies a span's tangent with it.)
        var kept = outputs.Where(o => saved.Contains(o.Name)).Select(o => (Output: new Var(o.Name, o.Type), Copy: new Var(names.Fresh("_" + o.Name + "Results"), SpanOf(o.Type)))).ToList();
        foreach ((Var output, Var copy) in kept)
        {
            statements.AddRange(Pooled(names, copy.Name, output.Type, new MemberRead(output, "Length", TypeRef.Int), pooled));
            statements.Add(new Evaluate(Calls.CopyTo(output, copy), ""));
        }
        statements.Add(new Comment(""));
        statements.Add(new Comment("── Reverse sweep ──"));
        foreach (ParameterModel output in outputs.Where(o => adjoints.ContainsKey(o.Name)))
        {
            // The output's adjoint starts as the caller's (an empty span means zero).
            var given = new Var(Names.Gradient(output.Name), Signatures.TangentType(output.Type, written: false));
            var length = new MemberRead(new Var(output.Name, output.Type), "Length", TypeRef.Int);
            var givenLength = new MemberRead(given, "Length", TypeRef.Int);
            var message = new Verbatim(EquatableArray.Of("$\"The adjoint of '" + output.Name + "' must be empty or have its length ({", "}), but has length {", "}.\""),
                EquatableArray.Of<Expr>(length, givenLength), new TypeRef("string", ValueKind.Other), null, "", null);
            var exception = new New(EquatableArray.Of<Expr>(message, new Literal("\"" + given.Name + "\"", null, new TypeRef("string", ValueKind.Other))),
                new TypeRef("global::System.ArgumentException", ValueKind.Other, OtherHoldsState: true), Opaque.Generated);
            statements.Add(new If(Sym.Not(new MemberRead(given, "IsEmpty", TypeRef.Bool)), Block.Of(
                new If(Sym.Compare(BinaryOp.NotEqual, givenLength, length), Block.Of(new Throw(exception, "")), Block.Empty, ""),
                new Evaluate(Calls.CopyTo(given, adjoints[output.Name]), "")), Block.Empty, ""));
        }
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
        statements.AddRange(context.Stacks.Concat(context.Pools).Select(stack => new Evaluate(Calls.Method(new Var(stack, Calls.Void), "Dispose", Calls.Void), "")));
        statements.AddRange(kept.Select(k => new Evaluate(Calls.CopyTo(k.Copy, k.Output), "")));
        statements.AddRange(pooled);
        statements.Add(new Return(method.ReturnType.IsVoid ? null : result, ""));

        var parameters = method.Parameters.Select(p => new FunctionParameter(p.Name, p.Type, p.Modifier == "in" ? PassedBy.In : PassedBy.Value, p.Differentiable || p.Output,
                ParameterDocs.Input(method.Name, p), Written: p.Output))
            .Concat(method.ReturnType.IsVoid ? new FunctionParameter[0] : new[] { new FunctionParameter(seed.Name, method.ReturnType.AdjointType(local: true), PassedBy.Value, Differentiable: true, "the adjoint of the value: the factor the partial derivatives are added with") })
            .Concat(outputs.Select(o => new FunctionParameter(Names.Gradient(o.Name), Signatures.TangentType(o.Type, written: false), PassedBy.Value, Differentiable: true,
                "the adjoint of the output <c>" + o.Name + "</c>, element by element (empty for zero)")))
            .Concat(method.Parameters.Where(p => p.Differentiable).Select(p =>
                new FunctionParameter(Names.Gradient(p.Name), p.Type.AdjointType(local: false), p.Type.IsFloating ? PassedBy.Ref : PassedBy.Value, Differentiable: true,
                    "the adjoint of <c>" + p.Name + "</c>, to which <c>" + seed.Name + "</c> times ∂" + method.Name + "/∂" + p.Name + " is added" + (p.Type.IsBuffer ? " element by element (caller-allocated, of its length)" : ""),
                    Written: p.Type.IsBuffer || p.Type.IsObject)));
        var summary = new[]
        {
            "Pullback of <c>" + method.Name + "</c>: computes its value and adds <c>" + seed.Name + "</c> times its partial derivative",
            "with respect to each differentiable parameter to that parameter's adjoint.",
        };
        return new FunctionModel(DerivativeNames.Of(method.Name, new[] { Mode.Reverse }), method.Accessibility, method.ReturnType,
            parameters.ToEquatableArray(), Block.Of(statements), summary.ToEquatableArray());
    }

    /// <summary>An array of a buffer's element type.</summary>
    private static TypeRef Buffer(TypeRef type) => new(type.Element!.Name + "[]", ValueKind.Buffer, type.Element);

    private static TypeRef SpanOf(TypeRef type) => new(type.Element!.AdjointSpan(), ValueKind.Buffer, type.Element);

    /// <summary>
    /// <c>Span&lt;T&gt; name</c> over a zeroed array of <paramref name="length"/> elements rented from the shared pool
    /// (so a pullback of a method that allocates nothing allocates nothing), its return added to <paramref name="pooled"/>.
    /// </summary>
    private static IEnumerable<Stmt> Pooled(Names names, string name, TypeRef buffer, Expr length, List<Stmt> pooled)
    {
        TypeRef element = buffer.Element!;
        var array = new Var(names.Fresh(name + "Array"), Buffer(buffer));
        TypeRef span = SpanOf(buffer);
        yield return new Declare(array.Name, array.Type, Calls.Static("global::System.Buffers.ArrayPool<" + element.Name + ">.Shared.Rent", array.Type, length));
        yield return new Declare(name, span, new New(EquatableArray.Of(array, Literals.Zero(TypeRef.Int), length), span, Opaque.Generated));
        yield return new Evaluate(Calls.Method(new Var(name, span), "Clear", Calls.Void), "");
        pooled.Add(new Evaluate(Calls.Static("global::System.Buffers.ArrayPool<" + element.Name + ">.Shared.Return", Calls.Void, array), ""));
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
