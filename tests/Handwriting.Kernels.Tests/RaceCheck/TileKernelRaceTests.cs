using System.Reflection;
using Handwriting.Kernels.Tests.Portability;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels.Tests.RaceCheck;

/// <summary>
/// Every kernel that uses group shared memory and barriers (marked ExplicitlyGrouped in the kernel
/// catalog) runs under oclgrind's data-race detector at a small shape with partial tiles along
/// every dimension, and it must report no race. A kernel with a barrier written as plain
/// Group.Barrier() must report races: that proves the detector sees local-memory races, and it is
/// ILGPU 1.5.3's bug that <see cref="LocalBarrier"/> works around.
/// </summary>
public sealed class TileKernelRaceTests(OfflineBackends backends) : IClassFixture<OfflineBackends>
{
    /// <summary>A small launch per layout type: 20 rows, 40 inputs, 24 outputs, so no dimension is a whole number of 16-wide tiles.</summary>
    private static readonly Dictionary<Type, object> SmallLayouts = new()
    {
        [typeof(DenseLayout)] = new DenseLayout(20, 40, 24, HasBias: 1, HasRowIndices: 1, Activation.Relu, new DropoutSettings(0.2f, 7, 3), Vector: 0),
        [typeof(DenseBackwardLayout)] = new DenseBackwardLayout(20, 40, 24, HasRowIndices: 1, Vector: 0),
    };

    public static TheoryData<string> TileKernels()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in KernelCatalog.Portable.Where(kernel => IsTiled(kernel.Value)).OrderBy(kernel => kernel.Key, StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void The_catalog_has_tile_kernels_to_check() =>
        Assert.Contains(KernelCatalog.Portable.Values, IsTiled);

    /// <summary>A kernel that calls Group.Barrier() itself, not <see cref="LocalBarrier.Wait"/>, would get ILGPU's global-only fence on OpenCL.</summary>
    [Theory]
    [MemberData(nameof(KernelPortabilityTests.Kernels), MemberType = typeof(KernelPortabilityTests))]
    public void No_kernel_has_a_barrier_without_the_local_fence_on_opencl(string kernel)
    {
        string source = backends.CompileToOpenCL(KernelCatalog.All[kernel]);
        Assert.DoesNotContain("CLK_GLOBAL_MEM_FENCE", source, StringComparison.Ordinal);
        Assert.Equal(IsTiled(KernelCatalog.All[kernel]), source.Contains("barrier (3)", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TileKernels))]
    public void Has_no_data_race_under_oclgrind(string kernel)
    {
        var method = KernelCatalog.All[kernel];
        var report = RunUnderOclgrind(method, LaunchOf(method));

        Assert.True(report.Races == 0, $"oclgrind reports {report.Races} data races in {kernel}:{Environment.NewLine}{First(report.Output)}");
        Assert.Empty(report.Errors);
        Assert.NotEmpty(report.Written);
    }

    /// <summary>
    /// ILGPU 1.5.3 writes Group.Barrier() as work_group_barrier(CLK_GLOBAL_MEM_FENCE), which does
    /// not order local memory: the same tile pattern with it is racy in oclgrind's eyes.
    /// </summary>
    [Fact]
    public void A_plain_group_barrier_is_reported_racy_on_opencl()
    {
        var method = typeof(TileKernelRaceTests).GetMethod(nameof(PlainBarrierTile), BindingFlags.NonPublic | BindingFlags.Static)!;
        var (_, source) = backends.CompileToOpenCLKernel(method);
        Assert.Contains("work_group_barrier ( CLK_GLOBAL_MEM_FENCE )", source, StringComparison.Ordinal);

        var report = RunUnderOclgrind(method, new OclgrindLaunch(method, new KernelConfig(new Index2D(2, 2), new Index2D(Tile, Tile)), 0));

        Assert.True(report.Races > 0, $"oclgrind found no race with a global-only fence:{Environment.NewLine}{First(report.Output)}");
    }

    /// <summary>The same tile with <see cref="LocalBarrier.Wait"/>: no race, so the difference is the fence alone.</summary>
    [Fact]
    public void The_same_tile_with_the_local_barrier_has_no_race()
    {
        var method = typeof(TileKernelRaceTests).GetMethod(nameof(LocalBarrierTile), BindingFlags.NonPublic | BindingFlags.Static)!;
        var (_, source) = backends.CompileToOpenCLKernel(method);
        Assert.DoesNotContain("CLK_GLOBAL_MEM_FENCE", source, StringComparison.Ordinal);
        Assert.Contains("barrier (3)", source, StringComparison.Ordinal);

        var report = RunUnderOclgrind(method, new OclgrindLaunch(method, new KernelConfig(new Index2D(2, 2), new Index2D(Tile, Tile)), 0));

        Assert.True(report.Races == 0, $"oclgrind reports {report.Races} data races:{Environment.NewLine}{First(report.Output)}");
        Assert.NotEmpty(report.Written);
    }

    private const int Tile = 16;

    private static bool IsTiled(MethodInfo kernel) => kernel.GetCustomAttribute<KernelAttribute>() is { ExplicitlyGrouped: true };

    /// <summary>The small launch of a catalog kernel: its layout parameter's small value, and the grid its type's Config gives for it.</summary>
    private static OclgrindLaunch LaunchOf(MethodInfo kernel)
    {
        var layoutType = kernel.GetParameters().Last().ParameterType;
        Assert.True(SmallLayouts.TryGetValue(layoutType, out var layout), $"{KernelCatalog.NameOf(kernel)} takes a {layoutType.Name}: add a small one to {nameof(SmallLayouts)}");
        var config = kernel.DeclaringType!.GetMethod("Config", [layoutType]);
        Assert.True(config is not null, $"{kernel.DeclaringType.Name} has no Config({layoutType.Name}) giving its launch grid");
        return new OclgrindLaunch(kernel, (KernelConfig)config.Invoke(null, [layout])!, layout);
    }

    private Oclgrind.Report RunUnderOclgrind(MethodInfo method, OclgrindLaunch launch)
    {
        var (name, source) = backends.CompileToOpenCLKernel(method);
        return Oclgrind.Run(launch, name, source);
    }

    private static string First(string output) => string.Join(Environment.NewLine, output.Split('\n').Take(20));

    /// <summary>A transpose through a shared tile: each thread writes one element and reads another's.</summary>
    [Kernel(ExplicitlyGrouped = true)]
    private static void PlainBarrierTile(ArrayView<float> data, ArrayView<float> result, int unused)
    {
        var tile = SharedMemory.Allocate<float>(Tile * Tile);
        int x = Group.IdxX;
        int y = Group.IdxY;
        int offset = ((Grid.IdxY * Grid.DimX) + Grid.IdxX) * Tile * Tile;
        tile[(y * Tile) + x] = data[offset + (y * Tile) + x] + 1f;
        Group.Barrier();
        result[offset + (y * Tile) + x] = tile[(x * Tile) + y];
    }

    [Kernel(ExplicitlyGrouped = true)]
    private static void LocalBarrierTile(ArrayView<float> data, ArrayView<float> result, int unused)
    {
        var tile = SharedMemory.Allocate<float>(Tile * Tile);
        int x = Group.IdxX;
        int y = Group.IdxY;
        int offset = ((Grid.IdxY * Grid.DimX) + Grid.IdxX) * Tile * Tile;
        tile[(y * Tile) + x] = data[offset + (y * Tile) + x] + 1f;
        LocalBarrier.Wait();
        result[offset + (y * Tile) + x] = tile[(x * Tile) + y];
    }
}
