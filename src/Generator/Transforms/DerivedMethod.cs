using System;
using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Diagnostics;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Transforms;

/// <summary>
/// One method differentiated: its model, the IR of every function generated for it (none when its errors fail it),
/// the diagnostics found, and the derivatives those functions call (<paramref name="Requires"/>). Equatable, so a
/// method whose model did not change is not differentiated again.
/// </summary>
internal sealed record DerivedMethod(MethodModel Model, EquatableArray<FunctionModel> Functions, EquatableArray<DiagnosticInfo> Diagnostics, bool Generated, EquatableArray<Requirement> Requires)
{
    public VariantSummary Summary => new(Model.HintName, Generated, Functions.Select(f => new Provided(f.Name, f.Choices().Count() - 1)).ToEquatableArray(), Requires);

    /// <summary>Differentiates <paramref name="model"/>; an unexpected failure is SAD9999, not an exception.</summary>
    public static DerivedMethod Of(MethodModel model)
    {
        var diagnostics = new List<DiagnosticInfo>();
        List<FunctionModel>? functions;
        try
        {
            functions = Derivatives.Of(model, diagnostics)?.ToList();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            diagnostics.Add(InternalError.From(exception, model.Location, model.Name));
            functions = null;
        }
        var sites = new CallSites();
        if (functions is not null)
        {
            functions = Availability.InReferences(model, functions, sites, out List<(string Function, Requirement Missing)> leftOut);
            diagnostics.AddRange(leftOut.Select(l => Unavailable(model, l.Function, l.Missing)));
            if (diagnostics.Any(d => d.Descriptor.DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error))
            {
                functions = null;
            }
        }
        var generated = functions ?? new List<FunctionModel>();
        return new DerivedMethod(model, generated.ToEquatableArray(), diagnostics.ToEquatableArray(), functions is not null, Availability.Requirements(model, generated, sites));
    }

    /// <summary>
    /// Why <paramref name="function"/> is left out: SAD0020 for a variant; an error (SAD0019) for the method's gradient
    /// (<c>Backward</c>, <c>Pullback</c>), which a nested derivative call may need a missing variant for.
    /// </summary>
    public static DiagnosticInfo Unavailable(MethodModel model, string function, Requirement missing)
    {
        string why = missing.Beyond ? "SourceAD generates first and second derivatives, and this would be a third"
            : missing.Callee.Length == 0 ? "the assembly of '" + missing.Method + "' was built without it"
            : "SAD0020 on '" + missing.Method + "' says why";
        return function == model.BackwardName || function == model.PullbackName
            ? DiagnosticInfo.Create(Descriptors.GeneratedMethodCall, missing.Location ?? model.Location, missing.Name, missing.Method,
                "the gradient of '" + model.Name + "' calls it, and it is not generated (" + why + ")")
            : DiagnosticInfo.Create(Descriptors.VariantNotGenerated, model.Location, function,
                "it calls '" + missing.Name + "', which is not generated (" + why + ")");
    }
}
