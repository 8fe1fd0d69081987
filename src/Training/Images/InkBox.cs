namespace Handwriting.Training.Images;

/// <summary>The bounding box of a digit's ink, in source pixels.</summary>
internal readonly record struct InkBox(int Left, int Top, int Width, int Height)
{
    /// <summary>
    /// A fifth of the stroke contrast: faint fringes, JPEG ringing and paper texture stay outside
    /// the box, while every real stroke is inside it.
    /// </summary>
    public const float Threshold = 0.2f;

    /// <summary>
    /// Half the stroke contrast: on a blurred or enlarged coarse capture, the box of the strokes'
    /// cores rather than of their halo (<see cref="PreparationSteps.CropToStrokeCores"/>).
    /// </summary>
    public const float CoreThreshold = 0.5f;

    /// <summary>The smallest box holding every pixel whose ink exceeds <see cref="Threshold"/>, or null if none does.</summary>
    public static InkBox? Find(float[] luminance, int width, int height, InkLevels levels) =>
        Find(luminance, width, height, levels, Threshold);

    /// <summary>The smallest box holding every pixel whose ink exceeds <paramref name="threshold"/>, or null if none does.</summary>
    public static InkBox? Find(float[] luminance, int width, int height, InkLevels levels, float threshold)
    {
        int left = width, right = -1, top = height, bottom = -1;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                if (levels.Ink(luminance[(y * width) + x]) > threshold)
                {
                    left = Math.Min(left, x);
                    right = Math.Max(right, x);
                    top = Math.Min(top, y);
                    bottom = Math.Max(bottom, y);
                }
            }
        }

        return right < 0 ? null : new InkBox(left, top, right - left + 1, bottom - top + 1);
    }

    /// <summary>The pixels of this box cut out of a row-major image <paramref name="width"/> wide.</summary>
    public float[] Crop(float[] image, int width)
    {
        float[] cropped = new float[Width * Height];
        for (int y = 0; y < Height; y++)
        {
            image.AsSpan(((Top + y) * width) + Left, Width).CopyTo(cropped.AsSpan(y * Width));
        }

        return cropped;
    }
}
