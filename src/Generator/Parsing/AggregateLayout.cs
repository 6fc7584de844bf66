using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Parsing;

/// <summary>
/// The differentiable members of a struct, record or class declared in the compilation (see Model/Aggregates.cs for
/// the design): its instance fields and auto-properties in declaration order, recursively through nested aggregates.
/// <c>double</c>/<c>float</c> members, buffers of them and differentiable objects (<c>Tensor</c>) carry derivatives;
/// members that hold no floating-point state (integers, strings) and <c>[NoDiff]</c> members are constants; a member of
/// any other type holding floating-point state makes the type unsupported, with a reason that names the member.
/// </summary>
internal static class AggregateLayout
{
    /// <summary>The layout of <paramref name="type"/>; null with <paramref name="reason"/> when it cannot be followed, null without one when it is no aggregate.</summary>
    public static AggregateType? Of(ITypeSymbol type, out string? reason) => Of(type, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default), out reason);

    /// <summary>Whether <paramref name="type"/> is one SourceAD reads member by member (a struct, record or class of the compilation).</summary>
    public static bool IsCandidate(ITypeSymbol type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Struct or TypeKind.Class, SpecialType: SpecialType.None } named
        && named.DeclaringSyntaxReferences.Length > 0
        && !named.IsRefLikeType
        && !Types.Map(type).IsObject;

    private static AggregateType? Of(ITypeSymbol type, HashSet<ITypeSymbol> visiting, out string? reason)
    {
        reason = null;
        if (!IsCandidate(type))
        {
            return null;
        }
        var named = (INamedTypeSymbol)type;
        string display = Types.Display(named);
        if (named.IsGenericType)
        {
            reason = "it is generic; SourceAD follows the members of non-generic structs, records and classes";
            return null;
        }
        if (!visiting.Add(named))
        {
            reason = "it contains itself through its members";
            return null;
        }
        if (named.TypeKind == TypeKind.Class && named.BaseType is { SpecialType: not SpecialType.System_Object } baseType && FloatingPointState.Holds(baseType))
        {
            reason = "its base class '" + Types.Display(baseType) + "' may hold floating-point state, and SourceAD follows the members a class declares itself";
            return null;
        }
        if (HelperContainers(named) is not { } declarations)
        {
            reason = "a type around it is not partial, so SourceAD cannot add its helpers beside it; declare the containing types 'partial'";
            return null;
        }
        var members = new List<AggregateMember>();
        foreach (IFieldSymbol field in named.GetMembers().OfType<IFieldSymbol>().Where(f => !f.IsStatic && !f.IsConst))
        {
            ISymbol member = field.AssociatedSymbol ?? field;
            if (IsNoDiff(member, named))
            {
                continue;
            }
            TypeRef mapped = Types.Map(field.Type);
            AggregateType? nested = null;
            if (!(mapped.IsFloating || (mapped.IsBuffer && !mapped.IsSpan) || mapped.IsObject))
            {
                if (!FloatingPointState.Holds(field.Type))
                {
                    continue;
                }
                nested = Of(field.Type, visiting, out string? inner);
                if (nested is null)
                {
                    reason = "its member '" + member.Name + "' has type '" + Types.Display(field.Type) + "'"
                        + (inner is null ? ", which can hold floating-point values SourceAD cannot differentiate" : ", which SourceAD cannot follow: " + inner)
                        + "; mark the member [NoDiff] if it carries no derivative";
                    return null;
                }
                if (nested.Members.Count == 0)
                {
                    continue;
                }
            }
            bool property = member is IPropertySymbol;
            MemberWrite write = member switch
            {
                IPropertySymbol { SetMethod: { IsInitOnly: false } } => MemberWrite.Assign,
                IFieldSymbol { IsReadOnly: false } => MemberWrite.Assign,
                _ => MemberWrite.Storage,
            };
            members.Add(new AggregateMember(member.Name, nested is null ? mapped : new TypeRef(Types.FullName(field.Type), ValueKind.Other, OtherHoldsState: true), nested, write, field.Name, property));
        }
        visiting.Remove(named);
        return new AggregateType(
            Types.FullName(named),
            named.TypeKind == TypeKind.Class,
            members.ToEquatableArray(),
            display,
            SignatureParser.Accessibility(named),
            named.ContainingNamespace.IsGlobalNamespace ? null : named.ContainingNamespace.ToDisplayString(),
            declarations.Select(d => new ContainerModel(SignatureParser.Declaration(d), d.Identifier.Text)).ToEquatableArray(),
            named.Name + "Gradients",
            named.TypeKind != TypeKind.Class ? AggregateCreation.Default
            : named.IsRecord ? AggregateCreation.With
            : named.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal) ? AggregateCreation.New
            : AggregateCreation.None);
    }

    /// <summary>
    /// The declarations of the types around <paramref name="type"/>, outermost first, where its helper class goes
    /// beside it; null when one of them is not partial.
    /// </summary>
    private static List<TypeDeclarationSyntax>? HelperContainers(INamedTypeSymbol type)
    {
        var declarations = new List<TypeDeclarationSyntax>();
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            var declaration = outer.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<TypeDeclarationSyntax>().FirstOrDefault();
            if (declaration is null || !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                return null;
            }
            declarations.Insert(0, declaration);
        }
        return declarations;
    }

    /// <summary>[NoDiff] on the member, or, for a positional record's property, on its parameter.</summary>
    private static bool IsNoDiff(ISymbol member, INamedTypeSymbol type) =>
        Types.HasAttribute(member, Types.NoDiffAttribute)
        || (type.IsRecord && member is IPropertySymbol && type.InstanceConstructors.Any(c =>
            c.Parameters.Any(p => p.Name == member.Name && Types.HasAttribute(p, Types.NoDiffAttribute))));

    /// <summary>The differentiable member paths of <paramref name="type"/> under <paramref name="root"/>, in declaration order: <c>p_A_X</c> for <c>p.A.X</c>.</summary>
    public static IEnumerable<AggregateLeaf> Leaves(string root, AggregateType type) => Leaves(root, type, new List<AggregateMember>());

    private static IEnumerable<AggregateLeaf> Leaves(string prefix, AggregateType type, List<AggregateMember> path)
    {
        foreach (AggregateMember member in type.Members)
        {
            path.Add(member);
            string name = prefix + "_" + member.Name;
            if (member.Nested is { } nested)
            {
                foreach (AggregateLeaf leaf in Leaves(name, nested, path))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return new AggregateLeaf(path.ToEquatableArray(), name);
            }
            path.RemoveAt(path.Count - 1);
        }
    }
}
