using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Analysis;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Transforms.Forward;

/// <summary>
/// Forward mode: a function in, its tangent out, as IR. The tangent takes the function's parameters, one tangent per
/// differentiable input (the direction) and per output parameter, computes the value and the directional derivative
/// along that direction in one pass, writes the result's tangent to <c>out resultDot</c> and returns the value. Its
/// input may be the user's method or any generated method (a pullback, for forward over reverse). Vector forward mode
/// (<c>FTangents</c>) is the same transform with every tangent a bundle of lanes (<c>Vector&lt;T&gt;</c>), one
/// direction per lane, so one pass evaluates the primal once for as many directions as the machine has lanes.
/// </summary>
internal static class TangentBuilder
{
    /// <summary>The tangent; null, with the reason in <paramref name="unsupported"/>, when some call has no tangent.</summary>
    /// <param name="lanes">Vector forward mode: every tangent a bundle of lanes (<c>FTangents</c>).</param>
    public static FunctionModel? Build(Differentiand function, List<DiagnosticInfo> diagnostics, out string? unsupported, bool lanes = false)
    {
        unsupported = null;
        List<DifferentiandParameter> signature = Signatures.Tangent(function.Parameters, function.ReturnType, lanes);
        var names = new Names(function.UserNames.Concat(signature.Select(p => p.Name)));
        var lowering = new ControlFlowLowering(names, function.ReturnType, function.Result);
        // A generated method's argument checks come first and stay as they are: lowered, the throws would nest the rest
        // of the body (and the variable it returns) in an else branch.
        List<Stmt> checks = function.Generated ? function.Body.Statements.TakeWhile(IsArgumentCheck).ToList() : new List<Stmt>();
        Block body = lowering.Lower(Block.Of(function.Body.Statements.Skip(checks.Count)));
        var locals = function.Locals.Concat(lowering.Synthetic).ToList();
        var parameterModels = function.Parameters.Select(p => new ParameterModel(p.Name, p.Type, p.Differentiable, p.Kind == PassedBy.In ? "in" : "")).ToList();
        var facts = new VariableFacts(parameterModels, locals, body);
        var inputs = function.Parameters.Where(p => p.IsInput).Select(p => p.Name);
        var outputs = function.Parameters.Where(p => p.Differentiable && p.IsWritten).Select(p => p.Name)
            .Concat(function.ReturnType.IsVoid ? new string[0] : new[] { lowering.Result.Name });
        Activity activity = Activity.Analyze(body, facts.Writes, inputs, outputs, diagnostics);
        if (diagnostics.Count > 0)
        {
            return null;
        }
        if (Objects(activity, facts, function, lanes) is { } why)
        {
            unsupported = why;
            return null;
        }
        if (lanes && Precisions(activity, facts, function).Skip(1).Any())
        {
            unsupported = "vector forward mode needs its active values to be of one precision (a bundle of doubles and one of floats have different widths); its Jacobian uses one Tangent per column";
            return null;
        }

        // Tangents: the parameter's own for a differentiable parameter, a new local for every other active variable.
        var tangents = new Dictionary<string, Var>();
        Dictionary<string, string>? tangentNames = Signatures.TangentNames(function.Parameters);
        foreach (DifferentiandParameter parameter in function.Parameters.Where(p => p.Differentiable))
        {
            tangents[parameter.Name] = new Var(tangentNames?[parameter.Name] ?? Signatures.Tangent(parameter.Name), Signatures.TangentType(parameter.Type, parameter.IsWritten, lanes));
        }
        var localTangents = new List<Declare>();
        foreach (string variable in activity.Active.Where(v => !tangents.ContainsKey(v)).OrderBy(v => v, System.StringComparer.Ordinal))
        {
            TypeRef type = facts.Type(variable);
            string preferred = variable == lowering.Result.Name && function.Result is null ? "_resultDot" : variable + "Dot";
            var tangent = new Var(names.Fresh(preferred), Signatures.TangentType(type, written: true, lanes));
            tangents[variable] = tangent;
            if (locals.Any(l => l.Name == variable))
            {
                localTangents.Add(new Declare(tangent.Name, tangent.Type, type.IsBuffer ? BufferRules.InitialValue(tangent.Type, BufferRules.IsStackAllocated(facts, variable)) : Literals.Zero(tangent.Type)));
            }
        }
        var expressionTangent = new ExpressionTangent(activity, tangents, lanes);
        var sweep = new TangentSweep(expressionTangent, names);
        Block tangentBody = sweep.Transform(body);
        if (sweep.Unsupported.Count > 0)
        {
            unsupported = sweep.Unsupported[0];
            return null;
        }

        var statements = new List<Stmt>(checks);
        if (!function.Generated)
        {
            // The caller's direction: each buffer's tangent has the buffer's length.
            foreach (DifferentiandParameter buffer in function.Parameters.Where(p => p.Differentiable && p.Type.IsBuffer))
            {
                var own = new Var(buffer.Name, buffer.Type);
                statements.AddRange(Checks.Length(tangents[buffer.Name], new MemberRead(own, "Length", TypeRef.Int), "one tangent per element of '" + buffer.Name + "'"));
            }
        }
        if (locals.Count > 0)
        {
            statements.Add(new Comment("Primal variables"));
            statements.AddRange(locals.Select(l => new Declare(l.Name, l.Type, BufferRules.InitialValue(l.Type, BufferRules.IsStackAllocated(facts, l.Name)))));
        }
        if (localTangents.Count > 0)
        {
            statements.Add(new Comment("Tangents: the directional derivative of each active variable"));
            statements.AddRange(localTangents);
        }
        var header = new Comment("── Values and tangents, in one sweep ──");
        if (!(tangentBody.Statements.Count > 1 && tangentBody.Statements[1] == header))
        {
            statements.Add(new Comment(""));
            statements.Add(header); // (a tangent's tangent has its input's)
        }
        foreach (DifferentiandParameter output in function.Parameters.Where(p => p.IsOutput))
        {
            // An element the method reads before it writes it is the caller's: a constant.
            statements.Add(new Evaluate(Calls.Method(tangents[output.Name], "Clear", Calls.Void), ""));
        }
        statements.AddRange(tangentBody.Statements);
        Var result = lowering.Result;
        // The out parameter that receives the value's tangent: the signature's last (resultDot, or resultDot2 beside a resultDot).
        string? resultTangent = function.ReturnType.IsDifferentiable ? signature[signature.Count - 1].Name : null;
        if (resultTangent is not null)
        {
            Expr valueTangent = tangents.TryGetValue(result.Name, out Var? t) ? t : Literals.Zero(expressionTangent.TypeOf(function.ReturnType));
            statements.Add(new Assign(resultTangent, valueTangent, ""));
        }
        statements.Add(new Return(function.ReturnType.IsVoid ? null : result, ""));

        var parameters = signature.Select(p => new FunctionParameter(p.Name, p.Type, p.Kind, p.Differentiable, Doc(function, p, resultTangent, lanes), Written: p.WrittenBuffer));
        var summary = lanes
            ? new[]
            {
                "Tangents (vector forward mode) of <c>" + function.Name + "</c>: computes its value once and, in the same pass, its",
                "directional derivatives along several directions at once, one per lane of the <c>…Dot</c> bundles",
                "(<c>Vector&lt;T&gt;.Count</c> directions: lane j of every tangent is direction j).",
            }
            : new[]
            {
                "Tangent (forward mode) of <c>" + function.Name + "</c>: computes its value and, in the same pass, its directional",
                "derivative along the direction the <c>…Dot</c> parameters give.",
            };
        return new FunctionModel(DerivativeNames.Of(function.Name, new[] { lanes ? Mode.ForwardVector : Mode.Forward }), function.Accessibility, function.ReturnType,
            parameters.ToEquatableArray(), Block.Of(statements), summary.ToEquatableArray());
    }

    /// <summary><c>if (…) throw …;</c>: a check of the arguments.</summary>
    private static bool IsArgumentCheck(Stmt statement) => statement is If { Then.Statements: [Throw], Else.Statements.Count: 0 };

    private static string Doc(Differentiand function, DifferentiandParameter parameter, string? resultTangent, bool lanes)
    {
        if (parameter.Name == resultTangent)
        {
            return lanes ? "receives the directional derivatives of the value, one per lane" : "receives the directional derivative of the value";
        }
        Dictionary<string, string>? tangentNames = Signatures.TangentNames(function.Parameters);
        DifferentiandParameter? of = function.Parameters.FirstOrDefault(p => (tangentNames is null ? Signatures.Tangent(p.Name) : tangentNames.TryGetValue(p.Name, out string? t) ? t : null) == parameter.Name);
        return of is null ? parameter.Doc
            : lanes ? "the tangents of <c>" + of.Name + "</c> (lane j: its component of direction j" + (of.Type.IsBuffer ? ", element by element" : "") + ")"
            : "the tangent of <c>" + of.Name + "</c> (its component of the direction" + (of.Type.IsBuffer ? ", element by element" : of.Type.IsObject && of.IsWritten ? "; added to as it is, null when not wanted" : of.Type.IsObject ? "; null for zero" : "") + ")";
    }

    /// <summary>
    /// Why the tangent cannot carry the method's active differentiable objects (tensors), or null when it can: a tangent
    /// carries one nullable object per active object (null: zero), and a span of them per array of objects, but not a
    /// bundle of lanes.
    /// </summary>
    private static string? Objects(Activity activity, VariableFacts facts, Differentiand function, bool lanes)
    {
        TypeRef? single = lanes ? activity.Active.Select(facts.Type).Select(t => t.IsBuffer ? t.Element! : t).FirstOrDefault(t => t.IsObject) : null;
        return single is null ? null
            : "vector forward mode does not bundle differentiable objects such as '" + single.Name.Replace("global::", "") + "' (its Tangent carries one direction)";
    }

    /// <summary>The floating types of the active values (a buffer's element type), distinct.</summary>
    private static IEnumerable<string> Precisions(Activity activity, VariableFacts facts, Differentiand function) =>
        activity.Active.Select(facts.Type).Concat(function.Parameters.Where(p => p.Differentiable).Select(p => p.Type))
            .Select(t => t.IsBuffer ? t.Element! : t).Where(t => t.IsFloating).Select(t => t.Name).Distinct();
}
