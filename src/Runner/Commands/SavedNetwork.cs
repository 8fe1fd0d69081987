using Handwriting.Kernels.Devices;
using Handwriting.Training;
using Handwriting.Training.Data;
using Handwriting.Training.Model;
using Handwriting.Training.Network;

namespace Handwriting.Runner.Commands;

/// <summary>A model file loaded onto a device, checked to fit MNIST's 784 pixels and 10 digits.</summary>
public static class SavedNetwork
{
    public const int Pixels = Mnist.Pixels;
    public const int Digits = Mnist.Classes;

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
