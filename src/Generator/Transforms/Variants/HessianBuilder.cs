using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Model;
using static SourceAD.Generator.Transforms.Variants.VariantParts;

namespace SourceAD.Generator.Transforms.Variants;

/// <summary>
/// Second derivatives by forward over reverse: the tangent of the pullback (<c>FPullbackTangent</c>) seeded with
/// <c>dResult = 1</c> gives the gradient and, along the direction its tangents carry, the Hessian-vector product.
/// <list type="bullet">
/// <item><c>FHessianVector(…, direction…, gradient, hessianVector)</c>: one such pass.</item>
/// <item><c>FHessian(…, hessian)</c>: one pass per unit direction; row k of the (symmetric) Hessian is H·eₖ.</item>
/// </list>
/// The differentiable inputs are flattened in parameter order, a scalar as one entry and a buffer or tensor as its
/// elements (a tensor's direction is a tensor of its shape, its gradient and H·v copied out of tensors).
/// </summary>
internal static class HessianBuilder
{
    public static FunctionModel Vector(MethodModel method)
    {
        TypeRef scalar = method.ReturnType;
        var names = Names(method);
        var inputs = Inputs(method, out Expr count);
        var gradient = new Var("gradient", Span(scalar));
        var hessianVector = new Var("hessianVector", Span(scalar));
        var statements = new List<Stmt>();
        statements.AddRange(Checks.Length(gradient, count, "the number of differentiable inputs"));
        statements.AddRange(Checks.Length(hessianVector, count, "the number of differentiable inputs"));
        statements.Add(Clear(gradient));
        statements.Add(Clear(hessianVector));

        // The pullback's tangent, seeded with dResult = 1 and dResult's tangent 0: its adjoints are the gradient, and
        // their tangents the Hessian times the direction.
        var arguments = new Dictionary<string, (Expr Value, PassedBy Kind)>();
        foreach (ParameterModel parameter in method.Parameters)
        {
            arguments[parameter.Name] = (new Var(parameter.Name, parameter.Type), PassedBy.Value);
        }
        arguments["dResult"] = (Literals.One(scalar), PassedBy.Value);
        arguments[Signatures.Tangent("dResult")] = (Literals.Zero(scalar), PassedBy.Value);
        var copies = new List<Stmt>();
        foreach (Input input in inputs)
        {
            string name = input.Parameter.Name;
            arguments[Signatures.Tangent(name)] = (new Var(Signatures.Tangent(name), Signatures.TangentType(input.Parameter.Type, written: false)), PassedBy.Value);
            string adjoint = DerivativeNames.Gradient(name);
            if (input.Parameter.Type.IsBuffer)
            {
                arguments[adjoint] = (Slice(gradient, input), PassedBy.Value);
                arguments[Signatures.Tangent(adjoint)] = (Slice(hessianVector, input), PassedBy.Value);
                continue;
            }
            if (IsTensor(input.Parameter.Type))
            {
                // A tensor's adjoint and its tangent are tensors of its shape, copied into the spans afterwards.
                var tensor = new Var(input.Parameter.Name, input.Parameter.Type);
                var gradientPart = new Var(names.Fresh("_" + adjoint), input.Parameter.Type);
                var curvaturePart = new Var(names.Fresh("_" + Signatures.Tangent(adjoint)), input.Parameter.Type);
                foreach (Var part in new[] { gradientPart, curvaturePart })
                {
                    statements.Add(new Declare(part.Name, part.Type, Calls.Static(input.Parameter.Type.Name + ".ZerosLike", part.Type, tensor)));
                }
                arguments[adjoint] = (gradientPart, PassedBy.Value);
                arguments[Signatures.Tangent(adjoint)] = (curvaturePart, PassedBy.Value);
                copies.Add(new Evaluate(Calls.CopyTo(Elements(gradientPart), Slice(gradient, input)), ""));
                copies.Add(new Evaluate(Calls.CopyTo(Elements(curvaturePart), Slice(hessianVector, input)), ""));
                continue;
            }
            var local = new Var(names.Fresh("_" + adjoint), input.Parameter.Type);
            var localDot = new Var(names.Fresh("_" + Signatures.Tangent(adjoint)), input.Parameter.Type);
            statements.Add(new Declare(local.Name, local.Type, Literals.Zero(local.Type)));
            statements.Add(new Declare(localDot.Name, localDot.Type, Literals.Zero(localDot.Type)));
            arguments[adjoint] = (local, PassedBy.Ref);
            arguments[Signatures.Tangent(adjoint)] = (localDot, PassedBy.Ref);
            copies.Add(new AssignElement(gradient.Name, input.Offset, Sym.To(local, scalar), ""));
            copies.Add(new AssignElement(hessianVector.Name, input.Offset, Sym.To(localDot, scalar), ""));
        }
        var valueDot = new Var(names.Fresh("_valueDot"), scalar);
        statements.Add(new Declare(valueDot.Name, scalar, Literals.Zero(scalar)));
        arguments[Signatures.ResultTangent] = (valueDot, PassedBy.Out);
        var modes = new[] { Mode.Reverse, Mode.Forward };
        var signature = Signatures.Of(BackwardBuilder.Self(method), modes);
        var call = new DerivativeCall(BackwardBuilder.Self(method), modes.ToEquatableArray(),
            signature.Select(p => arguments[p.Name].Value).ToEquatableArray(), signature.Select(p => arguments[p.Name].Kind).ToEquatableArray(), scalar);
        var value = new Var(names.Fresh("value"), scalar);
        statements.Add(new Declare(value.Name, scalar, call));
        statements.AddRange(copies);
        statements.Add(new Return(value, ""));

        var parameters = Originals(method)
            .Concat(inputs.Select(i => new FunctionParameter(Signatures.Tangent(i.Parameter.Name), Signatures.TangentType(i.Parameter.Type, written: false), PassedBy.Value, Doc:
                "the direction's component for <c>" + i.Parameter.Name + "</c>" + (i.Parameter.Type.IsBuffer ? ", element by element" : IsTensor(i.Parameter.Type) ? ", a tensor of its shape (null: zero)" : ""))))
            .Append(new FunctionParameter(gradient.Name, gradient.Type, PassedBy.Value, Doc: "receives the gradient, the differentiable inputs flattened in parameter order (a caller-allocated span of that length, overwritten)"))
            .Append(new FunctionParameter(hessianVector.Name, hessianVector.Type, PassedBy.Value, Doc: "receives the Hessian times the direction, flattened the same way"));
        var summary = new[]
        {
            "Hessian-vector product of <c>" + method.Name + "</c> (forward over reverse): returns the value, writes the gradient and",
            "H·v for the direction v the <c>…Dot</c> parameters give, at the cost of a few gradients.",
        };
        return new FunctionModel(method.Name + "HessianVector", method.Accessibility, scalar, parameters.ToEquatableArray(), Block.Of(statements), summary.ToEquatableArray());
    }

    public static FunctionModel Dense(MethodModel method)
    {
        TypeRef scalar = method.ReturnType;
        var names = Names(method);
        var inputs = Inputs(method, out Expr count);
        var hessian = new Var("hessian", Span(scalar));
        var n = new Var(names.Fresh("n"), TypeRef.Int);
        var statements = new List<Stmt> { new Declare(n.Name, TypeRef.Int, count) };
        statements.AddRange(Checks.Length(hessian, Sym.Mul(n, n), "n × n for the n differentiable inputs"));

        // Scratch from the pool: the gradient each pass also writes, and a unit direction per buffer input.
        var cleanup = new List<Stmt>();
        Var gradient = Rent(names, "gradient", scalar, n, statements, cleanup);
        var directions = new Dictionary<string, Var>();
        var tensorDirections = new Dictionary<string, Var>();
        foreach (Input input in inputs.Where(i => i.Parameter.Type.IsBuffer))
        {
            directions[input.Parameter.Name] = Rent(names, input.Parameter.Name + "Direction", scalar, input.Size, statements, cleanup);
        }
        foreach (Input input in inputs.Where(i => IsTensor(i.Parameter.Type)))
        {
            // A tensor's unit direction is a tensor of its shape, set through its elements.
            var tensor = new Var(names.Fresh(input.Parameter.Name + "Direction"), input.Parameter.Type);
            statements.Add(new Declare(tensor.Name, tensor.Type, Calls.Static(input.Parameter.Type.Name + ".ZerosLike", tensor.Type, new Var(input.Parameter.Name, input.Parameter.Type))));
            var elements = new Var(names.Fresh(input.Parameter.Name + "DirectionElements"), Span(TypeRef.Float));
            statements.Add(new Declare(elements.Name, elements.Type, Elements(tensor)));
            directions[input.Parameter.Name] = elements;
            tensorDirections[input.Parameter.Name] = tensor;
        }
        var value = new Var(names.Fresh("value"), scalar);
        statements.Add(new Declare(value.Name, scalar, Literals.Zero(scalar)));
        var k = new Var(names.Fresh("k"), TypeRef.Int);
        var pass = new List<Stmt>();
        var arguments = method.Parameters.Select(p => (Expr)new Var(p.Name, p.Type)).ToList();
        foreach (Input input in inputs)
        {
            if (directions.TryGetValue(input.Parameter.Name, out Var? direction))
            {
                pass.AddRange(UnitPart(direction, input, k, scalar));
                arguments.Add(tensorDirections.TryGetValue(input.Parameter.Name, out Var? tensor) ? tensor : direction);
            }
            else
            {
                arguments.Add(Sym.Indicator(Sym.Compare(BinaryOp.Equal, k, input.Offset), input.Parameter.Type));
            }
        }
        arguments.Add(gradient);
        arguments.Add(new Slice(hessian, Sym.Mul(k, n), n, hessian.Type));
        pass.Add(new Assign(value.Name, Calls.Static(method.Name + "HessianVector", scalar, arguments.ToArray()), ""));
        statements.Add(new Comment("Row k of the Hessian is H·eₖ (it is symmetric): one Hessian-vector product per differentiable input"));
        statements.AddRange(For(k, n, pass));
        statements.AddRange(cleanup);
        statements.Add(new If(Sym.Compare(BinaryOp.Equal, n, Literals.Zero(TypeRef.Int)),
            Block.Of(new Assign(value.Name, Calls.Static(method.Name, scalar, method.Parameters.Select(p => (Expr)new Var(p.Name, p.Type)).ToArray()), "")), Block.Empty, ""));
        statements.Add(new Return(value, ""));

        var parameters = Originals(method)
            .Append(new FunctionParameter(hessian.Name, hessian.Type, PassedBy.Value, Doc:
                "receives the Hessian, row-major n × n over the differentiable inputs flattened in parameter order (caller-allocated, overwritten)"));
        var summary = new[]
        {
            "Hessian of <c>" + method.Name + "</c>: returns the value and writes the dense, symmetric matrix of second partial",
            "derivatives, one Hessian-vector product (forward over reverse) per differentiable input.",
        };
        return new FunctionModel(method.Name + "Hessian", method.Accessibility, scalar, parameters.ToEquatableArray(), Block.Of(statements), summary.ToEquatableArray());
    }
}
