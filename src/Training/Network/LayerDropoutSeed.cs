using Handwriting.Kernels;

namespace Handwriting.Training.Network;

/// <summary>
/// Each hidden layer draws its own dropout mask: the layer index is folded into the run's
/// dropout seed. Shared by the device network and the float64 reference so their masks agree.
/// </summary>
public static class LayerDropoutSeed
{
    public static uint Of(uint seed, int layer) => DropoutMask.Hash(seed, (uint)layer, 0xD7u);
}
