using System.Diagnostics;
using Handwriting.Kernels.Devices;
using Handwriting.Training.Network;
using Handwriting.Training.Tests.Data;

namespace Handwriting.Training.Tests.Training;

/// <summary>Training again in the same process leaves no memory behind: every device buffer and accelerator is disposed.</summary>
[Collection(RealMnistCollection.Name)]
public sealed class RepeatedTrainingTests(RealMnist mnist)
{
    [Fact]
    public void Training_three_times_in_one_process_does_not_grow_memory()
    {
        var (training, validation) = mnist.Data.Train.Take(1200).Split(0.2);
        var (test, _) = mnist.Data.Test.Take(1000).Split(0);

        void TrainOnce()
        {
            using var device = ComputeDevice.Open(AcceleratorKind.Cpu);
            using var train = new DeviceDataset(device.Accelerator, training);
            using var held = new DeviceDataset(device.Accelerator, validation);
            using var tested = new DeviceDataset(device.Accelerator, test);
            using var trainer = new Trainer(device, new TrainingOptions { Epochs = 1 }, 784, 10);
            trainer.Fit(train, held);
            Assert.InRange(Evaluation.Run(device, trainer.Network, tested).Summary.Accuracy, 0.5, 1.0);
        }

        TrainOnce();
        (long managed, long privateBytes) first = Measure();
        TrainOnce();
        TrainOnce();
        (long managed, long privateBytes) third = Measure();

        long managedGrowth = third.managed - first.managed;
        long privateGrowth = third.privateBytes - first.privateBytes;
        Assert.True(managedGrowth < 20L << 20, $"the managed heap grew by {managedGrowth >> 20} MB from the first run to the third");
        Assert.True(privateGrowth < 64L << 20, $"private memory grew by {privateGrowth >> 20} MB from the first run to the third");
    }

    private static (long Managed, long PrivateBytes) Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long managed = GC.GetTotalMemory(forceFullCollection: true);
        using var self = Process.GetCurrentProcess();
        return (managed, self.PrivateMemorySize64);
    }
}
