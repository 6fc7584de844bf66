using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Transforms.Variants;

/// <summary>
/// The gradient of a scalar method: <c>FBackward</c> checks the gradient buffers it is given, zeroes every gradient
/// and calls the pullback with <c>dResult = 1</c> (null for an object result, which the pullback seeds with ones).
/// </summary>
internal static class BackwardBuilder
{
    public static FunctionModel Build(MethodModel method)
    {
        TypeRef type = method.ReturnType;
        var differentiable = method.Parameters.Where(p => p.Differentiable).ToList();
        var names = new Names(method.Parameters.Select(p => p.Name).Concat(differentiable.Select(p => Names.Gradient(p.Name))));
        var statements = new List<Stmt>();
        foreach (ParameterModel parameter in differentiable.Where(p => p.Type.IsBuffer))
        {
            var primal = new Var(parameter.Name, parameter.Type);
            var gradient = Gradient(parameter);
            if (!parameter.Type.IsSpan)
            {
                statements.Add(new Evaluate(Calls.Static("global::System.ArgumentNullException.ThrowIfNull", Calls.Void, primal), ""));
            }
            Expr primalLength = new MemberRead(primal, "Length", TypeRef.Int), gradientLength = new MemberRead(gradient, "Length", TypeRef.Int);
            var message = new Verbatim(
                EquatableArray.Of("$\"The gradient buffer must have the length of '" + parameter.Name + "' ({", "}), but has length {", "}.\""),
                EquatableArray.Of(primalLength, gradientLength), new TypeRef("string", ValueKind.Other), null, "", null);
            var nameOf = new Verbatim(EquatableArray.Of("nameof(", ")"), EquatableArray.Of<Expr>(gradient), new TypeRef("string", ValueKind.Other), null, "", null);
            var exception = new New(EquatableArray.Of<Expr>(message, nameOf), new TypeRef("global::System.ArgumentException", ValueKind.Other, OtherHoldsState: true), Opaque.Generated);
            statements.Add(new If(Sym.Compare(BinaryOp.NotEqual, gradientLength, primalLength), Block.Of(new Throw(exception, "")), Block.Empty, ""));
        }
        foreach (ParameterModel parameter in differentiable.Where(p => p.Type.IsObject))
        {
            statements.Add(new Evaluate(Calls.Static("global::System.ArgumentNullException.ThrowIfNull", Calls.Void, Gradient(parameter)), ""));
        }
        foreach (ParameterModel parameter in differentiable)
        {
            statements.AddRange(Zero(parameter, names));
        }
        // The outputs' adjoints are empty: zero (the gradient is the returned value's).
        var outputs = method.Parameters.Where(p => p.Output).ToList();
        var arguments = method.Parameters.Select(p => (Expr)new Var(p.Name, p.Type))
            .Append(type.IsObject ? Literals.Null(type) : Literals.One(type))
            .Concat(outputs.Select(o => (Expr)Literals.Default(Signatures.TangentType(o.Type, written: false))))
            .Concat(differentiable.Select(p => (Expr)Gradient(p)));
        var kinds = method.Parameters.Select(p => p.Modifier == "in" ? PassedBy.In : PassedBy.Value).Append(PassedBy.Value)
            .Concat(outputs.Select(_ => PassedBy.Value))
            .Concat(differentiable.Select(p => p.Type.IsFloating ? PassedBy.Ref : PassedBy.Value));
        var pullback = new DerivativeCall(Self(method), EquatableArray.Of(Mode.Reverse), arguments.ToEquatableArray(), kinds.ToEquatableArray(), type);
        statements.Add(new Return(pullback, ""));

        var parameters = method.Parameters.Select(p => new FunctionParameter(p.Name, p.Type, p.Modifier == "in" ? PassedBy.In : PassedBy.Value, p.Differentiable, ParameterDocs.Input(method.Name, p)))
            .Concat(differentiable.Select(p => new FunctionParameter(Names.Gradient(p.Name), p.Type.AdjointType(local: false), p.Type.IsFloating ? PassedBy.Out : PassedBy.Value, Differentiable: true,
                p.Type.IsFloating ? "receives ∂" + method.Name + "/∂" + p.Name
                : p.Type.IsBuffer ? "receives ∂" + method.Name + "/∂" + p.Name + ", element by element: a caller-allocated buffer of the length of <c>" + p.Name + "</c>, overwritten"
                : "receives ∂" + method.Name + "/∂" + p.Name + ": a caller-allocated value of the shape of <c>" + p.Name + "</c>, overwritten")));
        var summary = new[]
        {
            "Computes <c>" + method.Name + "</c> and its gradient: returns the value and sets each <c>d</c>-prefixed",
            "<c>out</c> parameter to the partial derivative of the value with respect to the matching parameter.",
        };
        return new FunctionModel(method.Name + DerivativeNames.Backward, method.Accessibility, type, parameters.ToEquatableArray(), Block.Of(statements), summary.ToEquatableArray());
    }

    private static Var Gradient(ParameterModel parameter) => new(Names.Gradient(parameter.Name), parameter.Type.AdjointType(local: false));

    /// <summary>Sets a gradient to zero: an out scalar, a span, or each tensor of an array of them.</summary>
    private static IEnumerable<Stmt> Zero(ParameterModel parameter, Names names)
    {
        Var gradient = Gradient(parameter);
        if (parameter.Type.IsFloating)
        {
            return new[] { new Assign(gradient.Name, Literals.Zero(parameter.Type), "") };
        }
        if (parameter.Type is { IsBuffer: true, Element.IsObject: true })
        {
            var index = new Var(names.Fresh("index"), TypeRef.Int);
            var element = new ElementRead(gradient, EquatableArray.Of<Expr>(index), parameter.Type.Element);
            return new Stmt[]
            {
                new Declare(index.Name, TypeRef.Int, Literals.Zero(TypeRef.Int)),
                new Loop(0, LoopKind.TestFirst, Sym.Compare(BinaryOp.Less, index, new MemberRead(gradient, "Length", TypeRef.Int)),
                    Block.Of(new Evaluate(Calls.Method(element, "Clear", Calls.Void), "")), Block.Of(Accumulation.Into(index, Literals.One(TypeRef.Int))), ""),
            };
        }
        return new[] { new Evaluate(Calls.Method(gradient, "Clear", Calls.Void), "") };
    }

    /// <summary>The method itself, as the callee of its own derivatives (called unqualified, from its own type).</summary>
    public static Callee Self(MethodModel method) => new(
        "",
        method.Name,
        method.Name,
        method.Parameters.Select(p => p.Name).ToEquatableArray(),
        method.Parameters.Select(p => p.Differentiable).ToEquatableArray(),
        method.Parameters.Select(p => p.Type).ToEquatableArray(),
        method.ReturnType,
        DerivativeNames.Of(method.Name, new[] { Mode.Reverse }),
        TakesResult: false,
        IsRule: false,
        Operator: null,
        Outputs: method.Parameters.Select(p => p.Output).ToEquatableArray(),
        Origin: method.HintName);
}
