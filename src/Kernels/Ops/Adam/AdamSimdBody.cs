using System.Runtime.CompilerServices;
using Handwriting.Kernels.Simd;

namespace Handwriting.Kernels;

/// <summary>
/// The arithmetic of <see cref="AdamSimd"/>, over raw pointers: CPU-only .NET code. Element-wise,
/// so a vector lane does exactly what <see cref="Adam"/>'s kernel does for its element, operation
/// for operation (IEEE add, multiply, divide and square root are exactly rounded in both): the
/// same bits at every width (moments below <see cref="Adam.FlushBelow"/> are flushed to zero in both). Each thread takes a contiguous run of whole vectors; the last few
/// elements are scalar.
/// </summary>
internal static unsafe class AdamSimdBody
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TL, TV>(ThreadShare share, float* parameters, float* gradients, float* m, float* v, int count, AdamStep step)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        var (first, end) = share.Of(count, TL.Count);
        Update<TL, TV>(parameters, gradients, m, v, first, end, step);
    }

    /// <summary>Adam on elements [first, end): whole vectors, then scalars.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Update<TL, TV>(float* parameters, float* gradients, float* m, float* v, long first, long end, AdamStep step)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        TV oneMinusBeta1 = TL.Broadcast(1f - step.Beta1), oneMinusBeta2 = TL.Broadcast(1f - step.Beta2);
        TV keep = TL.Broadcast(step.Keep), alpha = TL.Broadcast(step.Alpha), epsilon = TL.Broadcast(step.Epsilon);
        TV flushBelow = TL.Broadcast(Adam.FlushBelow);
        long i = first;
        for (; i + TL.Count <= end; i += TL.Count)
        {
            TV g = TL.Load(gradients + i), mi = TL.Load(m + i), vi = TL.Load(v + i);
            mi = TL.Flushed(TL.Add(mi, TL.Multiply(TL.Subtract(g, mi), oneMinusBeta1)), flushBelow);
            vi = TL.Flushed(TL.Add(vi, TL.Multiply(TL.Subtract(TL.Multiply(g, g), vi), oneMinusBeta2)), flushBelow);
            TL.Store(mi, m + i);
            TL.Store(vi, v + i);
            TV decayed = TL.Multiply(TL.Load(parameters + i), keep);
            TL.Store(TL.Subtract(decayed, TL.Divide(TL.Multiply(alpha, mi), TL.Add(TL.Sqrt(vi), epsilon))), parameters + i);
        }

        for (; i < end; i++)
        {
            float g = gradients[i];
            float mi = Adam.Flushed(m[i] + ((g - m[i]) * (1f - step.Beta1)));
            float vi = Adam.Flushed(v[i] + (((g * g) - v[i]) * (1f - step.Beta2)));
            m[i] = mi;
            v[i] = vi;
            float decayed = parameters[i] * step.Keep;
            parameters[i] = decayed - (step.Alpha * mi / (MathF.Sqrt(vi) + step.Epsilon));
        }
    }
}
