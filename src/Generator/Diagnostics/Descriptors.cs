using Microsoft.CodeAnalysis;

namespace SourceAD.Generator.Diagnostics;

/// <summary>Every diagnostic the SourceAD generator reports. Each message names the construct and the fix.</summary>
public static class Descriptors
{
    private const string Category = "SourceAD";
    private const string HelpBase = "https://github.com/sourcead/sourcead/blob/main/docs/diagnostics.md#";

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());

    /// <summary>The method's containing type (or one of its containing types) is not partial.</summary>
    public static readonly DiagnosticDescriptor TypeNotPartial = Error("SAD0001",
        "Containing type must be partial",
        "Type '{0}' must be declared 'partial' so SourceAD can add the backward method of '{1}' to it");

    /// <summary>The return type is not <c>double</c> or <c>float</c>.</summary>
    public static readonly DiagnosticDescriptor UnsupportedReturnType = Error("SAD0002",
        "Unsupported return type",
        "Return type '{0}' of '{1}' cannot be differentiated{2}; return 'double', 'float', a struct of them, or a differentiable object such as a rank-0 Tensor");

    /// <summary>A parameter's type cannot be differentiated nor passed through.</summary>
    public static readonly DiagnosticDescriptor UnsupportedParameterType = Error("SAD0003",
        "Unsupported parameter type",
        "Parameter '{0}' has type '{1}', which SourceAD cannot differentiate: {2}; mark the parameter [NoDiff] if it carries no derivative");

    /// <summary><c>ref</c>, <c>out</c> or <c>in</c> on a differentiable parameter.</summary>
    public static readonly DiagnosticDescriptor RefParameter = Error("SAD0004",
        "Differentiable parameter passed by reference",
        "Parameter '{0}' is declared '{1}'; SourceAD needs parameters passed by value (only a [NoDiff] parameter may be 'in'): remove '{1}'");

    /// <summary>
    /// Code without a known derivative (a method, a constructor, a property) receives a value that depends on a
    /// differentiable input, where that value could come back out of it (a result, a buffer or object it may write).
    /// </summary>
    public static readonly DiagnosticDescriptor NoDerivative = Error("SAD0005",
        "Call to a method with no known derivative",
        "{0} receives a value that depends on a differentiable input, but SourceAD has no derivative for it, so that dependence would be lost; {1}");

    /// <summary>A statement kind the generator does not differentiate.</summary>
    public static readonly DiagnosticDescriptor UnsupportedStatement = Error("SAD0006",
        "Unsupported statement",
        "{0} is not supported in a [Differentiable] method; {1}");

    /// <summary>An expression kind the generator does not differentiate.</summary>
    public static readonly DiagnosticDescriptor UnsupportedExpression = Error("SAD0007",
        "Unsupported expression",
        "{0} is not supported in a [Differentiable] method; {1}");

    /// <summary>An assignment to a field, property or other non-local storage.</summary>
    public static readonly DiagnosticDescriptor NonLocalWrite = Error("SAD0008",
        "Write to a field or property",
        "Assignment to '{0}' writes state outside the method; a [Differentiable] method may only assign its locals and parameters (compute into a local and return it)");

    /// <summary>A generic method with a type parameter that is not constrained to floating-point generic math.</summary>
    public static readonly DiagnosticDescriptor GenericMethod = Error("SAD0009",
        "Generic method over a type that is not floating-point",
        "'{0}' is generic over '{1}', which is not constrained to floating-point generic math; constrain it ('where {1} : IFloatingPointIeee754<{1}>') or write the method for 'double' or 'float'");

    /// <summary>An instance method whose instance SourceAD cannot follow.</summary>
    public static readonly DiagnosticDescriptor InstanceMethod = Error("SAD0010",
        "Unsupported instance method",
        "'{0}' is an instance method SourceAD cannot differentiate: {1}; make it 'static' and pass what it reads as parameters, or mark the offending member [NoDiff]");

    /// <summary>An assignment, increment or decrement nested inside a larger expression.</summary>
    public static readonly DiagnosticDescriptor NestedAssignment = Error("SAD0011",
        "Assignment inside an expression",
        "'{0}' assigns inside a larger expression; move the assignment into a statement of its own");

    /// <summary>A method modifier or shape that cannot be differentiated (async, unsafe, extern, no body).</summary>
    public static readonly DiagnosticDescriptor UnsupportedMethod = Error("SAD0012",
        "Unsupported method",
        "'{0}' cannot be differentiated: {1}");

    /// <summary>
    /// An element write into a buffer the method received as a parameter, where it cannot be differentiated: a
    /// differentiable input, a value that depends on a differentiable input, or a call to a method that writes it.
    /// </summary>
    public static readonly DiagnosticDescriptor ParameterBufferWrite = Error("SAD0013",
        "Write into a parameter buffer",
        "'{0}' writes into the parameter buffer '{1}'; {2}");

    /// <summary>The reason of SAD0013 for a differentiable input.</summary>
    public const string InputBufferWrite = "a [Differentiable] method must not modify its differentiable inputs (copy the values into a local buffer and write there)";

    /// <summary>A local buffer used in a way the reverse sweep cannot follow.</summary>
    public static readonly DiagnosticDescriptor LocalBuffer = Error("SAD0014",
        "Unsupported use of a local buffer",
        "Local buffer '{0}' {1}");

    /// <summary>The generated gradient parameter of one parameter would have the name of another.</summary>
    public static readonly DiagnosticDescriptor GradientNameCollision = Error("SAD0015",
        "Generated parameter name collision",
        "{0}; rename the parameter");

    /// <summary>A value that depends on a differentiable input is passed where the callee does not differentiate.</summary>
    public static readonly DiagnosticDescriptor ActiveArgumentToNoDiff = Error("SAD0016",
        "Differentiable value passed to a [NoDiff] parameter",
        "'{0}' receives a value that depends on a differentiable input in its [NoDiff] parameter '{1}', so that part of the gradient would be lost; remove [NoDiff] from '{1}' or pass a value that does not depend on differentiable inputs");

    /// <summary>A [DerivativeOf] pullback whose parameters do not follow the convention.</summary>
    public static readonly DiagnosticDescriptor WrongPullbackSignature = Error("SAD0017",
        "Pullback signature does not match",
        "'{0}' is declared [DerivativeOf(\"{1}\")] but its signature does not match; expected {2}");

    /// <summary>A method marked <c>[TangentOf]</c> for a function does not have the tangent convention's shape.</summary>
    public static readonly DiagnosticDescriptor WrongTangentSignature = Error("SAD0021",
        "Tangent signature does not match",
        "'{0}' is declared [TangentOf(\"{1}\")] but its signature does not match; expected {2}");

    /// <summary>
    /// A buffer passed to an <c>[Output]</c> parameter of a vector-valued <c>[Differentiable]</c> method may hold values
    /// that depend on a differentiable input when the call starts, or is not a buffer variable of this method.
    /// </summary>
    public static readonly DiagnosticDescriptor OutputArgument = Error("SAD0022",
        "Output buffer cannot be differentiated here",
        "'{0}' is passed to the [Output] parameter '{1}' of '{2}', but {3}");

    /// <summary>A value that depends on a differentiable input is converted to a type the chain rule does not go through.</summary>
    public static readonly DiagnosticDescriptor LostByConversion = Error("SAD0018",
        "Derivative lost in a conversion",
        "Converting '{0}' to '{1}' would lose the derivative of a value that depends on a differentiable input; keep it a 'double' or 'float' (boxing, interfaces such as IEnumerable<double>, and conversions to other numeric types are not differentiated)");

    /// <summary>A call to a method the generator itself generates (a derivative of another method).</summary>
    public static readonly DiagnosticDescriptor GeneratedMethodCall = Error("SAD0019",
        "Call to a generated derivative method",
        "'{0}' is generated by SourceAD from '{1}'; {2}");

    /// <summary>
    /// A derivative variant could not be generated (there is no forward-mode rule for a function the method calls, say);
    /// the other variants are. Informational: a method that only needs its gradient builds as before.
    /// </summary>
    public static readonly DiagnosticDescriptor VariantNotGenerated = new("SAD0020",
        "Derivative variant not generated",
        "'{0}' is not generated: {1}",
        Category, DiagnosticSeverity.Info, isEnabledByDefault: true, helpLinkUri: HelpBase + "sad0020");

    /// <summary>The generator hit an unexpected failure. Reported instead of throwing.</summary>
    public static readonly DiagnosticDescriptor InternalError = new("SAD9999",
        "SourceAD internal error",
        "SourceAD could not differentiate '{0}': {1}. Please report this with the method's source.",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "sad9999");
}
