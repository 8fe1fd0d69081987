namespace Handwriting.Api;

/// <summary>Refuses pixels the kernels would turn into NaN losses: NaN, infinities and values outside [0, 1].</summary>
internal static class PixelCheck
{
    public static void RequireUnitRange(ReadOnlySpan<float> pixels, string argument)
    {
        for (int i = 0; i < pixels.Length; i++)
        {
            float value = pixels[i];
            if (!(value >= 0f && value <= 1f)) // also true for NaN
            {
                string what = float.IsNaN(value) ? "NaN" : value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
                throw new ArgumentException(
                    $"image {i / Dataset.ImagePixels}, pixel {i % Dataset.ImagePixels} is {what}; pixels must be in [0, 1] (divide bytes by 255)", argument);
            }
        }
    }
}
