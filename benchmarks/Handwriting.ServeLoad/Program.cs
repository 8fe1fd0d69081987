using System.Globalization;
using Handwriting.ServeLoad;

// handwriting-serve-load load   --url http://127.0.0.1:PORT/ [--clients 8,64] [--seconds 10] [--max-requests 20000]
// handwriting-serve-load memory --url http://127.0.0.1:PORT/ --pid PID
// Against a `handwriting serve` already running on this machine; see the README's serve section.
string Option(string name, string? fallback = null)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback ?? throw new ArgumentException($"{name} is required");
}

try
{
    string mode = args.Length > 0 ? args[0] : "";
    var url = new Uri(Option("--url"));
    if (mode == "load")
    {
        int[] clients = [.. Option("--clients", "8,64").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))];
        var duration = TimeSpan.FromSeconds(double.Parse(Option("--seconds", "10"), CultureInfo.InvariantCulture));
        int maxRequests = int.Parse(Option("--max-requests", "20000"), CultureInfo.InvariantCulture);
        Console.WriteLine(LoadRun.Header);
        foreach (int count in clients)
        {
            LoadRun.Result result = await LoadRun.RunAsync(url, count, duration, maxRequests);
            Console.WriteLine(LoadRun.Row(result));
        }

        return 0;
    }

    if (mode == "memory")
    {
        await MemoryRun.RunAsync(url, int.Parse(Option("--pid"), CultureInfo.InvariantCulture), Console.Out);
        return 0;
    }

    Console.Error.WriteLine("usage: handwriting-serve-load load|memory --url http://127.0.0.1:PORT/ [--clients 8,64] [--seconds 10] [--max-requests 20000] [--pid PID]");
    return 2;
}
catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException or HttpRequestException)
{
    Console.Error.WriteLine($"handwriting-serve-load: {e.Message}");
    return 2;
}
