using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Model;
using static SourceAD.Generator.Transforms.Variants.VariantParts;

namespace SourceAD.Generator.Transforms.Variants;

/// <summary>
/// The Jacobian of a vector-valued method (one with <c>[Output]</c> buffers): <c>FJacobian(…, jacobian)</c> computes
/// the outputs and writes the dense row-major matrix whose rows are the outputs flattened in order (the returned
/// value first, if there is one) and whose columns are the differentiable inputs flattened in order. With n inputs
/// and m outputs it takes forward sweeps when they are no more than m, and m reverse sweeps (one <c>FPullback</c> per
/// unit output adjoint, a row each) otherwise, decided at run time. With <c>FTangents</c> (vector forward mode) a
/// forward sweep gives <c>Vector&lt;T&gt;.Count</c> columns at once (<see cref="JacobianLanes"/>): ⌈n / lanes⌉ sweeps;
/// without it (a method vector mode does not take) one <c>FTangent</c> per unit direction, a column each: n sweeps.
/// </summary>
internal static class JacobianBuilder
{
    /// <param name="method">The method.</param>
    /// <param name="lanes">Whether <c>FTangents</c> is generated, so forward sweeps take several columns each.</param>
    public static FunctionModel Build(MethodModel method, bool lanes)
    {
        TypeRef scalar = method.Parameters.First(p => p.Output).Type.Element!;
        bool returnsValue = !method.ReturnType.IsVoid;
        var names = Names(method);
        List<Input> inputs = Inputs(method, out Expr inputCount);
        List<Input> outputs = Outputs(method, returnsValue ? Literals.One(TypeRef.Int) : Literals.Zero(TypeRef.Int), out Expr outputCount);
        var jacobian = new Var("jacobian", Span(scalar));
        var n = new Var(names.Fresh("n"), TypeRef.Int);
        var m = new Var(names.Fresh("m"), TypeRef.Int);
        var statements = new List<Stmt>
        {
            new Declare(n.Name, TypeRef.Int, inputCount),
            new Declare(m.Name, TypeRef.Int, outputCount),
        };
        statements.AddRange(Checks.Length(jacobian, Sym.Mul(m, n), "m × n for the m outputs and n differentiable inputs"));
        Var? value = returnsValue ? new Var(names.Fresh("value"), method.ReturnType) : null;
        if (value is not null)
        {
            statements.Add(new Declare(value.Name, value.Type, Literals.Zero(value.Type)));
        }
        var cleanup = new List<Stmt>();
        List<Stmt> restore = HeldOutputs(method, outputs, scalar, names, statements, cleanup);
        var k = new Var(names.Fresh("k"), TypeRef.Int);
        List<Stmt> reverse = Rows(method, inputs, outputs, jacobian, n, m, k, value, names, statements, cleanup, restore);
        if (lanes)
        {
            var count = new Var(names.Fresh("lanes"), TypeRef.Int);
            statements.Add(new Declare(count.Name, TypeRef.Int, JacobianLanes.Count(scalar)));
            List<Stmt> chunks = JacobianLanes.Columns(method, inputs, outputs, jacobian, n, count, k, value, names, statements, cleanup, restore);
            Expr sweeps = Sym.Div(Sym.Sub(Sym.Add(n, count), Literals.One(TypeRef.Int)), count);
            statements.Add(new Comment("⌈n / lanes⌉ vector forward sweeps (lanes columns each) when they are no more than the m reverse sweeps (a row each)"));
            statements.Add(new If(Sym.Compare(BinaryOp.LessOrEqual, sweeps, m), Block.Of(chunks), Block.Of(reverse), ""));
        }
        else
        {
            List<Stmt> forward = Columns(method, inputs, outputs, jacobian, n, k, value, names, statements, cleanup, restore);
            statements.Add(new Comment("n forward sweeps (a column each) when there are no more inputs than outputs, else m reverse sweeps (a row each)"));
            statements.Add(new If(Sym.Compare(BinaryOp.LessOrEqual, n, m), Block.Of(forward), Block.Of(reverse), ""));
        }
        statements.AddRange(cleanup);
        // With no inputs or no outputs no sweep ran: the method itself computes the outputs.
        Expr primal = Calls.Static(method.Name, method.ReturnType, method.Parameters.Select(p => (Expr)new Var(p.Name, p.Type)).ToArray());
        Expr none = Sym.Or(Sym.Compare(BinaryOp.Equal, n, Literals.Zero(TypeRef.Int)), Sym.Compare(BinaryOp.Equal, m, Literals.Zero(TypeRef.Int)));
        statements.Add(new If(none, Block.Of(value is null ? new Evaluate(primal, "") : new Assign(value.Name, primal, "")), Block.Empty, ""));
        statements.Add(new Return(value, ""));

        var parameters = Originals(method).Select(p => method.Parameters.First(q => q.Name == p.Name).Output ? p with { Doc = "receives the output <c>" + p.Name + "</c>" } : p)
            .Append(new FunctionParameter(jacobian.Name, jacobian.Type, PassedBy.Value, Doc:
                "receives the Jacobian, row-major: a row per output entry (the returned value first), a column per differentiable input entry (caller-allocated, overwritten)"));
        var summary = new[]
        {
            "Jacobian of <c>" + method.Name + "</c>: computes its outputs and writes the dense matrix of their partial derivatives,",
            lanes ? "by vector forward sweeps (<c>Vector&lt;T&gt;.Count</c> columns each) or reverse sweeps (a row each), whichever takes fewer."
                : "by forward sweeps (a column each) or reverse sweeps (a row each), whichever takes fewer.",
        };
        return new FunctionModel(method.Name + "Jacobian", method.Accessibility, method.ReturnType, parameters.ToEquatableArray(), Block.Of(statements), summary.ToEquatableArray());
    }

    /// <summary>
    /// For a method that reads what its outputs held: each output kept aside (pooled) before the sweeps, and the
    /// statements that put it back, which start every sweep, so each runs the method from the caller's contents. None
    /// for a method that only writes its outputs.
    /// </summary>
    private static List<Stmt> HeldOutputs(MethodModel method, List<Input> outputs, TypeRef scalar, Names names, List<Stmt> setup, List<Stmt> cleanup)
    {
        var restore = new List<Stmt>();
        if (!method.ReadsOutputs)
        {
            return restore;
        }
        setup.Add(new Comment("It reads what its outputs hold: every sweep starts from the caller's contents"));
        foreach (Input output in outputs)
        {
            var buffer = new Var(output.Parameter.Name, output.Parameter.Type);
            Var held = Rent(names, output.Parameter.Name + "Held", scalar, output.Size, setup, cleanup);
            setup.Add(new Evaluate(Calls.CopyTo(buffer, held), ""));
            restore.Add(new Evaluate(Calls.CopyTo(held, buffer), ""));
        }
        return restore;
    }

    /// <summary>The forward sweeps: the tangent along eₖ is column k.</summary>
    private static List<Stmt> Columns(MethodModel method, List<Input> inputs, List<Input> outputs, Var jacobian, Var n, Var k, Var? value, Names names, List<Stmt> setup, List<Stmt> cleanup, List<Stmt> restore)
    {
        TypeRef scalar = jacobian.Type.Element!;
        var pass = new List<Stmt>(restore);
        var arguments = method.Parameters.Select(p => (Expr)new Var(p.Name, p.Type)).ToList();
        foreach (Input input in inputs)
        {
            if (input.Parameter.Type.IsBuffer)
            {
                Var direction = Rent(names, input.Parameter.Name + "Direction", scalar, input.Size, setup, cleanup);
                pass.AddRange(UnitPart(direction, input, k, scalar));
                arguments.Add(direction);
            }
            else
            {
                arguments.Add(Sym.Indicator(Sym.Compare(BinaryOp.Equal, k, input.Offset), input.Parameter.Type));
            }
        }
        var tangents = outputs.Select(o => (Output: o, Tangent: Rent(names, o.Parameter.Name + "Tangent", scalar, o.Size, setup, cleanup))).ToList();
        arguments.AddRange(tangents.Select(t => (Expr)t.Tangent));
        Var? valueDot = null;
        if (value is not null)
        {
            valueDot = new Var(names.Fresh("_valueDot"), value.Type);
            setup.Add(new Declare(valueDot.Name, value.Type, Literals.Zero(value.Type)));
        }
        var kinds = arguments.Select(_ => PassedBy.Value).ToList();
        if (valueDot is not null)
        {
            arguments.Add(valueDot);
            kinds.Add(PassedBy.Out);
        }
        var call = new DerivativeCall(BackwardBuilder.Self(method), EquatableArray.Of(Mode.Forward), arguments.ToEquatableArray(), kinds.ToEquatableArray(), method.ReturnType);
        pass.Add(value is null ? new Evaluate(call, "") : new Assign(value.Name, call, ""));
        if (valueDot is not null)
        {
            pass.Add(new AssignElement(jacobian.Name, k, Sym.To(valueDot, scalar), ""));
        }
        foreach ((Input output, Var tangent) in tangents)
        {
            var i = new Var(names.Fresh("i"), TypeRef.Int);
            var entry = new ElementRead(tangent, EquatableArray.Of<Expr>(i), scalar);
            pass.AddRange(For(i, output.Size, new[] { new AssignElement(jacobian.Name, Sym.Add(Sym.Mul(Sym.Add(output.Offset, i), n), k), entry, "") }));
        }
        return For(k, n, pass).ToList();
    }

    /// <summary>The reverse sweeps: the pullback of the unit output adjoint eₖ is row k.</summary>
    private static List<Stmt> Rows(MethodModel method, List<Input> inputs, List<Input> outputs, Var jacobian, Var n, Var m, Var k, Var? value, Names names, List<Stmt> setup, List<Stmt> cleanup, List<Stmt> restore)
    {
        TypeRef scalar = jacobian.Type.Element!;
        var row = new Slice(jacobian, Sym.Mul(k, n), n, jacobian.Type);
        var rowVar = new Var(names.Fresh("row"), jacobian.Type);
        var pass = new List<Stmt>(restore) { new Declare(rowVar.Name, rowVar.Type, row), Clear(rowVar) };
        var arguments = method.Parameters.Select(p => ((Expr)new Var(p.Name, p.Type), PassedBy.Value)).ToList();
        if (value is not null)
        {
            arguments.Add((Sym.Indicator(Sym.Compare(BinaryOp.Equal, k, Literals.Zero(TypeRef.Int)), method.ReturnType), PassedBy.Value));
        }
        foreach (Input output in outputs)
        {
            Var seed = Rent(names, output.Parameter.Name + "Seed", scalar, output.Size, setup, cleanup);
            pass.AddRange(UnitPart(seed, output, k, scalar));
            arguments.Add((seed, PassedBy.Value));
        }
        var copies = new List<Stmt>();
        foreach (Input input in inputs)
        {
            if (input.Parameter.Type.IsBuffer)
            {
                arguments.Add((new Slice(rowVar, input.Offset, input.Size, rowVar.Type), PassedBy.Value));
                continue;
            }
            var adjoint = new Var(names.Fresh("_" + DerivativeNames.Gradient(input.Parameter.Name)), input.Parameter.Type);
            pass.Add(new Declare(adjoint.Name, adjoint.Type, Literals.Zero(adjoint.Type)));
            arguments.Add((adjoint, PassedBy.Ref));
            copies.Add(new AssignElement(rowVar.Name, input.Offset, Sym.To(adjoint, scalar), ""));
        }
        var call = new DerivativeCall(BackwardBuilder.Self(method), EquatableArray.Of(Mode.Reverse), arguments.Select(a => a.Item1).ToEquatableArray(),
            arguments.Select(a => a.Item2).ToEquatableArray(), method.ReturnType);
        pass.Add(value is null ? new Evaluate(call, "") : new Assign(value.Name, call, ""));
        pass.AddRange(copies);
        return For(k, m, pass).ToList();
    }
}
