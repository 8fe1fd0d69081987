using System.Reflection;
using ScottPlot;
using SkiaSharp;

namespace Handwriting.Training.Plots;

/// <summary>
/// DejaVu Sans, compiled into this assembly and handed to ScottPlot. ScottPlot finds fonts by
/// scanning the system's font folders; where there are none (a slim container, a CI runner) it still
/// saves the PNG, with every title, label and tick silently missing. With this font registered
/// first and made the default, plots have text on any machine.
/// </summary>
public static class EmbeddedFont
{
    /// <summary>
    /// The name ScottPlot knows the font by. It differs from the system's "DejaVu Sans" on purpose:
    /// the embedded files, not whatever a machine has installed, answer for it.
    /// </summary>
    public const string Family = "DejaVu Sans (embedded)";

    private static readonly Lazy<EmbeddedFontResolver> Resolver = new(Register);

    public static SKTypeface Regular => Resolver.Value.Regular;

    public static SKTypeface Bold => Resolver.Value.Bold;

    /// <summary>
    /// Registers the font with ScottPlot on first use and makes it the default for every plot
    /// created afterwards. Cheap to call before each plot.
    /// </summary>
    public static void Use()
    {
        _ = Resolver.Value;
        Fonts.Default = Family;
        Fonts.Sans = Family;
    }

    private static EmbeddedFontResolver Register()
    {
        var resolver = new EmbeddedFontResolver(Load("DejaVuSans.ttf"), Load("DejaVuSans-Bold.ttf"));
        Fonts.FontResolvers.Insert(0, resolver);
        return resolver;
    }

    private static SKTypeface Load(string file)
    {
        string name = $"Handwriting.Training.Plots.Fonts.{file}";
        using Stream stream = typeof(EmbeddedFont).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"the font resource {name} is missing from {typeof(EmbeddedFont).Assembly.GetName().Name}");
        using SKData data = SKData.Create(stream);
        return SKTypeface.FromData(data)
            ?? throw new InvalidOperationException($"the font resource {name} is not a font SkiaSharp can read");
    }
}
