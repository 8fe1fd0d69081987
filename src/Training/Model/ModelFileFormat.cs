namespace Handwriting.Training.Model;

/// <summary>
/// Layout of a model file, version 1. Every integer is a little-endian int32, every parameter a
/// little-endian IEEE float32:
/// <code>
/// offset  size   field
/// 0       8      magic "HWMLP\0\0\0"
/// 8       4      format version (1)
/// 12      4      inputs
/// 16      4      hidden layer count H
/// 20      4*H    width of each hidden layer
/// 20+4H   4      outputs
/// 24+4H   4      parameter count P (must equal MlpShape.ParameterCount)
/// 28+4H   4*P    parameters, in MlpShape's flat layout
/// end-32  32     SHA-256 of every byte before it
/// </code>
/// </summary>
internal static class ModelFileFormat
{
    public const int Version = 1;

    public const int ChecksumLength = 32;

    public const int IntLength = sizeof(int);

    public const int FloatLength = sizeof(float);

    /// <summary>Bytes of the fixed fields before the hidden widths: magic, version, inputs, hidden count.</summary>
    public const int FixedPrefixLength = 20;

    /// <summary>
    /// Bounds that no real MLP reaches; they let a lying header be refused with a clear message
    /// instead of an overflow. Allocation is guarded separately, by checking the file length.
    /// </summary>
    public const int MaxHiddenLayers = 256;

    public const int MaxLayerWidth = 1 << 24;

    /// <summary>Parameters are written and read in chunks so that no buffer grows with the model.</summary>
    public const int ChunkFloats = 16 * 1024;

    public static ReadOnlySpan<byte> Magic => "HWMLP\0\0\0"u8;

    public static int HeaderLength(int hiddenLayers) => FixedPrefixLength + (IntLength * hiddenLayers) + (2 * IntLength);

    public static long FileLength(int hiddenLayers, int parameterCount) =>
        HeaderLength(hiddenLayers) + ((long)FloatLength * parameterCount) + ChecksumLength;
}
