using System;
using System.IO;
using SourceAD;
using SourceAD.Data;

namespace SourceAD.Samples.Mnist;

/// <summary>The repository's 10,000 MNIST digits: the first 8,000 to train on, the last 2,000 to test.</summary>
public sealed class MnistData
{
    private MnistData(Tensor images, int[] labels, int train)
    {
        TrainImages = Tensor.Rows(images, 0, train);
        TrainLabels = labels[..train];
        TestImages = Tensor.Rows(images, train, labels.Length - train);
        TestLabels = labels[train..];
    }

    public Tensor TrainImages { get; }
    public int[] TrainLabels { get; }
    public Tensor TestImages { get; }
    public int[] TestLabels { get; }

    /// <summary>Loads the IDX files from <paramref name="directory"/> (copied beside the program at build time).</summary>
    public static MnistData Load(string directory, int train = 8000)
    {
        Tensor images = Idx.ReadImages(Path.Combine(directory, "images-idx3-ubyte.gz"));
        int[] labels = Idx.ReadLabels(Path.Combine(directory, "labels-idx1-ubyte.gz"));
        if (images.Shape[0] != labels.Length || labels.Length <= train)
        {
            throw new InvalidDataException($"Expected more than {train} images with as many labels; found {images.Shape[0]} images and {labels.Length} labels.");
        }
        return new MnistData(images, labels, train);
    }
}
