using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels.Tests.RaceCheck;

/// <summary>
/// One launch of an explicitly grouped kernel, written as a simulation file for oclgrind-kernel:
/// the OpenCL C file, the entry function, the NDRange and group size, then one line per argument
/// of the OpenCL signature ILGPU writes. ILGPU passes each ArrayView as a global pointer (all views
/// first) and, after them in parameter order, a struct { int index offset; long length } per view
/// and every other parameter by value; <see cref="Write"/> checks that count against the source.
/// Every buffer holds <see cref="BufferElements"/> elements (floats 0.5, ints 0: row index 0), more
/// than any small layout reads, so the detector sees the kernel's own accesses only.
/// </summary>
public sealed record OclgrindLaunch(MethodInfo Kernel, KernelConfig Config, object Layout)
{
    public const int BufferElements = 4096;

    public string Write(string sourceFile, string entryName, string source)
    {
        var parameters = Kernel.GetParameters();
        var views = parameters.Where(p => IsView(p.ParameterType)).ToList();
        int declared = DeclaredArguments(source, entryName);
        Assert.True(declared == views.Count + parameters.Length, $"{entryName} declares {declared} arguments; expected {views.Count} view pointers and {parameters.Length} view descriptors or values");

        var text = new StringBuilder();
        text.AppendLine(sourceFile).AppendLine(entryName);
        var (grid, group) = (Config.GridDim, Config.GroupDim);
        text.AppendLine(Invariant($"{grid.X * group.X} {grid.Y * group.Y} {grid.Z * group.Z}"));
        text.AppendLine(Invariant($"{group.X} {group.Y} {group.Z}"));
        foreach (var view in views)
        {
            text.AppendLine(ElementOf(view.ParameterType) == typeof(float)
                ? Invariant($"<size={BufferElements * 4} float fill=0.5 dump>")
                : Invariant($"<size={BufferElements * 4} int fill=0>"));
        }

        foreach (var parameter in parameters)
        {
            text.AppendLine(IsView(parameter.ParameterType) ? Bytes(ViewDescriptor()) : Bytes(ValueBytes(parameter.ParameterType)));
        }

        return text.ToString();
    }

    private static bool IsView(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ArrayView<>);

    private static Type ElementOf(Type view) => view.GetGenericArguments()[0];

    /// <summary>struct { int offset; long length; }: offset 0, four bytes of padding, the whole buffer.</summary>
    private static byte[] ViewDescriptor()
    {
        var bytes = new byte[16];
        BitConverter.TryWriteBytes(bytes.AsSpan(8), (long)BufferElements);
        return bytes;
    }

    /// <summary>The layout struct's bytes: ours hold only 4-byte fields, so C#'s layout is OpenCL C's.</summary>
    private byte[] ValueBytes(Type type)
    {
        Assert.Equal(type, Layout.GetType());
        var bytes = new byte[Marshal.SizeOf(type)];
        var handle = GCHandle.Alloc(bytes, GCHandleType.Pinned);
        try
        {
            Marshal.StructureToPtr(Layout, handle.AddrOfPinnedObject(), fDeleteOld: false);
        }
        finally
        {
            handle.Free();
        }

        return bytes;
    }

    private static string Bytes(byte[] bytes) =>
        Invariant($"<size={bytes.Length} uchar> ") + string.Join(' ', bytes.Select(b => b.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The number of parameters of `kernel void NAME(...)` in the source.</summary>
    private static int DeclaredArguments(string source, string entryName)
    {
        int start = source.IndexOf($"kernel void {entryName}(", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no kernel void {entryName}( in the OpenCL C");
        int open = source.IndexOf('(', start);
        int close = source.IndexOf(')', open);
        return source[(open + 1)..close].Split(',').Length;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
