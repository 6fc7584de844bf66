using System;
using System.IO;
using SourceAD;
using SourceAD.Data;
using SourceAD.Samples.LogisticRegression;

// Two models from the seed material, differentiated by SourceAD.
//   dotnet run --project samples/LogisticRegression

// 1. Logistic regression with cross-entropy, one sample: the generated gradient against the closed form x·(a − y).
double w1 = 0.1, w2 = -0.2, b = 0.05, x1 = 1.5, x2 = -0.5, y = 1, alpha = 0.5;
Console.WriteLine("Logistic regression, one sample (x1 = 1.5, x2 = -0.5, y = 1), gradient descent with α = 0.5:");
for (int step = 0; step <= 5; step++)
{
    double loss = Models.CrossEntropyBackward(w1, w2, b, x1, x2, y, out double dw1, out double dw2, out double db);
    double a = 1 / (1 + Math.Exp(-(w1 * x1 + w2 * x2 + b)));
    Console.WriteLine($"  step {step}: L = {loss:F6}  dL/dw1 = {dw1:F6} (x1·(a−y) = {x1 * (a - y):F6})  dL/dw2 = {dw2:F6} (x2·(a−y) = {x2 * (a - y):F6})  dL/db = {db:F6} (a−y = {a - y:F6})");
    w1 -= alpha * dw1;
    w2 -= alpha * dw2;
    b -= alpha * db;
}

// The same fit by steepest descent with a backtracking line search: CrossEntropyGradient(x1, x2, y) is the generated
// gradient as a value over (w1, w2, b), keeping the sample, and LineSearch.Backtracking takes it as it is.
Console.WriteLine("The same sample with a backtracking (Armijo) line search from the same start, first step tried 4:");
double[] weights = [0.1, -0.2, 0.05];
Gradient crossEntropy = Models.CrossEntropyGradient(x1, x2, y);
for (int step = 1; step <= 5; step++)
{
    (double value, double taken) = LineSearch.Backtracking(crossEntropy, weights, initialStep: 4);
    Console.WriteLine($"  step {step}: L = {value:F6} with step length {taken}");
}

// 2. The L2-regularised one-hidden-layer perceptron on 8,000 MNIST digits (tested on the other 2,000).
string data = Path.Combine(AppContext.BaseDirectory, "data");
Tensor images = Idx.ReadImages(Path.Combine(data, "images-idx3-ubyte.gz"));
int[] labels = Idx.ReadLabels(Path.Combine(data, "labels-idx1-ubyte.gz"));
const int train = 8000, batch = 50, hidden = 64, epochs = 3;
const float lambda = 1e-4f, learningRate = 0.5f;
var rng = new Random(1);
Tensor W1 = Tensor.RandomNormal(rng, 1f / MathF.Sqrt(784), 784, hidden);
Tensor W2 = Tensor.RandomNormal(rng, 1f / MathF.Sqrt(hidden), hidden, 10);
Tensor dW1 = Tensor.ZerosLike(W1), dW2 = Tensor.ZerosLike(W2);
var sgd = new Sgd(learningRate);
Console.WriteLine($"\nRegularised perceptron [784, {hidden}, 10], tanh, softmax cross-entropy + (λ/2)(‖W1‖² + ‖W2‖²), λ = {lambda}, SGD η = {learningRate}, batch {batch}:");
for (int epoch = 1; epoch <= epochs; epoch++)
{
    double total = 0;
    for (int start = 0; start < train; start += batch)
    {
        Tensor x = Tensor.Rows(images, start, batch);
        int[] y_ = labels[start..(start + batch)];
        total += Models.RegularisedPerceptronBackward(W1, W2, x, y_, lambda, dW1, dW2);
        sgd.Step(W1, dW1);
        sgd.Step(W2, dW2);
    }
    Tensor scores = Tensor.MatMul(Tensor.Tanh(Tensor.MatMul(Tensor.Rows(images, train, labels.Length - train), W1)), W2);
    int correct = 0;
    for (int i = 0; i < labels.Length - train; i++)
    {
        int best = 0;
        for (int c = 1; c < 10; c++) if (scores[i, c] > scores[i, best]) best = c;
        if (best == labels[train + i]) correct++;
    }
    Console.WriteLine($"  epoch {epoch}: mean J = {total / (train / batch):F4}, test accuracy {(double)correct / (labels.Length - train):P2}");
}
