using Handwriting.Kernels;

namespace Handwriting.Training.Network;

/// <summary>
/// Where every dropout mask's seed comes from, derived in this one place: a run's seed gives the
/// network's dropout seed (<see cref="OfRun"/>), and each hidden layer folds its index into that
/// (<see cref="OfLayer"/>) so that layers draw different masks. The device network takes the layer
/// seeds from its <see cref="WorkspaceLayout"/> table, the float64 reference from
/// <see cref="OfLayer"/>, so their masks agree; the step a mask is drawn for is the Adam step.
/// </summary>
public static class DropoutSeeds
{
    public static uint OfRun(int runSeed) => DropoutMask.Hash((uint)runSeed, 0xD0u, 0u);

    public static uint OfLayer(uint seed, int layer) => DropoutMask.Hash(seed, (uint)layer, 0xD7u);
}
