using FreelancerOS.BrowserTests.Infrastructure;

namespace FreelancerOS.BrowserTests.Projects;

[Collection(BrowserCollection.Name)]
public sealed class ProjectsBrowserTests(BrowserFixture fixture)
{
    private static async Task AddClientAsync(IPage page, string name)
    {
        await page.GotoAsync("/clients/create");
        await page.FillAsync("input[name=Name]", name);
        await page.ClickAsync("form[action='/clients/create'] button[type=submit]");
        await page.WaitForURLAsync("**/clients/details/*");
    }

    private static async Task AddProjectAsync(IPage page, string name, string client, string priority)
    {
        await page.GotoAsync("/projects/create");
        await page.FillAsync("input[name=Name]", name);
        await page.SelectOptionAsync("select[name=ClientId]", new SelectOptionValue { Label = $"{client} (EUR)" });
        await page.SelectOptionAsync("select[name=Priority]", priority);
        await page.FillAsync("input[name=EstimatedHours]", "10");
        await page.ClickAsync("form[action='/projects/create'] button[type=submit]");
        await page.WaitForURLAsync("**/projects/details/*");
    }

    [Fact]
    public async Task ListClientFilter_OffersEveryClientOnceFocused_AndFiltersByOneWithoutProjects()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.RegisterAsync();
        await AddClientAsync(page, "Filter Busy");
        await AddClientAsync(page, "Filter Quiet");
        await AddProjectAsync(page, "Filtered project", "Filter Busy", "Medium");

        // The page holds its rows' clients; every client arrives when the filter takes the focus.
        await page.GotoAsync("/projects/list");
        var filter = page.Locator("#clientId");
        await Assertions.Expect(filter.Locator("option")).ToHaveTextAsync(["All clients", "Filter Busy"]);
        await filter.FocusAsync();
        await Assertions.Expect(filter.Locator("option")).ToHaveTextAsync(["All clients", "Filter Busy", "Filter Quiet"]);
        await filter.SelectOptionAsync(new SelectOptionValue { Label = "Filter Quiet" });
        await page.ClickAsync("form[role=search] button[type=submit]");
        await page.WaitForURLAsync("**/projects/list?*clientId=*");
        await Assertions.Expect(page.Locator("tbody td")).ToHaveTextAsync("No projects match.");
        await Assertions.Expect(filter).ToHaveValueAsync(await filter.Locator("option", new() { HasText = "Filter Quiet" }).GetAttributeAsync("value") ?? "");
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task DragProjectFromLowToHigh_PersistsAcrossReload()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.RegisterAsync();
        await AddClientAsync(page, "Board Client");
        await AddProjectAsync(page, "Dragged project", "Board Client", "Low");
        await AddProjectAsync(page, "Stays low", "Board Client", "Low");

        await page.GotoAsync("/projects");
        var low = page.Locator("section[data-priority=Low]");
        var high = page.Locator("section[data-priority=High]");
        Assert.Equal("2", (await low.Locator("[data-role=count]").InnerTextAsync()).Trim());

        var card = page.Locator(".board-card", new() { HasText = "Dragged project" });
        var response = page.WaitForResponseAsync(r => r.Url.EndsWith("/projects/sort") && r.Status == 200);
        await card.Locator("h3").DragToAsync(high.Locator(".board-list"));
        await response;
        await Assertions.Expect(high.Locator("[data-role=count]")).ToHaveTextAsync("1");
        await Assertions.Expect(low.Locator("[data-role=count]")).ToHaveTextAsync("1");

        await page.ReloadAsync();
        await Assertions.Expect(high.Locator(".board-card", new() { HasText = "Dragged project" })).ToHaveCountAsync(1);
        await Assertions.Expect(low.Locator(".board-card", new() { HasText = "Dragged project" })).ToHaveCountAsync(0);
        await Assertions.Expect(low.Locator(".board-card", new() { HasText = "Stays low" })).ToHaveCountAsync(1);
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task StartTimer_Reload_Stop_EntryIsInTheTimesheet()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.RegisterAsync();
        await AddClientAsync(page, "Timer Client");
        await AddProjectAsync(page, "Timed project", "Timer Client", "Medium");

        await page.GotoAsync("/time");
        await page.SelectOptionAsync("#timer-ProjectId", new SelectOptionValue { Label = "Timed project · Timer Client" });
        await page.FillAsync("#timer-Description", "Deep work");
        await page.ClickAsync("form[action='/time/start'] button[type=submit]");
        await Assertions.Expect(page.Locator("[data-role=timer-project]")).ToHaveTextAsync("Timed project");

        // The timer is stored: a reload 45 minutes later shows it still running, ticking in the page from
        // the server's start time (the page's clock pinned to the server's, then 65 seconds pass).
        fixture.App.Clock.Advance(TimeSpan.FromMinutes(45));
        await session.OpenWithPinnedClockAsync("/time", fixture.App.Clock.GetUtcNow(), TimeSpan.FromSeconds(65));
        await Assertions.Expect(page.Locator("[data-role=timer-project]")).ToHaveTextAsync("Timed project");
        await Assertions.Expect(page.Locator("[data-role=timer-elapsed]")).ToHaveTextAsync("0:46:05");
        await page.Clock.ResumeAsync();

        await page.ClickAsync("form[action='/time/stop'] button[type=submit]");
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("0.75 h saved on Timed project");
        await Assertions.Expect(page.Locator("[data-role=timer-running]")).ToHaveCountAsync(0);
        var row = page.Locator("#timesheet tbody tr", new() { HasText = "Timed project" });
        await Assertions.Expect(row.Locator("[data-role=row-total]")).ToHaveTextAsync("0.75");
        await Assertions.Expect(page.Locator("[data-role=week-total]")).ToHaveTextAsync("0.75");

        // And the timesheet is editable in place: type into the cell, the totals follow without a reload.
        var day = fixture.App.Clock.GetUtcNow().ToString("yyyy-MM-dd");
        var cell = row.Locator($"td[data-date='{day}'] input[name=hours]");
        await Assertions.Expect(cell).ToHaveValueAsync("0.75");
        var saved = page.WaitForResponseAsync(r => r.Url.EndsWith("/time/cell") && r.Status == 200);
        await cell.FillAsync("2.5");
        await cell.PressAsync("Tab");
        await saved;
        await Assertions.Expect(page.Locator("[data-role=week-total]")).ToHaveTextAsync("2.5");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-role=week-total]")).ToHaveTextAsync("2.5");
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task TimesheetCellOfAService_NoteAndHoursTypedWithEnter_AreSavedOnThatService()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.RegisterAsync();
        await AddClientAsync(page, "Sheet Client");
        await AddProjectAsync(page, "Sheet project", "Sheet Client", "Medium");
        await page.GotoAsync("/services/create");
        await page.FillAsync("input[name=Name]", "Wireframes");
        await page.SelectOptionAsync("select[name=ProjectId]", new SelectOptionValue { Label = "Sheet project · Sheet Client (EUR)" });
        await page.ClickAsync("form[action='/services/create'] button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/services/create"));

        // A row for the service, added from the week's own menu; its cells carry only their day (the row says the rest).
        await page.GotoAsync("/time");
        await page.SelectOptionAsync("#add", new SelectOptionValue { Label = "Sheet project › Wireframes" });
        await page.ClickAsync("form[action='/time'] button[type=submit]");
        var row = page.Locator("#timesheet tbody tr", new() { HasText = "Wireframes" });
        var day = fixture.App.Clock.GetUtcNow().ToString("yyyy-MM-dd");

        // A note alone is refused at the cell, with the note kept; Enter sends it (no reload, no full-page post).
        var note = row.Locator($"td[data-date='{day}'] input[name=note]");
        await row.Locator($"td[data-date='{day}'] summary").ClickAsync();
        await note.FillAsync("First sketches");
        var refused = page.WaitForResponseAsync(r => r.Url.EndsWith("/time/cell") && r.Status == 200);
        await note.PressAsync("Enter");
        await refused;
        await Assertions.Expect(row.Locator($"td[data-date='{day}'] .field-error")).ToHaveTextAsync("Enter the hours this note is for.");
        await Assertions.Expect(row.Locator($"td[data-date='{day}'] input[name=note]")).ToHaveValueAsync("First sketches");

        // Then the hours, with Enter: saved on the service, with the note, and the totals follow.
        var hours = row.Locator($"td[data-date='{day}'] input[name=hours]");
        await hours.FillAsync("1:30");
        var saved = page.WaitForResponseAsync(r => r.Url.EndsWith("/time/cell") && r.Status == 200);
        await hours.PressAsync("Enter");
        await saved;
        await Assertions.Expect(row.Locator("[data-role=row-total]")).ToHaveTextAsync("1.5");
        await Assertions.Expect(row.Locator($"td[data-date='{day}'] .field-error")).ToHaveCountAsync(0);

        await page.ReloadAsync();
        await Assertions.Expect(row.Locator($"td[data-date='{day}'] input[name=hours]")).ToHaveValueAsync("1.5");
        await Assertions.Expect(row.Locator($"td[data-date='{day}'] summary")).ToHaveAttributeAsync("title", "First sketches");
        await Assertions.Expect(page.Locator("[data-role=week-total]")).ToHaveTextAsync("1.5");
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task WorkPages_LogNoConsoleErrors()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.RegisterAsync();
        await AddClientAsync(page, "Console Client");
        await AddProjectAsync(page, "Console project", "Console Client", "High");
        var projectUrl = page.Url;
        foreach (var url in new[] { "/projects", "/projects/list", "/projects/create", projectUrl, "/services", "/services/create", "/time", "/time/create" })
        {
            await page.GotoAsync(url);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }
}
