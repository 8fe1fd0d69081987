using System.Diagnostics;
using System.Globalization;

namespace Handwriting.ServeLoad;

/// <summary>
/// N clients, each on its own connection, posting the pad's drawing back to back for a bounded
/// time and a bounded count; what came back (answers 200, everything else an error) and how long
/// each round trip took.
/// </summary>
internal static class LoadRun
{
    /// <summary>What N clients got; <see cref="ErrorStatuses"/> counts the errors by status (0: no answer at all, the connection failed).</summary>
    public sealed record Result(int Clients, int Requests, int Answers, int Errors, string ErrorStatuses, double Seconds, double P50, double P99, double Max);

    public static async Task<Result> RunAsync(Uri url, int clients, TimeSpan duration, int maxRequests)
    {
        byte[] seven = Uploads.PadSeven();
        using var server = new LoopbackServer(url, clients);
        for (int i = 0; i < 2 * clients; i++)
        {
            await server.PredictAsync(seven, "warm-up").ConfigureAwait(false);
        }

        int started = 0, answers = 0, errors = 0;
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var latencies = new List<double>[clients];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            var mine = latencies[client] = [];
            while (clock.Elapsed < duration && Interlocked.Increment(ref started) <= maxRequests)
            {
                long begin = Stopwatch.GetTimestamp();
                int status = await server.PredictAsync(seven, "load").ConfigureAwait(false);
                mine.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
                Interlocked.Increment(ref status == 200 ? ref answers : ref errors);
                if (status != 200)
                {
                    statuses.AddOrUpdate(status, 1, (_, count) => count + 1);
                }
            }
        })).ConfigureAwait(false);
        double seconds = clock.Elapsed.TotalSeconds;

        double[] sorted = [.. latencies.SelectMany(list => list).Order()];
        string byStatus = string.Join(", ", statuses.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key} x {pair.Value}"));
        return new Result(clients, sorted.Length, answers, errors, byStatus.Length > 0 ? byStatus : "none", seconds, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted.Length > 0 ? sorted[^1] : double.NaN);
    }

    public static string Header => "| clients | requests | answers (200) | errors | errors by status | seconds | answers/s | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|---|---|---|---|---|";

    public static string Row(Result r) => string.Create(CultureInfo.InvariantCulture,
        $"| {r.Clients} | {r.Requests} | {r.Answers} | {r.Errors} | {r.ErrorStatuses} | {r.Seconds:0.0} | {r.Answers / r.Seconds:0} | {r.P50:0.0} | {r.P99:0.0} | {r.Max:0.0} |");

    /// <summary>The nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
}
