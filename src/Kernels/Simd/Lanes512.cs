using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Handwriting.Kernels.Simd;

/// <summary>512-bit vectors: 16 floats. See <see cref="ILanes{TV}"/>.</summary>
public readonly unsafe struct Lanes512 : ILanes<Vector512<float>>
{
    public static int Count => Vector512<float>.Count;

    public static Vector512<float> Zero => Vector512<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Broadcast(float value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(float* source) => Vector512.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> value, float* destination) => value.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Add(Vector512<float> left, Vector512<float> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Subtract(Vector512<float> left, Vector512<float> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Multiply(Vector512<float> left, Vector512<float> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Divide(Vector512<float> left, Vector512<float> right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sqrt(Vector512<float> value) => Vector512.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Relu(Vector512<float> value) =>
        Vector512.ConditionalSelect(Vector512.LessThan(value, Vector512<float>.Zero), Vector512<float>.Zero, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Dropout(Vector512<float> value, uint key, uint firstIndex, float rate, float scale)
    {
        // DropoutMask.Mix(key ^ index) and DropoutMask.Uniform, lane by lane, in the same integer and float steps.
        var h = Vector512.Create(key) ^ (Vector512.Create(firstIndex) + Vector512<uint>.Indices);
        h ^= h >> 16;
        h *= 0x85EBCA6Bu;
        h ^= h >> 13;
        h *= 0xC2B2AE35u;
        h ^= h >> 16;
        var uniform = Vector512.ConvertToSingle((h >> 8).AsInt32()) * (1.0f / 16777216.0f);
        var keep = Vector512.GreaterThanOrEqual(uniform, Vector512.Create(rate));
        return Vector512.ConditionalSelect(keep, value * scale, Vector512<float>.Zero);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Flushed(Vector512<float> value, Vector512<float> threshold) =>
        Vector512.ConditionalSelect(Vector512.LessThan(Vector512.Abs(value), threshold), Vector512<float>.Zero, value);
}
