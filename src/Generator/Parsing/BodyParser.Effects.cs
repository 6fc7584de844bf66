using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using LoopKind = SourceAD.Generator.Model.LoopKind;
using SourceAD.Generator.Diagnostics;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Parsing;

/// <summary>
/// Side effects on integers and booleans inside expressions: <c>a[k++]</c>, <c>while (n-- &gt; 0)</c>,
/// <c>for (…; i++ &lt; n;)</c>. Each becomes a statement of its own before the statement that contains it (or, in a loop
/// condition, at the start of each iteration), so the IR stays free of effects inside expressions. An effect must come
/// after every other read of its variable in the expression (else the order of evaluation would change), and must not
/// sit where it runs only conditionally (the right of <c>&amp;&amp;</c>, a branch of <c>?:</c>).
/// </summary>
internal sealed partial class BodyParser
{
    /// <summary>The statements the effects of the expression being parsed become; null where effects are not allowed.</summary>
    private List<Stmt>? _effects;

    /// <summary>The variables the effects of the expression being parsed assign, with where.</summary>
    private readonly List<(ISymbol Variable, SyntaxNode At)> _effectTargets = new();

    /// <summary>Parses an expression of a statement; its effects are appended to <paramref name="into"/> first.</summary>
    private Expr ParseWithEffects(IOperation operation, List<Stmt> into) => WithEffects(operation, into, () => ParseExpression(operation));

    /// <summary>
    /// Runs <paramref name="parse"/> (the parse of <paramref name="statement"/> or of an expression of it) with effects
    /// allowed, checks their order, and appends them to <paramref name="into"/>; the caller adds the statement after.
    /// </summary>
    private T WithEffects<T>(IOperation statement, List<Stmt> into, System.Func<T> parse)
    {
        List<Stmt>? outer = _effects;
        var outerTargets = new List<(ISymbol, SyntaxNode)>(_effectTargets);
        _effects = new List<Stmt>();
        _effectTargets.Clear();
        try
        {
            T parsed = parse();
            CheckEffectOrder(statement);
            into.AddRange(_effects);
            return parsed;
        }
        finally
        {
            _effects = outer;
            _effectTargets.Clear();
            _effectTargets.AddRange(outerTargets);
        }
    }

    /// <summary>Parses <paramref name="operation"/> where it is evaluated only conditionally: no effects allowed.</summary>
    private Expr ParseConditionally(IOperation operation)
    {
        List<Stmt>? outer = _effects;
        _effects = null;
        try
        {
            return ParseExpression(operation);
        }
        finally
        {
            _effects = outer;
        }
    }

    /// <summary>
    /// An assignment, increment or decrement inside an expression: a statement before it when it assigns an integer or
    /// boolean local or parameter and effects are allowed here; otherwise SAD0011.
    /// </summary>
    private Expr ParseNestedEffect(IOperation operation, TypeRef type)
    {
        IOperation target = operation switch
        {
            IAssignmentOperation assignment => assignment.Target,
            IIncrementOrDecrementOperation step => step.Target,
            _ => operation,
        };
        ISymbol? symbol = target switch
        {
            ILocalReferenceOperation l => l.Local,
            IParameterReferenceOperation p => p.Parameter,
            _ => null,
        };
        TypeRef targetType = Types.Map(target.Type);
        if (_effects is null || symbol is null || targetType.Kind is not (ValueKind.Integer or ValueKind.Boolean))
        {
            Report(Descriptors.NestedAssignment, operation.Syntax, Source(operation.Syntax));
            return Placeholder(type);
        }
        var variable = new Var(symbol is ILocalSymbol local ? LocalName(local) : symbol.Name, targetType);
        string source = Source(operation.Syntax);
        Expr result = variable;
        switch (operation)
        {
            case IIncrementOrDecrementOperation step:
                BinaryOp op = step.Kind == OperationKind.Increment ? BinaryOp.Add : BinaryOp.Subtract;
                if (step.IsPostfix)
                {
                    var old = new Var(FreshLocal(variable.Name + "Before", targetType), targetType);
                    _effects.Add(new Assign(old.Name, variable, source + "  (the value before)"));
                    result = old;
                }
                _effects.Add(new Assign(variable.Name, new Binary(op, variable, Literals.One(targetType), targetType), source));
                break;
            case ISimpleAssignmentOperation assignment:
                _effects.Add(new Assign(variable.Name, Sym.To(ParseExpression(assignment.Value), targetType), source));
                break;
            case ICompoundAssignmentOperation compound when Map(compound.OperatorKind) is BinaryOp compoundOp:
                _effects.Add(new Assign(variable.Name, new Binary(compoundOp, variable, Sym.To(ParseExpression(compound.Value), targetType), targetType), source));
                break;
            default:
                Report(Descriptors.NestedAssignment, operation.Syntax, source);
                return Placeholder(type);
        }
        _effectTargets.Add((symbol, operation.Syntax));
        return Sym.To(result, type);
    }

    /// <summary>
    /// Reports an effect whose variable the expression also reads before it, in source order (moving the effect first
    /// would change that read), or that assigns a variable another effect of the expression also assigns.
    /// </summary>
    private void CheckEffectOrder(IOperation expression)
    {
        foreach (var group in _effectTargets.GroupBy(e => e.Variable, SymbolEqualityComparer.Default))
        {
            if (group.Count() > 1)
            {
                Report(Descriptors.NestedAssignment, group.ElementAt(1).At, Source(group.ElementAt(1).At));
                continue;
            }
            SyntaxNode effect = group.First().At;
            bool readBefore = expression.DescendantsAndSelf().Any(o =>
                o.Syntax.SpanStart < effect.SpanStart && !effect.Span.Contains(o.Syntax.Span)
                && (o is ILocalReferenceOperation l && SymbolEqualityComparer.Default.Equals(l.Local, group.Key)
                    || o is IParameterReferenceOperation p && SymbolEqualityComparer.Default.Equals(p.Parameter, group.Key)));
            if (readBefore)
            {
                Report(Descriptors.NestedAssignment, effect, Source(effect));
            }
        }
    }

    /// <summary>
    /// A loop whose condition has effects: <c>while (n-- &gt; 0) body</c> becomes
    /// <c>for (;;) { effects; if (!(condition)) break; body }</c>, so the effects run before each test.
    /// </summary>
    private static Loop LoopWithEffects(int id, LoopKind kind, Expr? condition, List<Stmt> effects, Block body, Block step, string source)
    {
        if (condition is null || effects.Count == 0)
        {
            return new Loop(id, kind, condition, body, step, source);
        }
        var exit = new If(Sym.Not(condition), new Block(EquatableArray.Of<Stmt>(new Break(id, "break"))), Block.Empty, "(the loop's condition)");
        if (kind == LoopKind.TestFirst)
        {
            return new Loop(id, kind, null, new Block(effects.Append(exit).Concat(body.Statements).ToEquatableArray()), step, source);
        }
        // do { body } while (c): the test, and its effects, run after the body and after a continue.
        return new Loop(id, LoopKind.TestFirst, null, body, new Block(step.Statements.Concat(effects).Append(exit).ToEquatableArray()), source);
    }
}
