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
        if (IsZero(a)) return b.Type.IsLanes ? b : To(b, a.Type);
        if (IsZero(b)) return a;
        if (a is Literal { Value: double x } && b is Literal { Value: double y } && a.Type.Kind == ValueKind.Integer && b.Type == a.Type) return Literals.Number(x + y, a.Type);
        if (b is Unary { Op: UnaryOp.Negate } nb) return Sub(a, nb.Operand);
        return new Binary(BinaryOp.Add, a, To(b, a.Type), a.Type);
    }

    public static Expr Sub(Expr a, Expr b)
    {
        if (IsZero(b)) return a;
        if (IsZero(a)) return Neg(b.Type.IsLanes ? b : To(b, a.Type));
        return new Binary(BinaryOp.Subtract, a, To(b, a.Type), a.Type);
    }

    /// <summary>
    /// A product; a bundle of tangents (<see cref="TypeRef.IsLanes"/>) times a scalar of its element type scales every
    /// lane, and the product is a bundle.
    /// </summary>
    public static Expr Mul(Expr a, Expr b)
    {
        TypeRef type = Scaled(a, b);
        if (IsOne(a)) return To(b, type);
        if (IsOne(b)) return To(a, type);
        if (IsZero(a) || IsZero(b)) return Literals.Zero(type);
        if (a is Literal { Value: -1 }) return Neg(To(b, type));
        if (b is Literal { Value: -1 }) return Neg(To(a, type));
        if (a is Unary { Op: UnaryOp.Negate } na) return Neg(Mul(na.Operand, b));
        if (b is Unary { Op: UnaryOp.Negate } nb) return Neg(Mul(a, nb.Operand));
        return new Binary(BinaryOp.Multiply, a, Operand(b, a), type);
    }

    /// <summary>A quotient; a bundle of tangents over a scalar divides every lane.</summary>
    public static Expr Div(Expr a, Expr b)
    {
        if (IsOne(b)) return a;
        if (IsZero(a)) return a;
        if (a is Unary { Op: UnaryOp.Negate } na) return Neg(Div(na.Operand, b));
        return new Binary(BinaryOp.Divide, a, Operand(b, a), a.Type);
    }

    /// <summary>The type of a product: a bundle of tangents when either factor is one.</summary>
    private static TypeRef Scaled(Expr a, Expr b) => b.Type.IsLanes && !a.Type.IsLanes ? b.Type : a.Type;

    /// <summary>The right operand of <paramref name="a"/> op <paramref name="b"/>, converted to a's type unless one of them is a bundle of tangents (a scalar factor stays a scalar).</summary>
    private static Expr Operand(Expr b, Expr a) => a.Type.IsLanes || b.Type.IsLanes ? b : To(b, a.Type);

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
