using Handwriting.Kernels.Devices;
using Handwriting.Kernels.Reference;
using ILGPU.Runtime;

namespace Handwriting.Kernels.Checks.Cases;

/// <summary>
/// Adam (and AdamW) against the float64 reference (<see cref="AdamReference"/>) over consecutive
/// steps from step 1, where the bias correction is largest, from zero moments with one gradient per
/// step, in every variant: the seed model's whole flat parameter buffer, short odd ones, every
/// setting away from its default (so a kernel that ignored one would show it), and AdamW with
/// lr * W = 5% a step, far above the tolerance (a kernel that skipped the decay, or decayed by the
/// bias-corrected alpha instead of lr, fails).
/// </summary>
public static class AdamCases
{
    public const string Op = "Adam";

    /// <summary>The whole seed model in one flat buffer: 784 x 128 + 128 + 128 x 10 + 10.</summary>
    public const int SeedModelParameters = (784 * 128) + 128 + (128 * 10) + 10;

    private static readonly AdamSettings KerasDefaults = new();
    private static readonly AdamSettings OtherSettings = new(LearningRate: 0.01f, Beta1: 0.8f, Beta2: 0.99f, Epsilon: 1e-4f);
    private static readonly AdamSettings AdamW = new(LearningRate: 0.01f, WeightDecay: 5f);

    /// <summary>parameters, gradients, m and v are (Count); <paramref name="SettingsName"/> names <paramref name="Settings"/> in the table.</summary>
    public sealed record Shape(int Count, int Steps, string SettingsName, AdamSettings Settings)
    {
        public override string ToString() => $"{Count} x {Steps} steps, {SettingsName}";
    }

    public static IReadOnlyList<Shape> Shapes { get; } =
    [
        new(SeedModelParameters, 2, "keras defaults", KerasDefaults),
        new(SeedModelParameters, 2, "AdamW lr 0.01 decay 5", AdamW),
        new(1, 2, "keras defaults", KerasDefaults),
        new(785, 2, "lr 0.01 beta 0.8/0.99 eps 1e-4", OtherSettings),
        new(1, 5, "keras defaults", KerasDefaults),
        new(7, 5, "keras defaults", KerasDefaults),
        new(785, 5, "keras defaults", KerasDefaults),
        new(SeedModelParameters, 5, "keras defaults", KerasDefaults),
        new(33, 5, "lr 0.01 beta 0.8/0.99 eps 1e-4", OtherSettings),
        new(33, 5, "AdamW lr 0.01 decay 5", AdamW),
        new(SeedModelParameters, 5, "AdamW lr 0.01 decay 5", AdamW),
    ];

    public static IEnumerable<CheckCase> All() => OpCases.Of<Adam, Shape>(Op, Shapes, Check);

    private static IReadOnlyList<CheckOutput> Check(Shape shape, Random random, ComputeDevice device, Adam op)
    {
        int count = shape.Count;
        float[] parameters = CheckInputs.Floats(random, count);
        double[] expectedParameters = CheckInputs.Widen(parameters);
        var expectedM = new double[count];
        var expectedV = new double[count];

        using var p = DeviceArrays.Upload(device, parameters);
        using var g = DeviceArrays.NaNs(device, count);
        using var m = DeviceArrays.Upload(device, new float[count]);
        using var v = DeviceArrays.Upload(device, new float[count]);
        for (int step = 1; step <= shape.Steps; step++)
        {
            float[] gradients = CheckInputs.Floats(random, count);
            AdamReference.Run(expectedParameters, CheckInputs.Widen(gradients), expectedM, expectedV, count, shape.Settings, step);
            g.View.CopyFromCPU(gradients);
            op.Run(p.View, g.View, m.View, v.View, count, shape.Settings, step);
        }

        return
        [
            // Parameters move by ~lr per step; float storage of p dominates their error.
            new CheckOutput("parameters", expectedParameters, DeviceArrays.Download(device, p), new Tolerance(1e-6, 1e-6)),
            new CheckOutput("m", expectedM, DeviceArrays.Download(device, m), new Tolerance(1e-7, 1e-5)),
            new CheckOutput("v", expectedV, DeviceArrays.Download(device, v), new Tolerance(1e-9, 1e-5)),
        ];
    }
}
