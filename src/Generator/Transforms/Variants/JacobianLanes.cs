using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Model;
using static SourceAD.Generator.Transforms.Variants.VariantParts;

namespace SourceAD.Generator.Transforms.Variants;

/// <summary>
/// The Jacobian's columns by vector forward mode: one call of <c>FTangents</c> per chunk of
/// <c>Vector&lt;T&gt;.Count</c> columns (4 doubles with AVX2), lane j seeded with the unit direction e₍ₖ₊ⱼ₎, so the
/// primal runs once per chunk instead of once per column, as in JAX's <c>jacfwd</c> and ForwardDiff's chunk mode.
/// The last chunk's unused lanes carry zero directions and are not copied.
/// </summary>
internal static class JacobianLanes
{
    /// <summary>The number of lanes, <c>Vector&lt;T&gt;.Count</c>.</summary>
    public static Expr Count(TypeRef scalar) => new MemberRead(new Var(TypeRef.Lanes(scalar).Name, TypeRef.Lanes(scalar)), "Count", TypeRef.Int);

    /// <summary>The chunked sweeps: for k = 0, lanes, 2·lanes, … below n, columns k … k + lanes − 1.</summary>
    /// <param name="restore">What starts every sweep (the outputs' old contents put back, for a method that reads them).</param>
    public static List<Stmt> Columns(MethodModel method, List<Input> inputs, List<Input> outputs, Var jacobian, Var n, Var lanes, Var k, Var? value, Names names, List<Stmt> setup, List<Stmt> cleanup, List<Stmt> restore)
    {
        TypeRef scalar = jacobian.Type.Element!;
        TypeRef bundle = TypeRef.Lanes(scalar);
        var chunk = new List<Stmt>(restore) { new Comment("Lane j of the directions is the unit vector e(k + j)") };
        var arguments = method.Parameters.Select(p => (Expr)new Var(p.Name, p.Type)).ToList();
        foreach (Input input in inputs)
        {
            if (input.Parameter.Type.IsBuffer)
            {
                Var direction = Rent(names, input.Parameter.Name + "Directions", bundle, input.Size, setup, cleanup);
                chunk.AddRange(UnitLanes(direction, input, k, lanes, scalar, names));
                arguments.Add(direction);
            }
            else
            {
                var direction = new Var(names.Fresh(input.Parameter.Name + "Directions"), bundle);
                chunk.Add(new Declare(direction.Name, bundle, UnitLane(Sym.Sub(input.Offset, k), lanes, scalar)));
                arguments.Add(direction);
            }
        }
        var tangents = outputs.Select(o => (Output: o, Tangent: Rent(names, o.Parameter.Name + "Tangents", bundle, o.Size, setup, cleanup))).ToList();
        arguments.AddRange(tangents.Select(t => (Expr)t.Tangent));
        var kinds = arguments.Select(_ => PassedBy.Value).ToList();
        Var? valueDots = null;
        if (value is not null)
        {
            valueDots = new Var(names.Fresh("_valueDots"), bundle);
            setup.Add(new Declare(valueDots.Name, bundle, Literals.Zero(bundle)));
            arguments.Add(valueDots);
            kinds.Add(PassedBy.Out);
        }
        var call = new DerivativeCall(BackwardBuilder.Self(method), EquatableArray.Of(Mode.ForwardVector), arguments.ToEquatableArray(), kinds.ToEquatableArray(), method.ReturnType);
        chunk.Add(value is null ? new Evaluate(call, "") : new Assign(value.Name, call, ""));

        // The chunk's columns: lanes of them, fewer in the last chunk.
        var width = new Var(names.Fresh("width"), TypeRef.Int);
        chunk.Add(new Declare(width.Name, TypeRef.Int, Calls.Static("global::System.Math.Min", TypeRef.Int, lanes, Sym.Sub(n, k))));
        if (valueDots is not null)
        {
            var j = new Var(names.Fresh("j"), TypeRef.Int);
            chunk.AddRange(For(j, width, new[] { new AssignElement(jacobian.Name, Sym.Add(k, j), Lane(valueDots, j, scalar), "") }));
        }
        foreach ((Input output, Var tangent) in tangents)
        {
            var i = new Var(names.Fresh("i"), TypeRef.Int);
            var j = new Var(names.Fresh("j"), TypeRef.Int);
            var entry = new ElementRead(tangent, EquatableArray.Of<Expr>(i), bundle);
            Expr start = Sym.Add(Sym.Mul(Sym.Add(output.Offset, i), n), k);
            // A full chunk stores its lanes into the row at once; the last, narrower one lane by lane.
            Stmt store = new Evaluate(Calls.Method(entry, "CopyTo", Calls.Void, new Slice(jacobian, start, lanes, jacobian.Type)), "");
            Stmt[] lanesOneByOne = For(j, width, new[] { new AssignElement(jacobian.Name, Sym.Add(start, j), Lane(entry, j, scalar), "") }).ToArray();
            chunk.AddRange(For(i, output.Size, new[] { new If(Sym.Compare(BinaryOp.Equal, width, lanes), Block.Of(store), Block.Of(lanesOneByOne), "") }));
        }
        return new List<Stmt>
        {
            new Declare(k.Name, TypeRef.Int, Literals.Zero(TypeRef.Int)),
            new Loop(0, LoopKind.TestFirst, Sym.Compare(BinaryOp.Less, k, n), Block.Of(chunk), Block.Of(Accumulation.Into(k, lanes)), ""),
        };
    }

    /// <summary>Lane <paramref name="j"/> of a bundle.</summary>
    private static Expr Lane(Expr bundle, Expr j, TypeRef scalar) => new ElementRead(bundle, EquatableArray.Of(j), scalar);

    /// <summary>The bundle whose lane <paramref name="lane"/> is 1 and the others 0; all zeros when the lane is outside the chunk.</summary>
    private static Expr UnitLane(Expr lane, Var lanes, TypeRef scalar)
    {
        TypeRef bundle = TypeRef.Lanes(scalar);
        Expr inside = Sym.And(Sym.Compare(BinaryOp.GreaterOrEqual, lane, Literals.Zero(TypeRef.Int)), Sym.Compare(BinaryOp.Less, lane, lanes));
        Expr unit = Calls.Static("global::System.Numerics.Vector.WithElement", bundle, Literals.Zero(bundle), lane, Literals.One(scalar));
        return new Conditional(inside, unit, Literals.Zero(bundle), bundle);
    }

    /// <summary>
    /// Sets the directions of a buffer input for the chunk at <paramref name="k"/>: cleared, then for each lane j
    /// whose column k + j falls in the buffer, its entry there is the unit bundle of lane j.
    /// </summary>
    private static IEnumerable<Stmt> UnitLanes(Var directions, Input input, Var k, Var lanes, TypeRef scalar, Names names)
    {
        var j = new Var(names.Fresh("j"), TypeRef.Int);
        Expr at = Sym.Sub(Sym.Add(k, j), input.Offset);
        Expr inside = Sym.And(Sym.Compare(BinaryOp.GreaterOrEqual, at, Literals.Zero(TypeRef.Int)), Sym.Compare(BinaryOp.Less, at, input.Size));
        TypeRef bundle = TypeRef.Lanes(scalar);
        Expr unit = Calls.Static("global::System.Numerics.Vector.WithElement", bundle, Literals.Zero(bundle), j, Literals.One(scalar));
        yield return Clear(directions);
        foreach (Stmt statement in For(j, lanes, new[] { new If(inside, Block.Of(new AssignElement(directions.Name, at, unit, "")), Block.Empty, "") }))
        {
            yield return statement;
        }
    }
}
