using Xunit;

namespace SourceAD.Generator.Tests;

/// <summary>
/// The gradient as a value: <c>FGradient(kept…, lengths…)</c> returns a <c>SourceAD.Gradient</c> over the flattened
/// differentiable inputs. A snapshot of what is generated, the delegate against a closed form and central differences,
/// and the cases where none is generated (overloads, a user's own <c>FGradient</c>).
/// </summary>
public class GradientValueSnapshotTests
{
    private const string Source = """
        using System;
        using SourceAD;

        namespace Demo;

        public static partial class Objectives
        {
            // f = a²·b + n·Σ cᵢ² + Σ sin dⱼ, differentiable in a (float), c and d; b and n are kept by the delegate.
            [Differentiable]
            public static float Mixed(float a, [NoDiff] double b, int n, double[] c, ReadOnlySpan<double> d)
            {
                double s = a * a * b;
                for (int i = 0; i < c.Length; i++) s += n * c[i] * c[i];
                for (int j = 0; j < d.Length; j++) s += Math.Sin(d[j]);
                return (float)s;
            }

            [Differentiable]
            public static double Rosenbrock(double x, double y) => (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);

            [Differentiable]
            public static double Overloaded(double x) => x * x;

            [Differentiable]
            public static double Overloaded(double x, double y) => x * y;

            [Differentiable]
            public static double Own(double x) => x * x * x;

            public static double OwnGradient(double x) => 3 * x * x;
        }
        """;

    [Fact]
    public void GradientValuesAreDelegatesOverTheFlattenedInputs()
    {
        GeneratorResult result = GeneratorHarness.Run(Source);
        result.AssertCleanRun();
        Snapshot.Match(result.AllGeneratedSource, "GradientValues");
        Assert.DoesNotContain("OverloadedGradient", result.AllGeneratedSource);
        Assert.DoesNotContain("OwnGradientAt", result.AllGeneratedSource);

        using LoadedAssembly asm = result.Load();
        var rosenbrock = (Gradient)asm.Invoke("Demo.Objectives", "RosenbrockGradient", [])!;
        double[] g = new double[2];
        double value = rosenbrock([0.5, -0.3], g);
        // Closed form: ∂/∂x = −2(1 − x) − 400x(y − x²), ∂/∂y = 200(y − x²).
        Assert.Equal(0.25 + 100 * 0.55 * 0.55, value, 1e-12);
        Assert.Equal(-1 - 200 * (-0.55), g[0], 1e-12);
        Assert.Equal(200 * -0.55, g[1], 1e-12);

        // b = 1.5, n = 2, three c's and two d's: five flattened entries after a.
        var mixed = (Gradient)asm.Invoke("Demo.Objectives", "MixedGradient", [1.5, 2, 3, 2])!;
        double[] point = [0.7, 0.3, -1.1, 2.0, 0.4, -0.9];
        GradCheckReport report = GradCheck.Run(mixed, point, step: 1e-3);
        Assert.True(report.MaxError < 1e-3, report.ToString());
        double[] gm = new double[6];
        mixed(point, gm);
        Assert.Equal(2 * 0.7 * 1.5, gm[0], 1e-5);
        Assert.Equal(2 * 2 * 0.3, gm[1], 1e-12);
        Assert.Equal(Math.Cos(-0.9), gm[5], 1e-12);

        var wrongLength = Assert.Throws<System.ArgumentException>(() => mixed(new double[5], new double[5]));
        Assert.Contains("6", wrongLength.Message);
    }
}
