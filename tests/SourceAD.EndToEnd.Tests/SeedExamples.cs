using SourceAD.EndToEnd.Tests.Support;
using M = SourceAD.EndToEnd.Tests.SeedModels;

namespace SourceAD.EndToEnd.Tests;

/// <summary>Worked examples with published figures, reproduced exactly.</summary>
internal static partial class SeedModels
{
    [Differentiable]
    public static double J(double a, double b, double c)
    {
        return 3 * (a + b * c);
    }

    [Differentiable]
    public static double Sigmoid(double x)
    {
        return 1 / (1 + Math.Exp(-x));
    }

    [Differentiable]
    public static double LogisticLoss(double w1, double w2, double b, [NoDiff] double x1, [NoDiff] double x2, [NoDiff] double y)
    {
        double z = w1 * x1 + w2 * x2 + b;
        double a = Sigmoid(z);
        return -(y * Math.Log(a) + (1 - y) * Math.Log(1 - a));
    }

    [Differentiable]
    public static double TwoWeightLoss(double w1, double w2, [NoDiff] double x, [NoDiff] double t)
    {
        double a = Sigmoid(w1 * x);
        double y = w2 * a;
        return 0.5 * (y - t) * (y - t);
    }

    [Differentiable]
    public static double ThreeSquared(double x)
    {
        double y = x + 2;
        return 3 * y * y;
    }

    [Differentiable]
    public static double MeanOfThreeSquared(double x0, double x1, double x2, double x3)
    {
        return (ThreeSquared(x0) + ThreeSquared(x1) + ThreeSquared(x2) + ThreeSquared(x3)) / 4;
    }
}

public sealed class SeedExampleTests
{
    [Fact]
    public void ThreeTimesAPlusBC()
    {
        double[] g = GradientAssert.Check(p => M.J(p[0], p[1], p[2]), p => (M.JBackward(p[0], p[1], p[2], out double da, out double db, out double dc), [da, db, dc]), 5, 3, 2);
        Assert.Equal(33.0, M.JBackward(5, 3, 2, out _, out _, out _));
        GradientAssert.Exact(g, 3, 6, 9);
    }

    [Theory]
    [InlineData(-3.0)]
    [InlineData(-0.5)]
    [InlineData(0.0)]
    [InlineData(1.2)]
    [InlineData(4.0)]
    public void SigmoidDerivativeIsSigmaTimesOneMinusSigma(double x)
    {
        double[] g = GradientAssert.Check(p => M.Sigmoid(p[0]), p => (M.SigmoidBackward(p[0], out double dx), [dx]), x);
        double s = M.Sigmoid(x);
        GradientAssert.Exact(g, s * (1 - s));
    }

    [Fact]
    public void SigmoidDerivativePeaksAtAQuarterAtZero()
    {
        M.SigmoidBackward(0, out double atZero);
        GradientAssert.Close(0.25, atZero);
        for (double x = -6; x <= 6; x += 0.25)
        {
            M.SigmoidBackward(x, out double dx);
            Assert.True(dx <= atZero, $"σ'({x}) = {dx} exceeds σ'(0) = {atZero}");
        }
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.0)]
    public void LogisticRegressionOneSample(double y)
    {
        const double w1 = 0.3, w2 = -0.2, b = 0.1, x1 = 1.5, x2 = 2.0;
        double[] g = GradientAssert.Check(
            p => M.LogisticLoss(p[0], p[1], p[2], x1, x2, y),
            p => (M.LogisticLossBackward(p[0], p[1], p[2], x1, x2, y, out double dw1, out double dw2, out double db), [dw1, dw2, db]),
            w1, w2, b);
        double a = 1 / (1 + Math.Exp(-(w1 * x1 + w2 * x2 + b)));
        GradientAssert.Exact(g, x1 * (a - y), x2 * (a - y), a - y);
    }

    [Fact]
    public void TwoWeightNetworkLossGradientAndOneSgdStep()
    {
        const double x = 1, t = 0, eta = 0.1;
        double w1 = 0.5, w2 = 0.5;

        double loss = M.TwoWeightLossBackward(w1, w2, x, t, out double dw1, out double dw2);
        GradientAssert.Close(0.04843195237503251, loss);
        GradientAssert.Close(0.19372780950013005, dw2);
        GradientAssert.Close(0.036570063381739404, dw1);
        GradientAssert.Check(p => M.TwoWeightLoss(p[0], p[1], x, t), p => (M.TwoWeightLossBackward(p[0], p[1], x, t, out double d1, out double d2), [d1, d2]), w1, w2);

        w1 -= eta * dw1;
        w2 -= eta * dw2;
        GradientAssert.Close(0.480627219049987, w2);
        GradientAssert.Close(0.49634299366182605, w1);
        GradientAssert.Close(0.29875765685487493, w2 * M.Sigmoid(w1 * x));
        GradientAssert.Close(0.044628068764707596, M.TwoWeightLoss(w1, w2, x, t));
    }

    [Fact]
    public void AutogradMeanOfThreeSquaredOverTwoByTwoOnes()
    {
        double[] g = GradientAssert.Check(
            p => M.MeanOfThreeSquared(p[0], p[1], p[2], p[3]),
            p => (M.MeanOfThreeSquaredBackward(p[0], p[1], p[2], p[3], out double d0, out double d1, out double d2, out double d3), [d0, d1, d2, d3]),
            1, 1, 1, 1);
        Assert.Equal(27.0, M.MeanOfThreeSquared(1, 1, 1, 1));
        GradientAssert.Exact(g, 4.5, 4.5, 4.5, 4.5);
    }
}
