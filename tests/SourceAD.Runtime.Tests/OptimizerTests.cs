namespace SourceAD.Runtime.Tests;

public sealed class OptimizerTests
{
    [Fact]
    public void Sgd_StepsAgainstTheGradient()
    {
        Tensor w = Tensor.FromArray([1, -2, 3], 3), b = Tensor.Scalar(0.5f);
        var sgd = new Sgd(0.1f);
        sgd.Step(w, Tensor.FromArray([10, 0, -5], 3));
        Assert.Equal([0f, -2f, 3.5f], w.ToArray());
        sgd.Step([(w, Tensor.FromArray([1, 1, 1], 3)), (b, Tensor.Scalar(-2))]);
        Assert.Equal(-0.1f, w[0], 6);
        Assert.Equal(0.7f, b.Item(), 6);
        Assert.Throws<ArgumentException>(() => sgd.Step(w, Tensor.Zeros(2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(0));
    }

    [Fact]
    public void Sgd_MinimisesAQuadratic()
    {
        // L(w) = Σ (w − 3)², ∇L = 2(w − 3): each step multiplies the error by 1 − 2·lr.
        Tensor w = Tensor.Zeros(4);
        var sgd = new Sgd(0.25f);
        for (int i = 0; i < 20; i++)
        {
            sgd.Step(w, (w - 3f) * 2f);
        }
        Assert.All(w.ToArray(), v => Assert.Equal(3f, v, 5));
    }

    [Fact]
    public void Adam_TwoSteps_MatchHandComputation()
    {
        const double lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        double[] theta = [1.0, -0.5];
        double[][] grads = [[0.2, -1.0], [0.4, 3.0]];
        double[] m = new double[2], v = new double[2];
        for (int t = 1; t <= 2; t++)
        {
            for (int i = 0; i < 2; i++)
            {
                double g = grads[t - 1][i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mHat = m[i] / (1 - Math.Pow(b1, t)), vHat = v[i] / (1 - Math.Pow(b2, t));
                theta[i] -= lr * mHat / (Math.Sqrt(vHat) + eps);
            }
        }
        // Step 1 moves each coordinate by −lr·sign(g) exactly: θ₁ = (0.9, −0.4).
        Tensor p = Tensor.FromArray([1f, -0.5f], 2);
        var adam = new Adam(0.1f);
        adam.Step(p, Tensor.FromArray([0.2f, -1f], 2));
        Assert.Equal(0.9f, p[0], 6);
        Assert.Equal(-0.4f, p[1], 6);
        adam.Step(p, Tensor.FromArray([0.4f, 3f], 2));
        Assert.Equal(theta[0], p[0], 5);
        Assert.Equal(theta[1], p[1], 5);
    }

    [Fact]
    public void Adam_KeepsSeparateStateForEachParameter()
    {
        Tensor a = Tensor.FromArray([1f], 1), b = Tensor.FromArray([1f], 1);
        var shared = new Adam(0.01f);
        shared.Step([(a, Tensor.FromArray([1f], 1)), (b, Tensor.FromArray([-1f], 1))]);
        shared.Step(a, Tensor.FromArray([1f], 1));
        Assert.Equal(0.98f, a[0], 6);
        Assert.Equal(1.01f, b[0], 6);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(0.1f, beta1: 1f));
    }
}
