using Xunit;

namespace SourceAD.Generator.Tests;

/// <summary>
/// Snapshots of the generated source for representative methods. Each test also checks that the generated code
/// compiles and that <c>{Name}Backward</c> agrees with central finite differences of the original method.
/// Snapshots live in Snapshots/*.verified.cs; see <see cref="Snapshot"/> for how to accept changes.
/// </summary>
public class SnapshotTests
{
    private static GeneratorResult RunClean(string source)
    {
        GeneratorResult result = GeneratorHarness.Run(source);
        result.AssertCleanRun();
        Assert.NotEmpty(result.Sources);
        return result;
    }

    [Fact]
    public void TwoWeightNetworkLoss()
    {
        const string source = """
            using System;
            using SourceAD;

            namespace Demo;

            public static partial class Network
            {
                [Differentiable]
                public static double L(double w1, double w2, [NoDiff] double x, [NoDiff] double t)
                {
                    double z = w1 * x;
                    double h = 1.0 / (1.0 + Math.Exp(-z));
                    double y = w2 * h;
                    double e = y - t;
                    return 0.5 * e * e;
                }
            }
            """;
        GeneratorResult result = RunClean(source);
        Snapshot.Match(result.AllGeneratedSource, "TwoWeightNetworkLoss");
        Assert.Contains("LBackward", result.AllGeneratedSource);
        Assert.Contains("LPullback", result.AllGeneratedSource);

        using LoadedAssembly asm = result.Load();
        asm.AssertGradient("Demo.Network", "L", new object[] { 0.3, -1.2, 0.7, 0.25 });
        asm.AssertGradient("Demo.Network", "L", new object[] { -2.0, 0.5, -1.5, 1.0 });

        // The backward method has exactly two out gradients: x and t are [NoDiff].
        asm.GetMethod("Demo.Network", "LBackward", 6);
    }

    [Fact]
    public void ScaledSumOfProduct()
    {
        const string source = """
            using SourceAD;

            namespace Demo;

            public static partial class Linear
            {
                [Differentiable]
                public static double J(double a, double b, double c)
                {
                    return 3 * (a + b * c);
                }
            }
            """;
        GeneratorResult result = RunClean(source);
        Snapshot.Match(result.AllGeneratedSource, "ScaledSumOfProduct");

        using LoadedAssembly asm = result.Load();
        object?[] args = { 2.0, 3.0, 5.0, null, null, null };
        object? value = asm.Invoke("Demo.Linear", "JBackward", args);
        Assert.Equal(3 * (2.0 + 3.0 * 5.0), (double)value!);
        Assert.Equal(3.0, (double)args[3]!);
        Assert.Equal(15.0, (double)args[4]!);
        Assert.Equal(9.0, (double)args[5]!);
    }

    [Fact]
    public void IfElseWithEarlyReturn()
    {
        const string source = """
            using SourceAD;

            namespace Demo;

            public static partial class Branches
            {
                [Differentiable]
                public static double Piecewise(double x, double y)
                {
                    if (x < 0)
                    {
                        return -x * y;
                    }

                    double z;
                    if (y > 1)
                    {
                        z = x * y;
                    }
                    else
                    {
                        z = x + y * y;
                    }
                    return z * z;
                }
            }
            """;
        GeneratorResult result = RunClean(source);
        Snapshot.Match(result.AllGeneratedSource, "IfElseWithEarlyReturn");

        using LoadedAssembly asm = result.Load();
        asm.AssertGradient("Demo.Branches", "Piecewise", new object[] { -1.5, 2.0 }); // early return
        asm.AssertGradient("Demo.Branches", "Piecewise", new object[] { 0.5, 2.0 });  // if branch
        asm.AssertGradient("Demo.Branches", "Piecewise", new object[] { 0.5, 0.3 });  // else branch
    }

    [Fact]
    public void ForLoopWithReassignedLocal()
    {
        const string source = """
            using System;
            using SourceAD;

            namespace Demo;

            public static partial class Loops
            {
                [Differentiable]
                public static double SinSum(double x, int n)
                {
                    double s = 0;
                    double t = x;
                    for (int i = 1; i <= n; i++)
                    {
                        t = t * 0.5 + x;
                        s += Math.Sin(x * i) * t;
                    }
                    return s;
                }
            }
            """;
        GeneratorResult result = RunClean(source);
        Snapshot.Match(result.AllGeneratedSource, "ForLoopWithReassignedLocal");

        using LoadedAssembly asm = result.Load();
        asm.AssertGradient("Demo.Loops", "SinSum", new object[] { 0.7, 0 });
        asm.AssertGradient("Demo.Loops", "SinSum", new object[] { 0.7, 1 });
        asm.AssertGradient("Demo.Loops", "SinSum", new object[] { 0.7, 5 });
        asm.AssertGradient("Demo.Loops", "SinSum", new object[] { -1.3, 200 }, tolerance: 1e-5);
    }

    [Fact]
    public void CallToAVectorValuedMethod()
    {
        // The callee writes its results into an [Output] buffer; the caller's pullback calls SquarePullback into
        // scratch and clears the buffer's adjoint, its tangent calls SquareTangent, its Hessian SquarePullbackTangent.
        const string source = """
            using System;
            using SourceAD;

            namespace Demo;

            public static partial class Vectors
            {
                [Differentiable]
                public static void Square(ReadOnlySpan<double> a, [Output] Span<double> r)
                {
                    for (int i = 0; i < r.Length; i++)
                    {
                        r[i] = a[i] * a[i];
                    }
                }

                [Differentiable]
                public static double SumOfSquares(double a, double b)
                {
                    double[] x = new double[2];
                    x[0] = a;
                    x[1] = a * b;
                    Span<double> r = stackalloc double[2];
                    Square(x, r);
                    return r[0] + 3 * r[1];
                }
            }
            """;
        GeneratorResult result = RunClean(source);
        Snapshot.Match(result.AllGeneratedSource, "CallToAVectorValuedMethod");

        using LoadedAssembly asm = result.Load();
        asm.AssertGradient("Demo.Vectors", "SumOfSquares", new object[] { 0.7, -1.9 });
    }

    [Fact]
    public void CallToAnotherDifferentiableMethod()
    {
        const string source = """
            using System;
            using SourceAD;

            namespace Demo;

            public static partial class Calls
            {
                [Differentiable]
                public static double Square(double u)
                {
                    return u * u;
                }

                [Differentiable]
                public static double Outer(double a, double b)
                {
                    double p = Square(a * b);
                    return p + Math.Sqrt(b) * Square(a);
                }
            }
            """;
        GeneratorResult result = RunClean(source);
        Snapshot.Match(result.AllGeneratedSource, "CallToAnotherDifferentiableMethod");

        using LoadedAssembly asm = result.Load();
        asm.AssertGradient("Demo.Calls", "Square", new object[] { -0.8 });
        asm.AssertGradient("Demo.Calls", "Outer", new object[] { 1.1, 2.3 });
    }

    /// <summary>
    /// Vector forward mode: <c>FTangents</c> with a bundle of lanes per tangent (a call's <c>Tangents</c>, a rule's
    /// pullback dotted with every lane, shared read-only zeros for a [NoDiff] buffer argument) and the Jacobian's
    /// chunked sweeps. Values are checked in the end-to-end VectorJacobians tests.
    /// </summary>
    [Fact]
    public void VectorForwardModeJacobian()
    {
        const string source = """
            using System;
            using SourceAD;

            namespace Demo;

            public static partial class Lanes
            {
                public static double Norm2(ReadOnlySpan<double> x)
                {
                    double sum = 0;
                    for (int i = 0; i < x.Length; i++)
                    {
                        sum += x[i] * x[i];
                    }
                    return sum;
                }

                [DerivativeOf(nameof(Norm2))]
                public static void Norm2Pullback(ReadOnlySpan<double> x, double dResult, Span<double> dx)
                {
                    for (int i = 0; i < x.Length; i++)
                    {
                        dx[i] += 2 * dResult * x[i];
                    }
                }

                [Differentiable]
                public static double Weighted(ReadOnlySpan<double> x, ReadOnlySpan<double> w, int i) => w[i] * Math.Sin(x[i]);

                [Differentiable]
                public static void Map(ReadOnlySpan<double> x, double s, [NoDiff] ReadOnlySpan<double> w, [Output] Span<double> y)
                {
                    double[] scaled = new double[x.Length];
                    for (int i = 0; i < x.Length; i++)
                    {
                        scaled[i] = s * x[i];
                        y[i] = Weighted(scaled, w, i) / (1 + s * s);
                    }
                    y[x.Length] = Norm2(scaled);
                }
            }
            """;
        GeneratorResult result = RunClean(source);
        Snapshot.Match(result.AllGeneratedSource, "VectorForwardModeJacobian");
        string generated = result.AllGeneratedSource;
        Assert.Contains("public static void MapTangents(global::System.ReadOnlySpan<double> x, double s, global::System.ReadOnlySpan<double> w, global::System.Span<double> y, "
            + "global::System.ReadOnlySpan<global::System.Numerics.Vector<double>> xDot, global::System.Numerics.Vector<double> sDot, global::System.Span<global::System.Numerics.Vector<double>> yDot)", generated);
        Assert.Contains("global::SourceAD.ZeroTangents<global::System.Numerics.Vector<double>>.Of(w.Length)", generated);
        Assert.Contains("global::SourceAD.Lanes.Dot<double>(", generated);
        Assert.Contains("MapTangents(x, s, w, y, xDirections, sDirections, yTangents);", generated);
        // The [NoDiff] buffer's zero tangent is shared, not rented and cleared per call.
        string tangents = generated[generated.IndexOf("public static void MapTangents(", StringComparison.Ordinal)..generated.IndexOf("public static void MapJacobian(", StringComparison.Ordinal)];
        Assert.DoesNotContain("Rent(w.Length)", tangents);
    }

    [Fact]
    public void NestedGradientInsideAMethod()
    {
        const string source = """
            using System;
            using SourceAD;

            namespace Demo;

            public static partial class Nested
            {
                [Differentiable]
                public static double Potential(double x, double w)
                {
                    return w * x * x * x;
                }

                [Differentiable]
                public static double Work(double x, double w)
                {
                    PotentialBackward(x, w, out double force, out double dw);
                    return force * x;
                }
            }
            """;
        GeneratorResult result = RunClean(source);
        Snapshot.Match(result.AllGeneratedSource, "NestedGradientInsideAMethod");

        using LoadedAssembly asm = result.Load();
        asm.AssertGradient("Demo.Nested", "Work", new object[] { 1.3, -0.7 });
    }

    [Fact]
    public void SumOfCallsOverDataPoints()
    {
        const string source = """
            using System;
            using SourceAD;

            namespace Demo;

            public static partial class Fit
            {
                [Differentiable]
                public static double Residual(double a, double b, [NoDiff] double x, [NoDiff] double y)
                {
                    double e = a * x + b - y;
                    return e * e;
                }

                /// A mean squared error with a ridge penalty: the loop only sums Residual into the loss.
                [Differentiable]
                public static double Loss(double a, double b, [NoDiff] double[] xs, [NoDiff] double[] ys, int n)
                {
                    double loss = 0;
                    for (int i = 0; i < n; i++)
                    {
                        loss += Residual(a, b, xs[i], ys[i]);
                    }
                    return 0.1 * (a * a + b * b) + loss / n;
                }
            }
            """;
        GeneratorResult result = RunClean(source);
        Snapshot.Match(result.AllGeneratedSource, "SumOfCallsOverDataPoints");
        string loss = Assert.Single(result.Sources, s => s.Key.Contains("Loss") && !s.Key.EndsWith(".graph.g.cs", StringComparison.Ordinal)).Value;
        string forward = loss.Substring(0, loss.IndexOf("── Reverse sweep", StringComparison.Ordinal));
        Assert.DoesNotContain("Demo.Fit.Residual(", forward); // the forward sweep skips the loop: no checkpoint re-run
        Assert.Contains("_skippedSum0 += global::Demo.Fit.ResidualPullback(", loss);

        using LoadedAssembly asm = result.Load();
        double[] xs = { 0.5, -1.0, 2.0, 3.5 }, ys = { 1.0, 0.3, -0.7, 2.2 };
        asm.AssertGradient("Demo.Fit", "Loss", new object[] { 0.8, -0.4, xs, ys, 4 });
        asm.AssertGradient("Demo.Fit", "Loss", new object[] { -1.3, 2.1, xs, ys, 1 });
    }

    [Fact]
    public void ForEachOverASpan()
    {
        const string source = """
            using System;
            using SourceAD;

            namespace Demo;

            public static partial class Norms
            {
                /// The softened L1 norm Σ √(vᵢ² + ε), written with foreach.
                [Differentiable]
                public static double SmoothL1(ReadOnlySpan<double> v, [NoDiff] double epsilon)
                {
                    double s = 0;
                    foreach (double x in v)
                    {
                        s += Math.Sqrt(x * x + epsilon);
                    }
                    return s;
                }

                public static double SmoothL1Of(double[] v, double epsilon) => SmoothL1(v, epsilon);

                public static double SmoothL1Gradient(double[] v, double epsilon, double[] dv) => SmoothL1Backward(v, epsilon, dv);
            }
            """;
        GeneratorResult result = RunClean(source);
        Snapshot.Match(result.AllGeneratedSource, "ForEachOverASpan");
        Assert.DoesNotContain("Push(", result.AllGeneratedSource); // the iteration variable is read as v[xIndex]: nothing saved

        using LoadedAssembly asm = result.Load();
        AssertBufferGradient(asm, "Demo.Norms", "SmoothL1", new object[] { 1e-3 }, new[] { 0.3, -1.2, 0.0, 2.5 });
        AssertBufferGradient(asm, "Demo.Norms", "SmoothL1", new object[] { 0.5 }, new[] { 0.3, -1.2, 0.0, 2.5 });
    }

    [Fact]
    public void SwitchStatement()
    {
        const string source = """
            using System;
            using SourceAD;

            namespace Demo;

            public static partial class Switches
            {
                [Differentiable]
                public static double Mode(double x, int mode)
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
                        default:
                            r = x;
                            break;
                    }
                    return r * 2;
                }
            }
            """;
        GeneratorResult result = RunClean(source);
        Snapshot.Match(result.AllGeneratedSource, "SwitchStatement");

        using LoadedAssembly asm = result.Load();
        foreach (int mode in new[] { 0, 1, 2, 3 })
        {
            asm.AssertGradient("Demo.Switches", "Mode", new object[] { 0.9, mode });
        }
    }

    [Fact]
    public void FloatMethodUsingMathF()
    {
        const string source = """
            using System;
            using SourceAD;

            namespace Demo;

            public static partial class Floats
            {
                [Differentiable]
                public static float SoftPlusPair(float a, float b)
                {
                    float s = MathF.Log(MathF.Exp(a) + MathF.Exp(b));
                    return s * MathF.Sqrt(a * a + 1f);
                }
            }
            """;
        GeneratorResult result = RunClean(source);
        Snapshot.Match(result.AllGeneratedSource, "FloatMethodUsingMathF");

        using LoadedAssembly asm = result.Load();
        var backward = asm.GetMethod("Demo.Floats", "SoftPlusPairBackward", 4);
        Assert.Equal(typeof(float), backward.ReturnType);
        Assert.All(backward.GetParameters().Skip(2), p => Assert.Equal(typeof(float).MakeByRefType(), p.ParameterType));
        asm.AssertGradient("Demo.Floats", "SoftPlusPair", new object[] { 0.4f, -0.6f }, step: 1e-2, tolerance: 2e-3);
    }
    [Fact]
    public void BufferLogSumExpAndStackallocRecurrence()
    {
        // Span parameters cannot go through reflection, so the source carries array wrappers the test invokes.
        const string source = """
            using System;
            using SourceAD;

            namespace Demo;

            public static partial class Buffers
            {
                [Differentiable]
                public static double LogSumExp(ReadOnlySpan<double> v)
                {
                    double max = v[0];
                    for (int i = 1; i < v.Length; i++)
                    {
                        if (v[i] > max)
                        {
                            max = v[i];
                        }
                    }
                    double sum = 0;
                    for (int i = 0; i < v.Length; i++)
                    {
                        sum += Math.Exp(v[i] - max);
                    }
                    return max + Math.Log(sum);
                }

                [Differentiable]
                public static double Recurrence(ReadOnlySpan<double> p, int k)
                {
                    Span<double> t = stackalloc double[p.Length];
                    for (int i = 0; i < p.Length; i++)
                    {
                        t[i] = p[i];
                    }
                    for (int r = 0; r < k; r++)
                    {
                        for (int i = 0; i < p.Length; i++)
                        {
                            t[i] = Math.Sin(t[i]) * p[i];
                        }
                    }
                    return LogSumExp(t);
                }

                public static double LogSumExpOf(double[] v) => LogSumExp(v);
                public static double LogSumExpGradient(double[] v, double[] dv) => LogSumExpBackward(v, dv);
                public static double RecurrenceOf(double[] p, int k) => Recurrence(p, k);
                public static double RecurrenceGradient(double[] p, int k, double[] dp) => RecurrenceBackward(p, k, dp);
            }
            """;
        GeneratorResult result = RunClean(source);
        Snapshot.Match(result.AllGeneratedSource, "BufferLogSumExpAndStackallocRecurrence");
        Assert.Contains("global::System.Span<double> dv", result.AllGeneratedSource);
        Assert.Contains("stackalloc", result.AllGeneratedSource);

        using LoadedAssembly asm = result.Load();
        AssertBufferGradient(asm, "LogSumExp", new object[0], new[] { 0.3, -1.2, 2.1, 0.7 });
        AssertBufferGradient(asm, "LogSumExp", new object[0], new[] { 1000.0, 1001.0, 999.5 });
        AssertBufferGradient(asm, "Recurrence", new object[] { 0 }, new[] { 0.3, -1.2, 2.1, 0.7 });
        AssertBufferGradient(asm, "Recurrence", new object[] { 5 }, new[] { 0.3, -1.2, 2.1, 0.7 });
    }

    /// <summary>
    /// Checks <c>Demo.Buffers.{name}Gradient(buffer, extra…, gradient)</c> against central differences of
    /// <c>{name}Of(buffer, extra…)</c>, element by element.
    /// </summary>
    private static void AssertBufferGradient(LoadedAssembly asm, string name, object[] extra, double[] point) =>
        AssertBufferGradient(asm, "Demo.Buffers", name, extra, point);

    /// <summary>Checks <c>{name}Gradient(p, extra…, dp)</c> against central differences of <c>{name}Of(p, extra…)</c>.</summary>
    private static void AssertBufferGradient(LoadedAssembly asm, string type, string name, object[] extra, double[] point)
    {
        double Primal(double[] p) => (double)asm.Invoke(type, name + "Of", [p, .. extra])!;
        double[] gradient = new double[point.Length];
        double value = (double)asm.Invoke(type, name + "Gradient", [(double[])point.Clone(), .. extra, gradient])!;
        Assert.Equal(Primal(point), value, 1e-14);
        for (int i = 0; i < point.Length; i++)
        {
            double h = 1e-6 * Math.Max(1, Math.Abs(point[i]));
            double[] plus = (double[])point.Clone(), minus = (double[])point.Clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = (Primal(plus) - Primal(minus)) / (2 * h);
            Assert.True(Math.Abs(numeric - gradient[i]) <= 1e-6 * Math.Max(1, Math.Abs(numeric)),
                $"d{name}/dp[{i}]: numeric {numeric:R}, generated {gradient[i]:R}");
        }
    }
}
