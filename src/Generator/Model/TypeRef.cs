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

    /// <summary>A <c>double</c>/<c>float</c> array or span: each element may carry a derivative.</summary>
    Buffer,

    /// <summary>A reference type implementing <c>SourceAD.IDifferentiable&lt;T&gt;</c> (a tensor): its adjoint has its own type.</summary>
    Object,

    /// <summary>Anything else (strings, objects, integer arrays): passed through, never differentiated.</summary>
    Other,
}

/// <summary>
/// A type as it is written in generated code, with its kind (and, for buffers, the element type).
/// <see cref="OtherHoldsState"/> says whether a value of an <see cref="ValueKind.Other"/> type can hold floating-point
/// state (a struct with double fields, object, an interface, List&lt;double&gt;): such values never carry a derivative
/// here, so the soundness check rejects every flow of a differentiable value into one.
/// <see cref="Generic"/>: a type parameter constrained to floating-point generic math (<c>T</c> of
/// <c>where T : IFloatingPointIeee754&lt;T&gt;</c>), a <see cref="ValueKind.Floating"/> type whose literals are spelled
/// <c>T.Zero</c>, <c>T.One</c> and <c>T.CreateTruncating(…)</c>.
/// </summary>
public sealed record TypeRef(string Name, ValueKind Kind, TypeRef? Element = null, bool OtherHoldsState = false, bool Generic = false)
{
    public static readonly TypeRef Double = new("double", ValueKind.Floating);
    public static readonly TypeRef Float = new("float", ValueKind.Floating);
    public static readonly TypeRef Int = new("int", ValueKind.Integer);
    public static readonly TypeRef Bool = new("bool", ValueKind.Boolean);
    public static readonly TypeRef Void = new("void", ValueKind.Other);

    /// <summary>
    /// A bundle of tangents, one per lane (vector forward mode): <c>System.Numerics.Vector</c> of the
    /// <see cref="Element"/> type, as wide as the machine's SIMD registers. Lanes are independent directions, so
    /// arithmetic on a bundle is the scalar tangent's arithmetic lane by lane.
    /// </summary>
    public bool IsLanes => Kind == ValueKind.Floating && Element is not null;

    /// <summary>The bundle of tangents of values of the floating type <paramref name="scalar"/>.</summary>
    public static TypeRef Lanes(TypeRef scalar) => new("global::System.Numerics.Vector<" + scalar.Name + ">", ValueKind.Floating, scalar);

    /// <summary>Whether this is <c>void</c>: the method's results are its output buffers.</summary>
    public bool IsVoid => Name == "void";

    public bool IsFloating => Kind == ValueKind.Floating;

    public bool IsBuffer => Kind == ValueKind.Buffer;

    /// <summary>Whether values of this type can carry a derivative (and so have an adjoint).</summary>
    public bool IsDifferentiable => IsFloating || IsBuffer || IsObject;

    /// <summary>Whether values of this type can hold floating-point state (and so could carry a derivative).</summary>
    public bool HoldsState => IsDifferentiable || OtherHoldsState;

    /// <summary>A differentiable reference type: its adjoint is created with <c>ZerosLike</c>, and null means zero.</summary>
    public bool IsObject => Kind == ValueKind.Object;

    /// <summary>The type that holds this type's adjoint: itself for scalars, a span of the element type for buffers.</summary>
    public string AdjointName => IsBuffer ? (Element!.IsObject ? Element.Name + "[]" : Element.AdjointSpan()) : Name;

    /// <summary>How a local adjoint of this type is declared: objects may be null (zero).</summary>
    public string AdjointLocalName => IsObject ? (Name.EndsWith("?", System.StringComparison.Ordinal) ? Name : Name + "?") : AdjointName;

    /// <summary>The type of this type's adjoint as a variable: a parameter's (never null), or a local's (objects may be null).</summary>
    public TypeRef AdjointType(bool local) => this with { Name = local ? AdjointLocalName : AdjointName };

    /// <summary>A span of this (element) type.</summary>
    public string AdjointSpan() => "global::System.Span<" + Name + ">";

    /// <summary>Whether this is a primal stack of generated code (<c>SourceAD.PrimalStack&lt;T&gt;</c>).</summary>
    public bool IsStack => Name.StartsWith("global::SourceAD.PrimalStack<", System.StringComparison.Ordinal);

    /// <summary>Whether this is a span (a ref struct: never saved on a stack, never a field).</summary>
    public bool IsSpan => IsBuffer && Name.Contains("Span<");

    public override string ToString() => Name;
}
