using SkiaSharp;

namespace Handwriting.Runner.Images;

/// <summary>
/// Where an image's pixels are shown, as its EXIF orientation asks (<see cref="LuminanceImage.FromRgba(ReadOnlySpan{byte}, int, int, SKEncodedOrigin)"/>
/// turns it upright with this while converting). Phone cameras store photos sideways and
/// record the rotation only in EXIF; a "7" read sideways would be classified as something else.
/// </summary>
internal static class ImageOrientation
{
    /// <summary>Whether the displayed image is the stored one turned by a quarter (its sides swap).</summary>
    public static bool SwapsSides(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>
    /// Where displayed pixel (<paramref name="x"/>, <paramref name="y"/>) lies in the stored
    /// <paramref name="width"/> x <paramref name="height"/> image, per the EXIF definition of each
    /// orientation; an unknown orientation counts as upright.
    /// </summary>
    public static (int X, int Y) Stored(SKEncodedOrigin origin, int x, int y, int width, int height) => origin switch
    {
        SKEncodedOrigin.TopRight => (width - 1 - x, y),
        SKEncodedOrigin.BottomRight => (width - 1 - x, height - 1 - y),
        SKEncodedOrigin.BottomLeft => (x, height - 1 - y),
        SKEncodedOrigin.LeftTop => (y, x),
        SKEncodedOrigin.RightTop => (y, height - 1 - x),
        SKEncodedOrigin.RightBottom => (width - 1 - y, height - 1 - x),
        SKEncodedOrigin.LeftBottom => (width - 1 - y, x),
        _ => (x, y),
    };
}
