using System.CommandLine;
using Handwriting.Kernels.Devices;
using Handwriting.Runner.Cli;

namespace Handwriting.Runner.Commands;

/// <summary>`handwriting devices`: the accelerators present, in the order `auto` considers them.</summary>
public static class DevicesCommand
{
    public static Command Create(TextWriter output)
    {
        var command = new Command("devices", "List the accelerators present (CUDA, OpenCL, CPU)");
        command.SetAction(_ =>
        {
            foreach (var device in DeviceCatalog.List())
            {
                output.WriteLine(device);
                foreach (string note in device.Notes)
                {
                    output.WriteLine($"  {note}");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
