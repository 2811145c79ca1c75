using Grpc.Core;
using Grpc.Net.Client;
using Matchmaker.Security;
using Matchmaker.Store;
using Matchmaker.V1;
using Microsoft.Playwright;

namespace Matchmaker.Tests.Support;

/// <summary>
/// The real server as a child process with the demo data (its demo fair included), a REST port for the staff console,
/// a staff and a portal key, and chromium driven by Playwright. Screenshots go to console-screenshots/ beside the tests.
/// </summary>
public sealed class ConsoleServer : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _data = new();
    private ServerProcess? _server;
    private IPlaywright? _playwright;
    private bool _disposed;

    public string StaffKey { get; private set; } = "";

    public string PortalKey { get; private set; } = "";

    /// <summary>The console's origin, e.g. http://127.0.0.1:40123.</summary>
    public string Origin { get; private set; } = "";

    public IBrowser Browser { get; private set; } = default!;

    public GrpcChannel Channel { get; private set; } = default!;

    public string ServerOutput => _server?.Output ?? "";

    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "console-screenshots");

    public async Task InitializeAsync()
    {
        using (var database = new SqliteDatabase(Path.Combine(_data.Path, "store.db")))
        {
            var keys = new ApiKeyStore(database);
            StaffKey = keys.Create("fair desk", Roles.Staff, DateTimeOffset.UtcNow).Secret;
            PortalKey = keys.Create("portal", Roles.Portal, DateTimeOffset.UtcNow).Secret;
        }

        var restPort = ServerProcess.FreePort();
        Origin = $"http://127.0.0.1:{restPort}";
        _server = new ServerProcess(_data.Path, "--Matchmaker:RestUrls", Origin, "--Matchmaker:DemoData:SeedWhenEmpty", "true",
            "--Matchmaker:DemoData:Exporters", "1000", "--Matchmaker:DemoData:Inquiries", "300",
            // The browser tests generate the fair's schedule themselves, from the console.
            "--Matchmaker:DemoData:ScheduleFair", "false");
        await _server.StartAsync();
        Channel = _server.Connect();

        // The demo data is seeded at start-up, after the port opens: wait for the demo fair.
        var events = new EventService.EventServiceClient(Channel);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while ((await events.ListEventsAsync(new ListEventsRequest(), Headers())).Events.All(e => e.Id != "DEMO-FAIR"))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the demo fair did not appear:\n" + _server.Output);
            }

            await Task.Delay(250);
        }

        Directory.CreateDirectory(Screenshots);
        // Two cores shared with the server, other tests and the browser: an expectation may wait that long for a page.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFactAttribute.Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    /// <summary>The staff key as call metadata.</summary>
    public Metadata Headers() => new() { { "x-api-key", StaffKey } };

    /// <summary>A fresh browser context (no cookies) in <paramref name="locale"/>, with a page.</summary>
    /// <param name="width">Wide and tall enough, a drag never needs to scroll (it cannot while it drags).</param>
    public async Task<IPage> NewPageAsync(string locale = "en-US", int width = 1400, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale, ViewportSize = new ViewportSize { Width = width, Height = height } });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in with <paramref name="key"/> from the sign-in page.</summary>
    public async Task SignInAsync(IPage page, string key)
    {
        await page.GotoAsync(Origin + "/console");
        await page.FillAsync("#key", key);
        await page.ClickAsync("form:not(.development) button[type=submit]");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Dispose();
    }

    public void Dispose()
    {
        // The server's log beside the screenshots: what to read when a browser test fails.
        if (_server is not null && !_disposed)
        {
            File.WriteAllText(Path.Combine(Screenshots, "server.log"), _server.Output);
        }

        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Channel?.Dispose();
        _server?.Dispose();
        _data.Dispose();
    }
}
