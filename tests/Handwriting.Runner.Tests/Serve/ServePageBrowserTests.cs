using System.Globalization;
using Handwriting.Runner.Tests.Commands;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Chromium;
using OpenQA.Selenium.Interactions;

namespace Handwriting.Runner.Tests.Serve;

/// <summary>
/// The page in a real browser: Debian's headless Chromium, driven through its chromedriver by
/// Selenium, draws digits on the canvas with pointer events (a mouse, then a finger) and reads the
/// digit the page shows. Set HANDWRITING_SCREENSHOTS to a folder to keep the screenshots
/// (docs/serve.png in the README is made so).
/// </summary>
[Collection(TrainedRunCollection.Name)]
public sealed class ServePageBrowserTests(TrainedRun run) : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private const string ChromeDriver = "/usr/bin/chromedriver";

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_seven_drawn_with_a_mouse_and_a_one_drawn_with_a_finger_are_read_and_shown()
    {
        await using var server = await RunningServer.StartAsync(run.Model);
        using ChromeDriver browser = Browser(1000, 720);
        browser.Navigate().GoToUrl(server.Address);
        IWebElement pad = browser.FindElement(By.Id("pad"));
        Assert.Equal("?", TopDigit(browser));

        Draw(browser, pad, PointerKind.Mouse, [[(0.22, 0.2), (0.78, 0.2), (0.42, 0.86)]]);
        Assert.Equal("7", await ShownDigit(browser));
        Assert.Equal(10, browser.FindElements(By.CssSelector("#bars li")).Count);
        Assert.Contains("7", browser.FindElement(By.CssSelector("#bars li.top .digit")).Text, StringComparison.Ordinal);
        Assert.True(PreparedInk(browser) > 20, "the prepared 28x28 field shows the digit");
        Screenshot(browser, "serve.png");

        browser.FindElement(By.Id("clear")).Click();
        Assert.Equal("?", TopDigit(browser));
        Assert.Equal(0, PreparedInk(browser));

        Draw(browser, pad, PointerKind.Touch, [[(0.5, 0.14), (0.5, 0.86)]]);
        Assert.Equal("1", await ShownDigit(browser));
    }

    [Fact]
    public async Task On_a_phone_sized_screen_the_pad_and_the_answer_fit_the_width_and_a_drawing_is_read()
    {
        await using var server = await RunningServer.StartAsync(run.Model);
        using ChromeDriver browser = Browser(390, 844, phone: true);
        browser.Navigate().GoToUrl(server.Address);
        IWebElement pad = browser.FindElement(By.Id("pad"));

        long pageWidth = (long)browser.ExecuteScript("return document.documentElement.scrollWidth;")!;
        Assert.True(pageWidth <= 390, $"the page is {pageWidth} px wide on a 390 px screen");
        Assert.InRange(pad.Size.Width, 300, 390);

        Draw(browser, pad, PointerKind.Touch, [[(0.22, 0.2), (0.78, 0.2), (0.42, 0.86)]]);
        Assert.Equal("7", await ShownDigit(browser));
        Screenshot(browser, "serve-phone.png");
    }

    [Fact]
    public async Task When_the_server_is_gone_the_page_says_so()
    {
        ChromeDriver browser;
        await using (var server = await RunningServer.StartAsync(run.Model))
        {
            browser = Browser(1000, 720);
            browser.Navigate().GoToUrl(server.Address);
            Assert.Equal("?", TopDigit(browser));
        }

        using (browser)
        {
            IWebElement pad = browser.FindElement(By.Id("pad"));
            Draw(browser, pad, PointerKind.Mouse, [[(0.5, 0.14), (0.5, 0.86)]]);
            IWebElement gone = browser.FindElement(By.Id("gone"));
            await Until(() => gone.Displayed, "the page to say the server is gone");
            Assert.Contains("not answering", gone.Text, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// A headless Chromium showing pages at <paramref name="width"/> x <paramref name="height"/>;
    /// a <paramref name="phone"/> is emulated (headless windows are at least 500 px wide), with touch.
    /// </summary>
    private ChromeDriver Browser(int width, int height, bool phone = false)
    {
        Assert.True(File.Exists(Chromium) && File.Exists(ChromeDriver),
            $"the browser tests need {Chromium} and {ChromeDriver}: apt-get install chromium chromium-driver (.ci/run does)");
        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            $"--user-data-dir={Directory.CreateDirectory(_folder.File($"chromium-{Guid.NewGuid():N}")).FullName}",
            $"--window-size={Math.Max(width, 500)},{height}", "--hide-scrollbars");
        if (phone)
        {
            options.EnableMobileEmulation(new ChromiumMobileEmulationDeviceSettings
            {
                Width = width,
                Height = height,
                PixelRatio = 1,
                EnableTouchEvents = true,
                UserAgent = "Mozilla/5.0 (Linux; Android 14; Pixel 8) Mobile",
            });
        }

        // The driver owns its service from here on and stops it when disposed; the explicit
        // chromedriver path keeps Selenium Manager from looking for (or downloading) another.
#pragma warning disable CA2000
        ChromeDriverService service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriver), Path.GetFileName(ChromeDriver));
#pragma warning restore CA2000
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        try
        {
            return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        }
        catch
        {
            service.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Draws strokes, each a polyline in fractions of the pad's side, with many small moves (as a
    /// hand does), so the page sees a stream of pointer events and throttles its requests.
    /// </summary>
    private static void Draw(ChromeDriver browser, IWebElement pad, PointerKind kind, (double X, double Y)[][] strokes)
    {
        var pointer = new PointerInputDevice(kind, kind.ToString());
        var actions = new ActionBuilder();
        (int X, int Y) At((double X, double Y) p) => ((int)Math.Round((p.X - 0.5) * pad.Size.Width), (int)Math.Round((p.Y - 0.5) * pad.Size.Height));
        foreach (var stroke in strokes)
        {
            var (x0, y0) = At(stroke[0]);
            actions.AddAction(pointer.CreatePointerMove(pad, x0, y0, TimeSpan.Zero));
            actions.AddAction(pointer.CreatePointerDown(MouseButton.Left));
            foreach (var (from, to) in stroke.Zip(stroke.Skip(1)))
            {
                for (int step = 1; step <= 12; step++)
                {
                    double t = step / 12.0;
                    var (x, y) = At((from.X + ((to.X - from.X) * t), from.Y + ((to.Y - from.Y) * t)));
                    actions.AddAction(pointer.CreatePointerMove(pad, x, y, TimeSpan.FromMilliseconds(15)));
                }
            }

            actions.AddAction(pointer.CreatePointerUp(MouseButton.Left));
        }

        browser.PerformActions(actions.ToActionSequenceList());
    }

    /// <summary>The digit the page shows once every request the drawing caused has been answered.</summary>
    private static async Task<string> ShownDigit(ChromeDriver browser)
    {
        await Until(() => (string)browser.ExecuteScript("return document.body.dataset.pending;")! == "false"
            && browser.FindElement(By.Id("top-digit")).GetDomAttribute("data-state") != "empty", "the page to show an answer");
        Assert.Equal("digit", browser.FindElement(By.Id("top-digit")).GetDomAttribute("data-state"));
        return TopDigit(browser);
    }

    private static string TopDigit(ChromeDriver browser) => browser.FindElement(By.Id("top-digit")).Text;

    /// <summary>The ink the page drew in its 28x28 view of what the network sees (sum of levels / 255).</summary>
    private static double PreparedInk(ChromeDriver browser) => Convert.ToDouble(browser.ExecuteScript("""
        const data = document.getElementById("prepared").getContext("2d").getImageData(0, 0, 28, 28).data;
        let sum = 0;
        for (let i = 0; i < data.length; i += 4) sum += data[i];
        return sum / 255;
        """), CultureInfo.InvariantCulture);

    private void Screenshot(ChromeDriver browser, string name)
    {
        string folder = Environment.GetEnvironmentVariable("HANDWRITING_SCREENSHOTS") is { Length: > 0 } chosen ? chosen : _folder.Path;
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, name);
        browser.GetScreenshot().SaveAsFile(path);
        PngAssert.Valid(path);
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }
}
