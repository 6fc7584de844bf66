using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SourceAD.Generator.Diagnostics;
using SourceAD.Generator.Model;

namespace SourceAD.Generator.Parsing;

/// <summary>
/// Patterns on values (<c>x is &gt; 0 and &lt; 1</c>, relational and constant <c>case</c> labels, the arms of a switch
/// expression), lowered to the comparisons and <c>?:</c> they mean, so the branch taken is differentiated like
/// <c>if</c>/<c>?:</c>. Other patterns (types, properties, declarations) are kept as written, where they must not
/// depend on a differentiable input.
/// </summary>
internal sealed partial class BodyParser
{
    private Expr? CaseTest(Expr value, ICaseClauseOperation clause)
    {
        switch (clause)
        {
            case ISingleValueCaseClauseOperation single:
                return Sym.Compare(BinaryOp.Equal, value, ParseExpression(single.Value));
            case IPatternCaseClauseOperation pattern:
                Expr? test = PatternTest(value, pattern.Pattern);
                if (test is null)
                {
                    Report(Descriptors.UnsupportedStatement, pattern.Pattern.Syntax, "The pattern '" + Source(pattern.Pattern.Syntax) + "'", "use constant or relational (<, <=, >, >=) patterns, combined with and, or, not");
                    return null;
                }
                return pattern.Guard is null ? test : Sym.And(test, ParseConditionally(pattern.Guard));
            default:
                Report(Descriptors.UnsupportedStatement, clause.Syntax, "The case label '" + Source(clause.Syntax) + "'", "use constant cases");
                return null;
        }
    }

    /// <summary>The test a pattern makes of <paramref name="value"/>, or null for a pattern that is not a value test.</summary>
    private Expr? PatternTest(Expr value, IPatternOperation pattern)
    {
        switch (pattern)
        {
            case IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: double d } } when double.IsNaN(d):
            case IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: float f } } when float.IsNaN(f):
                // 'is NaN' holds for NaN, unlike '== NaN'; double.IsNaN(x) says so without 'x != x' (warning CS1718).
                return value.Type.IsFloating ? Calls.Static(value.Type.Name + ".IsNaN", TypeRef.Bool, value) : Sym.Compare(BinaryOp.NotEqual, value, value);
            case IConstantPatternOperation constant when constant.Value.ConstantValue.HasValue:
                return Sym.Compare(BinaryOp.Equal, value, ParseExpression(constant.Value));
            case IRelationalPatternOperation relational when Map(relational.OperatorKind) is BinaryOp op:
                return Sym.Compare(op, value, ParseExpression(relational.Value));
            case IDiscardPatternOperation:
                return Literals.Bool(true);
            case INegatedPatternOperation negated:
                return PatternTest(value, negated.Pattern) is { } inner ? Sym.Not(inner) : null;
            case IBinaryPatternOperation binary when PatternTest(value, binary.LeftPattern) is { } left && PatternTest(value, binary.RightPattern) is { } right:
                return binary.OperatorKind == BinaryOperatorKind.Or ? Sym.Or(left, right) : Sym.And(left, right);
            default:
                return null;
        }
    }

    /// <summary><c>v is pattern</c> as the comparisons it makes, or null when the pattern is not a value test.</summary>
    private Expr? ParsePatternTest(IOperation valueOperation, IPatternOperation pattern)
    {
        if (!IsValueTest(pattern))
        {
            return null;
        }
        return PatternTest(TestedValue(valueOperation), pattern);
    }

    /// <summary>
    /// A switch expression whose patterns are value tests, as a chain of <c>?:</c>; an unmatched value throws, as the
    /// switch expression does. Null when a pattern is not a value test.
    /// </summary>
    private Expr? ParseSwitchExpression(ISwitchExpressionOperation switchExpression, TypeRef type)
    {
        if (!switchExpression.Arms.All(a => IsValueTest(a.Pattern)))
        {
            return null;
        }
        Expr value = TestedValue(switchExpression.Value);
        var arms = switchExpression.Arms
            .Select(a => (Test: PatternTest(value, a.Pattern)!, Guard: a.Guard is null ? null : ParseConditionally(a.Guard), Value: Sym.To(ParseConditionally(a.Value), type)))
            .ToList();
        Expr chain = new Literal("throw new global::System.Runtime.CompilerServices.SwitchExpressionException()", null, type);
        for (int i = arms.Count - 1; i >= 0; i--)
        {
            Expr test = arms[i].Guard is null ? arms[i].Test : Sym.And(arms[i].Test, arms[i].Guard!);
            chain = test is Literal { Text: "true" } ? arms[i].Value : new Conditional(test, arms[i].Value, chain, type);
        }
        return chain;
    }

    private static bool IsValueTest(IPatternOperation pattern) => pattern switch
    {
        IConstantPatternOperation constant => constant.Value.ConstantValue.HasValue,
        IRelationalPatternOperation or IDiscardPatternOperation => true,
        INegatedPatternOperation negated => IsValueTest(negated.Pattern),
        IBinaryPatternOperation binary => IsValueTest(binary.LeftPattern) && IsValueTest(binary.RightPattern),
        _ => false,
    };

    /// <summary>
    /// The value a pattern tests, read once: a variable or an element as it is; anything else into a local first (where
    /// statements may come before), since each test of the pattern reads it.
    /// </summary>
    private Expr TestedValue(IOperation operation)
    {
        Expr value = ParseExpression(operation);
        if (value is Var or Literal or ElementRead { Array: Var } || _effects is null)
        {
            return value;
        }
        string name = FreshLocal("tested", value.Type);
        _effects.Add(new Assign(name, value, Source(operation.Syntax) + "  (the value the pattern tests)"));
        return new Var(name, value.Type);
    }
}
