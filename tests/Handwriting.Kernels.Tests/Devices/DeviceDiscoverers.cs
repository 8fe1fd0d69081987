using Handwriting.Kernels.Devices;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Handwriting.Kernels.Tests.Devices;

/// <summary>Discovers a <see cref="DeviceFactAttribute"/> test as a normal fact, or as one skipped case when its device is absent.</summary>
public sealed class DeviceFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    private readonly IMessageSink _sink = diagnosticMessageSink;

    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        DeviceSkip.Reason(testMethod) is { } reason
            ? [DeviceSkip.Case(_sink, discoveryOptions, testMethod, reason)]
            : base.Discover(discoveryOptions, testMethod, factAttribute);
}

/// <summary>
/// Discovers a <see cref="DeviceTheoryAttribute"/> test as a normal theory, or as one skipped case
/// when its device is absent. A row naming a catalog case that `check` leaves to GPUs
/// (<see cref="CheckCase.LeftToGpus"/>) is reported skipped, with that reason, on the CPU accelerator.
/// </summary>
public sealed class DeviceTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    private readonly IMessageSink _sink = diagnosticMessageSink;

    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute) =>
        DeviceSkip.Reason(testMethod) is { } reason
            ? [DeviceSkip.Case(_sink, discoveryOptions, testMethod, reason)]
            : base.Discover(discoveryOptions, testMethod, theoryAttribute);

    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute, object[] dataRow) =>
        DeviceSkip.Kind(testMethod) == AcceleratorKind.Cpu && dataRow is [string name] && KernelChecks.All.Any(c => c.Name == name && c.LeftToGpus)
            ? CreateTestCasesForSkippedDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow, CheckCase.LeftToGpusReason)
            : base.CreateTestCasesForDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow);
}

internal static class DeviceSkip
{
    /// <summary>Why the test cannot run here: its collection requires a device this machine lacks.</summary>
    public static string? Reason(ITestMethod testMethod) => Kind(testMethod) is { } kind ? DevicePresence.SkipReason(kind) : null;

    /// <summary>The device the test's collection requires, if any.</summary>
    public static AcceleratorKind? Kind(ITestMethod testMethod) =>
        testMethod.TestClass.TestCollection.CollectionDefinition?
            .GetCustomAttributes(typeof(RequiresDeviceAttribute))
            .FirstOrDefault()?
            .GetConstructorArguments().OfType<AcceleratorKind>().Single();

    public static IXunitTestCase Case(IMessageSink sink, ITestFrameworkDiscoveryOptions options, ITestMethod testMethod, string reason) =>
        new SkippedTestCase(sink, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), testMethod, reason);
}

/// <summary>A test case that reports itself skipped with a reason decided at discovery.</summary>
public sealed class SkippedTestCase : XunitTestCase
{
    private string _reason = string.Empty;

    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public SkippedTestCase()
    {
    }

    public SkippedTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions displayOptions, ITestMethod testMethod, string reason)
        : base(sink, display, displayOptions, testMethod) => _reason = reason;

    public override void Serialize(IXunitSerializationInfo data)
    {
        base.Serialize(data);
        data.AddValue("SkipReason", _reason);
    }

    public override void Deserialize(IXunitSerializationInfo data)
    {
        // Before the base, which may initialise the case and so ask for the skip reason.
        _reason = data.GetValue<string>("SkipReason");
        base.Deserialize(data);
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) => _reason;
}
