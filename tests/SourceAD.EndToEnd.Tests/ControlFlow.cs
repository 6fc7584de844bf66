using SourceAD.EndToEnd.Tests.Support;
using M = SourceAD.EndToEnd.Tests.ControlFlowModels;

namespace SourceAD.EndToEnd.Tests;

/// <summary>if/else chains, ternaries, switch statements, early returns, comparisons and logical operators.</summary>
internal static partial class ControlFlowModels
{
    [Differentiable]
    public static double IfElseChain(double x)
    {
        double y;
        if (x < -1)
        {
            y = -x * x;
        }
        else if (x <= 0)
        {
            y = 3 * x + 2;
        }
        else if (x > 2)
        {
            y = Math.Exp(x);
        }
        else
        {
            y = x * x * x;
        }
        return y * 2;
    }

    [Differentiable]
    public static double Ternary(double x, double y)
    {
        return x > y ? x * y : x - y;
    }

    [Differentiable]
    public static double NestedTernaries(double x, double y)
    {
        return 2 * (x > 0 ? (y > 0 ? x * y : x + y) : -x) + (x < y ? y : x * x);
    }

    [Differentiable]
    public static double Switch(double x, int mode)
    {
        double r;
        switch (mode)
        {
            case 0:
                r = x * x;
                break;
            case 1:
            case 2:
                r = Math.Sin(x);
                break;
            case 3:
                if (x > 0)
                {
                    r = Math.Sqrt(x);
                    break;
                }
                r = -x;
                break;
            case 4:
                return 3 * x;
            default:
                r = 5 * x;
                break;
        }
        return r * x;
    }

    [Differentiable]
    public static double EarlyReturns(double x, double y)
    {
        if (x < 0)
        {
            return y * y;
        }
        double t = x * y;
        if (t > 1)
        {
            return t;
        }
        if (y < 0)
        {
            return t * 2;
        }
        return t + x;
    }

    [Differentiable]
    public static double Conditions(double x, double y, int k)
    {
        double r = x + y;
        if (x > 0 && y >= 0)
        {
            r = r * x;
        }
        else if (x < -1 || y <= -1)
        {
            r = r * y;
        }
        if (k == 1 && !(x == y) && k != 2)
        {
            r = r + x * x;
        }
        return r;
    }

    [Differentiable]
    public static double SiblingScopesReuseNames(double x, int k)
    {
        double y;
        if (x > 0)
        {
            double t = x * x;
            y = t + 1;
        }
        else
        {
            double t = Math.Exp(x);
            y = t * 2;
        }
        switch (k)
        {
            case 0:
            {
                double u = y * x;
                y = u;
                break;
            }
            default:
            {
                double u = y + x;
                y = u * u;
                break;
            }
        }
        return y;
    }

    [Differentiable]
    public static double BoolLocalAndGuard(double x)
    {
        if (double.IsNaN(x))
        {
            return 0;
        }
        bool positive = x > 0;
        if (positive)
        {
            return x * x;
        }
        return -x;
    }
}

public sealed class ControlFlowTests
{
    [Theory]
    [InlineData(-2.0)]
    [InlineData(-0.5)]
    [InlineData(1.0)]
    [InlineData(3.0)]
    public void IfElseChain(double x)
    {
        double[] g = GradientAssert.Check(p => M.IfElseChain(p[0]), p => (M.IfElseChainBackward(p[0], out double dx), [dx]), x);
        GradientAssert.Exact(g, x < -1 ? -4 * x : x <= 0 ? 6 : x > 2 ? 2 * Math.Exp(x) : 6 * x * x);
    }

    [Theory]
    [InlineData(2.0, 0.5)]
    [InlineData(-1.0, 0.5)]
    public void Ternary(double x, double y)
    {
        double[] g = GradientAssert.Check(p => M.Ternary(p[0], p[1]), p => (M.TernaryBackward(p[0], p[1], out double dx, out double dy), [dx, dy]), x, y);
        if (x > y)
        {
            GradientAssert.Exact(g, y, x);
        }
        else
        {
            GradientAssert.Exact(g, 1, -1);
        }
    }

    [Theory]
    [InlineData(1.0, 2.0, 4.0, 3.0)]
    [InlineData(1.0, -2.0, 4.0, 2.0)]
    [InlineData(-1.0, 0.5, -2.0, 1.0)]
    public void TernariesNestedInExpressions(double x, double y, double dx, double dy)
    {
        double[] g = GradientAssert.Check(p => M.NestedTernaries(p[0], p[1]), p => (M.NestedTernariesBackward(p[0], p[1], out double dx, out double dy), [dx, dy]), x, y);
        GradientAssert.Exact(g, dx, dy);
    }

    [Theory]
    [InlineData(0, 0.8)]
    [InlineData(1, 0.8)]
    [InlineData(2, -0.3)]
    [InlineData(3, 2.0)]
    [InlineData(3, -2.0)]
    [InlineData(4, 1.5)]
    [InlineData(7, 1.5)]
    public void SwitchOnInt(int mode, double x)
    {
        double[] g = GradientAssert.Check(p => M.Switch(p[0], mode), p => (M.SwitchBackward(p[0], mode, out double dx), [dx]), x);
        double expected = mode switch
        {
            0 => 3 * x * x,
            1 or 2 => Math.Cos(x) * x + Math.Sin(x),
            3 when x > 0 => 1.5 * Math.Sqrt(x),
            3 => -2 * x,
            4 => 3,
            _ => 10 * x,
        };
        GradientAssert.Exact(g, expected);
    }

    [Theory]
    [InlineData(-1.0, 3.0)]
    [InlineData(2.0, 3.0)]
    [InlineData(0.5, -0.5)]
    [InlineData(0.5, 0.5)]
    public void SeveralEarlyReturns(double x, double y)
    {
        double[] g = GradientAssert.Check(p => M.EarlyReturns(p[0], p[1]), p => (M.EarlyReturnsBackward(p[0], p[1], out double dx, out double dy), [dx, dy]), x, y);
        double[] expected = x < 0 ? [0, 2 * y] : x * y > 1 ? [y, x] : y < 0 ? [2 * y, 2 * x] : [y + 1, x];
        GradientAssert.Exact(g, expected);
    }

    [Theory]
    [InlineData(1.5, 0.5, 1, 6.5, 1.5)]
    [InlineData(-2.0, 0.5, 1, -3.5, -1.0)]
    [InlineData(-0.5, 0.5, 0, 1.0, 1.0)]
    [InlineData(0.5, -2.0, 0, -2.0, -3.5)]
    public void ComparisonsAndLogicalOperators(double x, double y, int k, double dx, double dy)
    {
        double[] g = GradientAssert.Check(p => M.Conditions(p[0], p[1], k), p => (M.ConditionsBackward(p[0], p[1], k, out double dx, out double dy), [dx, dy]), x, y);
        GradientAssert.Exact(g, dx, dy);
    }

    [Theory]
    [InlineData(0.7, 0)]
    [InlineData(0.7, 1)]
    [InlineData(-0.4, 0)]
    [InlineData(-0.4, 1)]
    public void LocalsWithTheSameNameInSiblingScopes(double x, int k)
    {
        double[] g = GradientAssert.Check(p => M.SiblingScopesReuseNames(p[0], k), p => (M.SiblingScopesReuseNamesBackward(p[0], k, out double dx), [dx]), x);
        (double y, double dy) = x > 0 ? (x * x + 1, 2 * x) : (2 * Math.Exp(x), 2 * Math.Exp(x));
        GradientAssert.Exact(g, k == 0 ? dy * x + y : 2 * (y + x) * (dy + 1));
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(-1.9)]
    public void BoolLocalAndAGuardCallOnAnInput(double x)
    {
        double[] g = GradientAssert.Check(p => M.BoolLocalAndGuard(p[0]), p => (M.BoolLocalAndGuardBackward(p[0], out double dx), [dx]), x);
        GradientAssert.Exact(g, x > 0 ? 2 * x : -1);
    }
}
