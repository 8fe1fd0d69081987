namespace Handwriting.Kernels.Devices;

/// <summary>
/// Starts the first candidate that starts. With `auto` the candidates are CUDA, then OpenCL, then
/// the CPU: a GPU whose driver fails to start gives way to the next, and the reasons are kept so
/// the user can be told. With an explicit kind there is one candidate, and its failure is the error.
/// </summary>
public static class AcceleratorFallback
{
    public sealed record Started<T>(T Value, AcceleratorKind Kind, IReadOnlyList<string> Skipped);

    public static Started<T> StartFirst<TCandidate, T>(
        IReadOnlyList<(TCandidate Candidate, AcceleratorKind Kind)> candidates,
        Func<TCandidate, T> start)
    {
        if (candidates.Count == 0)
        {
            throw new ArgumentException("there is no accelerator to start", nameof(candidates));
        }

        var skipped = new List<string>();
        for (int i = 0; i < candidates.Count; i++)
        {
            var (candidate, kind) = candidates[i];
            try
            {
                return new Started<T>(start(candidate), kind, skipped);
            }
            catch (Exception failure) when (i + 1 < candidates.Count)
            {
                skipped.Add($"{kind.Name()} failed to start ({failure.Message.ReplaceLineEndings(" ").Trim()})");
            }
            catch (Exception failure)
            {
                string before = skipped.Count == 0 ? "" : $" after {string.Join("; ", skipped)}";
                throw new DeviceNotFoundException($"the {kind.Name()} accelerator failed to start{before}: {failure.Message.ReplaceLineEndings(" ").Trim()}", failure);
            }
        }

        throw new InvalidOperationException("unreachable: the last candidate either starts or throws");
    }
}
