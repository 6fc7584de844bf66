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
            return new TypeRef("object", ValueKind.Other);
        }
        string name = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        return type.SpecialType switch
        {
            SpecialType.System_Double => TypeRef.Double,
            SpecialType.System_Single => TypeRef.Float,
            SpecialType.System_Boolean => TypeRef.Bool,
            SpecialType.System_Int32 => TypeRef.Int,
            SpecialType.System_Int64 or SpecialType.System_Int16 or SpecialType.System_Byte or SpecialType.System_SByte
                or SpecialType.System_UInt16 or SpecialType.System_UInt32 or SpecialType.System_UInt64 or SpecialType.System_Char
                => new TypeRef(name, ValueKind.Integer),
            _ => new TypeRef(name, ValueKind.Other),
        };
    }

    public static string FullName(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

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

    public const string DifferentiableAttribute = "SourceAD.DifferentiableAttribute";
    public const string NoDiffAttribute = "SourceAD.NoDiffAttribute";

    /// <summary>Whether a parameter of a <c>[Differentiable]</c> method receives a gradient.</summary>
    public static bool IsDifferentiable(IParameterSymbol parameter) =>
        Map(parameter.Type).IsFloating && !HasAttribute(parameter, NoDiffAttribute);
}
