using SourceAD.EndToEnd.Tests.Support;
using M = SourceAD.EndToEnd.Tests.StructModels;

namespace SourceAD.EndToEnd.Tests;

/// <summary>A mutable struct with a constant (integer) member.</summary>
public struct Point
{
    public double X;
    public double Y;
    public int Weight;
}

/// <summary>A readonly struct with get-only auto-properties (written through generated accessors) and a computed property.</summary>
public readonly struct Vec
{
    public Vec(double x, double y)
    {
        X = x;
        Y = y;
    }

    public double X { get; }

    public double Y { get; }

    public double Norm2 => X * X + Y * Y;
}

/// <summary>A positional record struct; its mass is a constant.</summary>
public readonly record struct Body(double Height, double Speed, [NoDiff] double Mass);

/// <summary>Nested structs, through a field and through a settable property.</summary>
public struct Segment
{
    public Point A;

    public Point B { get; set; }

    [NoDiff] public double Label;
}

/// <summary>A record struct holding a buffer: its gradient gets a buffer of the same length.</summary>
public record struct Polyline(double[] Ys, float Scale);

internal static partial class StructModels
{
    [Differentiable]
    public static double Norm(Point p) => p.X * p.X + p.Y * p.Y;

    /// <summary>An array and a span of structs, read element by element and passed element-wise to a method taking a struct.</summary>
    [Differentiable]
    public static double Spread(Point[] pts, ReadOnlySpan<Point> other)
    {
        double s = 0;
        for (int i = 0; i < pts.Length; i++)
        {
            s += pts[i].X * other[i].Y + Norm(pts[i]) * pts[i].Weight;
        }
        return s;
    }

    /// <summary>Lists of scalars: a List and an IReadOnlyList.</summary>
    [Differentiable]
    public static double WeightedMean(List<double> xs, IReadOnlyList<double> ws)
    {
        double s = 0;
        for (int i = 0; i < xs.Count; i++)
        {
            s += Math.Sin(xs[i]) * ws[i];
        }
        return s / xs.Count;
    }

    [Differentiable]
    public static double Dist(Point p, Point q) => p.Weight * Math.Sqrt((p.X - q.X) * (p.X - q.X) + (p.Y - q.Y) * (p.Y - q.Y));

    [Differentiable]
    public static double Length(Vec v) => Math.Sqrt(v.Norm2) * v.X;

    [Differentiable]
    public static double Energy(Body b, double g) => 0.5 * b.Mass * b.Speed * b.Speed + b.Mass * g * b.Height;

    /// <summary>Calls a method that takes structs, with members of its own struct.</summary>
    [Differentiable]
    public static double SegmentLength(Segment s) => Dist(s.A, s.B) * s.B.Y;

    [Differentiable]
    public static double Area(Polyline line)
    {
        double sum = 0;
        for (int i = 0; i + 1 < line.Ys.Length; i++)
        {
            sum += 0.5 * (line.Ys[i] + line.Ys[i + 1]);
        }
        return sum * line.Scale;
    }
}

public class Structs
{
    private static void AssertGradCheck(Func<double[], double> function, Func<double[], double[]> gradient, params double[] point)
    {
        GradCheckReport report = GradCheck.Run(function, gradient, point);
        Assert.True(report.Passed(1e-6), report.ToString());
    }

    private static Point P(double x, double y, int weight = 1) => new() { X = x, Y = y, Weight = weight };

    [Fact]
    public void StructGradientsAreStructsOfPartialDerivatives()
    {
        double value = M.DistBackward(P(1, 2, 3), P(4, 6), out Point dp, out Point dq);
        GradientAssert.Close(15, value);
        GradientAssert.Near([dp.X, dp.Y, dq.X, dq.Y], 1e-14, 3 * -3 / 5.0, 3 * -4 / 5.0, 3 * 3 / 5.0, 3 * 4 / 5.0);
        Assert.Equal(0, dp.Weight);
        AssertGradCheck(
            x => M.Dist(P(x[0], x[1], 2), P(x[2], x[3])),
            x =>
            {
                M.DistBackward(P(x[0], x[1], 2), P(x[2], x[3]), out Point a, out Point b);
                return [a.X, a.Y, b.X, b.Y];
            },
            0.3, -1.2, 2.5, 0.7);
    }

    [Fact]
    public void PullbackAddsToStructAdjointsAndTangentIsTheDirectionalDerivative()
    {
        Point dp = P(10, 20, 7), dq = P(-1, -2);
        double value = M.DistPullback(P(1, 2), P(4, 6), 2.0, ref dp, ref dq);
        GradientAssert.Close(5, value);
        GradientAssert.Near([dp.X, dp.Y, dq.X, dq.Y], 1e-14, 10 - 1.2, 20 - 1.6, -1 + 1.2, -2 + 1.6);
        M.DistTangent(P(1, 2), P(4, 6), P(1, 0), P(0, 1), out double tangent);
        GradientAssert.Close(-0.6 + 0.8, tangent, 1e-14);
    }

    [Fact]
    public void HessianFlattensStructMembersInDeclarationOrder()
    {
        double[] hessian = new double[16];
        M.DistHessian(P(0.3, -1.2), P(2.5, 0.7), hessian);
        Func<double[], double[]> gradient = x =>
        {
            M.DistBackward(P(x[0], x[1]), P(x[2], x[3]), out Point a, out Point b);
            return [a.X, a.Y, b.X, b.Y];
        };
        double[] point = [0.3, -1.2, 2.5, 0.7];
        for (int j = 0; j < 4; j++)
        {
            double[] plus = (double[])point.Clone(), minus = (double[])point.Clone();
            plus[j] += 1e-5;
            minus[j] -= 1e-5;
            double[] gp = gradient(plus), gm = gradient(minus);
            for (int i = 0; i < 4; i++)
            {
                GradientAssert.Close((gp[i] - gm[i]) / 2e-5, hessian[i * 4 + j], 1e-6, $"H[{i},{j}]");
            }
        }
    }

    [Fact]
    public void ReadonlyStructWithGetOnlyPropertiesAndAComputedProperty()
    {
        // f = |v| x, ∂f/∂x = x²/|v| + |v|, ∂f/∂y = x y/|v|.
        double value = M.LengthBackward(new Vec(3, 4), out Vec dv);
        GradientAssert.Close(15, value);
        GradientAssert.Near([dv.X, dv.Y], 1e-14, 9 / 5.0 + 5, 12 / 5.0);
        AssertGradCheck(x => M.Length(new Vec(x[0], x[1])), x => { M.LengthBackward(new Vec(x[0], x[1]), out Vec d); return [d.X, d.Y]; }, 0.4, -1.7);
    }

    [Fact]
    public void PositionalRecordStructWithANoDiffMember()
    {
        double value = M.EnergyBackward(new Body(2, 3, 5), 9.8, out Body db, out double dg);
        GradientAssert.Close(0.5 * 5 * 9 + 5 * 9.8 * 2, value);
        GradientAssert.Near([db.Height, db.Speed, db.Mass, dg], 1e-14, 5 * 9.8, 5 * 3, 0, 5 * 2);
    }

    [Fact]
    public void NestedStructsThroughAFieldAndAProperty()
    {
        static Segment S(double[] x) => new() { A = P(x[0], x[1], 2), B = P(x[2], x[3]), Label = 4 };
        double[] point = [0.3, -1.2, 2.5, 0.7];
        M.SegmentLengthBackward(S(point), out Segment ds);
        Assert.Equal(0, ds.Label);
        AssertGradCheck(x => M.SegmentLength(S(x)), x => { M.SegmentLengthBackward(S(x), out Segment d); return [d.A.X, d.A.Y, d.B.X, d.B.Y]; }, point);
    }

    [Fact]
    public void StructWithABufferGetsAGradientBufferOfItsLength()
    {
        double[] ys = [1, 4, 2, 3];
        double value = M.AreaBackward(new Polyline(ys, 2f), out Polyline dline);
        GradientAssert.Close(2 * (2.5 + 3 + 2.5), value);
        Assert.Equal(4, dline.Ys.Length);
        GradientAssert.Near(dline.Ys, 1e-14, 1, 2, 2, 1);
        GradientAssert.Close(8, dline.Scale, 1e-6);

        var adjoint = new Polyline(new double[] { 1, 1, 1, 1 }, 0f);
        M.AreaPullback(new Polyline(ys, 2f), 1.0, ref adjoint);
        GradientAssert.Near(adjoint.Ys, 1e-14, 2, 3, 3, 2);
        var wrong = new Polyline(new double[3], 0f);
        Assert.Throws<ArgumentException>(() => M.AreaPullback(new Polyline(ys, 2f), 1.0, ref wrong));
    }

    [Fact]
    public void ArraysAndSpansOfStructsGetSpanGradientsOfTheirLength()
    {
        static Point[] Pts(double[] x, int at) => [P(x[at], x[at + 1], 2), P(x[at + 2], x[at + 3], 3)];
        double[] point = [0.3, -1.2, 2.5, 0.7, -0.4, 1.1, 0.9, -2.0];
        AssertGradCheck(
            x => M.Spread(Pts(x, 0), Pts(x, 4)),
            x =>
            {
                Span<Point> dpts = new Point[2], dother = new Point[2];
                M.SpreadBackward(Pts(x, 0), Pts(x, 4), dpts, dother);
                return [dpts[0].X, dpts[0].Y, dpts[1].X, dpts[1].Y, dother[0].X, dother[0].Y, dother[1].X, dother[1].Y];
            },
            point);
        Point[] gradient = [P(9, 9, 9), P(9, 9, 9)], adjoint = [P(1, 1), P(1, 1)];
        M.SpreadBackward(Pts(point, 0), Pts(point, 4), gradient, new Point[2]);
        Assert.Equal(0, gradient[0].Weight);
        M.SpreadPullback(Pts(point, 0), Pts(point, 4), 1.0, adjoint, new Point[2]);
        GradientAssert.Close(1 + gradient[1].X, adjoint[1].X, 1e-14);
        Assert.Throws<ArgumentException>(() => M.SpreadBackward(Pts(point, 0), Pts(point, 4), new Point[1], new Point[2]));
        double[] direction = [1, -0.5, 0.25, 2, -1, 0.75, 0.5, -0.25];
        M.SpreadTangent(Pts(point, 0), Pts(point, 4), Pts(direction, 0), Pts(direction, 4), out double resultDot);
        GradientAssert.Close(Directional(x => M.Spread(Pts(x, 0), Pts(x, 4)), point, direction), resultDot, 1e-6);
    }

    /// <summary>The central difference of <paramref name="function"/> at <paramref name="point"/> along <paramref name="direction"/>.</summary>
    private static double Directional(Func<double[], double> function, double[] point, double[] direction)
    {
        const double h = 1e-6;
        double[] plus = point.Select((x, i) => x + h * direction[i]).ToArray(), minus = point.Select((x, i) => x - h * direction[i]).ToArray();
        return (function(plus) - function(minus)) / (2 * h);
    }

    [Fact]
    public void ListsOfScalarsGetSpanGradientsOfLengthCount()
    {
        double[] point = [0.3, -1.2, 2.5, 0.7, -0.4, 1.1];
        AssertGradCheck(
            x => M.WeightedMean(x[..3].ToList(), x[3..]),
            x =>
            {
                double[] dxs = new double[3], dws = new double[3];
                M.WeightedMeanBackward(x[..3].ToList(), x[3..], dxs, dws);
                return [.. dxs, .. dws];
            },
            point);
        Assert.Throws<ArgumentException>(() => M.WeightedMeanBackward([1.0, 2.0], [1.0, 2.0], new double[3], new double[2]));
        double[] direction = [0.5, 1, -2, 0.25, -0.75, 1.5];
        M.WeightedMeanTangent(point[..3].ToList(), point[3..], direction[..3], direction[3..], out double resultDot);
        GradientAssert.Close(Directional(x => M.WeightedMean(x[..3].ToList(), x[3..]), point, direction), resultDot, 1e-6);
    }
}
