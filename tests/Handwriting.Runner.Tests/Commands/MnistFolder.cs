using System.Buffers.Binary;

namespace Handwriting.Runner.Tests.Commands;

/// <summary>
/// A folder holding all four MNIST files, so no fetch is attempted, where three are small but
/// valid IDX files and the test labels are garbage.
/// </summary>
internal static class MnistFolder
{
    public const string GarbageFile = "t10k-labels-idx1-ubyte";

    public static void WriteWithGarbageTestLabels(string folder)
    {
        const int Images = 10;
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "train-images-idx3-ubyte"), [.. Header(2051, Images, 28, 28), .. new byte[Images * 784]]);
        File.WriteAllBytes(Path.Combine(folder, "train-labels-idx1-ubyte"), [.. Header(2049, Images), .. new byte[Images]]);
        File.WriteAllBytes(Path.Combine(folder, "t10k-images-idx3-ubyte"), [.. Header(2051, Images, 28, 28), .. new byte[Images * 784]]);
        File.WriteAllText(Path.Combine(folder, GarbageFile), "these are not the labels you are looking for");
    }

    /// <summary>Four small valid files: <paramref name="train"/> training and <paramref name="test"/> test images, blank, labelled 0, 1, 2, ...</summary>
    public static void WriteValid(string folder, int train, int test)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "train-images-idx3-ubyte"), [.. Header(2051, train, 28, 28), .. new byte[train * 784]]);
        File.WriteAllBytes(Path.Combine(folder, "train-labels-idx1-ubyte"), [.. Header(2049, train), .. Enumerable.Range(0, train).Select(i => (byte)(i % 10))]);
        File.WriteAllBytes(Path.Combine(folder, "t10k-images-idx3-ubyte"), [.. Header(2051, test, 28, 28), .. new byte[test * 784]]);
        File.WriteAllBytes(Path.Combine(folder, "t10k-labels-idx1-ubyte"), [.. Header(2049, test), .. Enumerable.Range(0, test).Select(i => (byte)(i % 10))]);
    }

    private static byte[] Header(params int[] values)
    {
        byte[] header = new byte[4 * values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 * i), values[i]);
        }

        return header;
    }
}
