using System;

namespace SourceAD.Samples.Mnist;

/// <summary>The sample's command-line options.</summary>
public sealed record TrainingOptions(bool CrossEntropy, int Epochs, int Seed, string Plot)
{
    public int BatchSize => 10;

    public float LearningRate => CrossEntropy ? 0.001f : 3.0f;

    public string Describe() => CrossEntropy
        ? $"sigmoid hidden layer, softmax + cross-entropy, Adam (lr {LearningRate}), batch {BatchSize}"
        : $"sigmoid layers, quadratic cost, SGD (η = {LearningRate}), batch {BatchSize}";

    public static TrainingOptions Parse(string[] args)
    {
        var options = new TrainingOptions(CrossEntropy: false, Epochs: 10, Seed: 1, Plot: "mnist-training.svg");
        for (int i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--cross-entropy" or "--softmax" => options with { CrossEntropy = true },
                "--epochs" => options with { Epochs = PositiveInt(args, ++i, "--epochs") },
                "--seed" => options with { Seed = PositiveInt(args, ++i, "--seed") },
                "--plot" => options with { Plot = i + 1 < args.Length ? args[++i] : throw new ArgumentException("--plot needs a file name.") },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'. Options: --cross-entropy, --epochs N, --seed N, --plot FILE."),
            };
        }
        return options;
    }

    private static int PositiveInt(string[] args, int index, string name) =>
        index < args.Length && int.TryParse(args[index], out int value) && value > 0
            ? value
            : throw new ArgumentException($"{name} needs a positive integer.");
}
