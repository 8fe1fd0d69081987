namespace Handwriting.Kernels.Simd;

/// <summary>
/// The handful of vector operations the CPU-only SIMD kernel bodies use, over one vector type
/// TV of <see cref="Count"/> floats. The bodies are written once, generic over an ILanes
/// struct, and the JIT compiles one specialised copy per width (<see cref="Lanes128"/>,
/// <see cref="Lanes256"/>, <see cref="Lanes512"/>), with every call inlined. (.NET's own
/// ISimdVector is not public in .NET 10, hence this small interface.)
/// <para>
/// Only exactly rounded IEEE operations are offered (no fused multiply-add, no estimates), so a
/// lane computes bit for bit what the scalar portable kernel computes for the same element in the
/// same order: the bodies vectorise across outputs, never across a sum.
/// </para>
/// </summary>
public unsafe interface ILanes<TV>
    where TV : struct
{
    /// <summary>Floats per vector.</summary>
    static abstract int Count { get; }

    static abstract TV Zero { get; }

    static abstract TV Broadcast(float value);

    static abstract TV Load(float* source);

    static abstract void Store(TV value, float* destination);

    static abstract TV Add(TV left, TV right);

    static abstract TV Subtract(TV left, TV right);

    static abstract TV Multiply(TV left, TV right);

    static abstract TV Divide(TV left, TV right);

    static abstract TV Sqrt(TV value);

    /// <summary>ReLU as the portable epilogue writes it: lanes below zero become zero (NaN and -0 pass unchanged).</summary>
    static abstract TV Relu(TV value);

    /// <summary>
    /// Dropout on lanes with flat output indices firstIndex, firstIndex + 1, ...: value x scale where
    /// <see cref="DropoutMask.Keep"/> keeps the index, else zero; key is <see cref="DropoutMask.StepKey"/>
    /// of the layer's seed and the step, and the rest of the hash is computed on the vector of indices.
    /// </summary>
    static abstract TV Dropout(TV value, uint key, uint firstIndex, float rate, float scale);

    /// <summary>Each lane of value, or zero where its magnitude is below the same lane of threshold (as <see cref="Adam.Flushed"/>).</summary>
    static abstract TV Flushed(TV value, TV threshold);
}
