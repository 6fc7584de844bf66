using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SourceAD.Generator.Diagnostics;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Parsing;

/// <summary>
/// Finds the derivative of a called method: its generated pullback when it is <c>[Differentiable]</c>; a hand-written
/// pullback declared next to it with <c>[DerivativeOf(nameof(Method))]</c>; or one declared anywhere for a method of a
/// type the user does not own, <c>[DerivativeOf(typeof(T), nameof(T.Method))]</c>, whose leading parameter types pick
/// the overload. The runtime's tensor operations, its rules for the BCL and users' own functions are found the same way.
/// A rule's hand-written tangent, <c>[TangentOf]</c>, is found beside its pullback, by the same two routes.
/// </summary>
internal static class PullbackFinder
{
    public const string DerivativeOfAttribute = "SourceAD.DerivativeOfAttribute";

    public const string TangentOfAttribute = "SourceAD.TangentOfAttribute";

    /// <summary>The function a rule differentiates, as the rule sees it: its parameters and its return type.</summary>
    private sealed record Shape(IReadOnlyList<IParameterSymbol> Parameters, ITypeSymbol ReturnType);

    /// <summary>
    /// The callee's derivative, or null when it has none (a wrong rule signature adds a diagnostic).
    /// <paramref name="argumentTypes"/> are the call's argument types before implicit conversions.
    /// </summary>
    public static Callee? Find(IMethodSymbol target, IReadOnlyList<ITypeSymbol?> argumentTypes, SyntaxNode call, Compilation compilation, List<DiagnosticInfo> diagnostics)
    {
        var own = new Shape(target.Parameters, target.ReturnType);
        if (target.IsStatic && target.TypeParameters.All(Types.IsFloatingPoint) && Types.HasAttribute(target, Types.DifferentiableAttribute))
        {
            Callee generated = Describe(target, own, Types.FullName(target.ContainingType) + "." + target.Name + "Pullback", takesResult: false, isRule: false)
                with { GraphOff = (Types.Variants(target) & VariantFlags.Graph) == 0, ReadsOutputs = OutputReads.Any(target) };
            return target.DeclaringSyntaxReferences.Length > 0
                ? generated with { Origin = MethodParser.HintName(target) }
                : generated with { Variants = GeneratedVariants(target) };
        }
        (List<IMethodSymbol> candidates, List<IMethodSymbol> tangents) = RulesBeside(target);
        foreach (IMethodSymbol candidate in candidates)
        {
            if (Matches(own, candidate, out bool takesResult))
            {
                return Describe(target, own, Types.FullName(candidate.ContainingType) + "." + candidate.Name, takesResult, isRule: true)
                    with { Tangent = TangentRule(target, own, tangents, compilation, diagnostics, call), PullbackTangent = SecondOrderRule(candidate) };
            }
        }
        if (Retroactive(target, argumentTypes, tangents, compilation, diagnostics, call) is { } retroactive)
        {
            return retroactive;
        }
        // A rule meant for this overload (its leading parameters are the function's) with the wrong shape: say what was expected.
        if (candidates.FirstOrDefault(c => LeadsWith(c, target.Parameters.Select(p => p.Type).ToList())) is { } wrong)
        {
            ReportWrongShape(wrong, own, target.Name, call, diagnostics);
        }
        return null;
    }

    /// <summary>A rule declared for <paramref name="target"/> by a type that does not own it, chosen by its leading parameter types.</summary>
    private static Callee? Retroactive(IMethodSymbol target, IReadOnlyList<ITypeSymbol?> argumentTypes, List<IMethodSymbol> tangentsBeside, Compilation compilation, List<DiagnosticInfo> diagnostics, SyntaxNode call)
    {
        if (!target.IsStatic)
        {
            return null;
        }
        int arity = target.Parameters.Length;
        foreach (IMethodSymbol rule in RuleIndex.For(compilation).RulesFor(target))
        {
            if (rule.Parameters.Length < arity || argumentTypes.Count != arity || !Enumerable.Range(0, arity).All(i =>
                    argumentTypes[i] is { } argument
                    && Converts(compilation, argument, rule.Parameters[i].Type)
                    && Converts(compilation, rule.Parameters[i].Type, target.Parameters[i].Type)))
            {
                continue;
            }
            var shape = new Shape(rule.Parameters.Take(arity).ToList(), target.ReturnType);
            if (Matches(shape, rule, out bool takesResult))
            {
                return Describe(target, shape, Types.FullName(rule.ContainingType) + "." + rule.Name, takesResult, isRule: true)
                    with { Tangent = TangentRule(target, shape, tangentsBeside, compilation, diagnostics, call), PullbackTangent = SecondOrderRule(rule) };
            }
            ReportWrongShape(rule, shape, target.Name, call, diagnostics);
            return null;
        }
        return null;
    }

    /// <summary>
    /// The hand-written tangent of a function with a rule, fully qualified: <c>[TangentOf(nameof(F))]</c> in the
    /// function's type or <c>[TangentOf(typeof(T), nameof(T.F))]</c> anywhere, whose leading parameters are the
    /// pullback's. Null when there is none; a tangent meant for this overload with the wrong shape adds SAD0021.
    /// </summary>
    private static string? TangentRule(IMethodSymbol target, Shape shape, List<IMethodSymbol> beside, Compilation compilation, List<DiagnosticInfo> diagnostics, SyntaxNode call)
    {
        var leading = shape.Parameters.Select(p => p.Type).ToList();
        List<(ITypeSymbol Type, RefKind RefKind, string? Name)> expected = ExpectedTangentParameters(shape);
        foreach (IMethodSymbol candidate in beside.Concat(target.IsStatic ? RuleIndex.For(compilation).TangentsFor(target) : new List<IMethodSymbol>()).Where(c => LeadsWith(c, leading)))
        {
            if (candidate.IsStatic && SymbolEqualityComparer.Default.Equals(candidate.ReturnType, shape.ReturnType) && SameShape(candidate, expected, "ReadOnlySpan"))
            {
                return Types.FullName(candidate.ContainingType) + "." + candidate.Name;
            }
            if (candidate.Parameters.Length == expected.Count)
            {
                LocationInfo? at = LocationInfo.From(candidate.Locations.FirstOrDefault(l => l.IsInSource)) ?? LocationInfo.From(call);
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.WrongTangentSignature, at, candidate.Name, target.Name, TangentSignature(shape, candidate.Name)));
            }
        }
        return null;
    }

    /// <summary>
    /// The second-order rule of a pullback, fully qualified: <c>[TangentOf(nameof(FPullback))]</c> beside it, taking the
    /// pullback's parameters and then one tangent of each (none for an integer one), each of its parameter's type (for a
    /// buffer, a span of its elements) and passed as it is (<c>ref</c> for a <c>ref</c> adjoint). Null when there is none.
    /// </summary>
    private static string? SecondOrderRule(IMethodSymbol pullback)
    {
        var tangents = pullback.Parameters.Where(p => Types.Map(p.Type) is var t && (t.IsFloating || t.IsObject || t is { IsBuffer: true, Element.IsFloating: true })).ToList();
        foreach (IMethodSymbol candidate in pullback.ContainingType.GetMembers().OfType<IMethodSymbol>())
        {
            bool names = candidate.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == TangentOfAttribute
                && a.ConstructorArguments.Length == 1 && a.ConstructorArguments[0].Value as string == pullback.Name);
            if (!names || !candidate.IsStatic || !candidate.ReturnsVoid || candidate.Parameters.Length != pullback.Parameters.Length + tangents.Count
                || !LeadsWith(candidate, pullback.Parameters.Select(p => p.Type).ToList()))
            {
                continue;
            }
            bool fits = tangents.Select((p, i) => (Of: p, Tangent: candidate.Parameters[pullback.Parameters.Length + i])).All(pair =>
                pair.Tangent.RefKind == pair.Of.RefKind
                && (SymbolEqualityComparer.Default.Equals(pair.Tangent.Type, pair.Of.Type) || IsSpanOf(pair.Tangent.Type, pair.Of.Type, "Span") || IsSpanOf(pair.Tangent.Type, pair.Of.Type, "ReadOnlySpan")));
            if (fits)
            {
                return Types.FullName(candidate.ContainingType) + "." + candidate.Name;
            }
        }
        return null;
    }

    /// <summary>
    /// The rules declared in the function's own type, in one pass over its members: its pullbacks
    /// (<c>[DerivativeOf(nameof(F))]</c>) and its tangents (<c>[TangentOf(nameof(F))]</c>).
    /// </summary>
    private static (List<IMethodSymbol> Pullbacks, List<IMethodSymbol> Tangents) RulesBeside(IMethodSymbol target)
    {
        var pullbacks = new List<IMethodSymbol>();
        var tangents = new List<IMethodSymbol>();
        foreach (IMethodSymbol member in target.ContainingType.GetMembers().OfType<IMethodSymbol>())
        {
            foreach (AttributeData attribute in member.GetAttributes())
            {
                if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value as string != target.Name)
                {
                    continue;
                }
                string? name = attribute.AttributeClass?.ToDisplayString();
                (name == DerivativeOfAttribute ? pullbacks : name == TangentOfAttribute ? tangents : null)?.Add(member);
            }
        }
        return (pullbacks, tangents);
    }

    /// <summary>A tangent's parameters: the function's, one tangent per differentiable parameter, then <c>out</c> the result's.</summary>
    private static List<(ITypeSymbol Type, RefKind RefKind, string? Name)> ExpectedTangentParameters(Shape function)
    {
        var list = function.Parameters.Select(p => (p.Type, RefKind.None, (string?)null)).ToList();
        foreach (IParameterSymbol parameter in function.Parameters.Where(Types.IsDifferentiable))
        {
            list.Add((parameter.Type, RefKind.None, null));
        }
        list.Add((function.ReturnType, RefKind.Out, null));
        return list;
    }

    private static string TangentSignature(Shape function, string name)
    {
        var parts = function.Parameters.Select(p => Types.Display(p.Type) + " " + p.Name).ToList();
        foreach (IParameterSymbol parameter in function.Parameters.Where(Types.IsDifferentiable))
        {
            TypeRef type = Types.Map(parameter.Type);
            string tangent = type.IsFloating ? type.Name : type.IsBuffer && type.Element!.IsFloating ? "ReadOnlySpan<" + type.Element.Name + ">" : Types.Display(parameter.Type) + "?";
            parts.Add(tangent + " " + parameter.Name + "Dot");
        }
        string returnType = Types.Display(function.ReturnType);
        parts.Add("out " + returnType + (Types.Map(function.ReturnType).IsObject ? "?" : "") + " resultDot");
        return "static " + returnType + " " + name + "(" + string.Join(", ", parts) + ")";
    }

    /// <summary>An implicit conversion that keeps the value: identity, reference, or array to span (no numeric, boxing or other user-defined conversion).</summary>
    private static bool Converts(Compilation compilation, ITypeSymbol from, ITypeSymbol to)
    {
        if (SymbolEqualityComparer.Default.Equals(from, to))
        {
            return true;
        }
        Microsoft.CodeAnalysis.Operations.CommonConversion conversion = compilation.ClassifyCommonConversion(from, to);
        bool boxing = from.IsValueType && to.IsReferenceType;
        return conversion.IsImplicit && !conversion.IsNumeric && !boxing && (!conversion.IsUserDefined || IsSpan(to));
    }

    private static bool IsSpan(ITypeSymbol type) => type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", IsGenericType: true };

    private static bool LeadsWith(IMethodSymbol rule, IReadOnlyList<ITypeSymbol> types) =>
        rule.Parameters.Length >= types.Count
        && types.Select((t, i) => SymbolEqualityComparer.Default.Equals(t, rule.Parameters[i].Type)).All(same => same);

    private static void ReportWrongShape(IMethodSymbol rule, Shape shape, string function, SyntaxNode call, List<DiagnosticInfo> diagnostics)
    {
        LocationInfo? at = LocationInfo.From(rule.Locations.FirstOrDefault(l => l.IsInSource)) ?? LocationInfo.From(call);
        diagnostics.Add(DiagnosticInfo.Create(Descriptors.WrongPullbackSignature, at, rule.Name, function, Signature(shape, rule.Name)));
    }

    /// <summary>The derivatives another assembly's SourceAD generated for <paramref name="target"/>, by suffix.</summary>
    private static EquatableArray<string>? GeneratedVariants(IMethodSymbol target) => target.ContainingType.GetMembers()
        .OfType<IMethodSymbol>()
        .Where(m => m.Name.Length > target.Name.Length && m.Name.StartsWith(target.Name, System.StringComparison.Ordinal))
        .Select(m => m.Name.Substring(target.Name.Length))
        .Distinct()
        .OrderBy(s => s, System.StringComparer.Ordinal)
        .ToEquatableArray();

    private static Callee Describe(IMethodSymbol target, Shape shape, string pullback, bool takesResult, bool isRule) => new(
        Types.FullName(target.ContainingType),
        target.Name,
        target.Name + (target.IsGenericMethod ? "<" + string.Join(", ", target.TypeArguments.Select(Types.FullName)) + ">" : ""),
        shape.Parameters.Select(p => p.Name).ToEquatableArray(),
        shape.Parameters.Select(Types.IsDifferentiable).ToEquatableArray(),
        shape.Parameters.Select(p => Types.Map(p.Type)).ToEquatableArray(),
        Types.Map(shape.ReturnType),
        pullback,
        takesResult,
        isRule,
        target.MethodKind == MethodKind.UserDefinedOperator ? OperatorToken(target.Name) : null,
        shape.Parameters.Select(Types.IsOutput).ToEquatableArray());

    /// <summary>
    /// Whether the pullback has the convention's shape: the function's parameters, optionally <c>result</c>,
    /// <c>dResult</c>, then one adjoint per differentiable parameter.
    /// </summary>
    private static bool Matches(Shape function, IMethodSymbol pullback, out bool takesResult)
    {
        takesResult = false;
        if (!pullback.IsStatic || !pullback.ReturnsVoid)
        {
            return false;
        }
        if (SameShape(pullback, ExpectedParameters(function, withResult: true)))
        {
            takesResult = true;
            return true;
        }
        return SameShape(pullback, ExpectedParameters(function, withResult: false));
    }

    /// <param name="span">The span a buffer's derivative is passed as: <c>Span</c> (an adjoint) or <c>ReadOnlySpan</c> (a tangent).</param>
    private static bool SameShape(IMethodSymbol pullback, List<(ITypeSymbol Type, RefKind RefKind, string? Name)> expected, string span = "Span") =>
        pullback.Parameters.Length == expected.Count
        && pullback.Parameters.Select((p, i) =>
            SymbolEqualityComparer.Default.Equals(p.Type, expected[i].Type) || IsSpanOf(p.Type, expected[i].Type, span))
            .All(same => same)
        && pullback.Parameters.Select((p, i) => p.RefKind == expected[i].RefKind && (expected[i].Name is null || p.Name == expected[i].Name)).All(same => same);

    private static List<(ITypeSymbol Type, RefKind RefKind, string? Name)> ExpectedParameters(Shape function, bool withResult)
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

    /// <summary>A buffer parameter's adjoint is a <c>Span&lt;T&gt;</c> of its element type, its tangent a <c>ReadOnlySpan&lt;T&gt;</c>.</summary>
    private static bool IsSpanOf(ITypeSymbol candidate, ITypeSymbol buffer, string span) =>
        Types.Map(buffer) is { IsBuffer: true } b && candidate is INamedTypeSymbol { TypeArguments.Length: 1 } named && named.Name == span
        && Types.Map(named.TypeArguments[0]).Name == b.Element!.Name;

    /// <summary>The signature a pullback of <paramref name="function"/> named <paramref name="name"/> must have.</summary>
    public static string ExpectedSignature(IMethodSymbol function, string name) => Signature(new Shape(function.Parameters, function.ReturnType), name);

    /// <summary>The attribute that declares a rule for <paramref name="function"/> from another type.</summary>
    public static string RetroactiveAttribute(IMethodSymbol function)
    {
        string type = Types.Display(function.ContainingType);
        return "[DerivativeOf(typeof(" + type + "), nameof(" + type + "." + function.Name + "))]";
    }

    private static string Signature(Shape function, string name)
    {
        var parts = function.Parameters.Select(p => Types.Display(p.Type) + " " + p.Name).ToList();
        string returnType = Types.Display(function.ReturnType);
        parts.Add("[" + returnType + " result]");
        parts.Add(returnType + " dResult");
        foreach (IParameterSymbol parameter in function.Parameters.Where(Types.IsDifferentiable))
        {
            TypeRef type = Types.Map(parameter.Type);
            string adjoint = type.IsFloating ? "ref " + type.Name : type.IsBuffer && type.Element!.IsFloating ? "Span<" + type.Element.Name + ">" : Types.Display(parameter.Type);
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
