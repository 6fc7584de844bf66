namespace SourceAD.Generator.Model;

/// <summary>
/// Smart constructors for the expressions the reverse transform builds (adjoints, local derivatives).
/// They fold the obvious: multiplying by 1 or 0, adding 0, double negation, negated literals.
/// </summary>
public static class Sym
{
    public static bool IsZero(Expr e) => e is Literal { Value: 0 };

    public static bool IsOne(Expr e) => e is Literal { Value: 1 };

    public static Expr Lit(double value, TypeRef type) => Literals.Number(value, type);

    public static Expr Add(Expr a, Expr b)
    {
        if (IsZero(a)) return To(b, a.Type);
        if (IsZero(b)) return a;
        if (a is Literal { Value: double x } && b is Literal { Value: double y } && a.Type.Kind == ValueKind.Integer && b.Type == a.Type) return Literals.Number(x + y, a.Type);
        if (b is Unary { Op: UnaryOp.Negate } nb) return Sub(a, nb.Operand);
        return new Binary(BinaryOp.Add, a, To(b, a.Type), a.Type);
    }

    public static Expr Sub(Expr a, Expr b)
    {
        if (IsZero(b)) return a;
        if (IsZero(a)) return Neg(To(b, a.Type));
        return new Binary(BinaryOp.Subtract, a, To(b, a.Type), a.Type);
    }

    public static Expr Mul(Expr a, Expr b)
    {
        if (IsOne(a)) return To(b, a.Type);
        if (IsOne(b)) return a;
        if (IsZero(a) || IsZero(b)) return Literals.Zero(a.Type);
        if (a is Literal { Value: -1 }) return Neg(To(b, a.Type));
        if (b is Literal { Value: -1 }) return Neg(a);
        if (a is Unary { Op: UnaryOp.Negate } na) return Neg(Mul(na.Operand, b));
        if (b is Unary { Op: UnaryOp.Negate } nb) return Neg(Mul(a, nb.Operand));
        return new Binary(BinaryOp.Multiply, a, To(b, a.Type), a.Type);
    }

    public static Expr Div(Expr a, Expr b)
    {
        if (IsOne(b)) return a;
        if (IsZero(a)) return a;
        if (a is Unary { Op: UnaryOp.Negate } na) return Neg(Div(na.Operand, b));
        return new Binary(BinaryOp.Divide, a, To(b, a.Type), a.Type);
    }

    public static Expr Neg(Expr a) => a switch
    {
        Unary { Op: UnaryOp.Negate } u => u.Operand,
        Literal { Value: double v } when a.Type.IsFloating => Literals.Number(-v, a.Type),
        _ => new Unary(UnaryOp.Negate, a, a.Type),
    };

    public static Expr Compare(BinaryOp op, Expr a, Expr b) => new Binary(op, a, b, TypeRef.Bool);

    public static Expr Not(Expr condition) => condition switch
    {
        Unary { Op: UnaryOp.Not } u => u.Operand,
        Literal { Text: "true" } => Literals.Bool(false),
        Literal { Text: "false" } => Literals.Bool(true),
        _ => new Unary(UnaryOp.Not, condition, TypeRef.Bool),
    };

    public static Expr Or(Expr a, Expr b) => new Binary(BinaryOp.Or, a, b, TypeRef.Bool);

    public static Expr And(Expr a, Expr b) => new Binary(BinaryOp.And, a, b, TypeRef.Bool);

    /// <summary><c>condition ? 1 : 0</c> in the given floating type: the derivative of a selection.</summary>
    public static Expr Indicator(Expr condition, TypeRef type) =>
        new Conditional(condition, Literals.One(type), Literals.Zero(type), type);

    /// <summary>Converts <paramref name="e"/> to <paramref name="type"/>, folding literals and identity conversions.</summary>
    public static Expr To(Expr e, TypeRef type)
    {
        if (e.Type == type) return e;
        if (e is Literal { Value: double v } && type.IsFloating) return Literals.Number(v, type);
        return new Cast(e, type);
    }
}
