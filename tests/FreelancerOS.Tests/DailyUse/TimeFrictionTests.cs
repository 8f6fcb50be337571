using System.Net;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Tests.Projects;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Tests.DailyUse;

public sealed class TimeFrictionTests(TestApp app) : IClassFixture<TestApp>
{
    private Task<List<TimeEntry>> EntriesAsync(int projectId) =>
        app.WithDbAsync(db => db.TimeEntries.IgnoreQueryFilters().Where(t => t.ProjectId == projectId).OrderBy(t => t.Id).ToListAsync());

    private static async Task<int> ProjectAsync(AppClient client, string name) =>
        await Work.ProjectAsync(client, await Work.ClientAsync(client, rate: "80"), name);

    [Theory]
    [InlineData("2:30")]
    [InlineData("2h30")]
    [InlineData("2h 30m")]
    [InlineData("2.5")]
    [InlineData("2,5")]
    public async Task Post_LogTime_AcceptsHoursAsPeopleTypeThem(string typed)
    {
        var client = await app.SignedInClientAsync();
        var project = await ProjectAsync(client, "Formats");
        var response = await Work.LogAsync(client, project, typed);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal((2.5m, 200m), (await EntriesAsync(project)).Select(e => (e.Hours, e.Amount)).Single());
    }

    [Fact]
    public async Task Post_LogTime_WithBadMinutes_KeepsWhatWasTyped_AndSaysWhy()
    {
        var client = await app.SignedInClientAsync();
        var project = await ProjectAsync(client, "Bad minutes");
        var page = await AppClient.ParseAsync(await Work.LogAsync(client, project, "1:75"));
        Assert.Equal("Minutes go up to 59: write 1:30 rather than 0:90.", AppClient.FieldError(page, "Hours"));
        Assert.Equal("1:75", page.QuerySelector("input[name=Hours]")!.GetAttribute("value"));
        Assert.Empty(await EntriesAsync(project));
    }

    [Fact]
    public async Task Timesheet_TakesTheSameFormats_ANotePerCell_AndABadCellKeepsWhatWasTyped()
    {
        var client = await app.SignedInClientAsync();
        var project = await ProjectAsync(client, "Sheet notes");
        var week = await client.GetPageAsync($"/time?week=2026-11-16&add={project}");

        var sheet = await AppClient.ParseAsync(await client.HtmxPostAsync(week, "/time/cell",
            [new("projectId", project.ToString()), new("date", "2026-11-17"), new("hours", "1h 15m"), new("note", "Kick-off call")]));
        var entry = (await EntriesAsync(project)).Single();
        Assert.Equal((1.25m, "Kick-off call", 100m), (entry.Hours, entry.Description, entry.Amount));
        Assert.Equal("Kick-off call", sheet.QuerySelector("td[data-date='2026-11-17'] input[name=note]")!.GetAttribute("value"));
        Assert.Equal("1.25", sheet.QuerySelector("td[data-date='2026-11-17'] input[name=hours]")!.GetAttribute("value"));

        // A bad cell: what was typed stays in the cell with the reason; the stored entry is unchanged.
        var bad = await AppClient.ParseAsync(await client.HtmxPostAsync(week, "/time/cell",
            [new("projectId", project.ToString()), new("date", "2026-11-17"), new("hours", "3:99"), new("note", "Changed note")]));
        var cell = bad.QuerySelector("td[data-date='2026-11-17']")!;
        Assert.Equal("3:99", cell.QuerySelector("input[name=hours]")!.GetAttribute("value"));
        Assert.Equal("true", cell.QuerySelector("input[name=hours]")!.GetAttribute("aria-invalid"));
        Assert.Equal("Changed note", cell.QuerySelector("input[name=note]")!.GetAttribute("value"));
        Assert.Equal("Minutes go up to 59: write 1:30 rather than 0:90.", cell.QuerySelector(".field-error")!.TextContent);
        Assert.Equal((1.25m, "Kick-off call"), (await EntriesAsync(project)).Select(e => (e.Hours, e.Description)).Single());

        // A note with no hours in an empty cell is refused, with the note kept.
        var noHours = await AppClient.ParseAsync(await client.HtmxPostAsync(week, "/time/cell",
            [new("projectId", project.ToString()), new("date", "2026-11-18"), new("hours", ""), new("note", "Forgot the hours")]));
        Assert.Equal("Enter the hours this note is for.", noHours.QuerySelector("td[data-date='2026-11-18'] .field-error")!.TextContent);
        Assert.Equal("Forgot the hours", noHours.QuerySelector("td[data-date='2026-11-18'] input[name=note]")!.GetAttribute("value"));
        Assert.Single(await EntriesAsync(project));
    }

    [Fact]
    public async Task ServiceSelect_FollowsTheProject_AndTheServerRefusesAServiceOfAnotherProject()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await Work.ClientAsync(client);
        var a = await Work.ProjectAsync(client, clientId, "Alpha");
        var b = await Work.ProjectAsync(client, clientId, "Beta");
        var serviceOfA = await Work.ServiceAsync(client, a, "Design");
        var serviceOfB = await Work.ServiceAsync(client, b, "Build");

        var form = await client.GetPageAsync($"/time/create?projectId={a}");
        var projectSelect = form.QuerySelector("select[name=ProjectId]")!;
        Assert.Equal("#ServiceId", projectSelect.GetAttribute("data-services-select"));
        Assert.Equal(a.ToString(), form.QuerySelector($"#ServiceId option[value='{serviceOfA}']")!.GetAttribute("data-project"));
        Assert.Equal(b.ToString(), form.QuerySelector($"#ServiceId option[value='{serviceOfB}']")!.GetAttribute("data-project"));

        // The timer form too: a service of another project is refused with the reason, and no timer starts.
        var time = await client.GetPageAsync("/time");
        var start = await client.SubmitAsync(time, "form[action='/time/start']", new Dictionary<string, string> { ["ProjectId"] = a.ToString(), ["ServiceId"] = serviceOfB.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var after = await client.GetPageAsync("/time");
        Assert.Contains("That service belongs to another project.", after.QuerySelector("main .alert")!.TextContent);
        Assert.Null(after.QuerySelector("[data-role=topbar-timer]"));
    }

    [Fact]
    public async Task RunningTimer_ShowsInTheTopBarOfEveryPage_AndStopsFromThere_BackToThatPage()
    {
        var client = await app.SignedInClientAsync();
        var project = await ProjectAsync(client, "Top bar");
        var time = await client.GetPageAsync("/time");
        await client.SubmitAsync(time, "form[action='/time/start']", new Dictionary<string, string> { ["ProjectId"] = project.ToString() });
        app.Clock.Advance(TimeSpan.FromMinutes(90));

        foreach (var url in new[] { "/", "/clients/list", "/invoices/list", "/settings" })
        {
            var page = await client.GetPageAsync(url);
            var bar = page.QuerySelector("nav [data-role=topbar-timer]");
            Assert.True(bar is not null, $"no timer in the top bar of {url}");
            Assert.Equal("Top bar", bar!.QuerySelector("[data-role=topbar-timer-project]")!.TextContent);
            Assert.Equal("1:30:00", bar.QuerySelector("[data-role=topbar-timer-elapsed]")!.TextContent);
        }

        var list = await client.GetPageAsync("/clients/list?q=Acme");
        var stop = await client.SubmitAsync(list, "nav form[action='/time/stop']");
        Assert.Equal("/clients/list?q=Acme", stop.Headers.Location!.OriginalString);
        Assert.Equal(1.5m, (await EntriesAsync(project)).Single().Hours);
        var back = await client.GetPageAsync(stop.Headers.Location!.OriginalString);
        Assert.Null(back.QuerySelector("[data-role=topbar-timer]"));
        Assert.Contains("Timer stopped: 1.5 h saved on Top bar", back.QuerySelector("main .alert")!.TextContent);
    }

    [Fact]
    public async Task Stop_WithAForeignReturnUrl_GoesToTheTimesheet()
    {
        var client = await app.SignedInClientAsync();
        var project = await ProjectAsync(client, "Open redirect");
        var time = await client.GetPageAsync("/time");
        await client.SubmitAsync(time, "form[action='/time/start']", new Dictionary<string, string> { ["ProjectId"] = project.ToString() });
        var page = await client.GetPageAsync("/time");
        var stop = await client.SubmitAsync(page, "nav form[action='/time/stop']", new Dictionary<string, string> { ["returnUrl"] = "https://evil.example/" });
        Assert.StartsWith("/time?week=", stop.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("15", "Up", 7, 0.25)]
    [InlineData("15", "Up", 16, 0.5)]
    [InlineData("30", "Nearest", 44, 0.5)]
    [InlineData("30", "Nearest", 46, 1.0)]
    [InlineData("6", "Up", 61, 1.1)]
    [InlineData("0", "Up", 61, 1.02)]
    public async Task TimerRounding_FromSettings_AppliesWhenTheTimerStops(string minutes, string mode, int elapsedMinutes, double saved)
    {
        var client = await app.SignedInClientAsync();
        var settings = await client.GetPageAsync("/settings");
        var save = await client.SubmitAsync(settings, "form[action='/settings/timer-rounding']", new Dictionary<string, string> { ["minutes"] = minutes, ["mode"] = mode });
        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        settings = await client.GetPageAsync("/settings");
        Assert.Equal(minutes, settings.QuerySelector("#rounding-minutes option[selected]")!.GetAttribute("value"));

        var project = await ProjectAsync(client, "Rounded");
        var time = await client.GetPageAsync("/time");
        await client.SubmitAsync(time, "form[action='/time/start']", new Dictionary<string, string> { ["ProjectId"] = project.ToString() });
        app.Clock.Advance(TimeSpan.FromMinutes(elapsedMinutes));
        await client.SubmitAsync(await client.GetPageAsync("/time"), "form[action='/time/stop']");
        Assert.Equal((decimal)saved, (await EntriesAsync(project)).Single().Hours);
    }

    [Theory]
    [InlineData("7", "Up", "Choose no rounding, 6, 15 or 30 minutes.")]
    [InlineData("abc", "Up", "Choose no rounding, 6, 15 or 30 minutes.")]
    [InlineData("15", "Sideways", "Choose to round up or to the nearest step.")]
    public async Task TimerRounding_BadValue_IsRefusedNextToTheField(string minutes, string mode, string message)
    {
        var client = await app.SignedInClientAsync();
        var settings = await client.GetPageAsync("/settings");
        // Values the selects do not offer: a hand-made request.
        var response = await client.SubmitForgedAsync(settings, "form[action='/settings/timer-rounding']", new Dictionary<string, string> { ["minutes"] = minutes, ["mode"] = mode });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, AppClient.FieldError(await AppClient.ParseAsync(response), "TimerRounding"));
        var stored = await app.WithDbAsync(db => db.Settings.IgnoreQueryFilters().OrderByDescending(s => s.Id).FirstAsync());
        Assert.Equal(0, stored.TimerRoundingMinutes);
    }

    [Fact]
    public async Task SavingAnEntry_ReturnsToWhereItWasStarted_OnlyIfLocal()
    {
        var client = await app.SignedInClientAsync();
        var project = await ProjectAsync(client, "Return");
        var back = $"/projects/details/{project}";
        var projectPage = await client.GetPageAsync(back);
        var form = await client.GetPageAsync(projectPage.QuerySelector("main a[href^='/time/create']")!.GetAttribute("href")!);
        Assert.Equal(back, form.QuerySelector("main form a.btn-link")!.GetAttribute("href"));
        var saved = await client.SubmitAsync(form, "form[action='/time/create']", new Dictionary<string, string> { ["Hours"] = "1", ["Date"] = "2026-11-20" });
        Assert.Equal(back, saved.Headers.Location!.OriginalString);

        var id = (await EntriesAsync(project)).Single().Id;
        var edit = await client.GetPageAsync((await client.GetPageAsync(back)).QuerySelector($"main a[href^='/time/edit/{id}']")!.GetAttribute("href")!);
        var edited = await client.SubmitAsync(edit, $"form[action='/time/edit/{id}']", new Dictionary<string, string> { ["Hours"] = "2:15" });
        Assert.Equal(back, edited.Headers.Location!.OriginalString);
        Assert.Equal(2.25m, (await EntriesAsync(project)).Single().Hours);

        foreach (var foreign in new[] { "https://evil.example/x", "//evil.example/x", "/\\evil.example" })
        {
            var f = await client.GetPageAsync($"/time/create?projectId={project}&returnUrl={Uri.EscapeDataString(foreign)}");
            var r = await client.SubmitAsync(f, "form[action='/time/create']", new Dictionary<string, string> { ["Hours"] = "1", ["Date"] = "2026-11-20", ["ReturnUrl"] = foreign });
            Assert.Equal("/time?week=2026-11-16", r.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task DefaultRateOfZero_IsFlaggedAtFirstUse_WithALinkToSettings()
    {
        var client = await app.SignedInClientAsync();
        foreach (var url in new[] { "/time", "/time/create" })
        {
            var notice = (await client.GetPageAsync(url)).QuerySelector("[data-role=zero-rate-notice]");
            Assert.True(notice is not null, url);
            Assert.Contains("default hourly rate is 0", notice!.TextContent);
            Assert.Equal("/settings#DefaultHourlyRate", notice.QuerySelector("a")!.GetAttribute("href"));
        }
        var settings = await client.GetPageAsync("/settings");
        await client.SubmitAsync(settings, "form[action='/settings']", new Dictionary<string, string> { ["DefaultHourlyRate"] = "60" });
        Assert.Null((await client.GetPageAsync("/time")).QuerySelector("[data-role=zero-rate-notice]"));
        Assert.Null((await client.GetPageAsync("/time/create")).QuerySelector("[data-role=zero-rate-notice]"));
    }
}
