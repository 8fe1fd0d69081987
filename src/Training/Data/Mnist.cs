namespace Handwriting.Training.Data;

/// <summary>MNIST's shape, named once: ten classes (the digits 0-9) and images of 28 x 28 pixels.</summary>
public static class Mnist
{
    public const int Classes = 10;

    /// <summary>Images are Side x Side pixels.</summary>
    public const int Side = 28;

    public const int Pixels = Side * Side;
}
