using Handwriting.Kernels.Simd;

namespace Handwriting.Kernels.Tests.Simd;

/// <summary>The threads of a CPU-only launch split a run of items: every item exactly once, in contiguous shares, vectors never straddling two threads.</summary>
public sealed class ThreadShareTests
{
    public static TheoryData<int, int> ThreadsAndItems()
    {
        var data = new TheoryData<int, int>();
        foreach (int threads in new[] { 1, 2, 3, 4, 5 })
        {
            foreach (int items in new[] { 0, 1, 2, 3, 4, 5, 7, 10, 16, 33, 128, 1001 })
            {
                data.Add(threads, items);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ThreadsAndItems))]
    public void Every_item_is_taken_exactly_once_by_contiguous_shares(int threads, int items)
    {
        foreach (int multiple in new[] { 1, 4, 8, 16 })
        {
            var taken = new int[items];
            long previousEnd = 0;
            for (int thread = 0; thread < threads; thread++)
            {
                var (first, end) = multiple == 1 ? new ThreadShare(thread, threads).Of(items) : new ThreadShare(thread, threads).Of(items, multiple);
                Assert.True(first <= end, $"thread {thread} of {threads}: [{first}, {end})");
                Assert.Equal(previousEnd, first);
                if (end < items)
                {
                    Assert.True(end % multiple == 0, $"thread {thread} of {threads} ends at {end}, inside a vector of {multiple}");
                }

                for (long i = first; i < end; i++)
                {
                    taken[i]++;
                }

                previousEnd = end;
            }

            Assert.Equal(items, previousEnd);
            Assert.All(taken, count => Assert.Equal(1, count));
        }
    }

    [Fact]
    public void Shares_are_balanced_to_within_one_unit()
    {
        var sizes = Enumerable.Range(0, 3).Select(thread => new ThreadShare(thread, 3).Of(10)).Select(share => share.End - share.First).ToArray();
        Assert.Equal([4L, 4L, 2L], sizes);
    }
}
