using Handwriting.Training.Images;

namespace Handwriting.Training.Tests.Images;

public sealed class StrokeThickeningTests
{
    /// <summary>A small upright "4" in pencil on a large page: under a pixel wide once scaled to 20 px.</summary>
    private static float[] PencilFour(float penWidth) =>
        SyntheticDigit.Strokes(200, 200, 1f, 0f, penWidth, [(130, 40, 130, 160), (130, 40, 60, 120), (60, 120, 150, 120)]);

    private static double Width(float[] field) => Field.StrokeWidth(field);

    [Fact]
    public void A_pencil_line_thinner_than_a_pixel_in_the_field_is_thickened()
    {
        float[] page = PencilFour(4f);

        float[] thin = DigitPreparation.Prepare(page, 200, 200, PreparationSteps.None);
        float[] thickened = DigitPreparation.Prepare(page, 200, 200, PreparationSteps.ThickenThinStrokes);

        Assert.True(Width(thin) < 1.0, $"the pencil stroke should be under a pixel, {Width(thin):0.00}");
        Assert.InRange(Width(thickened), 1.5, 3.5);
        Assert.All(thickened, value => Assert.InRange(value, 0f, 1f));
        Assert.All(thin.Zip(thickened), pair => Assert.True(pair.Second >= pair.First, "dilation only adds ink"));
        (double x, double y) = Field.CentreOfMass(thickened);
        Assert.InRange(x, 13.4, 14.6);
        Assert.InRange(y, 13.4, 14.6);
    }

    [Fact]
    public void A_stroke_as_wide_as_MNIST_s_is_unchanged()
    {
        float[] page = PencilFour(24f);

        float[] plain = DigitPreparation.Prepare(page, 200, 200, PreparationSteps.None);

        Assert.True(Width(plain) >= 1.0);
        Assert.Equal(plain, DigitPreparation.Prepare(page, 200, 200, PreparationSteps.ThickenThinStrokes));
    }

    [Fact]
    public void Prepare_thickens_by_default()
    {
        float[] page = PencilFour(4f);

        Assert.Equal(DigitPreparation.Prepare(page, 200, 200, PreparationSteps.Default), DigitPreparation.Prepare(page, 200, 200));
        Assert.Equal(PreparationSteps.Deskew | PreparationSteps.ThickenThinStrokes | PreparationSteps.FlattenLight, PreparationSteps.Default);
    }

    [Fact]
    public void An_image_without_ink_still_gives_all_zeros()
    {
        Assert.Equal(new float[784], DigitPreparation.Prepare(SyntheticDigit.Filled(40, 30, 1f), 40, 30, PreparationSteps.ThickenThinStrokes));
    }
}
