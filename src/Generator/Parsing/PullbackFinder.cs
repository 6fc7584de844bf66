using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SourceAD.Generator.Diagnostics;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Parsing;

/// <summary>
/// Finds the derivative of a called method: its generated pullback when it is <c>[Differentiable]</c>, or a
/// hand-written pullback declared next to it with <c>[DerivativeOf(nameof(Method))]</c>. The runtime's tensor
/// operations and users' own functions are found the same way.
/// </summary>
internal static class PullbackFinder
{
    public const string DerivativeOfAttribute = "SourceAD.DerivativeOfAttribute";

    /// <summary>The callee's derivative, or null when it has none (a wrong rule signature adds a diagnostic).</summary>
    public static Callee? Find(IMethodSymbol target, SyntaxNode call, List<DiagnosticInfo> diagnostics)
    {
        if (target.IsStatic && !target.IsGenericMethod && Types.HasAttribute(target, Types.DifferentiableAttribute))
        {
            return Describe(target, target.Name + "Pullback", takesResult: false, isRule: false);
        }
        var candidates = target.ContainingType.GetMembers().OfType<IMethodSymbol>()
            .Where(m => m.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == DerivativeOfAttribute
                && a.ConstructorArguments.Length == 1 && a.ConstructorArguments[0].Value as string == target.Name))
            .ToList();
        foreach (IMethodSymbol candidate in candidates)
        {
            if (Matches(target, candidate, out bool takesResult))
            {
                return Describe(target, candidate.Name, takesResult, isRule: true);
            }
        }
        // A rule meant for this overload (its leading parameters are the function's) with the wrong shape: say what was expected.
        if (candidates.FirstOrDefault(c => c.Parameters.Length >= target.Parameters.Length
            && target.Parameters.Select((p, i) => SymbolEqualityComparer.Default.Equals(p.Type, c.Parameters[i].Type)).All(same => same)) is { } wrong)
        {
            LocationInfo? at = LocationInfo.From(wrong.Locations.FirstOrDefault(l => l.IsInSource)) ?? LocationInfo.From(call);
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.WrongPullbackSignature, at, wrong.Name, target.Name, ExpectedSignature(target, wrong.Name)));
        }
        return null;
    }

    private static Callee Describe(IMethodSymbol target, string pullback, bool takesResult, bool isRule) => new(
        Types.FullName(target.ContainingType),
        target.Name,
        target.Parameters.Select(p => p.Name).ToEquatableArray(),
        target.Parameters.Select(Types.IsDifferentiable).ToEquatableArray(),
        target.Parameters.Select(p => Types.Map(p.Type)).ToEquatableArray(),
        Types.Map(target.ReturnType),
        pullback,
        takesResult,
        isRule,
        target.MethodKind == MethodKind.UserDefinedOperator ? OperatorToken(target.Name) : null);

    /// <summary>
    /// Whether the pullback has the convention's shape: the function's parameters, optionally <c>result</c>,
    /// <c>dResult</c>, then one adjoint per differentiable parameter.
    /// </summary>
    private static bool Matches(IMethodSymbol function, IMethodSymbol pullback, out bool takesResult)
    {
        takesResult = false;
        var expected = ExpectedParameters(function, withResult: false);
        var withResult = ExpectedParameters(function, withResult: true);
        if (!pullback.IsStatic || !pullback.ReturnsVoid)
        {
            return false;
        }
        if (SameShape(pullback, withResult))
        {
            takesResult = true;
            return true;
        }
        return SameShape(pullback, expected);
    }

    private static bool SameShape(IMethodSymbol pullback, List<(ITypeSymbol Type, RefKind RefKind, string? Name)> expected) =>
        pullback.Parameters.Length == expected.Count
        && pullback.Parameters.Select((p, i) =>
            SymbolEqualityComparer.Default.Equals(p.Type, expected[i].Type) || IsSpanOf(p.Type, expected[i].Type))
            .All(same => same)
        && pullback.Parameters.Select((p, i) => p.RefKind == expected[i].RefKind && (expected[i].Name is null || p.Name == expected[i].Name)).All(same => same);

    private static List<(ITypeSymbol Type, RefKind RefKind, string? Name)> ExpectedParameters(IMethodSymbol function, bool withResult)
    {
        var list = function.Parameters.Select(p => (p.Type, RefKind.None, (string?)null)).ToList();
        if (withResult)
        {
            list.Add((function.ReturnType, RefKind.None, "result"));
        }
        list.Add((function.ReturnType, RefKind.None, null));
        foreach (IParameterSymbol parameter in function.Parameters.Where(Types.IsDifferentiable))
        {
            bool scalar = Types.Map(parameter.Type).IsFloating;
            list.Add((parameter.Type, scalar ? RefKind.Ref : RefKind.None, null));
        }
        return list;
    }

    /// <summary>A buffer parameter's adjoint is a <c>Span&lt;T&gt;</c> of its element type.</summary>
    private static bool IsSpanOf(ITypeSymbol candidate, ITypeSymbol buffer) =>
        Types.Map(buffer) is { IsBuffer: true } b && candidate is INamedTypeSymbol { Name: "Span", TypeArguments.Length: 1 } span
        && Types.Map(span.TypeArguments[0]).Name == b.Element!.Name;

    private static string ExpectedSignature(IMethodSymbol function, string name)
    {
        var parts = function.Parameters.Select(p => Types.FullName(p.Type).Replace("global::", "") + " " + p.Name).ToList();
        string returnType = Types.FullName(function.ReturnType).Replace("global::", "");
        parts.Add("[" + returnType + " result]");
        parts.Add(returnType + " dResult");
        foreach (IParameterSymbol parameter in function.Parameters.Where(Types.IsDifferentiable))
        {
            TypeRef type = Types.Map(parameter.Type);
            string adjoint = type.IsFloating ? "ref " + type.Name : type.IsBuffer && type.Element!.IsFloating ? "Span<" + type.Element.Name + ">" : Types.FullName(parameter.Type).Replace("global::", "");
            parts.Add(adjoint + " d" + parameter.Name);
        }
        return "static void " + name + "(" + string.Join(", ", parts) + ")";
    }

    private static string? OperatorToken(string metadataName) => metadataName switch
    {
        "op_Addition" => "+",
        "op_Subtraction" => "-",
        "op_Multiply" => "*",
        "op_Division" => "/",
        "op_UnaryNegation" => "-",
        "op_UnaryPlus" => "+",
        _ => null,
    };
}
