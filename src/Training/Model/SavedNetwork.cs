using Handwriting.Kernels.Devices;
using Handwriting.Training.Data;
using Handwriting.Training.Network;

namespace Handwriting.Training.Model;

/// <summary>A model file loaded onto a device, checked to fit MNIST's 784 pixels and 10 digits.</summary>
public static class SavedNetwork
{
    /// <summary>The inputs a saved network must take: MNIST's 28 x 28 pixels.</summary>
    public const int Pixels = Mnist.Pixels;

    /// <summary>The outputs a saved network must give: one probability per digit.</summary>
    public const int Digits = Mnist.Classes;

    /// <summary>Reads the model file at <paramref name="path"/> onto <paramref name="device"/>; a file that is damaged or does not fit MNIST is a <see cref="ModelFileException"/> naming it.</summary>
    public static DeviceNetwork Load(ComputeDevice device, string path)
    {
        var (shape, parameters) = ModelFile.Load(path);
        if (shape.Inputs != Pixels || shape.Outputs != Digits)
        {
            throw new ModelFileException($"{path}: the network {shape} does not take {Pixels} pixels to {Digits} digits");
        }

        return new DeviceNetwork(device, shape, parameters, Trainer.EvaluationRows);
    }
}
