namespace SourceAD.Generator.Model;

/// <summary>What the reverse transform needs to know about a value's type.</summary>
public enum ValueKind
{
    /// <summary><c>double</c> or <c>float</c>: may carry a derivative.</summary>
    Floating,

    /// <summary>An integral type: never carries a derivative.</summary>
    Integer,

    /// <summary><c>bool</c>.</summary>
    Boolean,

    /// <summary>Anything else (strings, objects, arrays): passed through, never differentiated.</summary>
    Other,
}

/// <summary>A type as it is written in generated code, with its kind.</summary>
public sealed record TypeRef(string Name, ValueKind Kind)
{
    public static readonly TypeRef Double = new("double", ValueKind.Floating);
    public static readonly TypeRef Float = new("float", ValueKind.Floating);
    public static readonly TypeRef Int = new("int", ValueKind.Integer);
    public static readonly TypeRef Bool = new("bool", ValueKind.Boolean);

    public bool IsFloating => Kind == ValueKind.Floating;

    public override string ToString() => Name;
}
