using System.CommandLine;
using System.Net;
using Handwriting.Runner.Cli;
using Handwriting.Runner.Output;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Handwriting.Runner.Serve;

/// <summary>
/// `handwriting serve [--model FILE] [--port N] [--host ADDRESS]`: a page to draw digits on and
/// watch the network read them (<see cref="DigitServer"/>). Loopback only unless --host says
/// otherwise; Ctrl+C or SIGTERM stops it cleanly (in-flight answers finish) with exit code 0.
/// </summary>
public static class ServeCommand
{
    public const int DefaultPort = 8028;

    public static Command Create(CommonOptions common, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(common);
        var model = new Option<string?>("--model") { Description = $"A model.bin written by train (default: the newest run in {TrainedRuns.Folder}/)", HelpName = "FILE" };
        var port = new Option<int>("--port") { Description = $"The port to listen on (0: any free port)", DefaultValueFactory = _ => DefaultPort, HelpName = "N" };
        var host = new Option<string>("--host")
        {
            Description = "The address to listen on: 127.0.0.1 (default, this machine only); anything else, such as 0.0.0.0 (IPv4) or * (every address), lets every machine that can reach this one use the page and the accelerator",
            DefaultValueFactory = _ => "127.0.0.1",
            HelpName = "ADDRESS",
        };
        var command = new Command("serve", "Serve a page to draw digits on and see what the network reads") { model, port, host };
        command.SetAction(parse =>
        {
            int portNumber = parse.GetValue(port);
            if (portNumber is < 0 or > IPEndPoint.MaxPort)
            {
                throw new UsageException($"--port {portNumber}: a port is 0..{IPEndPoint.MaxPort}");
            }

            IPAddress address = ParseHost(parse.GetValue(host)!);
            string modelPath = TrainedRuns.ModelOrNewest(parse.GetValue(model), Environment.CurrentDirectory, output.WriteLine);
            using var reader = DigitReader.Open(parse.GetValue(common.Accelerator), modelPath);
            WebApplication app = DigitServer.Build(reader, address, portNumber, error);
            try
            {
                app.Start();
                if (ExposureWarning(address, DigitServer.Address(app).Port) is string warning)
                {
                    error.WriteLine(warning);
                }

                int boundPort = DigitServer.Address(app).Port;
                if (OpenableAddresses.IsWildcard(address))
                {
                    // "every address" is no address to open: name those a browser can reach.
                    output.WriteLine($"Serving {reader.Description} ({modelPath}) on every address of this machine, port {boundPort}");
                    output.WriteLine($"Open {OpenableAddresses.Here(address, boundPort)} in a browser on this machine"
                        + (OpenableAddresses.Elsewhere(address, boundPort) is { Count: > 0 } elsewhere ? $"; from another machine, {string.Join(" or ", elsewhere)}" : "")
                        + ". Ctrl+C stops the server.");
                }
                else
                {
                    output.WriteLine($"Serving {reader.Description} ({modelPath}) at {DigitServer.Address(app)}");
                    output.WriteLine("Open that address in a browser; Ctrl+C stops the server.");
                }
                app.WaitForShutdown();
            }
            finally
            {
                ((IDisposable)app).Dispose();
            }

            output.WriteLine("Server stopped.");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>What listening on <paramref name="address"/> exposes, or null for this machine only (loopback).</summary>
    public static string? ExposureWarning(IPAddress address, int port) =>
        IPAddress.IsLoopback(address)
            ? null
            : $"handwriting serve: warning: listening on {address}, not only on this machine: anyone who can reach port {port} can use the page and this machine's accelerator (no password, no encryption)";

    /// <summary>An IP address, `localhost` for 127.0.0.1 or `*` for every address (::); a host name is refused (it may resolve to anything).</summary>
    public static IPAddress ParseHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        if (host == "*")
        {
            // Every address, both families: Kestrel makes an IPv6 wildcard socket dual-mode.
            return IPAddress.IPv6Any;
        }

        return IPAddress.TryParse(host, out IPAddress? address) && host.Contains(address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? ':' : '.', StringComparison.Ordinal)
            ? address
            : throw new UsageException($"--host {host}: not an IP address (127.0.0.1 for this machine only, 0.0.0.0 for every network)");
    }
}
