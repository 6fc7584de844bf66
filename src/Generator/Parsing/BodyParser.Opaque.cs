using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Parsing;

/// <summary>
/// Conversions, constructors and calls SourceAD does not differentiate, parsed with the facts the soundness check
/// needs: which inputs the code could write floating-point state through, and what to tell the user.
/// </summary>
internal sealed partial class BodyParser
{
    /// <summary>
    /// Numeric conversions among <c>double</c>, <c>float</c> and integers are casts the chain rule goes through, and
    /// conversions between buffers (an array to a span) keep the buffer. Every other conversion is opaque.
    /// </summary>
    private Expr ParseConversion(IConversionOperation conversion, TypeRef type)
    {
        Expr converted = ParseExpression(conversion.Operand);
        if (converted.Type.IsBuffer && type.IsBuffer && converted.Type.Element == type.Element)
        {
            return converted is NewBuffer buffer ? buffer with { Type = type } : converted;
        }
        bool numeric = conversion.OperatorMethod is null && IsNumeric(converted.Type) && IsNumeric(type);
        if (numeric || converted.Type == type)
        {
            return Sym.To(converted, type);
        }
        return new Model.Convert(converted, type, LocationInfo.From(conversion.Syntax));
    }

    private static bool IsNumeric(TypeRef type) => type.Kind is ValueKind.Floating or ValueKind.Integer;

    private Expr ParseCreation(IObjectCreationOperation creation, IMethodSymbol constructor, TypeRef type)
    {
        List<Argument> arguments = ParseArguments(creation.Arguments, forDerivative: false);
        var flow = new Opaque(
            "The constructor of '" + Types.Display(constructor.ContainingType) + "'",
            arguments.Select(a => a.MayWrite).ToEquatableArray(),
            "compute with double or float values instead of this type",
            LocationInfo.From(creation.Syntax));
        return new New(arguments.Select(a => a.Value).ToEquatableArray(), type, flow);
    }

    /// <summary>The soundness facts of a call SourceAD has no derivative for.</summary>
    private static Opaque CallFlow(IMethodSymbol target, IOperation? instance, List<Argument> arguments, SyntaxNode syntax)
    {
        var mayWrite = new List<bool>();
        if (!target.IsStatic && instance is not null)
        {
            mayWrite.Add(ReceiverMayWrite(target, instance.Type));
        }
        mayWrite.AddRange(arguments.Select(a => a.MayWrite));
        string name = Types.Display(target.ContainingType) + "." + target.Name;
        return new Opaque("'" + name + "'", mayWrite.ToEquatableArray(), Fix(target, mayWrite.Any(w => w)), LocationInfo.From(syntax));
    }

    /// <summary>
    /// Whether a callee may write floating-point state through a parameter: a <c>ref</c> or <c>out</c> parameter, or a
    /// reference to mutable storage of floating-point state (an array, a <c>Span</c>, an object); a value, an <c>in</c>
    /// parameter or a <c>ReadOnlySpan</c> cannot be written.
    /// </summary>
    private static bool MayWriteThrough(IParameterSymbol? parameter)
    {
        if (parameter is null)
        {
            return true;
        }
        ITypeSymbol type = parameter.Type;
        if (!FloatingPointState.Holds(type))
        {
            return false;
        }
        return parameter.RefKind is RefKind.Ref or RefKind.Out
            || type.IsReferenceType
            || type.TypeKind is TypeKind.TypeParameter
            || type is INamedTypeSymbol { Name: "Span" or "Memory" };
    }

    /// <summary>An instance method may write its receiver when that is a reference type or a mutable struct.</summary>
    private static bool ReceiverMayWrite(IMethodSymbol target, ITypeSymbol? receiver) =>
        receiver is null
        || (FloatingPointState.Holds(receiver)
            && (receiver.IsReferenceType || receiver is INamedTypeSymbol { Name: "Span" } || !(receiver.IsReadOnly || target.IsReadOnly)));

    /// <summary>What to do about a call with no derivative, for the message of SAD0005.</summary>
    private static string Fix(IMethodSymbol target, bool mayWrite)
    {
        bool inSource = target.DeclaringSyntaxReferences.Length > 0;
        if (inSource && target.IsStatic && !target.IsGenericMethod && Types.Map(target.ReturnType).IsFloating)
        {
            return "mark '" + target.Name + "' [Differentiable], or give it a pullback marked [DerivativeOf(nameof(" + target.Name + "))]";
        }
        if (target.Parameters.Any(p => p.RefKind is RefKind.Ref or RefKind.Out && FloatingPointState.Holds(p.Type)))
        {
            return "its out or ref arguments of type " + string.Join(", ", target.Parameters.Where(p => p.RefKind is RefKind.Ref or RefKind.Out && FloatingPointState.Holds(p.Type)).Select(p => "'" + Types.Display(p.Type) + "'").Distinct())
                + " could carry that dependence out, and SourceAD cannot follow it there; return the value from a [Differentiable] method instead, or pass the call only values that do not depend on differentiable inputs";
        }
        if (mayWrite && target.ReturnsVoid)
        {
            return "it may write into its arguments, which SourceAD cannot follow; write the elements yourself (y[i] = x[i]) or in a [Differentiable] method";
        }
        return "give it a derivative with a pullback marked " + PullbackFinder.RetroactiveAttribute(target) + ": " + PullbackFinder.ExpectedSignature(target, target.Name + "Pullback");
    }
}
