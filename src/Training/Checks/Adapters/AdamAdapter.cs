using Handwriting.Kernels;
using Handwriting.Kernels.Reference;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Training.Checks.Adapters;

/// <summary>Parameters and Adam's moments after some steps.</summary>
internal sealed record AdamState<T>(T[] Parameters, T[] M, T[] V);

/// <summary>
/// Every call `check` makes into Adam's launcher and its reference, in one place: consecutive
/// steps 1, 2, ... from zero moments, with one gradient per step.
/// </summary>
internal static class AdamAdapter
{
    public static AdamState<float> Kernel(CheckTarget target, float[] parameters, IReadOnlyList<float[]> gradients, AdamSettings settings)
    {
        var device = target.Device;
        int count = parameters.Length;
        using var p = DeviceArrays.Upload(device, parameters);
        using var g = DeviceArrays.NaNs(device, count);
        using var m = DeviceArrays.Upload(device, new float[count]);
        using var v = DeviceArrays.Upload(device, new float[count]);
        for (int step = 1; step <= gradients.Count; step++)
        {
            g.View.CopyFromCPU(gradients[step - 1]);
            device.Ops.Adam.Run(p.View, g.View, m.View, v.View, count, settings, step);
        }

        return new(DeviceArrays.Download(device, p), DeviceArrays.Download(device, m), DeviceArrays.Download(device, v));
    }

    public static AdamState<double> Reference(float[] parameters, IReadOnlyList<float[]> gradients, AdamSettings settings)
    {
        int count = parameters.Length;
        var state = new AdamState<double>(CheckInputs.Widen(parameters), new double[count], new double[count]);
        for (int step = 1; step <= gradients.Count; step++)
        {
            AdamReference.Run(state.Parameters, CheckInputs.Widen(gradients[step - 1]), state.M, state.V, count, settings, step);
        }

        return state;
    }
}
