using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Handwriting.Kernels.Simd;

/// <summary>128-bit vectors: 4 floats. See <see cref="ILanes{TV}"/>.</summary>
public readonly unsafe struct Lanes128 : ILanes<Vector128<float>>
{
    public static int Count => Vector128<float>.Count;

    public static Vector128<float> Zero => Vector128<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Broadcast(float value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load(float* source) => Vector128.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<float> value, float* destination) => value.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Add(Vector128<float> left, Vector128<float> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Subtract(Vector128<float> left, Vector128<float> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Multiply(Vector128<float> left, Vector128<float> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Divide(Vector128<float> left, Vector128<float> right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sqrt(Vector128<float> value) => Vector128.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Relu(Vector128<float> value) =>
        Vector128.ConditionalSelect(Vector128.LessThan(value, Vector128<float>.Zero), Vector128<float>.Zero, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Dropout(Vector128<float> value, uint key, uint firstIndex, float rate, float scale)
    {
        // DropoutMask.Mix(key ^ index) and DropoutMask.Uniform, lane by lane, in the same integer and float steps.
        var h = Vector128.Create(key) ^ (Vector128.Create(firstIndex) + Vector128<uint>.Indices);
        h ^= h >> 16;
        h *= 0x85EBCA6Bu;
        h ^= h >> 13;
        h *= 0xC2B2AE35u;
        h ^= h >> 16;
        var uniform = Vector128.ConvertToSingle((h >> 8).AsInt32()) * (1.0f / 16777216.0f);
        var keep = Vector128.GreaterThanOrEqual(uniform, Vector128.Create(rate));
        return Vector128.ConditionalSelect(keep, value * scale, Vector128<float>.Zero);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Flushed(Vector128<float> value, Vector128<float> threshold) =>
        Vector128.ConditionalSelect(Vector128.LessThan(Vector128.Abs(value), threshold), Vector128<float>.Zero, value);
}
