using System.Collections.Generic;
using System.Linq;

namespace SourceAD.Generator.Model;

/// <summary>
/// The names of generated methods: the method's name plus one suffix per transform, in the order applied
/// (<c>FPullback</c>, <c>FTangent</c>, <c>FPullbackTangent</c> for the tangent of the pullback), so derivatives of
/// derivatives get names that compose.
/// </summary>
public static class DerivativeNames
{
    public const string Backward = "Backward";

    /// <summary>The name of a parameter's gradient or adjoint: <c>d</c> + the parameter's name.</summary>
    public static string Gradient(string parameter) => "d" + parameter;

    public static string Suffix(Mode mode) => mode switch
    {
        Mode.Reverse => "Pullback",
        Mode.Forward => "Tangent",
        _ => "Tangents",
    };

    public static string Of(string method, IEnumerable<Mode> modes) => method + string.Concat(modes.Select(Suffix));

    /// <summary>The fully qualified method a <see cref="DerivativeCall"/> calls: a rule's own pullback or tangent, or a generated one.</summary>
    public static string Of(Callee callee, IReadOnlyList<Mode> modes) =>
        modes.Count == 1 && modes[0] == Mode.Reverse ? callee.Pullback
        : modes.Count == 1 && modes[0] == Mode.Forward && callee is { IsRule: true, Tangent: { } tangent } ? tangent
        : modes.Count == 2 && modes[0] == Mode.Reverse && modes[1] == Mode.Forward && callee is { IsRule: true, PullbackTangent: { } second } ? second
        : callee.ContainingType.Length == 0 ? Of(callee.Name, modes) : callee.ContainingType + "." + Of(callee.Name, modes);
}
