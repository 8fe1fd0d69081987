namespace Handwriting.Training.Tests.Images;

/// <summary>Measurements of a prepared 28x28 digit, with pixel (x, y) covering [x, x+1) x [y, y+1).</summary>
internal static class Field
{
    public const int Side = 28;

    public static (double X, double Y) CentreOfMass(float[] field)
    {
        double mass = 0, x = 0, y = 0;
        for (int i = 0; i < field.Length; i++)
        {
            mass += field[i];
            x += field[i] * ((i % Side) + 0.5);
            y += field[i] * ((i / Side) + 0.5);
        }

        return (x / mass, y / mass);
    }

    /// <summary>Width and height of the box around every pixel above <paramref name="threshold"/>.</summary>
    public static (int Width, int Height) InkSize(float[] field, float threshold = 0f)
    {
        int[] columns = Enumerable.Range(0, field.Length).Where(i => field[i] > threshold).Select(i => i % Side).ToArray();
        int[] rows = Enumerable.Range(0, field.Length).Where(i => field[i] > threshold).Select(i => i / Side).ToArray();
        return (columns.Max() - columns.Min() + 1, rows.Max() - rows.Min() + 1);
    }

    /// <summary>mu11 / mu02: how far x drifts per row of the ink's principal axis, 0 for an upright digit.</summary>
    public static double Skew(float[] field)
    {
        (double cx, double cy) = CentreOfMass(field);
        double mu11 = 0, mu02 = 0;
        for (int i = 0; i < field.Length; i++)
        {
            double dx = (i % Side) + 0.5 - cx, dy = (i / Side) + 0.5 - cy;
            mu11 += field[i] * dx * dy;
            mu02 += field[i] * dy * dy;
        }

        return mu11 / mu02;
    }

    /// <summary>2 area / boundary, the mean width of long strokes, in pixels (as StrokeThickening estimates it).</summary>
    public static double StrokeWidth(float[] field)
    {
        double area = 0, boundary = 0;
        for (int y = 0; y < Side; y++)
        {
            for (int x = 0; x < Side; x++)
            {
                float value = field[(y * Side) + x];
                area += value;
                boundary += Math.Abs(value - (x + 1 < Side ? field[(y * Side) + x + 1] : 0f)) + (x == 0 ? value : 0);
                boundary += Math.Abs(value - (y + 1 < Side ? field[((y + 1) * Side) + x] : 0f)) + (y == 0 ? value : 0);
            }
        }

        return 2 * area / boundary;
    }
}
