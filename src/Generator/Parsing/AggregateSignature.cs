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
    /// The aggregate a parameter is read as: a struct, record or class with differentiable members, not [NoDiff], not
    /// an [Output], passed by value. Null otherwise, with <paramref name="reason"/> when its type cannot be followed.
    /// </summary>
    public static AggregateType? AggregateOf(IParameterSymbol parameter, out string? reason)
    {
        reason = null;
        if (parameter.RefKind != RefKind.None || Types.HasAttribute(parameter, Types.NoDiffAttribute) || Types.IsOutput(parameter))
        {
            return null;
        }
        AggregateType? type = AggregateLayout.Of(parameter.Type, out reason);
        return type is { Members.Count: > 0 } ? type : null;
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
            if (AggregateOf(parameter, out _) is { } type)
            {
                Add(flat, new AggregateParameter(parameter.Name, type, Unique(AggregateLayout.Leaves(parameter.Name, type), taken)), parameter);
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
        var type = new TypeRef(aggregate.Type.Name, ValueKind.Other, OtherHoldsState: true);
        flat.Add(new FlatParameter(aggregate.Name, type, Differentiable: false, original, aggregate));
        flat.AddRange(aggregate.Leaves.Select(leaf => new FlatParameter(leaf.Name, leaf.Type, Differentiable: true, original, aggregate, leaf)));
    }

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
