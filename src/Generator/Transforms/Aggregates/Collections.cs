using System.Collections.Generic;
using System.Linq;
using SourceAD.Generator.Model;
using SourceAD.Generator.Parsing;
using static SourceAD.Generator.Transforms.Variants.VariantParts;

namespace SourceAD.Generator.Transforms.Aggregates;

/// <summary>
/// The signature layer for collections (Model/Aggregates.cs): an array or span of structs is passed to the flat
/// derivative as one span per member (structure of arrays, in pooled scratch), and its gradient is a
/// <c>Span&lt;T&gt;</c> of the same length, written back element by element (<c>default</c> first in Backward, added to
/// in a pullback); a list of scalars is passed as a span of its items, its gradient a <c>Span&lt;double&gt;</c> of
/// length <c>Count</c>.
/// </summary>
internal static partial class Reassembly
{
    private sealed record CollectionParts(List<FunctionParameter> Parameters, Dictionary<string, Var> Wrappers, List<Stmt> Prologue, List<Stmt> Epilogue, List<Stmt> Cleanup, Names Names, bool Backward);

    /// <summary>The flat argument for one leaf (or the pass-through) of a collection; declares the wrapper's parameter on first use.</summary>
    private static Expr Collection(MethodModel method, Role role, FunctionParameter parameter, CollectionParts parts)
    {
        AggregateParameter of = role.Of;
        var primal = new Var(of.Name, AggregateSignature.PassedType(of));
        TypeRef element = of.IsList ? of.Leaves[0].Type : new TypeRef(of.Type.Name, ValueKind.Other, OtherHoldsState: true);
        Expr count = new MemberRead(primal, of.IsList ? "Count" : "Length", TypeRef.Int);
        if (!parts.Wrappers.TryGetValue(role.Key, out Var? wrapper))
        {
            TypeRef type = role.Adjoints == 0 && role.Tangents == 0 ? primal.Type
                : new TypeRef((role.Adjoints > 0 ? "global::System.Span<" : "global::System.ReadOnlySpan<") + element.Name + ">", of.IsList ? ValueKind.Buffer : ValueKind.Other, of.IsList ? element : null);
            wrapper = new Var(Derived(of.Name, role.Adjoints, role.Tangents), type);
            parts.Wrappers[role.Key] = wrapper;
            string doc = role.Adjoints > 0
                ? (parameter.Doc.Contains("added") ? "the adjoint of <c>" + of.Name + "</c>, element by element (added to)" : "receives the gradient with respect to <c>" + of.Name + "</c>, element by element") + ": a caller-allocated span of its length"
                : role.Tangents > 0 ? "the tangent of <c>" + of.Name + "</c>, element by element"
                : "the input <c>" + of.Name + "</c> of <c>" + method.Name + "</c>; the derivatives are taken with respect to its elements' differentiable members";
            parts.Parameters.Add(new FunctionParameter(wrapper.Name, type, PassedBy.Value, parameter.Differentiable, doc));
            if (role.Adjoints > 0 || role.Tangents > 0)
            {
                parts.Prologue.AddRange(Checks.Length(wrapper, count, "the length of '" + of.Name + "'"));
            }
        }
        if (role.Leaf is not { } leaf)
        {
            return primal;
        }
        bool primalRole = role.Adjoints == 0 && role.Tangents == 0;
        if (of.IsList)
        {
            if (!primalRole)
            {
                return wrapper;
            }
            if (of.Shape == AggregateShape.ConcreteList)
            {
                return Calls.Static("global::System.Runtime.InteropServices.CollectionsMarshal.AsSpan", parameter.Type, primal);
            }
        }
        // Structure of arrays in pooled scratch: filled from the elements, and for a gradient written back to them.
        Var scratch = Rent(parts.Names, parameter.Name + "Scratch", leaf.Type, count, parts.Prologue, parts.Cleanup);
        var i = new Var(parts.Names.Fresh("i"), TypeRef.Int);
        Expr source = role.Adjoints > 0 || role.Tangents > 0 ? wrapper : primal;
        var item = new ElementRead(source, EquatableArray.Of<Expr>(i), element);
        bool fill = !(role.Adjoints > 0 && parts.Backward);
        if (fill)
        {
            Expr value = of.IsList ? item : Read(item, leaf);
            parts.Prologue.AddRange(For(i, count, new[] { new AssignElement(scratch.Name, i, value, "") }));
        }
        else
        {
            parts.Prologue.Add(Clear(scratch));
        }
        if (role.Adjoints > 0)
        {
            var j = new Var(parts.Names.Fresh("i"), TypeRef.Int);
            var target = new ElementRead(wrapper, EquatableArray.Of<Expr>(j), element);
            var write = new List<Stmt>();
            if (parts.Backward && leaf == of.Leaves[0])
            {
                // Backward's gradient elements start from default: their members that carry no derivative stay default.
                write.Add(new AssignElement(wrapper.Name, j, new Literal("default", null, element), ""));
            }
            write.Add(new AssignMember(Target(target, of.Type, leaf), new ElementRead(scratch, EquatableArray.Of<Expr>(j), leaf.Type)));
            parts.Epilogue.AddRange(For(j, count, write));
        }
        return scratch;
    }
}
