using FreelancerOS.BrowserTests.Infrastructure;

namespace FreelancerOS.BrowserTests.DailyUse;

[Collection(BrowserCollection.Name)]
public sealed class DailyUseBrowserTests(BrowserFixture fixture)
{
    private static async Task<string> AddClientAndProjectAsync(IPage page, string client, string project)
    {
        await page.GotoAsync("/clients/create");
        await page.FillAsync("input[name=Name]", client);
        await page.ClickAsync("form[action='/clients/create'] button[type=submit]");
        await page.WaitForURLAsync("**/clients/details/*");
        await page.GotoAsync("/projects/create");
        await page.FillAsync("input[name=Name]", project);
        await page.SelectOptionAsync("select[name=ClientId]", new SelectOptionValue { Label = $"{client} (EUR)" });
        await page.ClickAsync("form[action='/projects/create'] button[type=submit]");
        await page.WaitForURLAsync("**/projects/details/*");
        return page.Url[(page.Url.LastIndexOf('/') + 1)..];
    }

    [Fact]
    public async Task TopBarTimer_TicksFromTheServersStartTime_AndTheServiceListFollowsTheProject()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.RegisterAsync();
        var alpha = await AddClientAndProjectAsync(page, "Clock Client", "Alpha");
        var beta = await AddClientAndProjectAsync(page, "Other Client", "Beta");
        foreach (var (project, service) in new[] { (alpha, "Design"), (beta, "Build") })
        {
            await page.GotoAsync($"/services/create?projectId={project}");
            await page.FillAsync("input[name=Name]", service);
            await page.FillAsync("input[name=Rate]", "100");
            await page.FillAsync("input[name=Quantity]", "10");
            await page.ClickAsync("form[action='/services/create'] button[type=submit]");
            await page.WaitForURLAsync(u => !u.Contains("/services/create"));
        }

        // The service list offers only the chosen project's services.
        await page.GotoAsync("/time/create");
        await page.SelectOptionAsync("#ProjectId", alpha);
        await Assertions.Expect(page.Locator("#ServiceId option", new() { HasText = "Design" })).ToBeEnabledAsync();
        await Assertions.Expect(page.Locator("#ServiceId option", new() { HasText = "Build" })).ToBeDisabledAsync();
        await page.SelectOptionAsync("#ServiceId", new SelectOptionValue { Label = "Design" });
        await page.SelectOptionAsync("#ProjectId", beta);
        await Assertions.Expect(page.Locator("#ServiceId")).ToHaveValueAsync("");
        await Assertions.Expect(page.Locator("#ServiceId option", new() { HasText = "Design" })).ToBeDisabledAsync();

        await page.GotoAsync("/time");
        await page.SelectOptionAsync("#timer-ProjectId", alpha);
        await page.ClickAsync("form[action='/time/start'] button[type=submit]");
        await Assertions.Expect(page.Locator("nav [data-role=topbar-timer-project]")).ToHaveTextAsync("Alpha");

        // The browser's clock is pinned to the server's fake clock 45 minutes later, then runs 65 seconds.
        fixture.App.Clock.Advance(TimeSpan.FromMinutes(45));
        await session.OpenWithPinnedClockAsync("/clients/list", fixture.App.Clock.GetUtcNow(), TimeSpan.FromSeconds(65));
        await Assertions.Expect(page.Locator("nav [data-role=topbar-timer-elapsed]")).ToHaveTextAsync("0:46:05");

        await page.ClickAsync("nav [data-role=topbar-timer-stop]");
        await page.WaitForURLAsync("**/clients/list");
        await Assertions.Expect(page.Locator("main .alert-success")).ToContainTextAsync("0.75 h saved on Alpha");
        await Assertions.Expect(page.Locator("nav [data-role=topbar-timer]")).ToHaveCountAsync(0);
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task DarkAndLightModes_FollowTheSystem_AxeClean_AndListsPrintWithoutControls()
    {
        await using var session = await fixture.NewSessionAsync(bypassCsp: true);
        var page = session.Page;
        await session.RegisterAsync();
        var project = await AddClientAndProjectAsync(page, "Contrast Client", "Contrast project");
        await page.GotoAsync("/time");
        await page.SelectOptionAsync("#timer-ProjectId", project);
        await page.ClickAsync("form[action='/time/start'] button[type=submit]");
        await Assertions.Expect(page.Locator("nav [data-role=topbar-timer]")).ToHaveCountAsync(1);

        var problems = new List<string>();
        var pages = new[] { "/", "/time", "/time/create", "/settings", "/clients/list", "/projects/list", "/invoices/list", "/ledger", "/contacts" };
        foreach (var scheme in new[] { ColorScheme.Dark, ColorScheme.Light })
        {
            await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = scheme });
            foreach (var url in pages)
            {
                await page.GotoAsync(url);
                await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-bs-theme", scheme == ColorScheme.Dark ? "dark" : "light");
                problems.AddRange((await Axe.SeriousViolationsAsync(page)).Select(v => $"{scheme} {url} {v}"));
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        // The mode follows a change of the system setting without a reload.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Dark });
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-bs-theme", "dark");

        foreach (var url in new[] { "/clients/list", "/projects/list", "/invoices/list", "/ledger", "/contacts" })
        {
            await page.GotoAsync(url);
            await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
            await Assertions.Expect(page.Locator("nav.navbar")).ToBeHiddenAsync();
            await Assertions.Expect(page.Locator("form[role=search]")).ToBeHiddenAsync();
            await Assertions.Expect(page.Locator("main table")).ToBeVisibleAsync();
            Assert.Equal(0, await page.Locator("main .btn:visible, main .sort-indicator:visible").CountAsync());
            var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");
            Assert.False(overflow, $"{url} is wider than the printed page");
            await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
        }
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }
}
