using System.Collections.Generic;
using System.Linq;

namespace SourceAD.Generator.Model;

/// <summary>A parameter of a function a transform differentiates (the user's method or a generated one): how it is passed, and whether it has a derivative.</summary>
internal sealed record DifferentiandParameter(string Name, TypeRef Type, PassedBy Kind, bool Differentiable)
{
    /// <summary>Whether the function writes the parameter (a ref or out parameter): its derivative is an output too.</summary>
    public bool IsWritten => Kind is PassedBy.Ref or PassedBy.Out || WrittenBuffer;

    /// <summary>A buffer the function writes into (an adjoint buffer of a pullback, say).</summary>
    public bool WrittenBuffer { get; init; }

    /// <summary>An <c>[Output]</c> buffer: the function's results, not an input (it is written, and has no adjoint of its own).</summary>
    public bool IsOutput { get; init; }

    /// <summary>What the parameter is, for the XML doc of a method generated from the function (empty: not known).</summary>
    public string Doc { get; init; } = "";

    /// <summary>Whether a derivative is taken with respect to this parameter as an input.</summary>
    public bool IsInput => Differentiable && Kind != PassedBy.Out && !IsOutput;
}

/// <summary>
/// The parameter lists of derivative methods, in one place: the builders declare them and the transforms call them
/// with these lists, so a derivative of a derivative finds its arguments where its builder put them.
/// <list type="bullet">
/// <item>Pullback: the parameters, <c>dResult</c> (unless the function returns <c>void</c>), one adjoint per output (a
/// <c>ReadOnlySpan</c>), then one adjoint per differentiable input (<c>ref</c> for a scalar, the buffer's own span or
/// the object itself otherwise), named <c>d</c> + the parameter.</item>
/// <item>Tangent: the parameters, one tangent per differentiable input (<c>ref</c> where the parameter is
/// <c>ref</c>; a <c>Span</c> for a buffer the function writes, a <c>ReadOnlySpan</c> for one it only reads), then one
/// per output parameter, then <c>out resultDot</c>; tangents are named parameter + <c>Dot</c>.</item>
/// <item>Tangents (vector forward mode): the tangent's list, with each tangent a bundle of lanes
/// (<c>Vector&lt;double&gt;</c> for a <c>double</c>, a span of them for a buffer), lane j holding direction j.</item>
/// </list>
/// </summary>
internal static class Signatures
{
    public const string ResultTangent = "resultDot";

    public static string Tangent(string parameter) => parameter + "Dot";

    /// <summary>The parameters of a pullback of a function with <paramref name="parameters"/> returning <paramref name="returnType"/>.</summary>
    public static List<DifferentiandParameter> Pullback(IReadOnlyList<DifferentiandParameter> parameters, TypeRef returnType, string seed)
    {
        // To a transform of the pullback, an output is a buffer it writes, as Differentiand.Of(FunctionModel) reads it.
        var list = parameters.Select(p => p.IsOutput ? p with { IsOutput = false } : p).ToList();
        if (!returnType.IsVoid)
        {
            list.Add(new DifferentiandParameter(seed, returnType.AdjointType(local: false), PassedBy.Value, Differentiable: true));
        }
        foreach (DifferentiandParameter output in parameters.Where(p => p.IsOutput))
        {
            list.Add(new DifferentiandParameter(DerivativeNames.Gradient(output.Name), TangentType(output.Type, written: false), PassedBy.Value, Differentiable: true));
        }
        foreach (DifferentiandParameter parameter in parameters.Where(p => p.Differentiable && !p.IsOutput))
        {
            PassedBy kind = parameter.Type.IsFloating ? PassedBy.Ref : PassedBy.Value;
            list.Add(new DifferentiandParameter(DerivativeNames.Gradient(parameter.Name), parameter.Type.AdjointType(local: false), kind, Differentiable: true) { WrittenBuffer = !parameter.Type.IsFloating });
        }
        return list;
    }

    /// <summary>The parameters of a tangent of a function with <paramref name="parameters"/> returning <paramref name="returnType"/>.</summary>
    /// <param name="lanes">Whether every tangent is a bundle of lanes (vector forward mode).</param>
    public static List<DifferentiandParameter> Tangent(IReadOnlyList<DifferentiandParameter> parameters, TypeRef returnType, bool lanes = false)
    {
        // To a transform of the tangent (forward over forward), an output and its tangent are buffers it writes, as
        // Differentiand.Of(FunctionModel) reads them: every parameter of the tangent is then in its inputs' order.
        var list = parameters.Select(p => p.IsOutput ? p with { IsOutput = false } : p).ToList();
        Dictionary<string, string>? names = TangentNames(parameters);
        list.AddRange(parameters.Where(p => p.IsInput).Select(p => TangentOf(p, names?[p.Name] ?? Tangent(p.Name), lanes)));
        list.AddRange(parameters.Where(p => p.Differentiable && !p.IsInput).Select(p => TangentOf(p, names?[p.Name] ?? Tangent(p.Name), lanes)));
        if (returnType.IsDifferentiable)
        {
            list.Add(new DifferentiandParameter(ResultTangentName(parameters), TangentType(returnType, written: true, lanes), PassedBy.Out, Differentiable: true));
        }
        return list;
    }

    /// <summary>
    /// The name of a tangent's <c>out</c> result tangent: <see cref="ResultTangent"/>, or resultDot2 for the tangent of
    /// a tangent that already has a <c>resultDot</c> parameter (forward over forward of a method returning a value).
    /// </summary>
    public static string ResultTangentName(IReadOnlyList<DifferentiandParameter> parameters)
    {
        string name = ResultTangent;
        for (int k = 2; parameters.Any(p => p.Name == name); k++)
        {
            name = ResultTangent + k.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return name;
    }

    private static DifferentiandParameter TangentOf(DifferentiandParameter parameter, string name, bool lanes) =>
        new(name, TangentType(parameter.Type, parameter.IsWritten, lanes), parameter.Kind is PassedBy.Ref or PassedBy.Out ? parameter.Kind : PassedBy.Value, Differentiable: true)
        {
            WrittenBuffer = parameter.WrittenBuffer,
        };

    /// <summary>
    /// The name of each differentiable parameter's tangent: its name + <c>Dot</c>, unless another parameter has that
    /// name (the tangent of a tangent: x's second tangent beside xDot is xDot2). Null when no parameter's name ends
    /// in <c>Dot</c>, so that every tangent is simply its name + <c>Dot</c> (the common case, on the per-keystroke path).
    /// </summary>
    public static Dictionary<string, string>? TangentNames(IReadOnlyList<DifferentiandParameter> parameters)
    {
        if (!parameters.Any(p => p.Name.EndsWith("Dot", System.StringComparison.Ordinal)))
        {
            return null;
        }
        var taken = new HashSet<string>(parameters.Select(p => p.Name));
        var names = new Dictionary<string, string>();
        foreach (DifferentiandParameter parameter in parameters.Where(p => p.Differentiable))
        {
            string name = Tangent(parameter.Name);
            for (int k = 2; taken.Contains(name); k++)
            {
                name = Tangent(parameter.Name) + k.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            taken.Add(name);
            names[parameter.Name] = name;
        }
        return names;
    }

    /// <summary>
    /// The type of a tangent: the type itself for a scalar; a span of the element type for a buffer; the type, nullable,
    /// for a differentiable object (null is a zero tangent), and a read-only span of those for an array of objects. With <paramref name="lanes"/>, a bundle of lanes for a
    /// floating scalar, and a span of bundles for a buffer.
    /// </summary>
    public static TypeRef TangentType(TypeRef type, bool written, bool lanes = false) => type switch
    {
        { IsObject: true } => type with { Name = type.AdjointLocalName },
        { IsBuffer: true, Element.IsObject: true } => new TypeRef("global::System.ReadOnlySpan<" + type.Element!.AdjointLocalName + ">", ValueKind.Buffer, TangentType(type.Element, written)),
        { IsBuffer: true, Element.IsFloating: true } => new TypeRef((written ? "global::System.Span<" : "global::System.ReadOnlySpan<") + (lanes ? TypeRef.Lanes(type.Element!) : type.Element!).Name + ">",
            ValueKind.Buffer, lanes ? TypeRef.Lanes(type.Element!) : type.Element),
        { IsFloating: true, IsLanes: false } when lanes => TypeRef.Lanes(type),
        _ => type,
    };

    /// <summary>
    /// The positions, in <see cref="Of"/>'s list, of what a call of the derivative overwrites as results of a
    /// vector-valued callee: its <c>[Output]</c> buffers, and for its <c>Tangent</c> their tangents too.
    /// </summary>
    public static List<int> Outputs(Callee callee, IReadOnlyList<Mode> modes)
    {
        var names = new HashSet<string>(callee.ParameterNames.Where((_, i) => callee.IsOutput(i)));
        if (modes.Count == 1 && modes[0] == Mode.Forward)
        {
            names.UnionWith(names.Select(Tangent).ToList());
        }
        List<DifferentiandParameter> parameters = Of(callee, modes);
        return Enumerable.Range(0, parameters.Count).Where(i => names.Contains(parameters[i].Name)).ToList();
    }

    /// <summary>The parameters of a derivative of <paramref name="callee"/> by <paramref name="modes"/>, applied in order.</summary>
    public static List<DifferentiandParameter> Of(Callee callee, IReadOnlyList<Mode> modes)
    {
        var parameters = callee.ParameterNames.Select((name, i) =>
            new DifferentiandParameter(name, callee.ParameterTypes[i], PassedBy.Value, callee.Differentiable[i] || callee.IsOutput(i)) { IsOutput = callee.IsOutput(i), WrittenBuffer = callee.IsOutput(i) }).ToList();
        TypeRef returnType = callee.ReturnType;
        for (int m = 0; m < modes.Count; m++)
        {
            parameters = modes[m] == Mode.Reverse ? Pullback(parameters, returnType, "dResult") : Tangent(parameters, returnType, lanes: modes[m] == Mode.ForwardVector);
            if (m == 0 && modes[m] == Mode.Reverse && callee is { IsRule: true, TakesResult: true })
            {
                // A rule's pullback that takes the value it returned: after the function's parameters.
                parameters.Insert(callee.ParameterNames.Count, new DifferentiandParameter("result", returnType, PassedBy.Value, Differentiable: true));
            }
        }
        return parameters;
    }
}
