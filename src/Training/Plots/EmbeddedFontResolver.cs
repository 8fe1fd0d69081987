using ScottPlot;
using SkiaSharp;

namespace Handwriting.Training.Plots;

/// <summary>Answers ScottPlot's requests for <see cref="EmbeddedFont.Family"/> with the typefaces compiled into this assembly.</summary>
internal sealed class EmbeddedFontResolver(SKTypeface regular, SKTypeface bold) : IFontResolver
{
    public SKTypeface Regular { get; } = regular;

    public SKTypeface Bold { get; } = bold;

    // Italic requests get the upright face: the plots use no italics, and an upright label beats a missing one.
    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
        fontName == EmbeddedFont.Family ? (weight >= FontWeight.SemiBold ? Bold : Regular) : null;

    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
        CreateTypeface(fontName, bold ? FontWeight.Bold : FontWeight.Normal, italic ? FontSlant.Italic : FontSlant.Upright, FontSpacing.Normal);
}
