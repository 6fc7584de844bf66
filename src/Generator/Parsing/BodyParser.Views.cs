using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Parsing;

/// <summary>
/// Span views: a local <c>ReadOnlySpan&lt;double&gt; row = x.AsSpan(i * d, d)</c> (or <c>.Slice</c>) that stays the same
/// view while it is used is read as the buffer it views, <c>row[j]</c> as <c>x[i * d + j]</c>, so the adjoint of each
/// read lands in the matching element of the buffer's adjoint and nothing about the view needs saving.
/// </summary>
internal sealed partial class BodyParser
{
    /// <summary>Locals read as the expression they stand for: span views, and foreach variables over parameters.</summary>
    private readonly Dictionary<ILocalSymbol, Expr> _aliases = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// Makes <paramref name="declarator"/> a view when its initializer is a slice of a buffer and neither the view nor
    /// anything its start and length read is assigned after the declaration in the block that declares it.
    /// <paramref name="parsed"/> is the initializer, when this parsed it (the caller must not parse it again).
    /// </summary>
    private bool TryDeclareView(IVariableDeclaratorOperation declarator, IVariableInitializerOperation initializer, out Expr? parsed)
    {
        parsed = null;
        ILocalSymbol local = declarator.Symbol;
        if (!Types.Map(local.Type).IsSpan || !IsStable(declarator, initializer.Value))
        {
            return false;
        }
        parsed = ParseExpression(initializer.Value);
        if (parsed is not Slice { Buffer: Var } view)
        {
            return false;
        }
        if (_localNames.TryGetValue(local, out string? declared))
        {
            // The block declared its locals on entry; a view is not a variable of the generated code.
            _locals.RemoveAll(l => l.Name == declared);
            _localNames.Remove(local);
        }
        _aliases[local] = view;
        return true;
    }

    /// <summary>Whether no statement after the declaration, in its block, assigns the view or a variable its initializer reads.</summary>
    private static bool IsStable(IVariableDeclaratorOperation declarator, IOperation initializer)
    {
        var watched = new HashSet<ISymbol>(SymbolEqualityComparer.Default) { declarator.Symbol };
        foreach (IOperation read in initializer.DescendantsAndSelf())
        {
            if (read is ILocalReferenceOperation l) watched.Add(l.Local);
            if (read is IParameterReferenceOperation p) watched.Add(p.Parameter);
        }
        // Only a declaration that is a statement of a block (not of a switch section or a for initializer, whose
        // scopes span statements this would not see).
        if (declarator.Parent?.Parent is not IVariableDeclarationGroupOperation { Parent: IBlockOperation block } statement)
        {
            return false;
        }
        return block.Operations.SkipWhile(o => o != statement).Skip(1)
            .SelectMany(o => o.DescendantsAndSelf())
            .All(o => !(AssignedSymbol(o) is { } assigned && watched.Contains(assigned)));
    }

    private static ISymbol? AssignedSymbol(IOperation operation)
    {
        IOperation? target = operation switch
        {
            IAssignmentOperation assignment => assignment.Target,
            IIncrementOrDecrementOperation step => step.Target,
            _ => null,
        };
        return target switch
        {
            ILocalReferenceOperation l => l.Local,
            IParameterReferenceOperation p => p.Parameter,
            _ => null,
        };
    }

    /// <summary><c>buffer[index]</c>, through any view: an element of a slice is an element of the sliced buffer.</summary>
    private static Expr Element(Expr buffer, Expr index, TypeRef type) => buffer is Slice { Buffer: var underlying, Start: var start }
        ? new ElementRead(underlying, EquatableArray.Of(start is null ? index : Sym.Add(start, index)), type)
        : new ElementRead(buffer, EquatableArray.Of(index), type);

    /// <summary>A slice of a buffer or of a view (a view of a view is a view of the underlying buffer).</summary>
    private static Slice SliceOf(Expr buffer, Expr? start, Expr? length, TypeRef type)
    {
        if (buffer is Slice outer)
        {
            Expr? from = outer.Start is null ? start : start is null ? outer.Start : Sym.Add(outer.Start, start);
            Expr? count = length ?? (outer.Length is null ? null : start is null ? outer.Length : Sym.Sub(outer.Length, start));
            return new Slice(outer.Buffer, from, count, type);
        }
        return new Slice(buffer, start, length, type);
    }

    /// <summary>The length of a view: its explicit length, else what remains of the buffer after its start.</summary>
    private static Expr LengthOf(Slice view)
    {
        Expr whole = new MemberRead(view.Buffer, "Length", TypeRef.Int);
        return view.Length ?? (view.Start is null ? whole : Sym.Sub(whole, view.Start));
    }
}
