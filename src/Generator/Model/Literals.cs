using System.Globalization;

namespace SourceAD.Generator.Model;

/// <summary>Builds <see cref="Literal"/> nodes with the C# spelling of a value of a given type.</summary>
public static class Literals
{
    public static Literal Number(double value, TypeRef type) => new(Spell(value, type), value, type);

    /// <summary>The zero of a type's adjoint: 0 for numbers, null (no adjoint yet) for differentiable objects.</summary>
    public static Literal Zero(TypeRef type) => type.IsObject ? new Literal("null", null, type) : Number(0, type);

    public static Literal One(TypeRef type) => Number(1, type);

    /// <summary>The default value a declared local starts at: <c>default!</c> for types that may be references.</summary>
    public static Literal Default(TypeRef type) =>
        new(type.Kind is ValueKind.Other or ValueKind.Object || type.Generic || (type.IsBuffer && !type.IsSpan) ? "default!" : "default", null, type);

    /// <summary>The literal <c>null</c> (no adjoint yet, for differentiable objects).</summary>
    public static Literal Null(TypeRef type) => new("null", null, type);

    public static Literal Bool(bool value) => new(value ? "true" : "false", null, TypeRef.Bool);

    /// <summary>The literal for a compile-time constant, or null when the constant has no literal form here.</summary>
    public static Literal? FromConstant(object? value, TypeRef type) => value switch
    {
        double d => Number(d, type.IsFloating ? type : TypeRef.Double),
        float f => Number(f, type.IsFloating ? type : TypeRef.Float),
        bool b => Bool(b),
        // An enum constant (its value is its underlying integer) keeps its type: ((NumberStyles)167).
        int or long or short or byte or sbyte or ushort or uint or ulong when type.Kind == ValueKind.Other =>
            new Literal("((" + type.Name + ")(" + System.Convert.ToString(value, CultureInfo.InvariantCulture) + IntegerSuffix(value) + "))", null, type),
        int or long or short or byte or sbyte or ushort or uint or ulong =>
            new Literal(System.Convert.ToString(value, CultureInfo.InvariantCulture) + IntegerSuffix(value), System.Convert.ToDouble(value, CultureInfo.InvariantCulture), type),
        char c => new Literal(Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(c, quote: true), null, type),
        string s => new Literal(Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(s, quote: true), null, type),
        null => new Literal("default(" + type.Name + ")", null, type),
        _ => null,
    };

    private static string IntegerSuffix(object value) => value switch
    {
        long => "L",
        uint => "U",
        ulong => "UL",
        _ => "",
    };

    private static string Spell(double value, TypeRef type)
    {
        if (type.IsLanes)
        {
            // The same value in every lane.
            return value switch
            {
                0 => type.Name + ".Zero",
                1 => type.Name + ".One",
                _ => "new " + type.Name + "(" + Spell(value, type.Element!) + ")",
            };
        }
        if (type.Generic)
        {
            return value switch
            {
                0 => type.Name + ".Zero",
                1 => type.Name + ".One",
                _ when double.IsNaN(value) => type.Name + ".NaN",
                _ => type.Name + ".CreateTruncating(" + Spell(value, TypeRef.Double) + ")",
            };
        }
        if (type.Name == "float")
        {
            float f = (float)value;
            if (float.IsNaN(f)) return "float.NaN";
            if (float.IsPositiveInfinity(f)) return "float.PositiveInfinity";
            if (float.IsNegativeInfinity(f)) return "float.NegativeInfinity";
            return f.ToString("R", CultureInfo.InvariantCulture) + "f";
        }
        if (type.Name == "double")
        {
            if (double.IsNaN(value)) return "double.NaN";
            if (double.IsPositiveInfinity(value)) return "double.PositiveInfinity";
            if (double.IsNegativeInfinity(value)) return "double.NegativeInfinity";
            string text = value.ToString("R", CultureInfo.InvariantCulture);
            return text.IndexOf('.') >= 0 || text.IndexOf('E') >= 0 ? text : text + ".0";
        }
        string integral = ((long)value).ToString(CultureInfo.InvariantCulture);
        return type.Name == "long" ? integral + "L" : integral;
    }
}
