using Handwriting.Runner.Images;
using SkiaSharp;

namespace Handwriting.Runner.Tests.Images;

public sealed class ImageOrientationTests
{
    // Stored 3 x 2:  0 1 2
    //                3 4 5
    [Theory]
    [InlineData(SKEncodedOrigin.TopLeft, 3, new float[] { 0, 1, 2, 3, 4, 5 })]
    [InlineData(SKEncodedOrigin.TopRight, 3, new float[] { 2, 1, 0, 5, 4, 3 })]
    [InlineData(SKEncodedOrigin.BottomRight, 3, new float[] { 5, 4, 3, 2, 1, 0 })]
    [InlineData(SKEncodedOrigin.BottomLeft, 3, new float[] { 3, 4, 5, 0, 1, 2 })]
    [InlineData(SKEncodedOrigin.LeftTop, 2, new float[] { 0, 3, 1, 4, 2, 5 })]
    [InlineData(SKEncodedOrigin.RightTop, 2, new float[] { 3, 0, 4, 1, 5, 2 })]
    [InlineData(SKEncodedOrigin.RightBottom, 2, new float[] { 5, 2, 4, 1, 3, 0 })]
    [InlineData(SKEncodedOrigin.LeftBottom, 2, new float[] { 2, 5, 1, 4, 0, 3 })]
    public void Each_exif_orientation_is_turned_upright(SKEncodedOrigin origin, int width, float[] expected)
    {
        // Grey pixels of levels 0, 51, ... 255: luminance i / 5 for stored pixel i.
        byte[] rgba = [.. Enumerable.Range(0, 6).SelectMany(i => new[] { (byte)(51 * i), (byte)(51 * i), (byte)(51 * i), (byte)255 })];

        LuminanceImage upright = LuminanceImage.FromRgba(rgba, 3, 2, origin);

        Assert.Equal((width, 6 / width), (upright.Width, upright.Height));
        Assert.Equal(expected, upright.Luminance.Select(value => MathF.Round(value * 5, 3)));
    }
}
