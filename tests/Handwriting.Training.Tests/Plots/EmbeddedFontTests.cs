using Handwriting.Training.Plots;
using ScottPlot;

namespace Handwriting.Training.Tests.Plots;

public sealed class EmbeddedFontTests
{
    [Fact]
    public void Use_makes_the_embedded_font_what_ScottPlot_resolves_by_default()
    {
        EmbeddedFont.Use();

        Assert.Equal(EmbeddedFont.Family, Fonts.Default);
        Assert.Same(EmbeddedFont.Regular, Fonts.GetTypeface(Fonts.Default, bold: false, italic: false));
        Assert.Same(EmbeddedFont.Bold, Fonts.GetTypeface(Fonts.Default, bold: true, italic: false));
        Assert.Equal("DejaVu Sans", EmbeddedFont.Regular.FamilyName);
        Assert.Equal("DejaVu Sans", EmbeddedFont.Bold.FamilyName);
        Assert.True(EmbeddedFont.Bold.IsBold);
    }

    [Fact]
    public void The_embedded_font_is_registered_once_and_asked_first()
    {
        EmbeddedFont.Use();
        EmbeddedFont.Use();

        Assert.IsType<EmbeddedFontResolver>(Fonts.FontResolvers[0]);
        Assert.Single(Fonts.FontResolvers.OfType<EmbeddedFontResolver>());
    }

    [Fact]
    public void The_embedded_font_has_every_glyph_the_plots_write()
    {
        const string Text = "Model accuracy loss Epoch Accuracy Loss train validation pred true Predicted True Confusion matrix 0123456789.-/";

        Assert.True(EmbeddedFont.Regular.ContainsGlyphs(Text));
        Assert.True(EmbeddedFont.Bold.ContainsGlyphs(Text));
    }

    [Fact]
    public void Other_font_names_are_left_to_other_resolvers()
    {
        EmbeddedFont.Use();
        EmbeddedFontResolver resolver = Fonts.FontResolvers.OfType<EmbeddedFontResolver>().Single();

        Assert.Null(resolver.CreateTypeface("DejaVu Serif", bold: false, italic: false));
        Assert.Same(EmbeddedFont.Regular, resolver.CreateTypeface(EmbeddedFont.Family, bold: false, italic: true));
    }
}
