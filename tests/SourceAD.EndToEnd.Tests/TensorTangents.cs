using SourceAD.EndToEnd.Tests.Support;

namespace SourceAD.EndToEnd.Tests;

/// <summary>Methods over tensors whose generated Tangent the tests below check.</summary>
public static partial class TensorNetworks
{
    // Nielsen's network: sigmoid layers, quadratic cost; the biases repeat over the batch.
    [Differentiable]
    public static float Quadratic(Tensor w1, Tensor b1, Tensor w2, Tensor b2, [NoDiff] Tensor x, [NoDiff] Tensor y)
    {
        Tensor hidden = Tensor.Sigmoid(Tensor.MatMul(x, w1) + b1);
        Tensor output = Tensor.Sigmoid(Tensor.MatMul(hidden, w2) + b2);
        return 0.5f * Tensor.SumOfSquares(output - y) / x.Shape[0];
    }

    // ReLU and tanh layers, softmax cross-entropy, an L2 penalty and the other arithmetic with scalars.
    [Differentiable]
    public static float Classifier(Tensor w1, Tensor b1, Tensor w2, float scale, [NoDiff] Tensor x, int[] labels)
    {
        Tensor hidden = Tensor.Relu(Tensor.MatMul(x, w1) + b1);
        Tensor squashed = Tensor.Tanh(hidden * scale) / (1f + scale * scale);
        Tensor logits = Tensor.MatMulTransposeB(squashed, w2) - Tensor.Mean(b1);
        return Tensor.CrossEntropy(logits, labels) + 0.01f * Tensor.SumOfSquares(w1) * scale;
    }

    // Rearranging, reductions along an axis, softmaxes, exp/log and a division by a tensor.
    [Differentiable]
    public static float Shapes(Tensor a, Tensor b, [NoDiff] Tensor x)
    {
        Tensor product = Tensor.MatMul(Tensor.Transpose(a), x);
        Tensor rows = Tensor.Rows(Tensor.Reshape(product, 6, -1), 1, 3);
        Tensor probabilities = Tensor.Softmax(rows) + Tensor.Exp(Tensor.LogSoftmax(rows));
        Tensor ratio = Tensor.Sum(probabilities, 0) / (Tensor.Square(b) + 1f);
        return Tensor.Sum(Tensor.Log(ratio + 2f)) - Tensor.MeanSquaredError(Tensor.Mean(rows, 1), Tensor.Sum(rows, -1));
    }

    // A loop over layers that reuses one weight, with a branch on the data.
    [Differentiable]
    public static float Deep(Tensor w, Tensor b, [NoDiff] Tensor x, int depth)
    {
        Tensor h = x;
        for (int i = 0; i < depth; i++)
        {
            h = i % 2 == 0 ? Tensor.Tanh(Tensor.MatMul(h, w) + b) : Tensor.Sigmoid(Tensor.MatMul(h, w)) - b;
        }
        return Tensor.Sum(h * h);
    }

    // Layers as arrays of tensors, in a loop.
    [Differentiable]
    public static float Layers(Tensor[] weights, Tensor[] biases, [NoDiff] Tensor x, int[] labels)
    {
        Tensor h = x;
        for (int layer = 0; layer < weights.Length; layer++)
        {
            Tensor z = Tensor.MatMul(h, weights[layer]) + biases[layer];
            h = layer < weights.Length - 1 ? Tensor.Tanh(z) : z;
        }
        return Tensor.CrossEntropy(h, labels);
    }

    // A method that returns a tensor, called by another: its Tangent returns the tensor and writes the tensor's tangent.
    [Differentiable]
    public static Tensor Dense(Tensor w, Tensor b, Tensor x) => Tensor.Sigmoid(Tensor.MatMul(x, w) + b);

    [Differentiable]
    public static float Stacked(Tensor w1, Tensor b1, Tensor w2, Tensor b2, [NoDiff] Tensor x) =>
        Tensor.Sum(Dense(w2, b2, Dense(w1, b1, x)));

    // A call to another [Differentiable] method over tensors: its own Tangent is called.
    [Differentiable]
    public static float Outer(Tensor w1, Tensor b1, Tensor w2, Tensor b2, [NoDiff] Tensor x, [NoDiff] Tensor y) =>
        Quadratic(w1, b1, w2, b2, x, y) * Tensor.Sum(b2) + Quadratic(w1, b1, w1, b1, x, x);
}

/// <summary>
/// Forward mode over tensors: the generated <c>Tangent</c> of methods over <see cref="Tensor"/> along random directions
/// (some of them null, a zero tangent) against the gradient of the same method (reverse mode) dotted with the
/// direction, and against central differences of the method.
/// </summary>
public class TensorTangents
{
    private static Tensor R(int seed, params int[] shape) => Tensor.RandomNormal(new Random(seed), 0.5f, shape);

    private static readonly Tensor X = R(1, 5, 4), Y = Tensor.RandomUniform(new Random(2), 0, 1, 5, 2);

    private static double Dot(Tensor? direction, Tensor gradient) =>
        direction is null ? 0 : direction.ToArray().Zip(gradient.ToArray(), (d, g) => (double)d * g).Sum();

    private static Tensor Moved(Tensor t, Tensor? direction, float h) => direction is null ? t : t + direction * h;

    /// <summary>The tangent against ⟨gradient, direction⟩ (tight) and against central differences (float, loose).</summary>
    private static void Check(double tangent, double dot, Func<float, float> along, string what)
    {
        GradientAssert.Close(dot, tangent, 1e-4, what + ": tangent against the gradient");
        const float h = 1e-2f;
        double central = ((double)along(h) - along(-h)) / (2 * h);
        GradientAssert.Close(central, tangent, 2e-2, what + ": tangent against central differences");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void NielsensNetwork(bool someNull)
    {
        Tensor w1 = R(3, 4, 3), b1 = R(4, 3), w2 = R(5, 3, 2), b2 = R(6, 2);
        Tensor? w1Dot = R(7, 4, 3), b1Dot = someNull ? null : R(8, 3), w2Dot = R(9, 3, 2), b2Dot = someNull ? null : R(10, 2);
        float value = TensorNetworks.QuadraticTangent(w1, b1, w2, b2, X, Y, w1Dot, b1Dot, w2Dot, b2Dot, out float tangent);
        Assert.Equal(TensorNetworks.Quadratic(w1, b1, w2, b2, X, Y), value);

        Tensor dw1 = Tensor.ZerosLike(w1), db1 = Tensor.ZerosLike(b1), dw2 = Tensor.ZerosLike(w2), db2 = Tensor.ZerosLike(b2);
        TensorNetworks.QuadraticBackward(w1, b1, w2, b2, X, Y, dw1, db1, dw2, db2);
        double dot = Dot(w1Dot, dw1) + Dot(b1Dot, db1) + Dot(w2Dot, dw2) + Dot(b2Dot, db2);
        Check(tangent, dot, h => TensorNetworks.Quadratic(Moved(w1, w1Dot, h), Moved(b1, b1Dot, h), Moved(w2, w2Dot, h), Moved(b2, b2Dot, h), X, Y), "Quadratic");
    }

    [Fact]
    public void ClassifierWithAScalarParameter()
    {
        Tensor w1 = R(11, 4, 6), b1 = R(12, 6), w2 = R(13, 3, 6);
        int[] labels = [0, 2, 1, 1, 0];
        Tensor w1Dot = R(14, 4, 6), b1Dot = R(15, 6), w2Dot = R(16, 3, 6);
        const float scale = 0.8f, scaleDot = -0.6f;
        TensorNetworks.ClassifierTangent(w1, b1, w2, scale, X, labels, w1Dot, b1Dot, w2Dot, scaleDot, out float tangent);

        Tensor dw1 = Tensor.ZerosLike(w1), db1 = Tensor.ZerosLike(b1), dw2 = Tensor.ZerosLike(w2);
        TensorNetworks.ClassifierBackward(w1, b1, w2, scale, X, labels, dw1, db1, dw2, out float dscale);
        double dot = Dot(w1Dot, dw1) + Dot(b1Dot, db1) + Dot(w2Dot, dw2) + (double)dscale * scaleDot;
        Check(tangent, dot, h => TensorNetworks.Classifier(Moved(w1, w1Dot, h), Moved(b1, b1Dot, h), Moved(w2, w2Dot, h), scale + h * scaleDot, X, labels), "Classifier");
    }

    [Fact]
    public void RearrangingAndReducing()
    {
        Tensor a = R(17, 5, 4), b = R(18, 2), x = R(19, 5, 3);
        Tensor aDot = R(20, 5, 4), bDot = R(21, 2);
        TensorNetworks.ShapesTangent(a, b, x, aDot, bDot, out float tangent);

        Tensor da = Tensor.ZerosLike(a), db = Tensor.ZerosLike(b);
        TensorNetworks.ShapesBackward(a, b, x, da, db);
        Check(tangent, Dot(aDot, da) + Dot(bDot, db), h => TensorNetworks.Shapes(Moved(a, aDot, h), Moved(b, bDot, h), x), "Shapes");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public void ALoopOverLayers(int depth)
    {
        Tensor w = R(22, 4, 4), b = R(23, 4), wDot = R(24, 4, 4), bDot = R(25, 4);
        TensorNetworks.DeepTangent(w, b, X, depth, wDot, bDot, out float tangent);

        Tensor dw = Tensor.ZerosLike(w), db = Tensor.ZerosLike(b);
        TensorNetworks.DeepBackward(w, b, X, depth, dw, db);
        if (depth == 0)
        {
            Assert.Equal(0f, tangent);
            return;
        }
        Check(tangent, Dot(wDot, dw) + Dot(bDot, db), h => TensorNetworks.Deep(Moved(w, wDot, h), Moved(b, bDot, h), X, depth), "Deep");
    }

    [Fact]
    public void ACallToAnotherMethodOverTensors()
    {
        Tensor w1 = R(26, 4, 4), b1 = R(27, 4), w2 = R(28, 4, 2), b2 = R(29, 2), x = R(30, 5, 4);
        Tensor w1Dot = R(31, 4, 4), b1Dot = R(32, 4), w2Dot = R(33, 4, 2), b2Dot = R(34, 2);
        TensorNetworks.OuterTangent(w1, b1, w2, b2, x, Y, w1Dot, b1Dot, w2Dot, b2Dot, out float tangent);

        Tensor dw1 = Tensor.ZerosLike(w1), db1 = Tensor.ZerosLike(b1), dw2 = Tensor.ZerosLike(w2), db2 = Tensor.ZerosLike(b2);
        TensorNetworks.OuterBackward(w1, b1, w2, b2, x, Y, dw1, db1, dw2, db2);
        double dot = Dot(w1Dot, dw1) + Dot(b1Dot, db1) + Dot(w2Dot, dw2) + Dot(b2Dot, db2);
        Check(tangent, dot, h => TensorNetworks.Outer(Moved(w1, w1Dot, h), Moved(b1, b1Dot, h), Moved(w2, w2Dot, h), Moved(b2, b2Dot, h), x, Y), "Outer");
    }

    [Fact]
    public void ArraysOfLayers()
    {
        int[] sizes = [4, 5, 3, 3];
        Tensor[] weights = new Tensor[3], biases = new Tensor[3];
        Tensor?[] weightsDot = new Tensor?[3], biasesDot = new Tensor?[3];
        for (int l = 0; l < 3; l++)
        {
            (weights[l], biases[l]) = (R(40 + l, sizes[l], sizes[l + 1]), R(50 + l, sizes[l + 1]));
            (weightsDot[l], biasesDot[l]) = (R(60 + l, sizes[l], sizes[l + 1]), l == 1 ? null : R(70 + l, sizes[l + 1]));
        }
        int[] labels = [0, 2, 1, 1, 0];
        TensorNetworks.LayersTangent(weights, biases, X, labels, weightsDot, biasesDot, out float tangent);

        Tensor[] dweights = weights.Select(Tensor.ZerosLike).ToArray(), dbiases = biases.Select(Tensor.ZerosLike).ToArray();
        TensorNetworks.LayersBackward(weights, biases, X, labels, dweights, dbiases);
        double dot = Enumerable.Range(0, 3).Sum(l => Dot(weightsDot[l], dweights[l]) + Dot(biasesDot[l], dbiases[l]));
        Check(tangent, dot, h => TensorNetworks.Layers(
            weights.Select((w, l) => Moved(w, weightsDot[l], h)).ToArray(), biases.Select((b, l) => Moved(b, biasesDot[l], h)).ToArray(), X, labels), "Layers");
    }

    [Fact]
    public void AMethodThatReturnsATensor()
    {
        Tensor w1 = R(80, 4, 3), b1 = R(81, 3), w2 = R(82, 3, 2), b2 = R(83, 2);
        Tensor w1Dot = R(84, 4, 3), b1Dot = R(85, 3), w2Dot = R(86, 3, 2), b2Dot = R(87, 2);
        Tensor layer = TensorNetworks.DenseTangent(w1, b1, X, w1Dot, b1Dot, null, out Tensor? layerDot);
        Assert.Equal(TensorNetworks.Dense(w1, b1, X).ToArray(), layer.ToArray());
        Tensor central = (TensorNetworks.Dense(w1 + w1Dot * 1e-2f, b1 + b1Dot * 1e-2f, X) - TensorNetworks.Dense(w1 - w1Dot * 1e-2f, b1 - b1Dot * 1e-2f, X)) / 2e-2f;
        Assert.NotNull(layerDot);
        GradientAssert.Near(layerDot.ToArray().Select(v => (double)v).ToArray(), 2e-2, central.ToArray().Select(v => (double)v).ToArray());

        TensorNetworks.StackedTangent(w1, b1, w2, b2, X, w1Dot, b1Dot, w2Dot, b2Dot, out float tangent);
        Tensor dw1 = Tensor.ZerosLike(w1), db1 = Tensor.ZerosLike(b1), dw2 = Tensor.ZerosLike(w2), db2 = Tensor.ZerosLike(b2);
        TensorNetworks.StackedBackward(w1, b1, w2, b2, X, dw1, db1, dw2, db2);
        double dot = Dot(w1Dot, dw1) + Dot(b1Dot, db1) + Dot(w2Dot, dw2) + Dot(b2Dot, db2);
        Check(tangent, dot, h => TensorNetworks.Stacked(Moved(w1, w1Dot, h), Moved(b1, b1Dot, h), Moved(w2, w2Dot, h), Moved(b2, b2Dot, h), X), "Stacked");
    }

    [Fact]
    public void AllTangentsNullGiveZero()
    {
        Tensor w1 = R(3, 4, 3), b1 = R(4, 3), w2 = R(5, 3, 2), b2 = R(6, 2);
        float value = TensorNetworks.QuadraticTangent(w1, b1, w2, b2, X, Y, null, null, null, null, out float tangent);
        Assert.Equal(0f, tangent);
        Assert.Equal(TensorNetworks.Quadratic(w1, b1, w2, b2, X, Y), value);
    }

    [Fact]
    public void AClassModelWithATensorMember()
    {
        var rng = new Random(35);
        var net = new TinyNet { Weights = Tensor.RandomNormal(rng, 0.5f, 4, 2), Offsets = [0.7, 0.2], Output = new Scale { Factor = 1.3 } };
        var direction = new TinyNet { Weights = Tensor.RandomNormal(rng, 0.5f, 4, 2), Offsets = [-0.4, 0.9], Output = new Scale { Factor = 0.5 } };
        net.LossTangent(X, Y, direction, out float tangent);

        TinyNet gradient = TinyNetGradients.ZerosLike(net);
        net.LossBackward(X, Y, gradient);
        double dot = Dot(direction.Weights, gradient.Weights) + direction.Offsets.Zip(gradient.Offsets, (d, g) => d * g).Sum() + direction.Output.Factor * gradient.Output.Factor;
        TinyNet At(float h) => new()
        {
            Weights = net.Weights + direction.Weights * h,
            Offsets = [net.Offsets[0] + h * direction.Offsets[0], net.Offsets[1] + h * direction.Offsets[1]],
            Output = new Scale { Factor = net.Output.Factor + h * direction.Output.Factor },
        };
        Check(tangent, dot, h => At(h).Loss(X, Y), "TinyNet.Loss");
    }
}
