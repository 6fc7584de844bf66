using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SourceAD.Generator.Diagnostics;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Parsing;

/// <summary>
/// Reads of aggregate parameters and of the instance (Model/Aggregates.cs). A read of a differentiable member path
/// (<c>p.A.X</c>, or <c>W</c> in an instance method) is the flat variable of that leaf; a read of a constant member
/// (an integer, a [NoDiff] member) reads the pass-through; a computed property's getter is inlined when it is one
/// expression; a call to a <c>[Differentiable]</c> method that takes aggregates (or is an instance method) passes each
/// aggregate as its pass-through and its leaves. Any other use of an aggregate as a whole is an error, so no
/// derivative is ever lost in code SourceAD does not follow.
/// </summary>
internal sealed partial class BodyParser
{
    private readonly Dictionary<string, AggregateParameter> _aggregates;

    /// <summary>What <c>this</c> means while a getter is inlined: the place of the receiver.</summary>
    private Place? _thisScope;

    private readonly HashSet<IPropertySymbol> _inlining = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// A place inside an aggregate parameter: the parameter, the element (for a collection, <see cref="Index"/>; null
    /// names the collection itself), and the members below it.
    /// </summary>
    private sealed record Place(AggregateParameter Root, List<string> Path, Expr? Index = null)
    {
        public string Dotted => string.Join(".", Path);

        public Place Then(string member) => new(Root, Path.Append(member).ToList(), Index);

        /// <summary>A collection as a whole (its Length or Count are constants).</summary>
        public bool IsCollection => Root.IsCollection && Index is null;
    }

    /// <summary>The aggregate a parameter reference or <c>this</c> is, or null.</summary>
    private Place? Root(IOperation? operation) => operation switch
    {
        IParameterReferenceOperation p when _aggregates.TryGetValue(p.Parameter.Name, out AggregateParameter? a) => new Place(a, new List<string>()),
        IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } when _thisScope is not null => _thisScope,
        IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } when _aggregates.TryGetValue(AggregateParameter.This, out AggregateParameter? a) => new Place(a, new List<string>()),
        _ => null,
    };

    /// <summary>The place a chain of member reads from an aggregate names, or null.</summary>
    private Place? PlaceOf(IOperation? operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }
        return operation switch
        {
            IFieldReferenceOperation { Field.IsStatic: false } field => Member(PlaceOf(field.Instance), field.Field.Name),
            IPropertyReferenceOperation { Property.IsStatic: false, Arguments.Length: 0 } property => Member(PlaceOf(property.Instance), property.Property.Name),
            IArrayElementReferenceOperation { Indices.Length: 1 } element => Element(PlaceOf(element.ArrayReference), element.Indices[0]),
            IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer => Element(PlaceOf(indexer.Instance), indexer.Arguments[0].Value),
            _ => Root(operation),
        };
    }

    private static Place? Member(Place? receiver, string member) => receiver is { IsCollection: false } ? receiver.Then(member) : null;

    private Place? Element(Place? collection, IOperation index) =>
        collection is { IsCollection: true } && Types.Map(index.Type).Kind == ValueKind.Integer ? collection with { Index = ParseExpression(index) } : null;

    /// <summary>The aggregate type at <paramref name="place"/>, or null when the place is a leaf, a constant member or a collection.</summary>
    private static AggregateType? TypeAt(Place place)
    {
        if (place.IsCollection || place.Root.IsList)
        {
            return null;
        }
        AggregateType type = place.Root.Type;
        foreach (string name in place.Path)
        {
            if (type.Members.FirstOrDefault(m => m.Name == name)?.Nested is not { } nested)
            {
                return null;
            }
            type = nested;
        }
        return type;
    }

    /// <summary>The pass-through value at <paramref name="place"/>: the parameter (or instance), then member reads.</summary>
    private static Expr Passed(Place place)
    {
        Expr value = new Var(place.Root.Name, AggregateSignature.PassedType(place.Root));
        if (place.Index is not null)
        {
            value = new ElementRead(value, EquatableArray.Of(place.Index), new TypeRef(place.Root.Type.Name, ValueKind.Other, OtherHoldsState: true));
        }
        AggregateType type = place.Root.Type;
        foreach (string name in place.Path)
        {
            AggregateType nested = type.Members.First(m => m.Name == name).Nested!;
            value = new MemberRead(value, name, new TypeRef(nested.Name, ValueKind.Other, OtherHoldsState: true));
            type = nested;
        }
        return value;
    }

    /// <summary>A field or property read whose receiver is an aggregate; null for any other read (parsed as usual).</summary>
    private Expr? AggregateRead(IOperation operation, TypeRef type)
    {
        (IOperation? instance, ISymbol member) = operation switch
        {
            IFieldReferenceOperation { Field.IsStatic: false } field => (field.Instance, (ISymbol)field.Field),
            IPropertyReferenceOperation { Property.IsStatic: false, Arguments.Length: 0 } reference => (reference.Instance, reference.Property),
            _ => (null, null!),
        };
        if (instance is not null && PlaceOf(instance) is { IsCollection: true } collection)
        {
            return new MemberRead(Passed(collection), member.Name, type, LocationInfo.From(operation.Syntax)); // Length, Count
        }
        if (instance is null || PlaceOf(instance) is not { } receiver || TypeAt(receiver) is not { } aggregate)
        {
            return null;
        }
        Place place = receiver.Then(member.Name);
        if (aggregate.Members.FirstOrDefault(m => m.Name == member.Name) is { } differentiable)
        {
            if (differentiable.Nested is not null)
            {
                return WholeAggregate(operation, place, type);
            }
            return Leaf(place, place.Root.Leaves.First(l => l.Dotted == place.Dotted));
        }
        if (member is IPropertySymbol property && !IsStored(property) && !Types.HasAttribute(property, Types.NoDiffAttribute) && FloatingPointState.Holds(property.Type))
        {
            return InlineGetter(property, receiver, type, operation.Syntax);
        }
        // A constant member: an integer, a string, a [NoDiff] value.
        return new MemberRead(Passed(receiver), member.Name, type, LocationInfo.From(operation.Syntax));
    }

    /// <summary>A leaf at a place: its flat variable, or the element of its span for an element of a collection.</summary>
    private static Expr Leaf(Place place, AggregateLeaf leaf)
    {
        var variable = new Var(leaf.Name, AggregateSignature.LeafType(place.Root, leaf));
        return place.Index is null ? variable : new ElementRead(variable, EquatableArray.Of(place.Index), leaf.Type);
    }

    /// <summary>An element of a list of scalars, <c>xs[i]</c>: an element of its items' span. Null for any other read.</summary>
    private Expr? ListElement(IOperation operation) =>
        PlaceOf(operation) is { Root.IsList: true, Index: not null, Path.Count: 0 } place ? Leaf(place, place.Root.Leaves[0]) : null;

    /// <summary>Whether a property is an auto-property (its value is a field of the type).</summary>
    private static bool IsStored(IPropertySymbol property) =>
        property.ContainingType.GetMembers().OfType<IFieldSymbol>().Any(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, property));

    /// <summary>
    /// An aggregate used as a whole, which SourceAD cannot follow: an error, unless the use can neither carry a derivative
    /// out (its value holds no floating-point state) nor write the aggregate (a readonly struct method).
    /// </summary>
    private Expr WholeAggregate(IOperation operation, Place place, TypeRef type)
    {
        if (operation.Parent is IInvocationOperation call && call.Instance == operation && !FloatingPointState.Holds(call.Type)
            && operation.Type is { IsValueType: true } && (call.TargetMethod.IsReadOnly || operation.Type.IsReadOnly))
        {
            return Passed(place);
        }
        string name = place.Path.Count == 0 ? (place.Root.IsInstance ? "this" : place.Root.Name) : (place.Root.IsInstance ? "" : place.Root.Name + ".") + place.Dotted;
        SyntaxNode at = operation.Parent is { } parent && parent.Syntax.Span.Length < 120 ? parent.Syntax : operation.Syntax;
        ReportOnce(Descriptors.UnsupportedExpression, at, "'" + Source(at) + "', which uses '" + name + "' (" + (TypeAt(place) is { } whole ? "a " + whole.Display + " with differentiable members" : "a collection SourceAD reads element by element") + ") as a whole,",
            "read its members (" + name + (place.Root.IsInstance && place.Path.Count == 0 ? "" : ".") + "X), or pass it to a [Differentiable] method, which SourceAD follows member by member");
        return Passed(place) with { Type = type };
    }

    /// <summary>A call to a <c>[Differentiable]</c> method with a flat signature: each aggregate as its pass-through and its leaves.</summary>
    private Expr FlatCall(IInvocationOperation invocation, TypeRef type)
    {
        IMethodSymbol target = invocation.TargetMethod;
        List<AggregateSignature.FlatParameter> flat = AggregateSignature.Of(target);
        var byParameter = invocation.Arguments.Where(a => a.Parameter is not null).ToDictionary(a => a.Parameter!.Ordinal);
        var plain = ParseArguments(invocation.Arguments.Where(a => a.Parameter is null || !flat.Any(f => f.Of is not null && SymbolEqualityComparer.Default.Equals(f.Original, a.Parameter))), forDerivative: true)
            .Select(a => a.Value is Model.Convert conversion ? conversion.Operand : a.Value).ToList();
        var args = new List<Expr>();
        int next = 0;
        foreach (AggregateSignature.FlatParameter parameter in flat.Where(f => f.Leaf is null))
        {
            if (parameter.Of is not { } aggregate)
            {
                args.Add(next < plain.Count ? plain[next++] : Placeholder(parameter.Type));
                continue;
            }
            IOperation? source = aggregate.IsInstance ? invocation.Instance : byParameter.TryGetValue(parameter.Original!.Ordinal, out IArgumentOperation? argument) ? argument.Value : null;
            Place? place = PlaceOf(source);
            bool sameCollection = place is { IsCollection: true } && place.Root.Shape == aggregate.Shape && place.Root.Type.Name == aggregate.Type.Name;
            if (place is null || (!sameCollection && (aggregate.IsCollection || TypeAt(place)?.Name != aggregate.Type.Name)))
            {
                SyntaxNode at = source?.Syntax ?? invocation.Syntax;
                ReportOnce(Descriptors.UnsupportedExpression, at, "Passing '" + Source(at) + "' to '" + target.Name + "'",
                    "pass a parameter of type '" + aggregate.Type.Display + "', the instance, or a member of one: SourceAD follows the members of the aggregates the method receives");
                args.Add(Placeholder(parameter.Type));
                args.AddRange(aggregate.Leaves.Select(l => Placeholder(l.Type)));
                continue;
            }
            args.Add(Passed(place));
            string prefix = place.Dotted;
            args.AddRange(place.Root.Leaves.Where(l => prefix.Length == 0 || l.Dotted.StartsWith(prefix + ".", System.StringComparison.Ordinal)).Select(l => Leaf(place, l)));
        }
        string containing = Types.FullName(target.ContainingType);
        string name = target.Name + MethodModel.Flat;
        var callee = new Callee(
            containing,
            name,
            name,
            flat.Select(f => f.Name).ToEquatableArray(),
            flat.Select(f => f.Differentiable).ToEquatableArray(),
            flat.Select(f => f.Type).ToEquatableArray(),
            Types.Map(target.ReturnType),
            containing + "." + DerivativeNames.Of(name, new[] { Mode.Reverse }),
            TakesResult: false,
            IsRule: false,
            Operator: null,
            flat.Select(f => f.Of is null && f.Original is not null && Types.IsOutput(f.Original)).ToEquatableArray());
        return new DiffCall(callee, args.ToEquatableArray(), type, LocationInfo.From(invocation.Syntax), Source(invocation.Syntax));
    }

    /// <summary>A computed property of an aggregate, read through its getter's expression with <c>this</c> the receiver.</summary>
    private Expr InlineGetter(IPropertySymbol property, Place receiver, TypeRef type, SyntaxNode at)
    {
        ExpressionSyntax? expression = property.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<PropertyDeclarationSyntax>().Select(GetterExpression).FirstOrDefault();
        if (expression is null || !_inlining.Add(property))
        {
            ReportOnce(Descriptors.UnsupportedExpression, at, "The property '" + property.Name + "' of '" + Types.Display(property.ContainingType) + "'",
                "SourceAD reads a computed property by inlining its getter, which must be one expression (=> …) that does not read the property again; write it that way, or mark the property [NoDiff] if it carries no derivative");
            return Placeholder(type);
        }
        Place? saved = _thisScope;
        _thisScope = receiver;
        try
        {
            IOperation? getter = _compilation.GetSemanticModel(expression.SyntaxTree).GetOperation(expression);
            return getter is null ? Placeholder(type) : Sym.To(ParseExpression(getter), type);
        }
        finally
        {
            _thisScope = saved;
            _inlining.Remove(property);
        }
    }

    /// <summary>Reports at <paramref name="syntax"/> unless a diagnostic is already there (expressions with effects are parsed twice).</summary>
    private void ReportOnce(DiagnosticDescriptor descriptor, SyntaxNode syntax, params string[] arguments)
    {
        if (!IsReportedBySyntax(syntax))
        {
            Report(descriptor, syntax, arguments);
        }
    }

    /// <summary>The expression a getter returns: <c>=> e</c>, <c>get => e</c> or <c>get { return e; }</c>.</summary>
    private static ExpressionSyntax? GetterExpression(PropertyDeclarationSyntax property)
    {
        if (property.ExpressionBody is { } arrow)
        {
            return arrow.Expression;
        }
        AccessorDeclarationSyntax? get = property.AccessorList?.Accessors.FirstOrDefault(a => a.Keyword.Text == "get");
        return get?.ExpressionBody?.Expression
            ?? (get?.Body?.Statements is [ReturnStatementSyntax { Expression: { } returned }] ? returned : null);
    }
}
