using System.Collections.Generic;
using SourceAD.Generator.Model;
using SourceAD.Generator.Transforms.Reverse;
using SourceAD.Generator.Transforms.Variants;

namespace SourceAD.Generator.Transforms;

/// <summary>
/// The differentiation step of the pipeline: one parsed method in, the IR of every generated method out (its
/// <c>Backward</c> and <c>Pullback</c>), or nothing when the transforms reported errors.
/// </summary>
internal static class Derivatives
{
    public static IReadOnlyList<FunctionModel>? Of(MethodModel method, List<DiagnosticInfo> diagnostics)
    {
        FunctionModel? pullback = PullbackBuilder.Build(method, diagnostics);
        if (pullback is null)
        {
            return null;
        }
        return new[] { BackwardBuilder.Build(method), pullback };
    }
}
