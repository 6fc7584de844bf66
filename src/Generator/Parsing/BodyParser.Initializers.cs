using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SourceAD.Generator.Diagnostics;
using SourceAD.Generator.Model;
using SourceAD.Generator.Analysis;

namespace SourceAD.Generator.Parsing;

/// <summary>
/// Buffers built from values, lowered to what they do: array initializers and collection expressions
/// (<c>double[] v = [x, y, x * y]</c>, <c>new[] { x, y }</c>, <c>stackalloc double[] { x, 2 * y }</c>) become an
/// allocation and one element write per value; a <c>params</c> argument becomes such a local buffer before the call;
/// <c>x[^1]</c> reads <c>x[x.Length - 1]</c>; a range of a span is a view, of an array a copy; and a deconstruction
/// <c>(a, b) = (b, a)</c> assigns each variable.
/// </summary>
internal sealed partial class BodyParser
{
    /// <summary>
    /// Lowers <c>target = { e0, e1, … }</c> (any initializer or collection expression of a floating-point buffer) to
    /// <c>target = new T[n]; target[0] = e0; …</c>. Returns false when <paramref name="value"/> is not one.
    /// </summary>
    private bool TryParseInitializer(string target, TypeRef targetType, IOperation value, string source, SyntaxNode syntax, List<Stmt> into)
    {
        if (!targetType.IsBuffer || InitializerElements(value, out bool onStack) is not { } elements)
        {
            return false;
        }
        TypeRef element = targetType.Element!;
        var length = Literals.Number(elements.Count, TypeRef.Int);
        into.Add(new Assign(target, new NewBuffer(length, onStack, targetType), source, LocationInfo.From(syntax)));
        for (int i = 0; i < elements.Count; i++)
        {
            Expr item = Sym.To(ParseWithEffects(elements[i], into), element);
            into.Add(new AssignElement(target, Literals.Number(i, TypeRef.Int), item, source + "  (element " + i + ")", LocationInfo.From(elements[i].Syntax)));
        }
        return true;
    }

    /// <summary>The values of an array initializer, collection expression or initialized stackalloc; null otherwise.</summary>
    private static IReadOnlyList<IOperation>? InitializerElements(IOperation value, out bool onStack)
    {
        onStack = false;
        while (value is IConversionOperation { IsImplicit: true } conversion)
        {
            value = conversion.Operand;
        }
        switch (value)
        {
            case IArrayCreationOperation { DimensionSizes.Length: 1, Initializer: { } initializer }
                when initializer.ElementValues.All(e => e is not IArrayInitializerOperation):
                return initializer.ElementValues;
            case ICollectionExpressionOperation collection when collection.Elements.All(e => e is not ISpreadOperation):
                onStack = Types.Map(collection.Type).IsSpan;
                return collection.Elements;
            case { Syntax: StackAllocArrayCreationExpressionSyntax { Initializer: { } list } } when value.ChildOperations.Count == list.Expressions.Count + 1:
                onStack = true;
                return value.ChildOperations.Skip(1).ToList();
            case { Syntax: ImplicitStackAllocArrayCreationExpressionSyntax { Initializer: { } list } } when value.ChildOperations.Count >= list.Expressions.Count:
                onStack = true;
                return value.ChildOperations.Skip(value.ChildOperations.Count - list.Expressions.Count).ToList();
            default:
                return null;
        }
    }

    /// <summary>
    /// A <c>params</c> argument as the array it is. A differentiable callee needs the adjoint of that array's elements,
    /// so there it becomes a local buffer, filled just before the call.
    /// </summary>
    private Expr ParseParams(IArgumentOperation argument, bool forDerivative)
    {
        IReadOnlyList<IOperation> elements = InitializerElements(argument.Value, out _) ?? new List<IOperation>();
        TypeRef type = Types.Map(argument.Value.Type);
        if (!forDerivative || !type.IsBuffer)
        {
            return new NewArray(elements.Select(ParseExpression).ToEquatableArray(), type);
        }
        if (_effects is null)
        {
            Report(Descriptors.UnsupportedExpression, argument.Syntax, "The params argument '" + Source(argument.Syntax) + "' here (it runs only conditionally)", "pass an array variable");
            return Placeholder(type);
        }
        string name = FreshLocal("arguments", type);
        _effects.Add(new Assign(name, new NewBuffer(Literals.Number(elements.Count, TypeRef.Int), false, type), Source(argument.Syntax) + "  (the params array)", LocationInfo.From(argument.Syntax)));
        for (int i = 0; i < elements.Count; i++)
        {
            _effects.Add(new AssignElement(name, Literals.Number(i, TypeRef.Int), Sym.To(ParseExpression(elements[i]), type.Element!), Source(elements[i].Syntax) + "  (params element " + i + ")"));
        }
        return new Var(name, type);
    }

    /// <summary><c>buffer[index]</c> where the index is an <c>Index</c> (<c>^k</c> counts from the end); null for other indices.</summary>
    private Expr? IndexedElement(IOperation buffer, IOperation index, TypeRef type)
    {
        Expr source = ParseExpression(buffer);
        return IndexValue(index, source) is { } at ? Element(source, at, type) : null;
    }

    /// <summary><c>buffer[a..b]</c>: a view of the buffer (for an array, the array copies it: see <see cref="CopiedBuffer"/>).</summary>
    private Slice? RangeOf(IOperation buffer, IRangeOperation range)
    {
        Expr source = ParseExpression(buffer);
        if (!source.Type.IsBuffer)
        {
            return null;
        }
        Expr? start = range.LeftOperand is null ? Literals.Zero(TypeRef.Int) : IndexValue(range.LeftOperand, source);
        Expr? end = range.RightOperand is null ? LengthOfBuffer(source) : IndexValue(range.RightOperand, source);
        TypeRef viewType = source.Type.IsSpan ? source.Type : new TypeRef("global::System.Span<" + source.Type.Element!.Name + ">", ValueKind.Buffer, source.Type.Element);
        return start is null || end is null ? null : SliceOf(source, start, Sym.Sub(end, start), viewType);
    }

    /// <summary>The position an <c>Index</c> denotes in <paramref name="buffer"/>: <c>k</c>, or <c>Length − k</c> for <c>^k</c>.</summary>
    private Expr? IndexValue(IOperation index, Expr buffer) => index switch
    {
        IUnaryOperation { OperatorKind: UnaryOperatorKind.Hat, Operand: var fromEnd } => Sym.Sub(LengthOfBuffer(buffer), ParseExpression(fromEnd)),
        IConversionOperation { Operand.Type.SpecialType: SpecialType.System_Int32, Operand: var position } => ParseExpression(position),
        _ when index.Type?.SpecialType == SpecialType.System_Int32 => ParseExpression(index),
        _ => null,
    };

    private static bool IsIndex(ITypeSymbol? type) => type?.ToDisplayString() == "System.Index";

    /// <summary>
    /// <c>(a, b) = (e0, e1)</c> and <c>var (a, b) = (e0, e1)</c>: every value is computed before any variable is
    /// assigned (through temporaries when a value reads an assigned variable). Returns false for other deconstructions.
    /// </summary>
    private bool TryParseDeconstruction(IDeconstructionAssignmentOperation deconstruction, string source, List<Stmt> into)
    {
        IOperation targetTuple = deconstruction.Target is IDeclarationExpressionOperation declaration ? declaration.Expression : deconstruction.Target;
        IOperation valueTuple = deconstruction.Value;
        while (valueTuple is IConversionOperation { IsImplicit: true } conversion)
        {
            valueTuple = conversion.Operand;
        }
        if (targetTuple is not ITupleOperation targets || valueTuple is not ITupleOperation values || targets.Elements.Length != values.Elements.Length)
        {
            return false;
        }
        var variables = new List<Var>();
        foreach (IOperation element in targets.Elements)
        {
            IOperation target = element is IDeclarationExpressionOperation declared ? declared.Expression : element;
            if (AssignTarget(target) is not Var variable)
            {
                return true; // AssignTarget reported it
            }
            variables.Add(variable);
        }
        var parsed = values.Elements.Select((v, i) => Sym.To(ParseExpression(v), variables[i].Type)).ToList();
        var assigned = new HashSet<string>(variables.Select(v => v.Name));
        bool swap = parsed.Any(p => ExprVisitor.AllVars(p).Overlaps(assigned));
        for (int i = 0; i < variables.Count; i++)
        {
            Expr value = parsed[i];
            if (swap)
            {
                string temp = FreshLocal(variables[i].Name + "New", variables[i].Type);
                into.Add(new Assign(temp, value, source + "  (value " + i + ")"));
                parsed[i] = new Var(temp, variables[i].Type);
            }
        }
        for (int i = 0; i < variables.Count; i++)
        {
            into.Add(new Assign(variables[i].Name, parsed[i], source, LocationInfo.From(deconstruction.Syntax)));
        }
        return true;
    }
}
