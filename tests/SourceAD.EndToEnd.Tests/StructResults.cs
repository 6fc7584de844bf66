using SourceAD.EndToEnd.Tests.Support;
using M = SourceAD.EndToEnd.Tests.StructResultModels;

namespace SourceAD.EndToEnd.Tests;

/// <summary>A positional record struct result.</summary>
public readonly record struct Velocity(double Vx, double Vy);

/// <summary>A struct result with a nested struct, set through an object initializer.</summary>
public struct Kick
{
    public Velocity V;
    public double Energy;
}

/// <summary>
/// Methods returning structs: vector-valued, with a Pullback taking the result's adjoint as a value of its type, a
/// Tangent giving the result's tangent as one, and a Jacobian whose rows are the result's members in declaration order.
/// </summary>
internal static partial class StructResultModels
{
    [Differentiable]
    public static Velocity Launch(double speed, double angle) => new Velocity(speed * Math.Cos(angle), speed * Math.Sin(angle));

    /// <summary>A struct parameter in, a struct with a constructor out (Vec's constructor assigns X and Y), early return included.</summary>
    [Differentiable]
    public static Vec Step(Vec p, double h)
    {
        if (h == 0)
        {
            return p;
        }
        double x = p.X + h * p.Y;
        return new Vec(x, p.Y - h * Math.Sin(x));
    }

    [Differentiable]
    public static Kick Push(Body b, double g) => new Kick { V = new Velocity(b.Speed * b.Height, -g), Energy = 0.5 * b.Mass * b.Speed * b.Speed + b.Mass * g * b.Height };

    /// <summary><c>with</c>: Vy comes from the parameter, Vx is replaced.</summary>
    [Differentiable]
    public static Velocity Damp(Velocity v, double k) => v with { Vx = v.Vx * Math.Exp(-k) };
}

public class StructResults
{
    /// <summary>The Jacobian of <paramref name="function"/> at <paramref name="point"/> by central differences, row-major.</summary>
    private static double[] Central(Func<double[], double[]> function, double[] point)
    {
        const double h = 1e-6;
        int rows = function(point).Length;
        var jacobian = new double[rows * point.Length];
        for (int column = 0; column < point.Length; column++)
        {
            double[] plus = (double[])point.Clone(), minus = (double[])point.Clone();
            plus[column] += h;
            minus[column] -= h;
            double[] up = function(plus), down = function(minus);
            for (int row = 0; row < rows; row++)
            {
                jacobian[row * point.Length + column] = (up[row] - down[row]) / (2 * h);
            }
        }
        return jacobian;
    }

    private static void Close(double[] expected, double[] actual, double tolerance = 1e-7)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            GradientAssert.Close(expected[i], actual[i], tolerance, "element " + i);
        }
    }

    [Fact]
    public void JacobianRowsAreTheResultMembersInDeclarationOrder()
    {
        double[] point = [2.5, 0.6], jacobian = new double[4];
        Velocity v = M.LaunchJacobian(point[0], point[1], jacobian);
        Assert.Equal(M.Launch(point[0], point[1]), v);
        Close(Central(x => { Velocity r = M.Launch(x[0], x[1]); return [r.Vx, r.Vy]; }, point), jacobian);
    }

    [Fact]
    public void PullbackTakesTheResultAdjointAsAValueAndAddsJTransposedTimesIt()
    {
        double[] point = [2.5, 0.6];
        double[] j = Central(x => { Velocity r = M.Launch(x[0], x[1]); return [r.Vx, r.Vy]; }, point);
        double dSpeed = 1, dAngle = -2;
        Velocity value = M.LaunchPullback(point[0], point[1], new Velocity(0.5, -3), ref dSpeed, ref dAngle);
        Assert.Equal(M.Launch(point[0], point[1]), value);
        GradientAssert.Close(1 + 0.5 * j[0] - 3 * j[2], dSpeed, 1e-7);
        GradientAssert.Close(-2 + 0.5 * j[1] - 3 * j[3], dAngle, 1e-7);
    }

    [Fact]
    public void TangentGivesTheResultTangentAsAValue()
    {
        var p = new Vec(0.4, -1.3);
        Vec value = M.StepTangent(p, 0.2, new Vec(1, 0.5), -0.75, out Vec resultDot);
        Assert.Equal(M.Step(p, 0.2), value);
        const double h = 1e-6;
        Vec up = M.Step(new Vec(0.4 + h, -1.3 + 0.5 * h), 0.2 - 0.75 * h), down = M.Step(new Vec(0.4 - h, -1.3 - 0.5 * h), 0.2 + 0.75 * h);
        GradientAssert.Close((up.X - down.X) / (2 * h), resultDot.X, 1e-7);
        GradientAssert.Close((up.Y - down.Y) / (2 * h), resultDot.Y, 1e-7);
        // The early return passes the parameter through: the Jacobian is the identity on p.
        double[] identity = new double[6];
        M.StepJacobian(p, 0, identity);
        GradientAssert.Exact(identity, 1, 0, 0, 0, 1, 0);
    }

    [Fact]
    public void NestedStructResultFromAStructParameter()
    {
        double[] point = [1.5, 0.8, 9.81];
        const double mass = 2;
        double[] jacobian = new double[3 * 3];
        Kick value = M.PushJacobian(new Body(point[0], point[1], mass), point[2], jacobian);
        Assert.Equal(M.Push(new Body(point[0], point[1], mass), point[2]).Energy, value.Energy);
        // Columns: b.Height, b.Speed, g (Mass is [NoDiff]); rows: V.Vx, V.Vy, Energy.
        Close(Central(x => { Kick k = M.Push(new Body(x[0], x[1], mass), x[2]); return [k.V.Vx, k.V.Vy, k.Energy]; }, point), jacobian);
    }

    [Fact]
    public void WithExpressionKeepsTheMembersItDoesNotSet()
    {
        double[] point = [1.2, -0.4, 0.3], jacobian = new double[2 * 3];
        M.DampJacobian(new Velocity(point[0], point[1]), point[2], jacobian);
        Close(Central(x => { Velocity r = M.Damp(new Velocity(x[0], x[1]), x[2]); return [r.Vx, r.Vy]; }, point), jacobian);
    }
}
