using System;
using System.IO;
using System.IO.Compression;

namespace SourceAD.Data;

/// <summary>
/// Reads the IDX format of the MNIST files: a big-endian header (two zero bytes, a type code, the number of
/// dimensions, then each dimension's size) followed by the data. Files ending in <c>.gz</c> are decompressed on the fly.
/// </summary>
public static class Idx
{
    private const byte UnsignedByte = 0x08;

    /// <summary>Reads an unsigned-byte IDX file: its dimensions and its data, row-major.</summary>
    /// <param name="path">The file, optionally gzip-compressed (<c>.gz</c>).</param>
    /// <exception cref="InvalidDataException">The file is not an unsigned-byte IDX file or is truncated.</exception>
    public static (int[] Dimensions, byte[] Data) ReadBytes(string path)
    {
        using Stream file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        Span<byte> magic = stackalloc byte[4];
        stream.ReadExactly(magic);
        if (magic[0] != 0 || magic[1] != 0 || magic[2] != UnsignedByte || magic[3] is 0 or > 4)
        {
            throw new InvalidDataException($"'{path}' is not an unsigned-byte IDX file: expected a header 00 00 08 <1..4>, found {Convert.ToHexString(magic)}.");
        }
        var dimensions = new int[magic[3]];
        Span<byte> size = stackalloc byte[4];
        long length = 1;
        for (int i = 0; i < dimensions.Length; i++)
        {
            stream.ReadExactly(size);
            dimensions[i] = (size[0] << 24) | (size[1] << 16) | (size[2] << 8) | size[3];
            length *= dimensions[i];
        }
        var data = new byte[length];
        try
        {
            stream.ReadExactly(data);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"'{path}' is truncated: its header announces {length} bytes of data.");
        }
        return (dimensions, data);
    }

    /// <summary>Reads images as a [count, rows·columns] tensor with values scaled to [0, 1].</summary>
    public static Tensor ReadImages(string path)
    {
        (int[] dimensions, byte[] data) = ReadBytes(path);
        if (dimensions.Length != 3)
        {
            throw new InvalidDataException($"'{path}' holds {dimensions.Length}-dimensional data; images are [count, rows, columns].");
        }
        var pixels = new float[data.Length];
        for (int i = 0; i < data.Length; i++)
        {
            pixels[i] = data[i] / 255f;
        }
        return Tensor.FromArray(pixels, dimensions[0], dimensions[1] * dimensions[2]);
    }

    /// <summary>Reads labels as integers.</summary>
    public static int[] ReadLabels(string path)
    {
        (int[] dimensions, byte[] data) = ReadBytes(path);
        if (dimensions.Length != 1)
        {
            throw new InvalidDataException($"'{path}' holds {dimensions.Length}-dimensional data; labels are one-dimensional.");
        }
        return Array.ConvertAll(data, b => (int)b);
    }
}
