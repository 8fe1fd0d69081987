using Xunit.Sdk;

namespace Handwriting.Kernels.Tests.Devices;

/// <summary>
/// A fact written once in an abstract test class and run on the device of each concrete class's
/// collection (see <see cref="RequiresDeviceAttribute"/>); skipped, with the reason, where that
/// device is absent.
/// </summary>
[XunitTestCaseDiscoverer("Handwriting.Kernels.Tests.Devices.DeviceFactDiscoverer", "Handwriting.Kernels.Tests")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class DeviceFactAttribute : FactAttribute;

/// <summary>The theory form of <see cref="DeviceFactAttribute"/>: an absent device skips the whole theory as one case.</summary>
[XunitTestCaseDiscoverer("Handwriting.Kernels.Tests.Devices.DeviceTheoryDiscoverer", "Handwriting.Kernels.Tests")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class DeviceTheoryAttribute : TheoryAttribute;
