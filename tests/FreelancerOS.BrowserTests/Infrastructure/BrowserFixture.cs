using FreelancerOS.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace FreelancerOS.BrowserTests.Infrastructure;

/// <summary>
/// The real app on Kestrel (a free port on 127.0.0.1) with its own SQLite database and fake clock,
/// and Debian's Chromium driven by Playwright. Playwright never downloads a browser here: it is
/// pointed at /usr/bin/chromium, which ./test.sh installs.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public TestApp App { get; } = new();
    public string BaseUrl { get; private set; } = "";
    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App.UseKestrel(0);
        App.StartServer();
        var addresses = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1").TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        });
    }

    /// <summary>A fresh browser context (its own cookies) with a page that records console errors.</summary>
    public async Task<BrowserSession> NewSessionAsync(bool bypassCsp = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = "en-GB", BypassCSP = bypassCsp });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

public sealed class BrowserSession : IAsyncDisposable
{
    public IBrowserContext Context { get; }
    public IPage Page { get; }
    public List<string> ConsoleErrors { get; } = [];

    public BrowserSession(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, msg) => { if (msg.Type == "error") ConsoleErrors.Add(msg.Text); };
        page.PageError += (_, error) => ConsoleErrors.Add(error);
    }

    /// <summary>Registers a new account through the register page and lands signed in.</summary>
    public async Task RegisterAsync(string? email = null, string password = "Correct-horse-42")
    {
        email ??= $"browser-{Guid.NewGuid():N}@example.com";
        await Page.GotoAsync("/account/register");
        await Page.FillAsync("input[name=Email]", email);
        await Page.FillAsync("input[name=Password]", password);
        await Page.FillAsync("input[name=ConfirmPassword]", password);
        await Page.ClickAsync("form[action='/account/register'] button[type=submit]");
        await Page.WaitForURLAsync("**/settings");
    }

    /// <summary>
    /// Opens <paramref name="url"/> with the page's clock (Playwright's fake clock) pinned to the server's
    /// fake clock and paused, then lets <paramref name="elapse"/> pass in the page, so what ticks in the page
    /// shows an exact value. The page's clock stays paused until the test calls Page.Clock.ResumeAsync().
    /// </summary>
    public async Task OpenWithPinnedClockAsync(string url, DateTimeOffset serverNow, TimeSpan elapse)
    {
        // The installed clock runs until paused, and can only be paused at a later time: start it a little earlier.
        var now = serverNow.UtcDateTime;
        await Page.Clock.InstallAsync(new ClockInstallOptions { TimeDate = now.AddMinutes(-1) });
        await Page.GotoAsync(url);
        await Page.Clock.PauseAtAsync(now);
        await Page.Clock.RunForAsync((long)elapse.TotalMilliseconds);
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
