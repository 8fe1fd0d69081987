using System.Globalization;
using Handwriting.Runner.Tests.Images;

namespace Handwriting.ServeLoad;

/// <summary>
/// The server's resident memory (VmRSS from /proc/PID/status, Linux) idle, after a JPEG bomb, and
/// after a run of large uploads, each read after the server has had <see cref="Settle"/> to finish
/// what it does after an answer; the peak (VmHWM) alongside.
/// </summary>
internal static class MemoryRun
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    public static async Task RunAsync(Uri url, int pid, TextWriter output)
    {
        using var server = new LoopbackServer(url, 8);
        byte[] seven = Uploads.PadSeven();
        for (int i = 0; i < 50; i++)
        {
            await server.PredictAsync(seven, "warm-up").ConfigureAwait(false);
        }

        output.WriteLine("| after | statuses | VmRSS MB | VmHWM (peak) MB |");
        output.WriteLine("|---|---|---|---|");
        await Step(output, pid, "50 drawings (idle)", () => Task.FromResult("200 x 50")).ConfigureAwait(false);

        byte[] bomb = ImageBombs.JpegClaiming(32_000, 32_000);
        await Step(output, pid, $"a JPEG bomb (32000 x 32000 claimed, {bomb.Length} bytes)", async () =>
            (await server.PredictAsync(bomb, "bomb").ConfigureAwait(false)).ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);

        byte[] six = Uploads.PhotoSeven(6_000), eight = Uploads.PhotoSeven(8_000), limit = Uploads.PhotoSeven(6_324);
        await Step(output, pid, $"a 6000 x 6000 JPEG ({six.Length >> 10} KB)", async () =>
            (await server.PredictAsync(six, "six").ConfigureAwait(false)).ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        await Step(output, pid, $"an 8000 x 8000 JPEG ({eight.Length >> 10} KB)", async () =>
            (await server.PredictAsync(eight, "eight").ConfigureAwait(false)).ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        await Step(output, pid, "16 large JPEGs, 8 at once (6000 x 6000 and 6324 x 6324, 40.0 megapixels)", async () =>
        {
            int[] statuses = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => server.PredictAsync(i % 2 == 0 ? six : limit, "large"))).ConfigureAwait(false);
            return string.Join(", ", statuses.GroupBy(s => s).Select(g => $"{g.Key} x {g.Count()}"));
        }).ConfigureAwait(false);
        await Step(output, pid, "50 drawings more", async () =>
        {
            int[] statuses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => server.PredictAsync(seven, "drawing"))).ConfigureAwait(false);
            return string.Join(", ", statuses.GroupBy(s => s).Select(g => $"{g.Key} x {g.Count()}"));
        }).ConfigureAwait(false);
    }

    private static async Task Step(TextWriter output, int pid, string what, Func<Task<string>> action)
    {
        string statuses = await action().ConfigureAwait(false);
        await Task.Delay(Settle).ConfigureAwait(false);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {statuses} | {Kilobytes(pid, "VmRSS") / 1024.0:0} | {Kilobytes(pid, "VmHWM") / 1024.0:0} |"));
    }

    private static long Kilobytes(int pid, string field)
    {
        string line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}
