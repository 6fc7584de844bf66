using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Model;
using static SourceAD.Generator.Transforms.Variants.VariantParts;

namespace SourceAD.Generator.Transforms.Variants;

/// <summary>
/// A gradient as a value: <c>FGradient(…)</c> returns a <c>SourceAD.Gradient</c> delegate, <c>(x, gradient) → value</c>
/// over the differentiable inputs flattened in parameter order (as the Hessian flattens them), so the optimisers,
/// <c>GradCheck</c> and the line search take a generated gradient without a wrapper lambda. Its parameters are the
/// method's <c>[NoDiff]</c> and other non-differentiable parameters, which the delegate keeps, and the length of each
/// buffer input. <c>FGradientAt</c> (hidden) is what the delegate calls: it unpacks <c>x</c>, runs the pullback seeded
/// with 1 into <c>gradient</c>, and returns the value as a <c>double</c>.
/// </summary>
internal static class GradientBuilder
{
    public const string Suffix = "Gradient";

    private static readonly TypeRef Delegate = new("global::SourceAD.Gradient", ValueKind.Other);
    private static readonly TypeRef Point = new("global::System.ReadOnlySpan<double>", ValueKind.Buffer, TypeRef.Double);

    /// <summary>
    /// Whether the method's gradient fits the delegate: a <c>double</c>/<c>float</c> result, differentiable inputs that
    /// are <c>double</c>/<c>float</c> scalars or <c>double</c> buffers, other parameters a lambda can keep, and a name
    /// that no overload or member of the type already uses for its gradient value.
    /// </summary>
    public static bool Applies(MethodModel method) =>
        !method.GradientNameTaken && method.ReturnType.IsFloating && !method.ReturnType.Generic && method.TypeParameters.Length == 0 && !method.IsFlat
        && method.Parameters.All(p => !p.Output && p.Modifier.Length == 0)
        && method.Parameters.Where(p => p.Differentiable).All(p => p.Type.IsFloating || p.Type is { IsBuffer: true, Element.Name: "double" })
        && method.Parameters.Where(p => !p.Differentiable).All(p => !p.Type.IsSpan && !p.Type.Name.Contains("Span<"));

    public static IEnumerable<FunctionModel> Build(MethodModel method)
    {
        var names = new Names(method.Parameters.Select(p => p.Name));
        var kept = method.Parameters.Where(p => !p.Differentiable).ToList();
        var lengths = method.Parameters.Where(p => p.Differentiable && p.Type.IsBuffer)
            .ToDictionary(p => p.Name, p => new Var(names.Fresh(p.Name + "Length"), TypeRef.Int));
        var factoryParameters = kept.Select(p => new FunctionParameter(p.Name, p.Type, PassedBy.Value, Doc: ParameterDocs.Input(method.Name, p)))
            .Concat(lengths.Select(l => new FunctionParameter(l.Value.Name, TypeRef.Int, PassedBy.Value, Doc: "the length of the buffer <c>" + l.Key + "</c>: its elements take that many consecutive entries of <c>x</c>")))
            .ToList();
        yield return Factory(method, names, factoryParameters);
        yield return At(method, names, factoryParameters, lengths);
    }

    /// <summary><c>FGradient(kept…, lengths…)</c>: a lambda over the hidden <c>FGradientAt</c>.</summary>
    private static FunctionModel Factory(MethodModel method, Names names, List<FunctionParameter> parameters)
    {
        string x = names.Fresh("_x"), gradient = names.Fresh("_gradient");
        string head = "(" + x + ", " + gradient + ") => " + method.Name + Suffix + "At(" + x + ", " + gradient;
        var holes = parameters.Select(p => (Expr)new Var(p.Name, p.Type)).ToList();
        var lambda = new Verbatim(Interleave(head, holes.Count).ToEquatableArray(), holes.ToEquatableArray(), Delegate, null, "", null);
        var summary = new[]
        {
            "The gradient of <c>" + method.Name + "</c> as a value: a <c>SourceAD.Gradient</c> that returns the value at <c>x</c> and",
            "writes the gradient, over the differentiable inputs flattened in parameter order (a scalar is one entry, a buffer",
            "its elements). Pass it to <c>GradCheck.Run</c>, <c>Sgd.Step</c>, <c>Adam.Step</c> or <c>LineSearch.Backtracking</c>.",
        };
        return new FunctionModel(method.Name + Suffix, method.Accessibility, Delegate, parameters.ToEquatableArray(),
            Block.Of(new Return(lambda, "")), summary.ToEquatableArray());
    }

    /// <summary>The segments around the holes: the lambda's head, <c>", "</c> before each argument, then <c>")"</c>.</summary>
    private static IEnumerable<string> Interleave(string head, int holes)
    {
        if (holes == 0)
        {
            yield return head + ")";
            yield break;
        }
        yield return head + ", ";
        for (int i = 1; i < holes; i++)
        {
            yield return ", ";
        }
        yield return ")";
    }

    /// <summary><c>FGradientAt(x, gradient, kept…, lengths…)</c>: unpack, pullback seeded with 1, value as a double.</summary>
    private static FunctionModel At(MethodModel method, Names names, List<FunctionParameter> kept, Dictionary<string, Var> lengths)
    {
        TypeRef scalar = method.ReturnType;
        // x and gradient are named apart from the parameters the delegate keeps; the inputs they carry become locals.
        var own = new Names(kept.Select(p => p.Name));
        var x = new Var(own.Fresh("x"), Point);
        var gradient = new Var(own.Fresh("gradient"), Span(TypeRef.Double));
        names = new Names(method.Parameters.Select(p => p.Name).Concat(kept.Select(p => p.Name)).Concat(new[] { x.Name, gradient.Name }));
        var statements = new List<Stmt>();
        // The flattened layout: each scalar one entry, each buffer the length the factory was given.
        var inputs = new List<Input>();
        Expr offset = Literals.Zero(TypeRef.Int);
        foreach (ParameterModel parameter in method.Parameters.Where(p => p.Differentiable))
        {
            Expr size = parameter.Type.IsBuffer ? lengths[parameter.Name] : Literals.One(TypeRef.Int);
            inputs.Add(new Input(parameter, offset, size));
            offset = Sym.Add(offset, size);
        }
        statements.Add(new Comment(x.Name + " and " + gradient.Name + " hold the differentiable inputs in parameter order: a scalar is one entry, a buffer its elements"));
        statements.AddRange(Checks.Length(x, offset, "the number of differentiable inputs"));
        statements.AddRange(Checks.Length(gradient, offset, "the number of differentiable inputs"));
        statements.Add(Clear(gradient));

        var arguments = new Dictionary<string, (Expr Value, PassedBy Kind)>();
        var copies = new List<Stmt>();
        foreach (ParameterModel parameter in method.Parameters.Where(p => !p.Differentiable))
        {
            arguments[parameter.Name] = (new Var(parameter.Name, parameter.Type), PassedBy.Value);
        }
        foreach (Input input in inputs)
        {
            string name = input.Parameter.Name;
            TypeRef type = input.Parameter.Type;
            string adjoint = DerivativeNames.Gradient(name);
            if (type.IsBuffer)
            {
                // A read-only span views x; an array or a writable span gets a copy of its entries.
                Expr part = Slice(x, input);
                Expr value = type.Name == Point.Name ? part : Calls.Method(part, "ToArray", new TypeRef("double[]", ValueKind.Buffer, TypeRef.Double));
                var primal = new Var(names.Fresh("_" + name), type.IsSpan && type.Name != Point.Name ? new TypeRef("double[]", ValueKind.Buffer, TypeRef.Double) : type);
                statements.Add(new Declare(primal.Name, primal.Type, value));
                arguments[name] = (primal, PassedBy.Value);
                arguments[adjoint] = (Slice(gradient, input), PassedBy.Value);
                continue;
            }
            var local = new Var(names.Fresh("_" + name), type);
            statements.Add(new Declare(local.Name, type, Sym.To(new ElementRead(x, EquatableArray.Of(input.Offset), TypeRef.Double), type)));
            arguments[name] = (local, PassedBy.Value);
            var d = new Var(names.Fresh("_" + adjoint), type);
            statements.Add(new Declare(d.Name, type, Literals.Zero(type)));
            arguments[adjoint] = (d, PassedBy.Ref);
            copies.Add(new AssignElement(gradient.Name, input.Offset, Sym.To(d, TypeRef.Double), ""));
        }
        statements.Add(new Comment("The pullback seeded with 1 adds the gradient: into " + gradient.Name + "'s slices for buffers, into the zeroed locals for scalars"));
        arguments["dResult"] = (Literals.One(scalar), PassedBy.Value);
        var modes = new[] { Mode.Reverse };
        var signature = Signatures.Of(BackwardBuilder.Self(method), modes);
        var call = new DerivativeCall(BackwardBuilder.Self(method), modes.ToEquatableArray(),
            signature.Select(p => arguments[p.Name].Value).ToEquatableArray(), signature.Select(p => arguments[p.Name].Kind).ToEquatableArray(), scalar);
        var result = new Var(names.Fresh("value"), scalar);
        statements.Add(new Declare(result.Name, scalar, call));
        statements.AddRange(copies);
        statements.Add(new Return(Sym.To(result, TypeRef.Double), ""));

        var parameters = new[]
        {
            new FunctionParameter(x.Name, x.Type, PassedBy.Value, Doc: "the differentiable inputs, flattened in parameter order"),
            new FunctionParameter(gradient.Name, gradient.Type, PassedBy.Value, Doc: "receives the gradient, flattened the same way (overwritten)", Written: true),
        }.Concat(kept);
        var summary = new[]
        {
            "What <c>" + method.Name + Suffix + "</c>'s delegate calls: <c>" + method.Name + "</c>'s value and gradient at the flattened point <c>x</c>.",
        };
        return new FunctionModel(method.Name + Suffix + "At", method.Accessibility, TypeRef.Double, parameters.ToEquatableArray(), Block.Of(statements), summary.ToEquatableArray())
        {
            Hidden = true,
        };
    }
}
