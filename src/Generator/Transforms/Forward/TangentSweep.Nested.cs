using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Transforms.Forward;

/// <summary>
/// The tangent of a nested tangent: <c>v = GTangent(x, ẋ, out v̇)</c> in a method whose own tangent is taken, in the
/// direction (δx, δẋ). Then δv = ∇G·δx and δv̇ = ẋ·H·δx + ∇G·δẋ: one call to <c>GPullbackTangent</c> with seed 1 in the
/// direction δx gives ∇G (the adjoints), H·δx (their tangents) and δv (its result's tangent), so no tangent of a
/// tangent is generated.
/// </summary>
internal sealed partial class TangentSweep
{
    private List<Stmt> TangentOfTangent(DerivativeCall call, Var? result, List<Stmt> statements)
    {
        Callee callee = call.Callee;
        List<DifferentiandParameter> given = Signatures.Of(callee, call.Modes.ToList());
        Expr Given(string name) => call.Args[given.FindIndex(p => p.Name == name)];
        var cleanup = new List<Stmt>();
        var gradients = new Dictionary<string, Expr>();
        var curvatures = new Dictionary<string, Expr>();
        var args = new List<Expr>();
        var kinds = new List<PassedBy>();
        foreach (DifferentiandParameter parameter in Signatures.Of(callee, new[] { Mode.Reverse, Mode.Forward }))
        {
            string? primal = callee.ParameterNames.FirstOrDefault(p => parameter.Name == DerivativeNames.Gradient(p) || parameter.Name == Signatures.Tangent(DerivativeNames.Gradient(p)));
            if (callee.ParameterNames.Contains(parameter.Name))
            {
                args.Add(Given(parameter.Name));
                kinds.Add(PassedBy.Value);
            }
            else if (parameter.Name == "dResult" || parameter.Name == Signatures.Tangent("dResult"))
            {
                args.Add(parameter.Name == "dResult" ? Literals.One(parameter.Type) : Literals.Zero(parameter.Type));
                kinds.Add(PassedBy.Value);
            }
            else if (primal is not null)
            {
                // ∇G into the adjoints, H·δx into their tangents: zeroed temporaries or buffers.
                Expr slot = parameter.Type.IsBuffer ? ZeroedScratch(Given(primal), statements, cleanup) : Declared(parameter.Type, statements);
                (parameter.Name == DerivativeNames.Gradient(primal) ? gradients : curvatures)[primal] = slot;
                args.Add(slot);
                kinds.Add(parameter.Type.IsBuffer ? PassedBy.Value : PassedBy.Ref);
            }
            else if (parameter.Name == Signatures.ResultTangent)
            {
                args.Add(result is not null && _tangent.Has(result.Name) ? _tangent.Of(result) : Discard(parameter.Type, statements));
                kinds.Add(PassedBy.Out);
            }
            else
            {
                // The direction δx: the tangent of a primal argument.
                string of = callee.ParameterNames.First(p => parameter.Name == Signatures.Tangent(p));
                args.Add(TangentArgument(Given(of), parameter, statements, cleanup));
                kinds.Add(PassedBy.Value);
            }
        }
        var pullbackTangent = new DerivativeCall(callee, EquatableArray.Of(Mode.Reverse, Mode.Forward), args.ToEquatableArray(), kinds.ToEquatableArray(), call.Type)
        {
            Location = call.Location,
        };
        statements.Add(result is null ? new Evaluate(pullbackTangent, "") : new Assign(result.Name, pullbackTangent, ""));

        // v̇ = ∇G·ẋ and δv̇ = ẋ·(H·δx) + ∇G·δẋ, over the differentiable inputs.
        TypeRef scalar = callee.ReturnType;
        Expr value = Literals.Zero(scalar);
        Expr tangent = Literals.Zero(scalar);
        foreach (string p in callee.ParameterNames.Where(gradients.ContainsKey))
        {
            Expr direction = Given(Signatures.Tangent(p));
            Expr directionTangent = TangentArgument(direction, new DifferentiandParameter("", direction.Type, PassedBy.Value, true), statements, cleanup);
            bool buffer = gradients[p].Type.IsBuffer;
            Expr Product(Expr a, Expr b) => buffer ? Sym.To(Dot(a, b), scalar) : Sym.Mul(a, b);
            value = Sym.Add(value, Product(gradients[p], direction));
            tangent = Sym.Add(tangent, Sym.Add(Product(curvatures[p], direction), Product(gradients[p], directionTangent)));
        }
        var resultDot = (Var)Given(Signatures.ResultTangent);
        statements.Add(new Assign(resultDot.Name, value, ""));
        if (_tangent.Has(resultDot.Name))
        {
            statements.Add(new Assign(_tangent.Of(resultDot).Name, tangent, ""));
        }
        statements.AddRange(cleanup);
        return statements;
    }

    /// <summary>A zeroed local.</summary>
    private Var Declared(TypeRef type, List<Stmt> before)
    {
        var local = new Var(_names.Numbered("_partial"), type);
        before.Add(new Declare(local.Name, type, Literals.Zero(type)));
        return local;
    }
}
