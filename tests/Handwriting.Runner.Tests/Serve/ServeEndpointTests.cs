using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Handwriting.Runner.Serve;
using Handwriting.Runner.Tests.Commands;
using Handwriting.Runner.Tests.Images;
using SkiaSharp;
using Xunit.Abstractions;

namespace Handwriting.Runner.Tests.Serve;

/// <summary>
/// POST /api/predict through a real Kestrel on a free loopback port: the answers `predict --json`
/// gives, plus the prepared field; JSON 4xx errors for bad uploads; 50 requests at once.
/// </summary>
[Collection(TrainedRunCollection.Name)]
public sealed class ServeEndpointTests(TrainedRun run, ITestOutputHelper log) : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_drawn_digit_is_answered_exactly_as_predict_json_answers_it_with_the_prepared_field()
    {
        string seven = _folder.File("seven.png");
        PredictCommandTests.WritePng(seven, PredictCommandTests.DrawSeven());
        CliRun predict = CliRun.Of("predict", "--model", run.Model, "--json", seven, "--accelerator", "cpu");
        Assert.True(predict.ExitCode == 0, predict.Stderr);
        using var expected = JsonDocument.Parse(predict.Stdout);
        await using var server = await RunningServer.StartAsync(run.Model);

        var (status, answer) = await Post(server, File.ReadAllBytes(seven), "seven.png");

        Assert.Equal(HttpStatusCode.OK, status);
        using (answer)
        {
            JsonElement root = answer.RootElement;
            Assert.Equal("seven.png", root.GetProperty("input").GetString());
            Assert.Equal(7, root.GetProperty("digit").GetInt32());
            Assert.True(root.GetProperty("ink_found").GetBoolean());
            Assert.Equal(Floats(expected.RootElement[0].GetProperty("probabilities")), Floats(root.GetProperty("probabilities")));
            float[] prepared = Floats(root.GetProperty("prepared"));
            Assert.Equal(784, prepared.Length);
            Assert.All(prepared, value => Assert.InRange(value, 0f, 1f));
            Assert.True(prepared.Sum() > 20, $"the prepared seven holds {prepared.Sum()} of ink");
        }

        Assert.Empty(server.Errors.ToString());
    }

    [Fact]
    public async Task A_blank_canvas_is_answered_no_ink_found()
    {
        await using var server = await RunningServer.StartAsync(run.Model);
        using var blank = new SKBitmap(280, 280);
        blank.Erase(SKColors.White);

        var (status, answer) = await Post(server, TestImages.Encode(blank, SKEncodedImageFormat.Png), "drawing");

        Assert.Equal(HttpStatusCode.OK, status);
        using (answer)
        {
            JsonElement root = answer.RootElement;
            Assert.False(root.GetProperty("ink_found").GetBoolean());
            Assert.Equal(JsonValueKind.Null, root.GetProperty("digit").ValueKind);
            Assert.Equal(JsonValueKind.Null, root.GetProperty("probabilities").ValueKind);
            Assert.Equal("no ink found", root.GetProperty("message").GetString());
            Assert.Equal(new float[784], Floats(root.GetProperty("prepared")));
        }
    }

    public static TheoryData<string, int, string> BadUploads => new()
    {
        { "garbage", 400, "is not an image this program can read" },
        { "empty", 400, "is empty" },
        { "truncated", 400, "truncated" },
        { "too many megapixels", 400, "20000 x 20000 pixels" },
        { "too large", 413, "larger than 4 MB" },
        { "too large, chunked", 413, "larger than 4 MB" },
    };

    [Theory]
    [MemberData(nameof(BadUploads))]
    public async Task Bad_and_oversized_uploads_get_a_4xx_with_a_json_error_and_no_stack_trace(string upload, int expectedStatus, string expectedError)
    {
        await using var server = await RunningServer.StartAsync(run.Model);
        byte[] png = SevenPng();
        HttpContent content = upload switch
        {
            "garbage" => new ByteArrayContent("this is text, not a PNG"u8.ToArray()),
            "empty" => new ByteArrayContent([]),
            "truncated" => new ByteArrayContent(png[..(png.Length / 2)]),
            "too many megapixels" => new ByteArrayContent(TestImages.PngClaiming(20_000, 20_000)),
            "too large" => new ByteArrayContent(new byte[(int)DigitServer.MaxBodyBytes + 1]),
            _ => new StreamContent(new MemoryStream(new byte[(int)DigitServer.MaxBodyBytes + 1])),
        };
        using (content)
        {
            if (upload.EndsWith("chunked", StringComparison.Ordinal))
            {
                content.Headers.ContentLength = null;
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, "api/predict") { Content = content };

            // The server refuses a declared length over the limit without reading the body; with
            // 100-continue the client waits for that answer instead of sending 4 MB into a closing
            // connection (which then fails on the client's side before it reads the 413).
            request.Headers.ExpectContinue = upload == "too large";
            if (upload.EndsWith("chunked", StringComparison.Ordinal))
            {
                request.Headers.TransferEncodingChunked = true;
            }

            using HttpResponseMessage response = await server.Client.SendAsync(request);
            string body = await response.Content.ReadAsStringAsync();

            Assert.True((int)response.StatusCode == expectedStatus, $"{response.StatusCode}: {body}");
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            using var json = JsonDocument.Parse(body);
            Assert.Contains(expectedError, json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        }

        Assert.Empty(server.Errors.ToString());
    }

    [Fact]
    public async Task Unknown_paths_get_a_json_404_and_the_page_and_its_files_are_served()
    {
        await using var server = await RunningServer.StartAsync(run.Model);

        using HttpResponseMessage missing = await server.Client.GetAsync("no/such/thing");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("\"error\"", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        foreach (var (path, type, marker) in new[] { ("", "text/html", "<canvas id=\"pad\""), ("page.css", "text/css", "#pad"), ("page.js", "text/javascript", "api/predict") })
        {
            using HttpResponseMessage page = await server.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal(type, page.Content.Headers.ContentType?.MediaType);
            Assert.Contains(marker, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using HttpResponseMessage health = await server.Client.GetAsync("api/health");
        using var json = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.Equal("784-128-10 on ILGPU CPU accelerator", json.RootElement.GetProperty("network").GetString()![..35]);
        Assert.Equal(Path.Combine("run", "model.bin"), json.RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Fifty_requests_at_once_are_all_answered_and_each_as_it_is_alone()
    {
        const int Requests = 50;
        byte[][] images =
        [
            SevenPng(),
            File.ReadAllBytes(Blank()),
            OtherSevenPng(),
        ];
        await using var server = await RunningServer.StartAsync(run.Model);
        var alone = new List<string>();
        foreach (byte[] image in images)
        {
            var (status, answer) = await Post(server, image, "alone");
            using (answer)
            {
                Assert.Equal(HttpStatusCode.OK, status);
                alone.Add(Answer(answer));
            }
        }

        var clock = Stopwatch.StartNew();
        var answers = await Task.WhenAll(Enumerable.Range(0, Requests).Select(async i =>
        {
            var (status, answer) = await Post(server, images[i % images.Length], "alone");
            using (answer)
            {
                return (status, Answer(answer));
            }
        }));
        clock.Stop();

        for (int i = 0; i < Requests; i++)
        {
            Assert.Equal(HttpStatusCode.OK, answers[i].status);
            Assert.Equal(alone[i % images.Length], answers[i].Item2);
        }

        log.WriteLine($"{Requests} concurrent requests, all answered as alone, in {clock.Elapsed.TotalMilliseconds:F0} ms ({DigitReader.Working} prepared at once, one forward pass at a time)");
        Assert.Empty(server.Errors.ToString());
    }

    private static byte[] SevenPng()
    {
        using SKBitmap seven = PredictCommandTests.DrawSeven();
        return TestImages.Encode(seven, SKEncodedImageFormat.Png);
    }

    private static byte[] OtherSevenPng()
    {
        using SKBitmap seven = TestImages.Seven(160, 90);
        return TestImages.Encode(seven, SKEncodedImageFormat.Png);
    }

    private string Blank()
    {
        using var blank = new SKBitmap(100, 100);
        blank.Erase(SKColors.White);
        string path = _folder.File("blank.png");
        File.WriteAllBytes(path, TestImages.Encode(blank, SKEncodedImageFormat.Png));
        return path;
    }

    /// <summary>Everything of an answer but its name, as one comparable string.</summary>
    private static string Answer(JsonDocument answer) => string.Join(" | ", answer.RootElement.EnumerateObject().Where(p => p.Name != "input").Select(p => $"{p.Name}={p.Value.GetRawText()}"));

    private static async Task<(HttpStatusCode Status, JsonDocument Answer)> Post(RunningServer server, byte[] image, string name)
    {
        using var content = new ByteArrayContent(image);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using HttpResponseMessage response = await server.Client.PostAsync($"api/predict?name={Uri.EscapeDataString(name)}", content);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()));
    }

    private static float[] Floats(JsonElement array) => array.EnumerateArray().Select(value => value.GetSingle()).ToArray();
}
