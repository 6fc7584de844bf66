using System;
using SourceAD;

namespace SourceAD.Samples.Mnist;

/// <summary>Mini-batch training: shuffle, gather a batch, generated gradient, optimiser step.</summary>
public sealed class Trainer
{
    private readonly Network _network;
    private readonly Network _gradient;
    private readonly MnistData _data;
    private readonly TrainingOptions _options;
    private readonly Random _rng;
    private readonly int[] _order;
    private readonly Tensor _batch;
    private readonly Tensor _targets;
    private readonly int[] _labels;
    private readonly Tensor _testHidden;
    private readonly Tensor _testScores;
    private readonly Sgd? _sgd;
    private readonly Adam? _adam;

    public Trainer(Network network, MnistData data, TrainingOptions options, Random rng)
    {
        _network = network;
        _gradient = NetworkGradients.ZerosLike(network);
        _data = data;
        _options = options;
        _rng = rng;
        _order = new int[data.TrainLabels.Length];
        for (int i = 0; i < _order.Length; i++) _order[i] = i;
        int inputs = data.TrainImages.Shape[1];
        _batch = Tensor.Zeros(options.BatchSize, inputs);
        _targets = Tensor.Zeros(options.BatchSize, 10);
        _labels = new int[options.BatchSize];
        _testHidden = Tensor.Zeros(data.TestLabels.Length, network.Hidden.Biases.Length);
        _testScores = Tensor.Zeros(data.TestLabels.Length, network.Output.Biases.Length);
        if (options.CrossEntropy) _adam = new Adam(options.LearningRate);
        else _sgd = new Sgd(options.LearningRate);
    }

    /// <summary>One pass over the shuffled training set; returns the mean batch loss.</summary>
    public double Epoch(Action<double> progress)
    {
        _rng.Shuffle(_order);
        int batches = _order.Length / _options.BatchSize;
        double total = 0;
        for (int b = 0; b < batches; b++)
        {
            Gather(b * _options.BatchSize);
            // The generated gradient overwrites _gradient: a Network of the same shapes, one tensor per layer member.
            float loss = _options.CrossEntropy
                ? _network.CrossEntropyLossBackward(_batch, _labels, _gradient)
                : _network.QuadraticLossBackward(_batch, _targets, _gradient);
            if (_adam is not null) _adam.Step(_network, _gradient);
            else _sgd!.Step(_network, _gradient);
            total += loss;
            if (b % 40 == 0 || b == batches - 1) progress((b + 1.0) / batches);
        }
        return total / batches;
    }

    /// <summary>The fraction of test digits whose highest score is the true label.</summary>
    public double TestAccuracy()
    {
        Tensor scores = _network.ScoresInto(_testScores, _testHidden, _data.TestImages);
        int classes = scores.Shape[1], correct = 0;
        ReadOnlySpan<float> all = scores.Span;
        for (int i = 0; i < _data.TestLabels.Length; i++)
        {
            ReadOnlySpan<float> row = all.Slice(i * classes, classes);
            int best = 0;
            for (int c = 1; c < classes; c++) if (row[c] > row[best]) best = c;
            if (best == _data.TestLabels[i]) correct++;
        }
        return (double)correct / _data.TestLabels.Length;
    }

    /// <summary>Copies the next batch of shuffled images, their labels and one-hot targets into the reused tensors.</summary>
    private void Gather(int start)
    {
        int inputs = _batch.Shape[1];
        ReadOnlySpan<float> images = _data.TrainImages.Span;
        Span<float> batch = _batch.Span, targets = _targets.Span;
        targets.Clear();
        for (int r = 0; r < _options.BatchSize; r++)
        {
            int index = _order[start + r];
            images.Slice(index * inputs, inputs).CopyTo(batch.Slice(r * inputs, inputs));
            _labels[r] = _data.TrainLabels[index];
            targets[r * 10 + _labels[r]] = 1f;
        }
    }
}
