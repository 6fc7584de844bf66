using System.Numerics;
using SourceAD.EndToEnd.Tests.Support;
using M = SourceAD.EndToEnd.Tests.GenericModels;

namespace SourceAD.EndToEnd.Tests;

/// <summary>
/// Generic methods over floating-point generic math: one body, differentiated for <c>double</c> and <c>float</c>, with
/// the generic-math statics (<c>T.Sin</c>, <c>T.Exp</c>, …) under the same rules as <c>Math</c>; a narrower constraint
/// that suffices (<c>ITrigonometricFunctions&lt;T&gt;</c>); loops over spans of T; calls between generic methods.
/// </summary>
internal static partial class GenericModels
{
    [Differentiable]
    public static T F<T>(T x, T y) where T : IFloatingPointIeee754<T> =>
        T.Sin(x) * y + T.Exp(x * y) / (T.One + x * x) - T.CreateChecked(0.5) * T.Pi * T.Pow(y, T.CreateChecked(3)) + T.Abs(x - y);

    [Differentiable]
    public static T Trig<T>(T x) where T : ITrigonometricFunctions<T> => T.Sin(x) * T.Cos(x);

    [Differentiable]
    public static T SumOfF<T>(ReadOnlySpan<T> xs) where T : IFloatingPointIeee754<T>
    {
        T s = T.Zero;
        for (int i = 0; i < xs.Length; i++)
        {
            s += F(xs[i], xs[(i + 1) % xs.Length]) * T.Sqrt(xs[i] * xs[i] + T.One);
        }
        return s;
    }

    /// <summary>A non-generic method calling generic ones.</summary>
    [Differentiable]
    public static double Mixed(double x) => F(x, 2.0) + Trig(x) + F<double>(x, x);
}

public class Generics
{
    [Theory]
    [InlineData(0.3, 1.7)]
    [InlineData(-1.1, 0.4)]
    public void GenericMethodForDoubleAgreesWithCentralDifferences(double x, double y)
    {
        GradientAssert.Check(p => M.F(p[0], p[1]), p => (M.FBackward(p[0], p[1], out double dx, out double dy), [dx, dy]), x, y);
        double expected = Math.Cos(x) * y + y * Math.Exp(x * y) / (1 + x * x) - 2 * x * Math.Exp(x * y) / ((1 + x * x) * (1 + x * x)) + Math.Sign(x - y);
        M.FBackward(x, y, out double dxExact, out _);
        GradientAssert.Close(expected, dxExact, 1e-13);
    }

    [Fact]
    public void GenericMethodForFloatAgreesWithCentralDifferences()
    {
        GradientAssert.CheckFloat(p => M.F((float)p[0], (float)p[1]), p => (M.FBackward((float)p[0], (float)p[1], out float dx, out float dy), [dx, dy]), 0.3, 1.7);
        GradientAssert.CheckFloat(p => M.Trig((float)p[0]), p => (M.TrigBackward((float)p[0], out float dx), [dx]), 0.8);
    }

    [Fact]
    public void GenericSpanLoopAndCallsBetweenGenericMethods()
    {
        GradientAssert.Check(p => M.SumOfF<double>(p), Adapters.Buffer((p, g) => M.SumOfFBackward<double>(p, g)), 0.3, -0.8, 1.2);
        float[] xs = [0.3f, -0.8f, 1.2f];
        float[] gradient = new float[3];
        M.SumOfFBackward<float>(xs, gradient);
        double[] reference = new double[3];
        M.SumOfFBackward<double>([0.3f, -0.8f, 1.2f], reference);
        GradientAssert.Near(gradient.Select(g => (double)g).ToArray(), 1e-4, reference);
        GradientAssert.Check(p => M.Mixed(p[0]), p => (M.MixedBackward(p[0], out double dx), [dx]), 0.6);
    }

    [Fact]
    public void GenericTangentAndHessian()
    {
        M.FTangent(0.3, 1.7, 1.0, 0.0, out double tangent);
        M.FBackward(0.3, 1.7, out double dx, out _);
        GradientAssert.Close(dx, tangent, 1e-13);
        double[] hessian = new double[4];
        M.FHessian(0.3, 1.7, hessian);
        double h = 1e-5;
        M.FBackward(0.3 + h, 1.7, out double plus, out _);
        M.FBackward(0.3 - h, 1.7, out double minus, out _);
        GradientAssert.Close((plus - minus) / (2 * h), hessian[0], 1e-6);
    }
}
