using Xunit;

namespace SourceAD.Generator.Tests;

/// <summary>
/// Snapshots of the code generated for differentiable types (structs, records, classes, instance methods) and generic
/// methods: the flat derivatives, the wrappers with the user's types, and each type's helper class. Each test also
/// compiles the result; their gradients are checked against central differences in SourceAD.EndToEnd.Tests.
/// </summary>
public class AggregateSnapshotTests
{
    private static string Generate(string source)
    {
        GeneratorResult result = GeneratorHarness.Run(source);
        result.AssertCleanRun();
        return result.AllGeneratedSource;
    }

    [Fact]
    public void StructParameters()
    {
        string generated = Generate("""
            using System;
            using SourceAD;

            namespace Demo;

            public struct Point { public double X; public double Y; public int Weight; }

            public readonly record struct Body(double Height, double Speed, [NoDiff] double Mass);

            public static partial class Geometry
            {
                [Differentiable]
                public static double Dist(Point p, Point q) => p.Weight * Math.Sqrt((p.X - q.X) * (p.X - q.X) + (p.Y - q.Y) * (p.Y - q.Y));

                [Differentiable]
                public static double Energy(Body b, double g) => 0.5 * b.Mass * b.Speed * b.Speed + b.Mass * g * b.Height;
            }
            """);
        Snapshot.Match(generated, "StructParameters");
        Assert.Contains("public static double DistBackward(global::Demo.Point p, global::Demo.Point q, out global::Demo.Point dp, out global::Demo.Point dq)", generated);
        Assert.Contains("public static double EnergyPullback(global::Demo.Body b, double g, double dResult, ref global::Demo.Body db, ref double dg)", generated);
    }

    [Fact]
    public void CollectionsOfStructsAndLists()
    {
        string generated = Generate("""
            using System;
            using System.Collections.Generic;
            using SourceAD;

            namespace Demo;

            public struct Point { public double X; public double Y; }

            public static partial class Clouds
            {
                [Differentiable]
                public static double Spread(Point[] pts, List<double> ws)
                {
                    double s = 0;
                    for (int i = 0; i < pts.Length; i++)
                    {
                        s += ws[i] * (pts[i].X * pts[i].X + pts[i].Y);
                    }
                    return s;
                }
            }
            """);
        Snapshot.Match(generated, "CollectionsOfStructsAndLists");
        Assert.Contains("public static double SpreadBackward(global::Demo.Point[] pts, global::System.Collections.Generic.List<double> ws, global::System.Span<global::Demo.Point> dpts, global::System.Span<double> dws)", generated);
    }

    [Fact]
    public void StructResult()
    {
        string generated = Generate("""
            using System;
            using SourceAD;

            namespace Demo;

            public readonly record struct Velocity(double Vx, double Vy);

            public static partial class Ballistics
            {
                [Differentiable]
                public static Velocity Launch(double speed, double angle) => new Velocity(speed * Math.Cos(angle), speed * Math.Sin(angle));
            }
            """);
        Snapshot.Match(generated, "StructResult");
        Assert.Contains("public static global::Demo.Velocity LaunchPullback(double speed, double angle, global::Demo.Velocity dResult, ref double dspeed, ref double dangle)", generated);
        Assert.Contains("public static global::Demo.Velocity LaunchTangent(double speed, double angle, double speedDot, double angleDot, out global::Demo.Velocity resultDot)", generated);
        Assert.Contains("public static global::Demo.Velocity LaunchJacobian(double speed, double angle, global::System.Span<double> jacobian)", generated);
    }

    [Fact]
    public void ClassModelInstanceMethod()
    {
        string generated = Generate("""
            using System;
            using SourceAD;

            namespace Demo;

            public partial class Network
            {
                public Tensor Weights = Tensor.Zeros(1);
                public double[] Offsets = [];
                public double Scale { get; set; }
                [NoDiff] public int Seen;

                [Differentiable]
                public float Predict([NoDiff] Tensor x) => (float)(Scale * Offsets[0]) * Tensor.Sum(Tensor.MatMul(x, Weights));

                [Differentiable]
                public float Loss([NoDiff] Tensor x, [NoDiff] float target)
                {
                    float e = Predict(x) - target;
                    return 0.5f * e * e;
                }
            }
            """);
        Snapshot.Match(generated, "ClassModelInstanceMethod");
        Assert.Contains("public float LossBackward(global::SourceAD.Tensor x, float target, global::Demo.Network dThis)", generated);
        Assert.Contains("public static global::Demo.Network ZerosLike(global::Demo.Network value)", generated);
    }

    [Fact]
    public void GenericMethod()
    {
        string generated = Generate("""
            using System.Numerics;
            using SourceAD;

            namespace Demo;

            public static partial class Functions
            {
                [Differentiable]
                public static T Softplus<T>(T x, T beta) where T : IFloatingPointIeee754<T> => T.Log(T.One + T.Exp(beta * x)) / beta;
            }
            """);
        Snapshot.Match(generated, "GenericMethod");
        Assert.Contains("public static T SoftplusBackward<T>(T x, T beta, out T dx, out T dbeta) where T : global::System.Numerics.IFloatingPointIeee754<T>", generated);
    }
}
