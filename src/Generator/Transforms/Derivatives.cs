using System;
using System.Collections.Generic;
using System.Linq;
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
    public static IReadOnlyList<FunctionModel>? Of(MethodModel method, List<DiagnosticInfo> diagnostics) =>
        Generic(method, Aggregated(method, diagnostics));

    /// <summary>A generic method's derivatives are generic over its type parameters, with its constraints.</summary>
    private static IReadOnlyList<FunctionModel>? Generic(MethodModel method, IReadOnlyList<FunctionModel>? functions) =>
        method.TypeParameters.Length == 0 || functions is null ? functions
        : functions.Select(f => f with { TypeParameters = method.TypeParameters, Constraints = method.Constraints }).ToList();

    private static IReadOnlyList<FunctionModel>? Aggregated(MethodModel method, List<DiagnosticInfo> diagnostics)
    {
        if (!method.IsFlat)
        {
            return OfFlat(method, diagnostics);
        }
        // Aggregates (Model/Aggregates.cs): differentiate the flat method, then give each derivative the user's types.
        MethodModel flat = method with { Name = method.FlatName };
        IReadOnlyList<FunctionModel>? derivatives = OfFlat(flat, diagnostics);
        if (derivatives is null)
        {
            return null;
        }
        var functions = new List<FunctionModel> { Aggregates.FlatPrimal.Build(flat) };
        functions.AddRange(derivatives.Select(d => d with { Hidden = true }));
        // Vector forward mode stays on the flat method (its Jacobian's sweeps): a bundle of lanes has no aggregate type.
        functions.AddRange(derivatives.Where(d => d.Name != DerivativeNames.Of(flat.Name, new[] { Mode.ForwardVector })).Select(d => Aggregates.Reassembly.Wrap(method, d)));
        return functions;
    }

    private static IReadOnlyList<FunctionModel>? OfFlat(MethodModel method, List<DiagnosticInfo> diagnostics)
    {
        FunctionModel? pullback = PullbackBuilder.Build(method, diagnostics);
        if (pullback is null)
        {
            return null;
        }
        // A method that returns void has no scalar to seed: its Pullback, Tangent and Jacobian are its derivatives.
        var functions = method.ReturnType.IsVoid ? new List<FunctionModel> { pullback } : new List<FunctionModel> { BackwardBuilder.Build(method), pullback };
        // [Differentiable(Variants = …)] leaves out what it does not name (Jacobian and Tangents need Tangent).
        bool tangent = method.Wants(VariantFlags.Tangent) && Variant(method, DerivativeNames.Of(method.Name, new[] { Mode.Forward }), diagnostics, functions, (List<DiagnosticInfo> own, out string? reason) =>
            TangentBuilder.Build(Differentiand.Of(method), own, out reason));
        // Vector forward mode: the same transform with a bundle of tangents per value (several directions per sweep).
        bool tangents = tangent && method.Wants(VariantFlags.Tangents) && method.TypeParameters.Length == 0 && Variant(method, DerivativeNames.Of(method.Name, new[] { Mode.ForwardVector }), diagnostics, functions,
            (List<DiagnosticInfo> own, out string? reason) => TangentBuilder.Build(Differentiand.Of(method), own, out reason, lanes: true));
        // Forward over forward for a vector-valued method: the tangent of its tangent, which a caller's tangent calls
        // for a nested GTangent (a scalar method's comes from its PullbackTangent instead).
        if (tangent && method.Parameters.Any(p => p.Output) && method.Wants(VariantFlags.Hessian))
        {
            FunctionModel first = functions.First(f => f.Name == DerivativeNames.Of(method.Name, new[] { Mode.Forward }));
            Variant(method, DerivativeNames.Of(method.Name, new[] { Mode.Forward, Mode.Forward }), diagnostics, functions, (List<DiagnosticInfo> own, out string? reason) =>
                TangentBuilder.Build(Differentiand.Of(first), own, out reason));
        }
        // A scratch buffer the method writes (a [NoDiff] or integer parameter): the variants that run the method once per
        // direction would find in it what the previous run left there.
        string? scratch = method.Parameters.Where(p => !p.Output && p.Type.Element is not null).Select(p => p.Name)
            .FirstOrDefault(Analysis.Statements.Targets(method.Body).Contains);
        if (scratch is not null)
        {
            foreach (string variant in method.Parameters.Any(p => p.Output) ? new[] { "Jacobian" } : method.ReturnType.IsFloating ? new[] { "Hessian" } : new string[0])
            {
                if (!method.Wants(variant == "Jacobian" ? VariantFlags.Jacobian : VariantFlags.Hessian))
                {
                    continue;
                }
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.VariantNotGenerated, method.Location, method.Name + variant,
                    "it runs the method once per direction, and the method writes into its parameter buffer '" + scratch + "', so each run would find there what the previous one left"));
            }
        }
        if (method.Parameters.Any(p => p.Output) && scratch is null && method.Wants(VariantFlags.Jacobian))
        {
            // The Jacobian flattens inputs and outputs into one matrix of one precision.
            string scalar = method.Parameters.First(p => p.Output).Type.Element!.Name;
            bool onePrecision = method.Parameters.Where(p => p.Differentiable || p.Output).All(p => (p.Type.Element ?? p.Type).Name == scalar)
                && (method.ReturnType.IsVoid || method.ReturnType.Name == scalar);
            if (tangent && onePrecision)
            {
                // By FTangents when it is generated, falling back to one FTangent per column should the availability
                // check leave FTangents out (a callee's Tangents turns out not to be generated).
                FunctionModel columns = JacobianBuilder.Build(method, lanes: false);
                functions.Add(tangents ? JacobianBuilder.Build(method, lanes: true) with { Fallback = columns } : columns);
            }
            else if (tangent)
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.VariantNotGenerated, method.Location, method.Name + "Jacobian",
                    "its differentiable inputs and outputs are not all of one precision, so they cannot be flattened into one matrix"));
            }
            else if (!method.Wants(VariantFlags.Tangent))
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.VariantNotGenerated, method.Location, method.Name + "Jacobian",
                    "it is built on Tangent, which [Differentiable(Variants = …)] leaves out; add DerivativeVariants.Tangent"));
            }
        }
        bool outputs = method.Parameters.Any(p => p.Output);
        if ((method.ReturnType.IsFloating || outputs) && method.Wants(VariantFlags.Hessian))
        {
            // Forward over reverse: the tangent of the pullback, and the second derivatives built on it (for a
            // vector-valued method, only the pullback's tangent: what a caller's Hessian calls).
            bool second = Variant(method, DerivativeNames.Of(method.Name, new[] { Mode.Reverse, Mode.Forward }), diagnostics, functions, (List<DiagnosticInfo> own, out string? reason) =>
                TangentBuilder.Build(Differentiand.Of(pullback), own, out reason)) && !outputs;
            // The Hessian flattens the inputs into one span of the result's type: they must all be of that precision.
            bool onePrecision = method.Parameters.Where(p => p.Differentiable).All(p => VariantParts.Scalar(p.Type).Name == method.ReturnType.Name);
            if (second && onePrecision && scratch is null)
            {
                functions.Add(HessianBuilder.Vector(method));
                functions.Add(HessianBuilder.Dense(method));
            }
            else if (second && scratch is null)
            {
                bool arrays = method.Parameters.Any(p => p.Differentiable && p.Type is { IsBuffer: true, Element.IsObject: true });
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.VariantNotGenerated, method.Location, method.Name + "Hessian", arrays
                    ? "arrays of differentiable objects are not flattened into one span; its PullbackTangent, whose tangents are arrays of them, gives the Hessian-vector product"
                    : "its differentiable inputs are not all of its result's type ('" + method.ReturnType.Name + "'), so they cannot be flattened into one span"));
            }
        }
        if (method.Wants(VariantFlags.Gradient) && GradientBuilder.Applies(method))
        {
            // The gradient as a value (a SourceAD.Gradient delegate), for the optimisers, GradCheck and line searches.
            functions.AddRange(GradientBuilder.Build(method));
        }
        return functions;
    }

    private delegate FunctionModel? Builder(List<DiagnosticInfo> diagnostics, out string? reason);

    /// <summary>Builds one variant into <paramref name="into"/>; returns whether it was generated.</summary>
    private static bool Variant(MethodModel method, string name, List<DiagnosticInfo> diagnostics, List<FunctionModel> into, Builder build)
    {
        var own = new List<DiagnosticInfo>();
        try
        {
            FunctionModel? function = build(own, out string? reason);
            if (function is not null && own.Count == 0)
            {
                into.Add(function);
                return true;
            }
            // A transform of generated code that meets what it cannot differentiate is SourceAD's gap, not the user's
            // error: the variant is left out, saying what the transform met.
            reason ??= own.Count > 0
                ? "its transform of generated code meets what it cannot differentiate (" + own[0].Descriptor.Id + ": "
                    + string.Format(System.Globalization.CultureInfo.InvariantCulture, own[0].Descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture), own[0].Arguments.Cast<object>().ToArray()).TrimEnd('.', ';', ' ') + ")"
                : null;
            if (reason is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.VariantNotGenerated, method.Location, name, reason));
            }

        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            diagnostics.Add(InternalError.From(exception, method.Location, name));
        }
        return false;
    }
}
