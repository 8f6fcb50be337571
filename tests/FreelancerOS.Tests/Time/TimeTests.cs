using System.Net;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Tests.Projects;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Tests.Time;

public sealed class TimeTests(TestApp app) : IClassFixture<TestApp>
{
    private Task<List<TimeEntry>> EntriesAsync(int projectId) =>
        app.WithDbAsync(db => db.TimeEntries.IgnoreQueryFilters().Where(t => t.ProjectId == projectId).OrderBy(t => t.Id).ToListAsync());

    private static async Task SetDefaultRateAsync(AppClient client, string rate)
    {
        var settings = await client.GetPageAsync("/settings");
        var response = await client.SubmitAsync(settings, "form[action='/settings']", new Dictionary<string, string> { ["DefaultHourlyRate"] = rate });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Post_LogTime_CopiesTheRate_ServiceThenProjectThenClientThenDefault()
    {
        var client = await app.SignedInClientAsync();
        await SetDefaultRateAsync(client, "50");
        var withRate = await Work.ClientAsync(client, "Rated", rate: "70");
        var noRate = await Work.ClientAsync(client, "Unrated");
        var projectWithRate = await Work.ProjectAsync(client, withRate, "P1", rate: "90");
        var service = await Work.ServiceAsync(client, projectWithRate, "Dev", "Hourly", "120", "10");
        var flat = await Work.ServiceAsync(client, projectWithRate, "Logo", "Flat", "900", "1");
        var projectClientRate = await Work.ProjectAsync(client, withRate, "P2");
        var projectDefault = await Work.ProjectAsync(client, noRate, "P3");

        await Work.LogAsync(client, projectWithRate, "1.25", serviceId: service);
        await Work.LogAsync(client, projectWithRate, "1", serviceId: flat);
        await Work.LogAsync(client, projectWithRate, "2");
        await Work.LogAsync(client, projectClientRate, "2");
        await Work.LogAsync(client, projectDefault, "2");

        var p1 = await EntriesAsync(projectWithRate);
        Assert.Equal([(120m, 150m), (90m, 90m), (90m, 180m)], p1.Select(e => (e.HourlyRate, e.Amount)).ToList());
        Assert.Equal(70m, (await EntriesAsync(projectClientRate)).Single().HourlyRate);
        Assert.Equal((50m, 100m, "EUR"), (await EntriesAsync(projectDefault)).Select(e => (e.HourlyRate, e.Amount, e.Currency)).Single());
    }

    [Fact]
    public async Task LaterRateChange_DoesNotAlterSavedEntries()
    {
        var client = await app.SignedInClientAsync();
        var project = await Work.ProjectAsync(client, await Work.ClientAsync(client), "Snap");
        var service = await Work.ServiceAsync(client, project, "Dev", "Hourly", "100", "10");
        await Work.LogAsync(client, project, "2", serviceId: service);

        var edit = await client.GetPageAsync($"/services/edit/{service}");
        await client.SubmitAsync(edit, $"form[action='/services/edit/{service}']", new Dictionary<string, string> { ["Rate"] = "150" });
        await Work.LogAsync(client, project, "2", serviceId: service);

        var entries = await EntriesAsync(project);
        Assert.Equal([(100m, 200m), (150m, 300m)], entries.Select(e => (e.HourlyRate, e.Amount)).ToList());

        // Editing the hours of the old entry keeps its rate.
        var entryPage = await client.GetPageAsync($"/time/edit/{entries[0].Id}");
        Assert.Equal("100.00 EUR", entryPage.QuerySelector("[data-role=rate]")!.TextContent);
        await client.SubmitAsync(entryPage, $"form[action='/time/edit/{entries[0].Id}']", new Dictionary<string, string> { ["Hours"] = "3" });
        Assert.Equal((100m, 300m), (await EntriesAsync(project)).Select(e => (e.HourlyRate, e.Amount)).First());
    }

    [Theory]
    [InlineData("0", "Enter more than 0 hours.")]
    [InlineData("25", "One entry is for one day: at most 24 hours.")]
    [InlineData("-1", "Enter more than 0 hours.")]
    [InlineData("lots", null)]
    public async Task Post_LogTime_WithBadHours_ShowsErrorAndSavesNothing(string hours, string? message)
    {
        var client = await app.SignedInClientAsync();
        var project = await Work.ProjectAsync(client, await Work.ClientAsync(client), "Bad hours");
        var response = await Work.LogAsync(client, project, hours);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = AppClient.FieldError(await AppClient.ParseAsync(response), "Hours");
        if (message is null) Assert.NotEmpty(error); else Assert.Equal(message, error);
        Assert.Empty(await EntriesAsync(project));
    }

    [Fact]
    public async Task Post_LogTime_OnAServiceOfAnotherProject_IsRefused()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await Work.ClientAsync(client);
        var a = await Work.ProjectAsync(client, clientId, "A");
        var b = await Work.ProjectAsync(client, clientId, "B");
        var serviceOfB = await Work.ServiceAsync(client, b, "Dev");
        var response = await Work.LogAsync(client, a, "1", serviceId: serviceOfB);
        Assert.Equal("That service belongs to another project.", AppClient.FieldError(await AppClient.ParseAsync(response), "ServiceId"));
        Assert.Empty(await EntriesAsync(a));
    }

    [Fact]
    public async Task Timer_StartReloadStop_CreatesEntryWithElapsedTime()
    {
        var client = await app.SignedInClientAsync();
        var project = await Work.ProjectAsync(client, await Work.ClientAsync(client, rate: "80"), "Timed");
        var page = await client.GetPageAsync("/time");
        var start = await client.SubmitAsync(page, "form[action='/time/start']", new Dictionary<string, string> { ["ProjectId"] = project.ToString(), ["Description"] = "Focus" });
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);

        // Stored, not kept in memory: it survives a reload and a restart of the app.
        var stored = await app.WithDbAsync(db => db.Timers.IgnoreQueryFilters().SingleAsync(t => t.ProjectId == project));
        Assert.Equal((app.Clock.GetUtcNow(), "Focus"), (stored.StartedAt, stored.Description));

        app.Clock.Advance(TimeSpan.FromMinutes(90));
        var reloaded = await client.GetPageAsync("/time");
        Assert.Equal("Timed", reloaded.QuerySelector("[data-role=timer-project]")!.TextContent);
        Assert.Equal("1.50 h", reloaded.QuerySelector("[data-role=timer-elapsed]")!.TextContent);

        var stop = await client.SubmitAsync(reloaded, "form[action='/time/stop']");
        Assert.Equal(HttpStatusCode.Redirect, stop.StatusCode);
        var entry = (await EntriesAsync(project)).Single();
        Assert.Equal((1.5m, 80m, 120m, "Focus", true, app.Clock.GetUtcNow().Date), (entry.Hours, entry.HourlyRate, entry.Amount, entry.Description, entry.Billable, entry.Date.ToDateTime(TimeOnly.MinValue)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Timers.IgnoreQueryFilters().CountAsync(t => t.ProjectId == project)));
        var sheet = await client.GetPageAsync(stop.Headers.Location!.OriginalString);
        Assert.Null(sheet.QuerySelector("[data-role=timer-running]"));
        Assert.Equal("1.5", sheet.QuerySelector("[data-role=week-total]")!.TextContent);
    }

    /// <summary>
    /// Bug fixed: a service moved to another project while its timer ran was kept on the entry, which then sat on one
    /// project with another project's service. Stopping (RunningTimer.Stop) keeps the time on the timer's project.
    /// </summary>
    [Fact]
    public async Task Timer_WhoseServiceMovedToAnotherProject_StopsOntoItsProjectWithoutTheService()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await Work.ClientAsync(client, rate: "80");
        var timed = await Work.ProjectAsync(client, clientId, "Timed");
        var elsewhere = await Work.ProjectAsync(client, clientId, "Elsewhere");
        var service = await Work.ServiceAsync(client, timed, "Design", "Hourly", "120", "10");
        var page = await client.GetPageAsync("/time");
        var start = await client.SubmitAsync(page, "form[action='/time/start']", new Dictionary<string, string> { ["ProjectId"] = timed.ToString(), ["ServiceId"] = service.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);

        var edit = await client.GetPageAsync($"/services/edit/{service}");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(edit, $"form[action='/services/edit/{service}']", new Dictionary<string, string> { ["ProjectId"] = elsewhere.ToString() })).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(60));
        await client.SubmitAsync(await client.GetPageAsync("/time"), "form[action='/time/stop']");

        var entry = (await EntriesAsync(timed)).Single();
        Assert.Equal((1m, (int?)null, 80m), (entry.Hours, entry.ServiceId, entry.HourlyRate));
    }

    [Fact]
    public async Task Timer_StartingASecondOne_StopsTheFirstAndSavesItsTime()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await Work.ClientAsync(client);
        var first = await Work.ProjectAsync(client, clientId, "First");
        var second = await Work.ProjectAsync(client, clientId, "Second");
        var page = await client.GetPageAsync("/time");
        await client.SubmitAsync(page, "form[action='/time/start']", new Dictionary<string, string> { ["ProjectId"] = first.ToString() });
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        page = await client.GetPageAsync("/time");
        var switched = await client.SubmitAsync(page, "form[action='/time/start']", new Dictionary<string, string> { ["ProjectId"] = second.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);

        Assert.Equal(0.5m, (await EntriesAsync(first)).Single().Hours);
        var running = await client.GetPageAsync("/time");
        Assert.Equal("Second", running.QuerySelector("[data-role=timer-project]")!.TextContent);
        Assert.Contains("Timer stopped: 0.5 h saved on First", running.QuerySelector(".alert-success")!.TextContent);
        Assert.Equal(1, await app.WithDbAsync(db => db.Timers.IgnoreQueryFilters().CountAsync(t => t.ProjectId == first || t.ProjectId == second)));
    }

    [Fact]
    public async Task Timesheet_CellsAreEditableInPlace_WithTotalsAndWeekNavigation()
    {
        var client = await app.SignedInClientAsync();
        var project = await Work.ProjectAsync(client, await Work.ClientAsync(client, rate: "100"), "Sheet");
        await Work.LogAsync(client, project, "2", date: "2026-11-16"); // Monday
        var week = await client.GetPageAsync("/time?week=2026-11-18");
        Assert.Contains("16/11/2026", week.QuerySelector("[data-role=week]")!.TextContent);

        // Type 3.5 into Tuesday of that row: a new entry.
        var response = await client.HtmxPostAsync(week, "/time/cell", [new("projectId", project.ToString()), new("date", "2026-11-17"), new("hours", "3.5")]);
        var sheet = await AppClient.ParseAsync(response);
        Assert.Equal("5.5", sheet.QuerySelector($"tr[data-row='{project}-'] [data-role=row-total]")!.TextContent);
        Assert.Equal(["2", "3.5", "0", "0", "0", "0", "0"], sheet.QuerySelectorAll("[data-role=day-total]").Select(d => d.TextContent).ToList());
        // Change Monday to 1, then clear Tuesday.
        await client.HtmxPostAsync(week, "/time/cell", [new("projectId", project.ToString()), new("date", "2026-11-16"), new("hours", "1")]);
        await client.HtmxPostAsync(week, "/time/cell", [new("projectId", project.ToString()), new("date", "2026-11-17"), new("hours", "")]);
        var entries = await EntriesAsync(project);
        Assert.Equal([(new DateOnly(2026, 11, 16), 1m, 100m)], entries.Select(e => (e.Date, e.Hours, e.Amount)).ToList());

        // 25 hours in a cell: the message is at the cell, nothing changes.
        var bad = await AppClient.ParseAsync(await client.HtmxPostAsync(week, "/time/cell", [new("projectId", project.ToString()), new("date", "2026-11-16"), new("hours", "25")]));
        Assert.Equal("One entry is for one day: at most 24 hours.", bad.QuerySelector("td[data-date='2026-11-16'] .field-error")!.TextContent);
        var typed = bad.QuerySelector($"#cell-{project}--2026-11-16")!; // what was typed stays in the cell, marked and described
        Assert.Equal(("25", "true", $"cell-{project}--2026-11-16-error"),
            (typed.GetAttribute("value"), typed.GetAttribute("aria-invalid"), typed.GetAttribute("aria-describedby")));
        Assert.Equal(1m, (await EntriesAsync(project)).Single().Hours);

        var next = await client.GetPageAsync("/time?week=2026-11-23");
        Assert.Equal("0", next.QuerySelector("[data-role=week-total]")!.TextContent);
        Assert.Equal("/time?week=2026-11-16", next.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
        var added = await client.GetPageAsync($"/time?week=2026-11-23&add={project}");
        Assert.NotNull(added.QuerySelector($"tr[data-row='{project}-'] input[name=hours]"));
    }

    [Fact]
    public async Task EntryOnAnInvoice_CannotBeEditedOrDeleted()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await Work.ClientAsync(client);
        var project = await Work.ProjectAsync(client, clientId, "Invoiced");
        await Work.LogAsync(client, project, "2", date: "2026-11-16");
        var id = (await EntriesAsync(project)).Single().Id;
        var edit = await client.GetPageAsync($"/time/edit/{id}");
        var invoiceId = await FreelancerOS.Tests.Invoices.BillingSteps.BillAsync(client, clientId, $"#time-entry-{id}");

        var response = await client.SubmitAsync(edit, $"form[action='/time/edit/{id}']", new Dictionary<string, string> { ["Hours"] = "9" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This entry is on an invoice and cannot be edited or deleted.", await response.Content.ReadAsStringAsync());
        await client.SubmitAsync(edit, $"form[action='/time/delete/{id}']");
        var week = await client.GetPageAsync("/time?week=2026-11-16");
        var cell = await client.HtmxPostAsync(week, "/time/cell", [new("projectId", project.ToString()), new("date", "2026-11-16"), new("hours", "4")]);
        Assert.Contains("on an invoice", (await AppClient.ParseAsync(cell)).QuerySelector("td[data-date='2026-11-16']")!.TextContent);

        var stored = (await EntriesAsync(project)).Single();
        Assert.Equal((2m, invoiceId), (stored.Hours, stored.InvoiceId!.Value));
        Assert.NotNull((await client.GetPageAsync($"/time/edit/{id}")).QuerySelector("[data-role=locked]"));
    }

    [Fact]
    public async Task AnotherAccountsEntryAndProject_Are404ForTime()
    {
        var owner = await app.SignedInClientAsync();
        var project = await Work.ProjectAsync(owner, await Work.ClientAsync(owner), "Mine");
        await Work.LogAsync(owner, project, "2", date: "2026-11-16");
        var id = (await EntriesAsync(project)).Single().Id;
        var other = await app.SignedInClientAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/time/edit/{id}")).StatusCode);
        var week = await other.GetPageAsync("/time?week=2026-11-16");
        Assert.DoesNotContain("Mine", week.Body!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await other.HtmxPostAsync(week, $"/time/delete/{id}", [])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.HtmxPostAsync(week, "/time/cell", [new("projectId", project.ToString()), new("date", "2026-11-16"), new("hours", "9")])).StatusCode);
        var logged = await Work.LogAsync(other, project, "1", forged: true);
        Assert.Equal("Choose the project.", AppClient.FieldError(await AppClient.ParseAsync(logged), "ProjectId"));
        var timer = await other.SubmitForgedAsync(week, "form[action='/time/start']", new Dictionary<string, string> { ["ProjectId"] = project.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, timer.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Timers.IgnoreQueryFilters().CountAsync(t => t.ProjectId == project)));
        Assert.Equal(2m, (await EntriesAsync(project)).Single().Hours);
    }
}
