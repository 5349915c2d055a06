using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Arsip.BrowserTests;

/// <summary>The real Arsip host on a loopback port (Kestrel, not the in-memory TestServer) and Debian's Chromium driven by Playwright.</summary>
public sealed class BrowserApp : ArsipApp
{
    public const string Chromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    public string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    protected override void Boot()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = address.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1").Replace("localhost", "127.0.0.1").TrimEnd('/');
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Directory.CreateDirectory(Screenshots);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser context (own cookies) at the office screen size.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 720)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "id-ID",
        });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error") ConsoleError($"{page.Url}: {message.Text}");
        };
        page.PageError += (_, error) => ConsoleError($"{page.Url}: {error}");
        return page;
    }

    private void ConsoleError(string error)
    {
        ConsoleErrors.Enqueue(error);
        lock (ConsoleErrors) File.AppendAllText(Path.Combine(Screenshots, "..", "console-errors.txt"), error + System.Environment.NewLine);
    }

    /// <summary>Errors the pages wrote to the browser console (also appended to TestResults/console-errors.txt).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> ConsoleErrors { get; } = new();

    /// <summary>The pages' content security policy refused something (an inline script or style): the page is broken.</summary>
    public IReadOnlyList<string> PolicyViolations => ConsoleErrors.Where(e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>
    /// Saves a full-page screenshot. Headless Chromium now and then answers "Unable to capture screenshot" while
    /// the compositor is busy on a loaded machine; the capture is tried again rather than failing the journey.
    /// </summary>
    public async Task ScreenshotAsync(IPage page, string name)
    {
        PolicyViolations.ShouldBeEmpty($"the content security policy refused part of the page before screenshot {name}");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
                return;
            }
            catch (PlaywrightException e) when (attempt < 3 && e.Message.Contains("Unable to capture screenshot"))
            {
                await Task.Delay(250 * attempt);
            }
        }
    }

    public new async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
    }
}
