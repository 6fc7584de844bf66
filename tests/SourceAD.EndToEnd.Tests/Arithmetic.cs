using SourceAD.EndToEnd.Tests.Support;
using M = SourceAD.EndToEnd.Tests.ArithmeticModels;

namespace SourceAD.EndToEnd.Tests;

/// <summary>Operators, literals, constants, locals, var, compound assignment, ++/-- and reassigned parameters.</summary>
internal static partial class ArithmeticModels
{
    private const double Scale = 2.5;

    [Differentiable]
    public static double Add(double a, double b) => a + b;

    [Differentiable]
    public static double Subtract(double a, double b)
    {
        return a - b;
    }

    [Differentiable]
    public static double Multiply(double a, double b)
    {
        return a * b;
    }

    [Differentiable]
    public static double Divide(double a, double b)
    {
        return a / b;
    }

    [Differentiable]
    public static double Negate(double a, double b)
    {
        return -a * b + -(a - b);
    }

    [Differentiable]
    public static double Polynomial(double a)
    {
        return 3 * a * a - 2.0 * a + 7 + a / 4;
    }

    [Differentiable]
    public static double Constants(double a)
    {
        const double Half = 0.5;
        const int Two = 2;
        return Half * Scale * a * a + Two * a;
    }

    [Differentiable]
    public static double LocalsReassigned(double a, double b)
    {
        double t = a * b;
        t = t + a;
        double u = t * t;
        u = u - b;
        return u;
    }

    [Differentiable]
    public static double VarLocals(double a, double b)
    {
        var p = a * b;
        var q = p + a;
        return q * q;
    }

    [Differentiable]
    public static double CompoundAssignment(double a, double b)
    {
        double s = a;
        s += b;
        s *= a;
        s -= b;
        s /= b;
        return s;
    }

    [Differentiable]
    public static double IncrementDecrement(double a)
    {
        double y = a * a;
        y++;
        y++;
        y--;
        ++y;
        --y;
        return y * a;
    }

    [Differentiable]
    public static double ParameterReassigned(double a, double b)
    {
        a = a * a;
        b = b + a;
        a = a * b;
        b += 1;
        return a + b;
    }

    private static readonly double Factor = 1.5;

    [Differentiable]
    public static double StaticReadonlyField(double a)
    {
        return Factor * a * a;
    }

    [Differentiable]
    public static double NamesLikeGeneratedOnes(double x)
    {
        double _result = x * 2;
        double dResult = _result * x;
        double _d_x = dResult + 1;
        return _d_x * _result;
    }
}

public sealed class ArithmeticTests
{
    [Theory]
    [InlineData(1.5, -2.0)]
    [InlineData(-0.25, 3.0)]
    public void Add(double a, double b)
    {
        double[] g = GradientAssert.Check(p => M.Add(p[0], p[1]), p => (M.AddBackward(p[0], p[1], out double da, out double db), [da, db]), a, b);
        GradientAssert.Exact(g, 1, 1);
    }

    [Theory]
    [InlineData(1.5, -2.0)]
    [InlineData(-0.25, 3.0)]
    public void Subtract(double a, double b)
    {
        double[] g = GradientAssert.Check(p => M.Subtract(p[0], p[1]), p => (M.SubtractBackward(p[0], p[1], out double da, out double db), [da, db]), a, b);
        GradientAssert.Exact(g, 1, -1);
    }

    [Theory]
    [InlineData(1.5, -2.0)]
    [InlineData(-0.25, 3.0)]
    public void Multiply(double a, double b)
    {
        double[] g = GradientAssert.Check(p => M.Multiply(p[0], p[1]), p => (M.MultiplyBackward(p[0], p[1], out double da, out double db), [da, db]), a, b);
        GradientAssert.Exact(g, b, a);
    }

    [Theory]
    [InlineData(1.5, -2.0)]
    [InlineData(-0.25, 3.0)]
    public void Divide(double a, double b)
    {
        double[] g = GradientAssert.Check(p => M.Divide(p[0], p[1]), p => (M.DivideBackward(p[0], p[1], out double da, out double db), [da, db]), a, b);
        GradientAssert.Exact(g, 1 / b, -a / (b * b));
    }

    [Theory]
    [InlineData(1.5, -2.0)]
    [InlineData(-0.25, 3.0)]
    public void Negate(double a, double b)
    {
        double[] g = GradientAssert.Check(p => M.Negate(p[0], p[1]), p => (M.NegateBackward(p[0], p[1], out double da, out double db), [da, db]), a, b);
        GradientAssert.Exact(g, -b - 1, -a + 1);
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.75)]
    public void PolynomialWithLiterals(double a)
    {
        double[] g = GradientAssert.Check(p => M.Polynomial(p[0]), p => (M.PolynomialBackward(p[0], out double da), [da]), a);
        GradientAssert.Exact(g, 6 * a - 2 + 0.25);
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.75)]
    public void ConstLocalsAndTypeConstants(double a)
    {
        double[] g = GradientAssert.Check(p => M.Constants(p[0]), p => (M.ConstantsBackward(p[0], out double da), [da]), a);
        GradientAssert.Exact(g, 2.5 * a + 2);
    }

    [Theory]
    [InlineData(1.5, -2.0)]
    [InlineData(-0.25, 3.0)]
    public void LocalsDeclaredAndReassigned(double a, double b)
    {
        double[] g = GradientAssert.Check(p => M.LocalsReassigned(p[0], p[1]), p => (M.LocalsReassignedBackward(p[0], p[1], out double da, out double db), [da, db]), a, b);
        double t = a * b + a;
        GradientAssert.Exact(g, 2 * t * (b + 1), 2 * t * a - 1);
    }

    [Theory]
    [InlineData(1.5, -2.0)]
    [InlineData(-0.25, 3.0)]
    public void VarLocals(double a, double b)
    {
        double[] g = GradientAssert.Check(p => M.VarLocals(p[0], p[1]), p => (M.VarLocalsBackward(p[0], p[1], out double da, out double db), [da, db]), a, b);
        double q = a * b + a;
        GradientAssert.Exact(g, 2 * q * (b + 1), 2 * q * a);
    }

    [Theory]
    [InlineData(1.5, -2.0)]
    [InlineData(-0.25, 3.0)]
    public void CompoundAssignment(double a, double b)
    {
        double[] g = GradientAssert.Check(p => M.CompoundAssignment(p[0], p[1]), p => (M.CompoundAssignmentBackward(p[0], p[1], out double da, out double db), [da, db]), a, b);
        GradientAssert.Exact(g, 2 * a / b + 1, -a * a / (b * b));
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.75)]
    public void IncrementAndDecrement(double a)
    {
        double[] g = GradientAssert.Check(p => M.IncrementDecrement(p[0]), p => (M.IncrementDecrementBackward(p[0], out double da), [da]), a);
        GradientAssert.Exact(g, 3 * a * a + 1);
    }

    [Theory]
    [InlineData(1.5, -2.0)]
    [InlineData(-0.25, 3.0)]
    public void ParameterReassigned(double a, double b)
    {
        double[] g = GradientAssert.Check(p => M.ParameterReassigned(p[0], p[1]), p => (M.ParameterReassignedBackward(p[0], p[1], out double da, out double db), [da, db]), a, b);
        GradientAssert.Exact(g, 2 * a * b + 4 * a * a * a + 2 * a, a * a + 1);
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.75)]
    public void StaticReadonlyFieldIsAConstant(double a)
    {
        double[] g = GradientAssert.Check(p => M.StaticReadonlyField(p[0]), p => (M.StaticReadonlyFieldBackward(p[0], out double da), [da]), a);
        GradientAssert.Exact(g, 3 * a);
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.75)]
    public void LocalsNamedLikeGeneratedVariables(double x)
    {
        double[] g = GradientAssert.Check(p => M.NamesLikeGeneratedOnes(p[0]), p => (M.NamesLikeGeneratedOnesBackward(p[0], out double dx), [dx]), x);
        GradientAssert.Exact(g, 12 * x * x + 2);
    }
}
