using System;
using System.Collections.Generic;
using SourceAD.Generator.Diagnostics;
using SourceAD.Generator.Model;
using SourceAD.Generator.Transforms.Forward;
using SourceAD.Generator.Transforms.Reverse;
using SourceAD.Generator.Transforms.Variants;

namespace SourceAD.Generator.Transforms;

/// <summary>
/// The differentiation step of the pipeline: one parsed method in, the IR of every generated method out. Reverse mode
/// (<c>Backward</c>, <c>Pullback</c>) is the method's contract: its errors fail the method. Every other variant is
/// generated where it can be; one that cannot (no forward rule for a callee, say) is skipped with SAD0020 saying why,
/// and one that fails unexpectedly with SAD9999, without taking the others down.
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
        var functions = new List<FunctionModel> { BackwardBuilder.Build(method), pullback };
        Variant(method, DerivativeNames.Of(method.Name, new[] { Mode.Forward }), diagnostics, functions, (List<DiagnosticInfo> own, out string? reason) =>
        {
            FunctionModel? tangent = TangentBuilder.Build(Differentiand.Of(method), own, out string? why);
            reason = why;
            return tangent;
        });
        return functions;
    }

    private delegate FunctionModel? Builder(List<DiagnosticInfo> diagnostics, out string? reason);

    private static void Variant(MethodModel method, string name, List<DiagnosticInfo> diagnostics, List<FunctionModel> into, Builder build)
    {
        var own = new List<DiagnosticInfo>();
        try
        {
            FunctionModel? function = build(own, out string? reason);
            if (function is not null && own.Count == 0)
            {
                into.Add(function);
            }
            else if (reason is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.VariantNotGenerated, method.Location, name, reason));
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            diagnostics.Add(InternalError.From(exception, method.Location, name));
        }
    }
}
