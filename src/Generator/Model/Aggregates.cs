namespace SourceAD.Generator.Model;

// Differentiable types (structs, records, classes, the instance of an instance method) are *scalarised* by the parser:
// each differentiable member path of a parameter (p.A.X) becomes a parameter of the method as the transforms see it
// (p_A_X), beside the parameter itself, which stays as a [NoDiff] pass-through for the members that carry no
// derivative. The transforms never see an aggregate: they differentiate that flat method (named method + "Flat") as any
// other. Only the signature layer (Transforms/Aggregates) puts the user's types back, by generating, for every flat
// derivative, a method with the user's parameter types that reads the members into the flat one's arguments and writes
// its gradients back into values of those types. The records below describe what that layer needs.

/// <summary>How a new value of an aggregate is made, for a zero gradient of its shape.</summary>
public enum AggregateCreation
{
    /// <summary><c>default(T)</c>: a struct.</summary>
    Default,

    /// <summary><c>value with { }</c>: a record class (its members are then overwritten).</summary>
    With,

    /// <summary><c>new T()</c>: a class with an accessible parameterless constructor.</summary>
    New,

    /// <summary>None: a class the caller allocates gradients of itself.</summary>
    None,
}

/// <summary>How a member of an aggregate is written when a gradient is assembled.</summary>
public enum MemberWrite
{
    /// <summary>A mutable field or a property with a setter: <c>value.Member = …</c>.</summary>
    Assign,

    /// <summary>
    /// A readonly field, or an auto-property without a setter or with <c>init</c>: its storage is written through a
    /// generated <c>[UnsafeAccessor]</c> to the field (no reflection).
    /// </summary>
    Storage,
}

/// <summary>
/// A member of an aggregate that carries a derivative: a <c>double</c>/<c>float</c>, a buffer of them, a differentiable
/// object such as a <c>Tensor</c>, or a nested aggregate (<see cref="Nested"/>).
/// </summary>
/// <param name="Name">The member's name as C# reads it.</param>
/// <param name="Field">The name of its storage field (<c>&lt;X&gt;k__BackingField</c> for an auto-property).</param>
/// <param name="IsProperty">Whether the member is a property (a struct-valued property is not a variable).</param>
public sealed record AggregateMember(string Name, TypeRef Type, AggregateType? Nested, MemberWrite Write, string Field, bool IsProperty);

/// <summary>
/// A struct, record or class whose differentiable members SourceAD follows, in declaration order (the order of the
/// flattened Jacobians and Hessians). Its generated helpers (zero gradients, storage accessors, the member visitor) go
/// in the static class <see cref="HelperName"/> beside it: in <see cref="Namespace"/>, inside <see cref="Containers"/>.
/// </summary>
/// <param name="Name">The type, fully qualified.</param>
/// <param name="Display">The type as a message spells it.</param>
public sealed record AggregateType(
    string Name,
    bool IsClass,
    EquatableArray<AggregateMember> Members,
    string Display,
    string Accessibility,
    string? Namespace,
    EquatableArray<ContainerModel> Containers,
    string HelperName,
    AggregateCreation Creation = AggregateCreation.Default)
{
    /// <summary>The helper class, fully qualified.</summary>
    public string Helpers => "global::" + (Namespace is null ? "" : Namespace + ".")
        + string.Concat(System.Linq.Enumerable.Select(Containers, c => c.Name + ".")) + HelperName;

    /// <summary>The accessor that writes <paramref name="member"/>'s storage.</summary>
    public string Accessor(AggregateMember member) => Helpers + "." + AccessorName(member);

    public static string AccessorName(AggregateMember member) => "Storage" + member.Name;
}

/// <summary>A differentiable member path of an aggregate parameter: <c>A.X</c> of <c>p</c> is the flat variable <c>p_A_X</c>.</summary>
/// <param name="Path">The members from the aggregate down to the leaf.</param>
/// <param name="Name">The flat variable.</param>
public sealed record AggregateLeaf(EquatableArray<AggregateMember> Path, string Name)
{
    public AggregateMember Member => Path[Path.Count - 1];

    public TypeRef Type => Member.Type;

    public string Dotted => string.Join(".", System.Linq.Enumerable.Select(Path, m => m.Name));
}

/// <summary>
/// What an aggregate parameter holds: one value, or a collection read element by element. A collection's leaves are
/// read-only spans, one per differentiable member of the element (structure of arrays): <c>pts[i].X</c> is
/// <c>pts_X[i]</c>; a list of <c>double</c>/<c>float</c> has the one leaf <c>Items</c> (<c>xs[i]</c> is <c>xs_Items[i]</c>).
/// </summary>
public enum AggregateShape { Value, Array, Span, ReadOnlySpan, List, ReadOnlyList, ConcreteList }

/// <summary>
/// A parameter of the user's method whose type is an aggregate (or the instance, <see cref="Name"/> <c>this</c>), with its
/// flat leaves; the flat method takes the parameter itself (as a pass-through) followed by the leaves.
/// <see cref="Type"/> is the element's type for a collection.
/// </summary>
public sealed record AggregateParameter(string Name, AggregateType Type, EquatableArray<AggregateLeaf> Leaves, AggregateShape Shape = AggregateShape.Value, string Declared = "")
{
    public bool IsInstance => Name == This;

    public bool IsCollection => Shape != AggregateShape.Value;

    /// <summary>A list of scalars (its leaf is its items), not a collection of aggregates.</summary>
    public bool IsList => Shape is AggregateShape.List or AggregateShape.ReadOnlyList or AggregateShape.ConcreteList;

    public const string This = "this";

    /// <summary>The member a list's single leaf stands for.</summary>
    public const string Items = "Items";
}

/// <summary>
/// A reference to a member's storage, for writing: <c>Owner.Member</c>, or, for storage C# cannot assign, the generated
/// accessor <c>Accessor(ref Owner)</c> (<c>Accessor(Owner)</c> for a class).
/// </summary>
public sealed record MemberRef(Expr Owner, AggregateMember Member, string? Accessor, bool OwnerIsClass) : Expr(Member.Type);

/// <summary><c>Target = Value</c> for a member of an aggregate (the signature layer assembling a gradient).</summary>
public sealed record AssignMember(MemberRef Target, Expr Value, string Source = "") : Stmt(Source);
