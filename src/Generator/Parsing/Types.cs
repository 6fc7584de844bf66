using System.Linq;
using Microsoft.CodeAnalysis;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Parsing;

/// <summary>Maps Roslyn types to the IR's <see cref="TypeRef"/>.</summary>
internal static class Types
{
    public static TypeRef Map(ITypeSymbol? type)
    {
        if (type is null)
        {
            return new TypeRef("object", ValueKind.Other, OtherHoldsState: true);
        }
        string name = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        if (BufferElement(type) is { } element)
        {
            // Arrays and spans of anything else (int indices, say) are plain values that remember their element type.
            return element.IsFloating || element.IsObject
                ? new TypeRef(name, ValueKind.Buffer, element)
                : new TypeRef(name, ValueKind.Other, element, FloatingPointState.Holds(type));
        }
        if (type is ITypeParameterSymbol parameter && IsFloatingPoint(parameter))
        {
            return new TypeRef(parameter.Name, ValueKind.Floating, Generic: true);
        }
        if (type.TypeKind == TypeKind.Class && type.AllInterfaces.Any(i => i.OriginalDefinition.ToDisplayString() == "SourceAD.IDifferentiable<TSelf>"))
        {
            return new TypeRef(name, ValueKind.Object);
        }
        return type.SpecialType switch
        {
            SpecialType.System_Double => TypeRef.Double,
            SpecialType.System_Single => TypeRef.Float,
            SpecialType.System_Boolean => TypeRef.Bool,
            SpecialType.System_Int32 => TypeRef.Int,
            SpecialType.System_Int64 or SpecialType.System_Int16 or SpecialType.System_Byte or SpecialType.System_SByte
                or SpecialType.System_UInt16 or SpecialType.System_UInt32 or SpecialType.System_UInt64 or SpecialType.System_Char
                => new TypeRef(name, ValueKind.Integer),
            _ => new TypeRef(name, ValueKind.Other, OtherHoldsState: FloatingPointState.Holds(type)),
        };
    }

    /// <summary>The element type of a one-dimensional array, <c>Span&lt;T&gt;</c> or <c>ReadOnlySpan&lt;T&gt;</c>, else null.</summary>
    private static TypeRef? BufferElement(ITypeSymbol type) => ElementSymbol(type) is { } element ? Map(element) : null;

    /// <summary>The element type symbol of a one-dimensional array, <c>Span&lt;T&gt;</c> or <c>ReadOnlySpan&lt;T&gt;</c>, else null.</summary>
    public static ITypeSymbol? ElementSymbol(ITypeSymbol? type) => type switch
    {
        IArrayTypeSymbol { Rank: 1 } array => array.ElementType,
        INamedTypeSymbol { IsGenericType: true, Name: "Span" or "ReadOnlySpan" } named
            when named.ContainingNamespace.ToDisplayString() == "System" => named.TypeArguments[0],
        _ => null,
    };

    public static string FullName(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    /// <summary>The type as C# spells it in a message: <c>double[,]</c>, <c>List&lt;double&gt;</c>.</summary>
    public static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

    public static bool HasAttribute(ISymbol symbol, string metadataName)
    {
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == metadataName)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Whether a type parameter stands for a floating-point type: its constraints include floating-point generic math
    /// (<c>IFloatingPointConstants&lt;T&gt;</c>, which <c>IFloatingPointIeee754&lt;T&gt;</c>, <c>IFloatingPoint&lt;T&gt;</c>,
    /// <c>ITrigonometricFunctions&lt;T&gt;</c>, <c>IExponentialFunctions&lt;T&gt;</c> and the other function
    /// interfaces extend), which integer types do not implement.
    /// </summary>
    public static bool IsFloatingPoint(ITypeParameterSymbol parameter) =>
        parameter.ConstraintTypes.OfType<INamedTypeSymbol>()
            .SelectMany(c => c.AllInterfaces.Append(c))
            .Any(i => i.OriginalDefinition.ToDisplayString() == "System.Numerics.IFloatingPointConstants<TSelf>"
                && SymbolEqualityComparer.Default.Equals(i.TypeArguments[0], parameter));

    public const string DifferentiableAttribute = "SourceAD.DifferentiableAttribute";
    public const string NoDiffAttribute = "SourceAD.NoDiffAttribute";
    public const string OutputAttribute = "SourceAD.OutputAttribute";

    /// <summary>The variants a <c>[Differentiable]</c> method asks for (its attribute's <c>Variants</c>; all by default).</summary>
    public static Model.VariantFlags Variants(ISymbol method)
    {
        foreach (AttributeData attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == DifferentiableAttribute)
            {
                foreach (var named in attribute.NamedArguments)
                {
                    if (named.Key == "Variants" && named.Value.Value is int flags)
                    {
                        return (Model.VariantFlags)flags & Model.VariantFlags.All;
                    }
                }
            }
        }
        return Model.VariantFlags.All;
    }

    /// <summary>Whether a parameter is an <c>[Output]</c> buffer.</summary>
    public static bool IsOutput(IParameterSymbol parameter) => HasAttribute(parameter, OutputAttribute);

    /// <summary>Whether a parameter of a <c>[Differentiable]</c> method receives a gradient.</summary>
    public static bool IsDifferentiable(IParameterSymbol parameter) =>
        Map(parameter.Type).IsDifferentiable && !HasAttribute(parameter, NoDiffAttribute) && !IsOutput(parameter);
}
