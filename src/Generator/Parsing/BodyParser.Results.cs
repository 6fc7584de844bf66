using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SourceAD.Generator.Diagnostics;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Parsing;

/// <summary>
/// A struct result (<see cref="MethodModel.Result"/>): <c>return e;</c> writes each differentiable member of
/// <c>e</c>, in declaration order, into the result's <c>[Output]</c> span, then returns. <c>e</c> is assembled member by
/// member: an object creation (with an initializer, or a positional record's or member-assigning constructor's
/// arguments), <c>default</c>, <c>v with { … }</c>, or a parameter, member or element of the same struct type. Members
/// it does not set are zero.
/// </summary>
internal sealed partial class BodyParser
{
    /// <summary>The struct result the method's returns write, if any.</summary>
    public AggregateParameter? Result { get; init; }

    private void ParseResultReturn(IOperation value, SyntaxNode statement, List<Stmt> into)
    {
        AggregateParameter result = Result!;
        var members = new Dictionary<string, Expr>();
        if (!Assemble(value, "", result.Type, members, into))
        {
            SyntaxNode at = value.Syntax;
            ReportOnce(Descriptors.UnsupportedExpression, at, "Returning '" + Source(at) + "' as a '" + result.Type.Display + "'",
                "return 'new " + result.Type.Display + " { … }', a positional record's 'new " + result.Type.Display + "(…)', 'default', 'v with { … }' or a parameter of that type, which SourceAD assembles member by member");
            return;
        }
        for (int i = 0; i < result.Leaves.Count; i++)
        {
            AggregateLeaf leaf = result.Leaves[i];
            string dotted = string.Join(".", leaf.Path.Select(m => m.Name));
            Expr member = members.TryGetValue(dotted, out Expr? e) ? Sym.To(e, leaf.Type) : Literals.Zero(leaf.Type);
            into.Add(new AssignElement(result.Name, Literals.Number(i, TypeRef.Int), member, Source(statement) + "  (" + dotted + ")", LocationInfo.From(value.Syntax)));
        }
        into.Add(new Return(null, Source(statement)));
    }

    /// <summary>Puts the members of <paramref name="value"/> (a <paramref name="type"/>) into <paramref name="members"/>, keyed by dotted path; false when it cannot be read member by member.</summary>
    private bool Assemble(IOperation value, string prefix, AggregateType type, Dictionary<string, Expr> members, List<Stmt> into)
    {
        while (value is IConversionOperation { IsImplicit: true } conversion)
        {
            value = conversion.Operand;
        }
        switch (value)
        {
            case IDefaultValueOperation:
                return true;
            case IObjectCreationOperation creation:
                foreach (IArgumentOperation argument in creation.Arguments)
                {
                    if (argument.Parameter is not { } parameter || creation.Constructor is not { } constructor
                        || MemberSetBy(constructor, parameter) is not { } name || !AssembleMember(argument.Value, prefix, type, name, members, into))
                    {
                        return false;
                    }
                }
                return AssembleInitializer(creation.Initializer, prefix, type, members, into);
            case IWithOperation with:
                return Assemble(with.Operand, prefix, type, members, into) && AssembleInitializer(with.Initializer, prefix, type, members, into);
        }
        if (PlaceOf(value) is { } place && TypeAt(place)?.Name == type.Name)
        {
            string from = place.Dotted;
            foreach (AggregateLeaf leaf in place.Root.Leaves.Where(l => from.Length == 0 || l.Dotted.StartsWith(from + ".", System.StringComparison.Ordinal)))
            {
                members[prefix + (from.Length == 0 ? leaf.Dotted : leaf.Dotted.Substring(from.Length + 1))] = Leaf(place, leaf);
            }
            return true;
        }
        return false;
    }

    private bool AssembleInitializer(IObjectOrCollectionInitializerOperation? initializer, string prefix, AggregateType type, Dictionary<string, Expr> members, List<Stmt> into)
    {
        foreach (IOperation item in initializer?.Initializers ?? Enumerable.Empty<IOperation>())
        {
            if (item is not ISimpleAssignmentOperation { Target: IMemberReferenceOperation target } assignment
                || !AssembleMember(assignment.Value, prefix, type, target.Member.Name, members, into))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>One member of an assembled struct: a leaf's value, or a nested struct's members.</summary>
    private bool AssembleMember(IOperation value, string prefix, AggregateType type, string name, Dictionary<string, Expr> members, List<Stmt> into)
    {
        if (type.Members.FirstOrDefault(m => m.Name == name) is not { } member)
        {
            return false;
        }
        if (member.Nested is { } nested)
        {
            return Assemble(value, prefix + name + ".", nested, members, into);
        }
        members[prefix + name] = ParseWithEffects(value, into);
        return true;
    }

    /// <summary>
    /// The member a constructor parameter sets: a positional record's property of its name, or the member a
    /// constructor whose body only assigns parameters to members (<c>X = x;</c>) assigns it to. Null otherwise.
    /// </summary>
    private static string? MemberSetBy(IMethodSymbol constructor, IParameterSymbol parameter)
    {
        INamedTypeSymbol type = constructor.ContainingType;
        SyntaxNode? syntax = constructor.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax();
        if (syntax is TypeDeclarationSyntax && type.IsRecord)
        {
            return type.GetMembers(parameter.Name).OfType<IPropertySymbol>().Any() ? parameter.Name : null;
        }
        if (syntax is not ConstructorDeclarationSyntax declaration)
        {
            return null;
        }
        IEnumerable<ExpressionSyntax> assignments = declaration.ExpressionBody is { } arrow
            ? new[] { arrow.Expression }
            : declaration.Body?.Statements.Select(s => (s as ExpressionStatementSyntax)?.Expression!) ?? Enumerable.Empty<ExpressionSyntax>();
        string? found = null;
        foreach (ExpressionSyntax? expression in assignments)
        {
            if (expression is not AssignmentExpressionSyntax { Left: var left, Right: IdentifierNameSyntax right } || MemberName(left) is not { } member)
            {
                return null; // anything but member = parameter: SourceAD cannot tell what the constructor computes
            }
            if (right.Identifier.Text == parameter.Name)
            {
                found = member;
            }
        }
        return found;
    }

    private static string? MemberName(ExpressionSyntax left) => left switch
    {
        IdentifierNameSyntax name => name.Identifier.Text,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var name } => name.Identifier.Text,
        _ => null,
    };
}
