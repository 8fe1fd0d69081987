using SkiaSharp;

namespace Handwriting.Runner.Tests.Images;

/// <summary>One handwriting-style font file and the Debian package that installs it.</summary>
internal sealed record HandwritingFont(string Package, string Path)
{
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);
}

/// <summary>
/// The handwriting, script and comic fonts Debian 12 packages whose digits look written rather
/// than typeset: the font source of <see cref="CapturedDigits"/>. .ci/run installs the packages;
/// <see cref="Missing"/> names any that are absent, so a test can fail with the apt command.
/// </summary>
internal static class HandwritingFonts
{
    public static IReadOnlyList<HandwritingFont> All { get; } =
    [
        new("fonts-comic-neue", "/usr/share/fonts/opentype/comic-neue/ComicNeue-Regular.otf"),
        new("fonts-comic-neue", "/usr/share/fonts/opentype/comic-neue/ComicNeue-Bold.otf"),
        new("fonts-comic-neue", "/usr/share/fonts/opentype/comic-neue/ComicNeue-LightItalic.otf"),
        new("fonts-dkg-handwriting", "/usr/share/fonts/truetype/fifthhorseman/dkg.ttf"),
        new("fonts-dkg-handwriting", "/usr/share/fonts/truetype/fifthhorseman/dkgBd.ttf"),
        new("fonts-breip", "/usr/share/fonts/truetype/breip/Breip.ttf"),
        new("fonts-bwht", "/usr/share/fonts/opentype/bwht/BecauseWeBuild-Regular.otf"),
        new("fonts-bwht", "/usr/share/fonts/opentype/bwht/BecauseWeConnect-Regular.otf"),
        new("fonts-bwht", "/usr/share/fonts/opentype/bwht/BecauseWeCreate-Regular.otf"),
        new("fonts-bwht", "/usr/share/fonts/opentype/bwht/BecauseWeLearn-Regular.otf"),
        new("fonts-bwht", "/usr/share/fonts/opentype/bwht/BecauseWeMentor-Regular.otf"),
        new("fonts-bwht", "/usr/share/fonts/opentype/bwht/BecauseWeOrganize-Regular.otf"),
        new("fonts-dancingscript", "/usr/share/fonts/opentype/dancingscript/DancingScript-Regular.otf"),
        new("fonts-femkeklaver", "/usr/share/fonts/truetype/femkeklaver/femkeklaver.ttf"),
        new("fonts-humor-sans", "/usr/share/fonts/truetype/humor-sans/Humor-Sans.ttf"),
        new("fonts-kaushanscript", "/usr/share/fonts/opentype/kaushanscript/KaushanScript-Regular.otf"),
        new("fonts-kristi", "/usr/share/fonts/truetype/kristi/Kristi.ttf"),
        new("fonts-rufscript", "/usr/share/fonts/truetype/rufscript/Rufscript010.ttf"),
        new("fonts-tlwg-purisa-otf", "/usr/share/fonts/opentype/tlwg/Purisa.otf"),
        new("fonts-tlwg-purisa-otf", "/usr/share/fonts/opentype/tlwg/Purisa-BoldOblique.otf"),
        new("fonts-ecolier-court", "/usr/share/fonts/truetype/ecolier-court/Ecolier-court.ttf"),
        new("fonts-cabinsketch", "/usr/share/fonts/truetype/cabinsketch/CabinSketch-Regular.ttf"),
        new("fonts-leckerli-one", "/usr/share/fonts/truetype/leckerli-one/LeckerliOne-Regular.ttf"),
    ];

    /// <summary>The packages of the font files that are not installed, each once.</summary>
    public static IReadOnlyList<string> Missing() =>
        All.Where(font => !File.Exists(font.Path)).Select(font => font.Package).Distinct().ToArray();

    /// <summary>The glyph outline of <paramref name="digit"/> in <paramref name="font"/>, y down, at an em of 100.</summary>
    public static SKPath Outline(HandwritingFont font, int digit)
    {
        ArgumentNullException.ThrowIfNull(font);
        using SKTypeface typeface = SKTypeface.FromFile(font.Path)
            ?? throw new InvalidOperationException($"{font.Path} cannot be opened as a font");
        using var skiaFont = new SKFont(typeface, 100);
        string text = ((char)('0' + digit)).ToString();
        if (skiaFont.GetGlyphs(text)[0] == 0)
        {
            throw new InvalidOperationException($"{font.Path} has no glyph for {digit}");
        }

        return skiaFont.GetTextPath(text, new SKPoint(0, 0));
    }
}
