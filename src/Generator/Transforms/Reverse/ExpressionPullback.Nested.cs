using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Transforms.Reverse;

/// <summary>
/// The reverse step of a nested derivative: a call, in the user's method, to <c>GPullback</c> (or <c>GBackward</c>,
/// lowered to it) or to <c>GTangent</c>. Both are linear in their seeds (<c>dResult</c>, the tangents), so their
/// reverse step is one call to <c>GPullbackTangent</c> (Pearlmutter's trick: a Hessian–vector product, no reverse
/// over reverse):
/// <list type="bullet">
/// <item><c>v = GPullback(x, s, ref dx)</c> writes <c>v = G(x)</c>, <c>dx += s·∇G(x)</c>. Given the adjoints v̄ and d̄x,
/// x̄ += v̄·∇G + s·H·d̄x and s̄ += ∇G·d̄x; d̄x flows through to the old dx unchanged. So: the pullback tangent at (x, s)
/// in the direction (ẋ, ṡ) = (d̄x, v̄), with the tangent of dx accumulating into x̄ and the result's tangent into s̄
/// (the primal adjoint it writes goes to scratch, leaving dx as it is).</item>
/// <item><c>v = GTangent(x, ẋ, out v̇)</c> writes <c>v = G(x)</c>, <c>v̇ = ∇G·ẋ</c>. Given v̄ and the adjoint of v̇, x̄ += v̄·∇G +
/// (adjoint of v̇)·H·ẋ and ẋ̄ += (adjoint of v̇)·∇G. So: the pullback tangent with seed (adjoint of v̇) into ẋ̄, in the
/// direction (ẋ, v̄), with the tangent of the adjoint accumulating into x̄.</item>
/// </list>
/// </summary>
internal sealed partial class ExpressionPullback
{
    /// <param name="call">The call, with modes [Reverse] or [Forward].</param>
    /// <param name="resultAdjoint">The adjoint of the value it returns, or null when that value is inactive.</param>
    public void PropagateNestedCall(DerivativeCall call, Expr? resultAdjoint)
    {
        Callee callee = call.Callee;
        bool pullback = call.Modes[0] == Mode.Reverse;
        List<DifferentiandParameter> given = Signatures.Of(callee, call.Modes.ToList());
        Expr Given(string name) => call.Args[given.FindIndex(p => p.Name == name)];
        var step = new ExpressionPullback(_context, _code);
        var afterwards = new List<(Expr Argument, Var Adjoint)>();
        var bufferSums = new List<(Var Adjoint, Var Scratch)>();
        var args = new List<Expr>();
        var kinds = new List<PassedBy>();
        foreach (DifferentiandParameter parameter in Signatures.Of(callee, new[] { Mode.Reverse, Mode.Forward }))
        {
            (Expr value, PassedBy kind) = Role(parameter.Name) switch
            {
                (Part.Primal, string p) => (Given(p), PassedBy.Value),
                (Part.Seed, _) => pullback ? (Given(parameter.Name), PassedBy.Value) : (step.AdjointOf(Given(Signatures.ResultTangent), parameter.Type), PassedBy.Value),
                (Part.Adjoint, string p) => pullback ? step.Scratch(Given(p), parameter) : step.Accumulator(Given(Signatures.Tangent(p)), parameter, afterwards),
                (Part.Direction, string p) => (pullback ? step.AdjointOf(Given(DerivativeNames.Gradient(p)), parameter.Type) : Given(Signatures.Tangent(p)), PassedBy.Value),
                (Part.SeedTangent, _) => (resultAdjoint is null ? Literals.Zero(parameter.Type) : Sym.To(resultAdjoint, parameter.Type), PassedBy.Value),
                (Part.AdjointTangent, string p) => step.Accumulator(Given(p), parameter, afterwards),
                // A vector-valued G's outputs: y is computed again into scratch; the seed dy is the pullback's own, or the
                // adjoint of ẏ (the tangent's result); dy's direction is ȳ either way; and y's tangent, J·(d̄x, d̄s), is
                // what a pullback's seed gets back (into scratch, added to dy's adjoint afterwards).
                (Part.Output, string p) => (step.OutputScratch(Given(p), callee.ReadsOutputs), PassedBy.Value),
                (Part.OutputSeed, string p) => (pullback ? Given(parameter.Name) : step.AdjointOf(Given(Signatures.Tangent(p)), parameter.Type), PassedBy.Value),
                (Part.OutputSeedTangent, string p) => (step.AdjointOf(Given(p), parameter.Type), PassedBy.Value),
                (Part.OutputTangent, string p) => (pullback ? step.SeedAdjoint(Given(DerivativeNames.Gradient(p)), bufferSums) : step.Scratch(Given(p)), PassedBy.Value),
                _ => step.ResultTangent(parameter, pullback ? Given("dResult") : null, afterwards),
            };
            args.Add(value);
            kinds.Add(kind);
        }
        _code.Add(new Evaluate(new DerivativeCall(callee, EquatableArray.Of(Mode.Reverse, Mode.Forward), args.ToEquatableArray(), kinds.ToEquatableArray(), call.Type)
        {
            Location = call.Location,
        }, ""));
        foreach ((Var adjoint, Var scratch) in bufferSums)
        {
            _code.Add(new Evaluate(AddInto(adjoint, scratch), ""));
        }
        foreach ((Var array, TypeRef element) in step._scratch)
        {
            _code.Add(new Evaluate(Calls.Static("global::System.Buffers.ArrayPool<" + element.Name + ">.Shared.Return", Calls.Void, array), ""));
        }
        foreach ((Expr argument, Var temp) in afterwards)
        {
            step.Propagate(argument, temp);
        }

        // What each parameter of the pullback tangent is, by its name (see Signatures).
        (Part, string) Role(string name)
        {
            for (int i = 0; i < callee.ParameterNames.Count; i++)
            {
                string y = callee.ParameterNames[i];
                if (!callee.IsOutput(i)) continue;
                if (name == y) return (Part.Output, y);
                if (name == DerivativeNames.Gradient(y)) return (Part.OutputSeed, y);
                if (name == Signatures.Tangent(y)) return (Part.OutputTangent, y);
                if (name == Signatures.Tangent(DerivativeNames.Gradient(y))) return (Part.OutputSeedTangent, y);
            }
            foreach (string p in callee.ParameterNames)
            {
                if (name == p) return (Part.Primal, p);
                if (name == DerivativeNames.Gradient(p)) return (Part.Adjoint, p);
                if (name == Signatures.Tangent(p)) return (Part.Direction, p);
                if (name == Signatures.Tangent(DerivativeNames.Gradient(p))) return (Part.AdjointTangent, p);
            }
            return name == "dResult" ? (Part.Seed, name) : name == Signatures.Tangent("dResult") ? (Part.SeedTangent, name) : (Part.ResultTangent, name);
        }
    }

    private enum Part { Primal, Seed, Adjoint, Direction, SeedTangent, AdjointTangent, ResultTangent, Output, OutputSeed, OutputTangent, OutputSeedTangent }

    /// <summary>
    /// Where a pullback tangent writes what a buffer seed's adjoint gets: a zeroed scratch buffer, added to the seed
    /// argument's adjoint afterwards (it writes, and the adjoint accumulates); scratch nobody reads when the seed is inactive.
    /// </summary>
    private Var SeedAdjoint(Expr seed, List<(Var Adjoint, Var Scratch)> sums)
    {
        Var scratch = Scratch(seed);
        if (seed is Var v && _context.Activity.IsActive(v.Name))
        {
            sums.Add((_context.Adjoint(v.Name), scratch));
        }
        return scratch;
    }

    /// <summary><c>adjoint += values</c> element by element.</summary>
    private static Expr AddInto(Var adjoint, Var values)
    {
        TypeRef element = adjoint.Type.Element!;
        var readOnly = new TypeRef("global::System.ReadOnlySpan<" + element.Name + ">", ValueKind.Buffer, element);
        return Calls.Static("global::System.Numerics.Tensors.TensorPrimitives.Add<" + element.Name + ">", Calls.Void, new Cast(adjoint, readOnly), new Cast(values, readOnly), adjoint);
    }

    /// <summary>
    /// Where the pullback tangent computes G's output again: zeroed scratch, or, for a G that reads what its output held,
    /// a copy of that (the sweep has restored it before this step).
    /// </summary>
    private Var OutputScratch(Expr output, bool readsOutputs)
    {
        Var scratch = Scratch(output);
        if (readsOutputs)
        {
            _code.Add(new Evaluate(Calls.CopyTo(output, scratch), ""));
        }
        return scratch;
    }

    /// <summary>The adjoint of a variable the call writes (zero when it is inactive), as a direction or seed.</summary>
    private Expr AdjointOf(Expr written, TypeRef type)
    {
        bool active = written is Var v && _context.Activity.IsActive(v.Name);
        if (type.IsBuffer)
        {
            return active ? _context.Adjoint(((Var)written).Name) : Scratch(written);
        }
        return active ? Sym.To(_context.Adjoint(((Var)written).Name), type) : Literals.Zero(type);
    }

    /// <summary>Where the primal adjoint the pullback tangent writes goes: a zeroed temporary or scratch buffer nobody reads.</summary>
    private (Expr, PassedBy) Scratch(Expr like, DifferentiandParameter parameter)
    {
        if (parameter.Type.IsBuffer)
        {
            return (Scratch(like), PassedBy.Value);
        }
        var temp = new Var(_context.Names.Numbered("_unused"), parameter.Type);
        _code.Add(new Declare(temp.Name, temp.Type, Literals.Zero(temp.Type)));
        return (temp, PassedBy.Ref);
    }

    /// <summary>
    /// The outer adjoint of an argument, passed to be accumulated into: the argument's own adjoint when it is an active
    /// variable or buffer; otherwise a zeroed temporary whose total is propagated into the argument afterwards.
    /// </summary>
    private (Expr, PassedBy) Accumulator(Expr argument, DifferentiandParameter parameter, List<(Expr, Var)> afterwards)
    {
        if (parameter.Type.IsBuffer)
        {
            return (BufferAdjoint(argument), PassedBy.Value);
        }
        if (argument is Var v && _context.Activity.IsActive(v.Name))
        {
            return (_context.Adjoint(v.Name), PassedBy.Ref);
        }
        var temp = new Var(_context.Names.Numbered("_g"), parameter.Type);
        _code.Add(new Declare(temp.Name, temp.Type, Literals.Zero(temp.Type)));
        afterwards.Add((argument, temp));
        return (temp, PassedBy.Ref);
    }

    /// <summary>The pullback tangent's <c>out resultDot</c>: for a pullback, the adjoint of its seed argument.</summary>
    private (Expr, PassedBy) ResultTangent(DifferentiandParameter parameter, Expr? seed, List<(Expr, Var)> afterwards)
    {
        var temp = new Var(_context.Names.Numbered(seed is null ? "_unused" : "_g"), parameter.Type);
        _code.Add(new Declare(temp.Name, temp.Type, Literals.Zero(temp.Type)));
        if (seed is not null)
        {
            afterwards.Add((seed, temp));
        }
        return (temp, PassedBy.Out);
    }
}
