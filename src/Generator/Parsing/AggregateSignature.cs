using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Parsing;

/// <summary>
/// The flat signature of a <c>[Differentiable]</c> method (Model/Aggregates.cs): the instance of an instance method
/// first, then each parameter; an aggregate (the instance included) as itself, a [NoDiff] pass-through, followed by
/// its differentiable leaves. The method's own parse and every call to it compute it here, so the two agree.
/// </summary>
internal static class AggregateSignature
{
    /// <summary>A parameter of the flat method; <see cref="Of"/> is the aggregate it belongs to, if any.</summary>
    public sealed record FlatParameter(string Name, TypeRef Type, bool Differentiable, IParameterSymbol? Original, AggregateParameter? Of = null, AggregateLeaf? Leaf = null);

    /// <summary>Whether calls to <paramref name="method"/> go through a flat signature: an instance method, or one with an aggregate parameter.</summary>
    public static bool IsFlat(IMethodSymbol method) => !method.IsStatic || method.Parameters.Any(p => AggregateOf(p, out _) is not null);

    /// <summary>
    /// The aggregate a parameter is read as: a struct, record or class with differentiable members; an array or span
    /// of such structs whose members are scalars; a list of <c>double</c> or <c>float</c>. Not [NoDiff], not an
    /// [Output], passed by value. Null otherwise, with <paramref name="reason"/> when its type cannot be followed.
    /// </summary>
    public static (AggregateType Type, AggregateShape Shape)? AggregateOf(IParameterSymbol parameter, out string? reason)
    {
        reason = null;
        if (parameter.RefKind != RefKind.None || Types.HasAttribute(parameter, Types.NoDiffAttribute) || Types.IsOutput(parameter))
        {
            return null;
        }
        if (ListShape(parameter.Type) is { } list)
        {
            return list;
        }
        AggregateShape shape = parameter.Type switch
        {
            IArrayTypeSymbol { Rank: 1 } => AggregateShape.Array,
            INamedTypeSymbol { Name: "Span", IsGenericType: true } => AggregateShape.Span,
            INamedTypeSymbol { Name: "ReadOnlySpan", IsGenericType: true } => AggregateShape.ReadOnlySpan,
            _ => AggregateShape.Value,
        };
        ITypeSymbol type = shape == AggregateShape.Value ? parameter.Type : Types.ElementSymbol(parameter.Type)!;
        if (shape != AggregateShape.Value && !AggregateLayout.IsCandidate(type))
        {
            return null;
        }
        AggregateType? layout = AggregateLayout.Of(type, out reason);
        if (layout is { Members.Count: > 0 } && shape != AggregateShape.Value
            && AggregateLayout.Leaves("", layout).FirstOrDefault(l => !l.Type.IsFloating || l.Path.Any(m => m.Nested is { IsClass: true })) is { } unsupported)
        {
            reason = "the member '" + unsupported.Dotted + "' of its elements is not a 'double' or 'float' reached through structs; SourceAD reads a collection of structs member by member, and those members must be scalars";
            return null;
        }
        return layout is { Members.Count: > 0 } ? (layout, shape) : null;
    }

    /// <summary><c>List&lt;T&gt;</c>, <c>IList&lt;T&gt;</c> or <c>IReadOnlyList&lt;T&gt;</c> of <c>double</c> or <c>float</c>: one leaf, its items.</summary>
    private static (AggregateType, AggregateShape)? ListShape(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named || named.ContainingNamespace?.ToDisplayString() != "System.Collections.Generic")
        {
            return null;
        }
        AggregateShape? shape = named.Name switch
        {
            "List" => AggregateShape.ConcreteList,
            "IList" => AggregateShape.List,
            "IReadOnlyList" => AggregateShape.ReadOnlyList,
            _ => null,
        };
        TypeRef element = Types.Map(named.TypeArguments[0]);
        if (shape is null || !element.IsFloating)
        {
            return null;
        }
        var items = new AggregateMember(AggregateParameter.Items, element, null, MemberWrite.Assign, "", IsProperty: false);
        var list = new AggregateType(Types.FullName(type), IsClass: true, EquatableArray.Of(items), Types.Display(type), "public", null, EquatableArray<ContainerModel>.Empty, "", AggregateCreation.None);
        return (list, shape.Value);
    }

    /// <summary>
    /// The struct <paramref name="method"/> returns, read back member by member: every instance member a
    /// <c>double</c> (or every one a <c>float</c>), directly or through nested structs, none [NoDiff], so that the
    /// result is whole when assembled from its leaves. Null when the method returns no struct; null with
    /// <paramref name="reason"/> when it returns one SourceAD cannot assemble.
    /// </summary>
    public static AggregateParameter? ResultOf(IMethodSymbol method, out string? reason)
    {
        reason = null;
        if (method.ReturnType is not INamedTypeSymbol { TypeKind: TypeKind.Struct } type || !AggregateLayout.IsCandidate(type))
        {
            return null;
        }
        AggregateType? layout = AggregateLayout.Of(type, out reason);
        if (layout is null)
        {
            return null;
        }
        if (NotAssembled(type, "") is { } member)
        {
            reason = "its member '" + member + "' is not a 'double' or 'float' SourceAD differentiates, and a struct result is assembled from its differentiable members only";
            return null;
        }
        var taken = new HashSet<string>(method.Parameters.Select(p => p.Name));
        string name = "result";
        for (int i = 2; new[] { name, "d" + name, name + "Dot" }.Any(taken.Contains); i++)
        {
            name = "result" + i;
        }
        var leaves = AggregateLayout.Leaves(name, layout).ToEquatableArray();
        if (leaves.Count == 0 || leaves.Any(l => l.Type.Name != leaves[0].Type.Name))
        {
            reason = "its members are not all 'double' or all 'float'; SourceAD writes a struct result's members into one span";
            return null;
        }
        return new AggregateParameter(name, layout, leaves);
    }

    /// <summary>The first instance member of <paramref name="type"/> (dotted) that is not a floating leaf reached through structs, or null.</summary>
    private static string? NotAssembled(INamedTypeSymbol type, string prefix)
    {
        foreach (IFieldSymbol field in type.GetMembers().OfType<IFieldSymbol>().Where(f => !f.IsStatic && !f.IsConst))
        {
            ISymbol member = field.AssociatedSymbol ?? field;
            string name = prefix + member.Name;
            bool noDiff = Types.HasAttribute(member, Types.NoDiffAttribute)
                || (type.IsRecord && type.InstanceConstructors.Any(c => c.Parameters.Any(p => p.Name == member.Name && Types.HasAttribute(p, Types.NoDiffAttribute))));
            if (noDiff)
            {
                return name;
            }
            if (Types.Map(field.Type).IsFloating)
            {
                continue;
            }
            if (field.Type is not INamedTypeSymbol { TypeKind: TypeKind.Struct } nested || !AggregateLayout.IsCandidate(nested))
            {
                return name;
            }
            if (NotAssembled(nested, name + ".") is { } inner)
            {
                return inner;
            }
        }
        return null;
    }

    /// <summary>The instance's layout; null with <paramref name="reason"/> when its members cannot be followed.</summary>
    public static AggregateType? InstanceOf(IMethodSymbol method, out string? reason)
    {
        reason = null;
        return method.IsStatic ? null : AggregateLayout.Of(method.ContainingType, out reason);
    }

    public static List<FlatParameter> Of(IMethodSymbol method)
    {
        var taken = new HashSet<string>(method.Parameters.Select(p => p.Name));
        var flat = new List<FlatParameter>();
        if (InstanceOf(method, out _) is { } instance)
        {
            Add(flat, new AggregateParameter(AggregateParameter.This, instance, Unique(AggregateLayout.Leaves(AggregateParameter.This, instance), taken)), original: null);
        }
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (AggregateOf(parameter, out _) is ({ } type, AggregateShape shape))
            {
                Add(flat, new AggregateParameter(parameter.Name, type, Unique(AggregateLayout.Leaves(parameter.Name, type), taken), shape, Types.FullName(parameter.Type)), parameter);
            }
            else
            {
                flat.Add(new FlatParameter(parameter.Name, Types.Map(parameter.Type), Types.IsDifferentiable(parameter), parameter));
            }
        }
        return flat;
    }

    private static void Add(List<FlatParameter> flat, AggregateParameter aggregate, IParameterSymbol? original)
    {
        flat.Add(new FlatParameter(aggregate.Name, PassedType(aggregate), Differentiable: false, original, aggregate));
        flat.AddRange(aggregate.Leaves.Select(leaf => new FlatParameter(leaf.Name, LeafType(aggregate, leaf), Differentiable: true, original, aggregate, leaf)));
    }

    /// <summary>The pass-through's type: the aggregate's, or the collection's as declared.</summary>
    public static TypeRef PassedType(AggregateParameter aggregate) =>
        new(aggregate.IsCollection ? aggregate.Declared : aggregate.Type.Name, ValueKind.Other, OtherHoldsState: true);

    /// <summary>A leaf's flat type: the member's, or a read-only span of it for a collection.</summary>
    public static TypeRef LeafType(AggregateParameter aggregate, AggregateLeaf leaf) =>
        aggregate.IsCollection ? new TypeRef("global::System.ReadOnlySpan<" + leaf.Type.Name + ">", ValueKind.Buffer, leaf.Type) : leaf.Type;

    /// <summary>Leaf names that collide with a parameter (or another leaf) get a numeric suffix.</summary>
    private static EquatableArray<AggregateLeaf> Unique(IEnumerable<AggregateLeaf> leaves, HashSet<string> taken) =>
        leaves.Select(leaf =>
        {
            string name = leaf.Name;
            for (int i = 2; !taken.Add(name) || DerivedTaken(name, taken); i++)
            {
                name = leaf.Name + "_" + i;
            }
            return leaf with { Name = name };
        }).ToEquatableArray();

    /// <summary>Whether the gradient or tangent of a leaf would take a parameter's name.</summary>
    private static bool DerivedTaken(string name, HashSet<string> taken) =>
        taken.Contains(DerivativeNames.Gradient(name)) || taken.Contains(name + "Dot");
}
