using System.CommandLine;
using Handwriting.Api;
using Handwriting.Runner.Cli;
using Handwriting.Training.Export;

namespace Handwriting.Runner.Commands;

/// <summary>
/// `handwriting export --model FILE --onnx OUT.onnx`: the model as a standard ONNX model (opset 13),
/// input `image` float[N, 784], output `probabilities` float[N, 10], for any ONNX runtime.
/// </summary>
public static class ExportCommand
{
    public static Command Create(TextWriter output)
    {
        var model = new Option<string>("--model") { Description = "A model.bin written by train", Required = true, HelpName = "FILE" };
        var onnx = new Option<string>("--onnx") { Description = "Where to write the ONNX model (its folder must exist)", Required = true, HelpName = "OUT.onnx" };
        var command = new Command("export", "Export a trained model as an ONNX model (opset 13)") { model, onnx };
        command.SetAction(parse =>
        {
            string onnxPath = parse.GetValue(onnx)!;
            string modelPath = parse.GetValue(model)!;
            OutputPaths.RefuseInputs("--onnx", onnxPath, ("--model", modelPath));
            // Through the library's API, as a C# caller would (it opens no accelerator to export).
            using var network = Sequential.Load(modelPath);
            network.ExportOnnx(onnxPath);
            output.WriteLine(
                $"Wrote {onnxPath}: {network.Widths}, ONNX opset {OnnxExport.Opset}, input '{OnnxExport.InputName}' float[{OnnxExport.BatchDimension},{network.Inputs}], " +
                $"output '{OnnxExport.OutputName}' float[{OnnxExport.BatchDimension},{network.Outputs}]");
            return ExitCodes.Success;
        });
        return command;
    }
}
