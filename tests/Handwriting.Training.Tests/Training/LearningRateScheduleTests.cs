namespace Handwriting.Training.Tests.Training;

/// <summary>The schedules as pure functions of (step, total steps).</summary>
public sealed class LearningRateScheduleTests
{
    private const float Rate = 0.002f;
    private const int Total = 400;

    [Theory]
    [InlineData(0)]
    [InlineData(199)]
    [InlineData(399)]
    public void Constant_is_the_learning_rate_itself(int step) =>
        Assert.Equal(Rate, LearningRateSchedule.Constant.RateAt(Rate, step, Total));

    [Fact]
    public void Cosine_starts_at_the_rate_halves_it_midway_and_ends_at_zero()
    {
        Assert.Equal(Rate, LearningRateSchedule.Cosine.RateAt(Rate, 0, Total));
        Assert.Equal(Rate / 2, LearningRateSchedule.Cosine.RateAt(Rate, Total / 2, Total), 1e-9f);
        Assert.Equal(Rate * 0.5 * (1 + Math.Cos(Math.PI / 4)), LearningRateSchedule.Cosine.RateAt(Rate, Total / 4, Total), 1e-9);
        Assert.Equal(0f, LearningRateSchedule.Cosine.RateAt(Rate, Total, Total), 1e-12f);
        float[] rates = [.. Enumerable.Range(0, Total).Select(t => LearningRateSchedule.Cosine.RateAt(Rate, t, Total))];
        Assert.All(rates.Zip(rates.Skip(1)), pair => Assert.True(pair.Second < pair.First, $"{pair.Second} after {pair.First}"));
        Assert.True(rates[^1] > 0f, "the last step still learns");
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(199, 1.0)] // the last step of the first half
    [InlineData(200, 0.1)] // t >= T/2
    [InlineData(299, 0.1)]
    [InlineData(300, 0.01)] // t >= 3T/4
    [InlineData(399, 0.01)]
    public void Step_drops_tenfold_at_half_and_at_three_quarters_of_the_run(int step, double factor) =>
        Assert.Equal((float)(Rate * factor), LearningRateSchedule.Step.RateAt(Rate, step, Total));

    [Fact]
    public void Step_drops_at_the_first_step_past_the_fraction_when_the_total_is_odd()
    {
        Assert.Equal(Rate, LearningRateSchedule.Step.RateAt(Rate, 4, 9)); // 8 < 9
        Assert.Equal((float)(Rate * 0.1), LearningRateSchedule.Step.RateAt(Rate, 5, 9));
        Assert.Equal((float)(Rate * 0.1), LearningRateSchedule.Step.RateAt(Rate, 6, 9)); // 24 < 27
        Assert.Equal((float)(Rate * 0.01), LearningRateSchedule.Step.RateAt(Rate, 7, 9));
    }

    [Theory]
    [InlineData("constant", LearningRateSchedule.Constant)]
    [InlineData("Cosine", LearningRateSchedule.Cosine)]
    [InlineData("STEP", LearningRateSchedule.Step)]
    public void Names_parse_in_any_case_and_round_trip(string name, LearningRateSchedule expected)
    {
        Assert.True(LearningRateSchedules.TryParse(name, out var schedule));
        Assert.Equal(expected, schedule);
        Assert.Equal(name.ToLowerInvariant(), schedule.Name());
    }

    [Theory]
    [InlineData("linear")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_names_do_not_parse(string? name) => Assert.False(LearningRateSchedules.TryParse(name, out _));

    [Fact]
    public void Options_refuse_an_unknown_schedule_and_a_negative_or_infinite_weight_decay()
    {
        Assert.Contains("--lr-schedule", Assert.Throws<ArgumentException>(() => new TrainingOptions { Schedule = (LearningRateSchedule)7 }.Validate()).Message, StringComparison.Ordinal);
        foreach (float decay in new[] { -0.1f, float.PositiveInfinity, float.NaN })
        {
            var options = new TrainingOptions { Adam = new Kernels.AdamSettings(WeightDecay: decay) };
            Assert.Contains("--weight-decay", Assert.Throws<ArgumentException>(options.Validate).Message, StringComparison.Ordinal);
        }

        new TrainingOptions { Schedule = LearningRateSchedule.Cosine, Adam = new Kernels.AdamSettings(WeightDecay: 0.01f) }.Validate();
    }
}
