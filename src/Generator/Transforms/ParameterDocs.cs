using SourceAD.Generator.Model;

namespace SourceAD.Generator.Transforms;

/// <summary>The XML doc of a generated method's parameter that the differentiated method has too.</summary>
internal static class ParameterDocs
{
    /// <summary>What parameter <paramref name="parameter"/> of <paramref name="method"/> is in a method generated from it.</summary>
    public static string Input(string method, ParameterModel parameter) => parameter switch
    {
        { Output: true } => "receives the output <c>" + parameter.Name + "</c>, as the method writes it",
        { Differentiable: true } => "the input <c>" + parameter.Name + "</c> of <c>" + method + "</c>; the derivatives are taken with respect to it",
        { Type.OtherHoldsState: true } => "the value <c>" + parameter.Name + "</c> as the caller passed it (no derivative is taken with respect to it as a whole)",
        _ => "the input <c>" + parameter.Name + "</c> of <c>" + method + "</c>, passed through as it is (" + Why(parameter) + ")",
    };

    private static string Why(ParameterModel parameter) => parameter.Type.IsDifferentiable
        ? "[NoDiff]: no derivative is taken with respect to it"
        : "it holds no floating-point value: it has no derivative";
}
