using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Transforms.Variants;

/// <summary>A parameter of a method flattened into a span: where it starts, and how many entries it takes.</summary>
internal sealed record Input(ParameterModel Parameter, Expr Offset, Expr Size);

/// <summary>What the variants built on other derivatives (Hessians, Jacobians) share: flattening, length checks, scratch.</summary>
internal static class VariantParts
{
    public static Transforms.Names Names(MethodModel method) =>
        new(method.Parameters.Select(p => p.Name).Concat(method.Parameters.Select(p => Signatures.Tangent(p.Name)))
            .Concat(new[] { "gradient", "hessianVector", "hessian", "jacobian" }));

    /// <summary>The differentiable inputs, flattened in parameter order: a scalar is one entry, a buffer its elements.</summary>
    public static List<Input> Inputs(MethodModel method, out Expr count) => Flatten(method.Parameters.Where(p => p.Differentiable), Literals.Zero(TypeRef.Int), out count);

    /// <summary>The outputs flattened after <paramref name="start"/> entries (the returned value's, if there is one).</summary>
    public static List<Input> Outputs(MethodModel method, Expr start, out Expr count) => Flatten(method.Parameters.Where(p => p.Output), start, out count);

    private static List<Input> Flatten(IEnumerable<ParameterModel> parameters, Expr start, out Expr count)
    {
        var inputs = new List<Input>();
        Expr offset = start;
        foreach (ParameterModel parameter in parameters)
        {
            Expr size = parameter.Type.IsBuffer || IsTensor(parameter.Type) ? new MemberRead(new Var(parameter.Name, parameter.Type), "Length", TypeRef.Int) : Literals.One(TypeRef.Int);
            inputs.Add(new Input(parameter, offset, size));
            offset = Sym.Add(offset, size);
        }
        count = offset;
        return inputs;
    }

    /// <summary>The runtime's tensor: flattened as its elements, in row-major order (<c>Tensor.Span</c>).</summary>
    public static bool IsTensor(TypeRef type) => type.IsObject && type.Name == "global::SourceAD.Tensor";

    /// <summary>The scalar a flattened input is made of: itself, a buffer's element, a tensor's <c>float</c>.</summary>
    public static TypeRef Scalar(TypeRef type) => type.Element ?? (IsTensor(type) ? TypeRef.Float : type);

    /// <summary>A tensor's elements, <c>t.Span</c>.</summary>
    public static Expr Elements(Var tensor) => new MemberRead(tensor, "Span", Span(TypeRef.Float));

    public static IEnumerable<FunctionParameter> Originals(MethodModel method) =>
        method.Parameters.Select(p => new FunctionParameter(p.Name, p.Type, p.Modifier == "in" ? PassedBy.In : PassedBy.Value, p.Differentiable, ParameterDocs.Input(method.Name, p)));

    public static TypeRef Span(TypeRef scalar) => new("global::System.Span<" + scalar.Name + ">", ValueKind.Buffer, scalar);

    public static Slice Slice(Var span, Input input) => new(span, input.Offset, input.Size, span.Type);

    public static Stmt Clear(Var span) => new Evaluate(Calls.Method(span, "Clear", Calls.Void), "");

    /// <summary>A loop <c>for (int counter = 0; counter &lt; count; counter++) body</c>.</summary>
    public static IEnumerable<Stmt> For(Var counter, Expr count, IEnumerable<Stmt> body) => new Stmt[]
    {
        new Declare(counter.Name, TypeRef.Int, Literals.Zero(TypeRef.Int)),
        new Loop(0, LoopKind.TestFirst, Sym.Compare(BinaryOp.Less, counter, count), Block.Of(body), Block.Of(Accumulation.Into(counter, Literals.One(TypeRef.Int))), ""),
    };

    /// <summary>
    /// Sets <paramref name="direction"/> (a span for <paramref name="input"/>) to the part of the unit vector eₖ that
    /// falls in it: cleared, then 1 at k − offset when k is inside.
    /// </summary>
    public static IEnumerable<Stmt> UnitPart(Var direction, Input input, Expr k, TypeRef scalar)
    {
        Expr at = Sym.Sub(k, input.Offset);
        Expr inside = Sym.And(Sym.Compare(BinaryOp.GreaterOrEqual, at, Literals.Zero(TypeRef.Int)), Sym.Compare(BinaryOp.Less, at, input.Size));
        yield return Clear(direction);
        yield return new If(inside, Block.Of(new AssignElement(direction.Name, at, Literals.One(scalar), "")), Block.Empty, "");
    }

    /// <summary>A span of <paramref name="length"/> elements from the shared array pool, returned by <paramref name="cleanup"/>.</summary>
    public static Var Rent(Transforms.Names names, string preferred, TypeRef element, Expr length, List<Stmt> into, List<Stmt> cleanup)
    {
        var arrayType = new TypeRef(element.Name + "[]", ValueKind.Buffer, element);
        var array = new Var(names.Fresh("_" + preferred + "Array"), arrayType);
        into.Add(new Declare(array.Name, arrayType, Calls.Static("global::System.Buffers.ArrayPool<" + element.Name + ">.Shared.Rent", arrayType, length)));
        var span = new Var(names.Fresh(preferred), Span(element));
        into.Add(new Declare(span.Name, span.Type, new New(EquatableArray.Of(array, Literals.Zero(TypeRef.Int), length), span.Type, Opaque.Generated)));
        cleanup.Add(new Evaluate(Calls.Static("global::System.Buffers.ArrayPool<" + element.Name + ">.Shared.Return", Calls.Void, array), ""));
        return span;
    }
}
