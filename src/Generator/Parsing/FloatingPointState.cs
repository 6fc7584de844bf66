using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SourceAD.Generator.Parsing;

/// <summary>
/// Whether values of a type can carry or store floating-point state, and so a derivative. The soundness check asks
/// this of every value that flows into code SourceAD does not differentiate: a flow of a value that depends on a
/// differentiable input into such a type is an error, never a silent constant. The answer errs on the side of "yes":
/// only types known to hold no floating-point state say no.
/// </summary>
internal static class FloatingPointState
{
    /// <summary>
    /// Types of referenced assemblies that hold no floating-point state. Their private fields cannot be inspected
    /// (reference assemblies replace them with placeholders), so they are listed.
    /// </summary>
    private static readonly HashSet<string> KnownFree = new()
    {
        "System.Type", "System.Index", "System.Range", "System.DateTime", "System.DateTimeOffset", "System.TimeSpan",
        "System.Guid", "System.Threading.CancellationToken", "System.IFormatProvider",
        "System.Globalization.CultureInfo", "System.Globalization.NumberFormatInfo", "System.Globalization.NumberStyles",
        "System.Text.StringBuilder", "System.IO.TextWriter", "System.Random", "System.StringComparison",
        "System.Runtime.CompilerServices.DefaultInterpolatedStringHandler",
    };

    /// <summary>Whether a value of <paramref name="type"/> can hold a floating-point value (or a reference to one).</summary>
    public static bool Holds(ITypeSymbol? type) => type is null || Holds(type, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default));

    private static bool Holds(ITypeSymbol type, HashSet<ITypeSymbol> visiting)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean or SpecialType.System_Char or SpecialType.System_String or SpecialType.System_Void
                or SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16
                or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64
                or SpecialType.System_IntPtr or SpecialType.System_UIntPtr:
                return false;
            case SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal or SpecialType.System_Object:
                return true;
        }
        switch (type)
        {
            case { TypeKind: TypeKind.Enum }:
                return false;
            case IArrayTypeSymbol array:
                return Holds(array.ElementType, visiting);
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol or ITypeParameterSymbol or IDynamicTypeSymbol or IErrorTypeSymbol:
                return true;
            case INamedTypeSymbol named when named.IsGenericType && IsContainer(named):
                return named.TypeArguments.Any(t => Holds(t, visiting));
            case INamedTypeSymbol named when KnownFree.Contains(named.OriginalDefinition.ToDisplayString()):
                return false;
            case { TypeKind: TypeKind.Interface or TypeKind.Delegate }:
                return true;
            case INamedTypeSymbol { IsReferenceType: true, IsSealed: false }:
                return true;
        }
        if (!type.Locations.Any(l => l.IsInSource))
        {
            return true; // a struct or sealed class of a referenced assembly, not listed above
        }
        if (!visiting.Add(type))
        {
            return false; // a cycle: its other fields decide
        }
        return type.GetMembers().OfType<IFieldSymbol>().Any(f => !f.IsStatic && Holds(f.Type, visiting));
    }

    /// <summary>Generic types whose state is that of their type arguments (spans, memories, nullables, tuples, collections).</summary>
    private static bool IsContainer(INamedTypeSymbol type) =>
        type.IsTupleType
        || type.OriginalDefinition.ToDisplayString() is "System.Span<T>" or "System.ReadOnlySpan<T>" or "System.Memory<T>"
            or "System.ReadOnlyMemory<T>" or "T?" or "System.Nullable<T>"
        || (type.ContainingNamespace?.ToDisplayString() is "System.Collections.Generic" or "System.Collections.Immutable"
            && type.TypeArguments.Length > 0);
}
