using System.Net;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Recurring;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static FreelancerOS.Tests.Invoices.InvoiceSteps;
using static FreelancerOS.Tests.Recurring.RecurringSteps;

namespace FreelancerOS.Tests.Recurring;

/// <summary>The runs on SQLite and, through ./test.sh, on PostgreSQL, where two job instances really run in parallel.</summary>
public abstract class RecurringRunScenarios(TestApp app)
{
    [Fact]
    public async Task Job_DayByDayOverThreeMonths_MakesEachDraftOnItsDate_ExactlyOnce_MonthEndsClamped()
    {
        var start = new DateOnly(2026, 11, 22);
        SetDay(app, start);
        var alice = await app.SignedInClientAsync();
        var bob = await app.SignedInClientAsync();
        var acme = await CreateClientAsync(alice, "Acme Ltd");
        var globex = await CreateClientAsync(bob, "Globex");
        var monthEnd = await CreateScheduleAsync(alice, acme, new() { ["Frequency"] = "Monthly", ["DayOfMonth"] = "31", ["StartDate"] = "2026-11-22", ["TaxRate"] = "21" },
            [("Hosting, {period}", "1", "49.99"), ("Support hours", "2.5", "80")]);
        var weekly = await CreateScheduleAsync(bob, globex, new() { ["Frequency"] = "Weekly", ["DayOfWeek"] = "Monday", ["StartDate"] = "2026-11-22" },
            [("Weekly maintenance", "1", "150")]);
        Assert.Equal("2026-11-30", await NextRunTextAsync(alice, monthEnd));
        Assert.Equal("2026-11-23", await NextRunTextAsync(bob, weekly));

        DateOnly[] monthly = [new(2026, 11, 30), new(2026, 12, 31), new(2027, 1, 31), new(2027, 2, 28)];
        var end = new DateOnly(2027, 2, 28);
        var mondays = Enumerable.Range(0, end.DayNumber - start.DayNumber + 1).Select(start.AddDays).Where(d => d.DayOfWeek == DayOfWeek.Monday).ToList();
        for (var day = start; day <= end; day = day.AddDays(1))
        {
            SetDay(app, day);
            await RunJobAsync(app);
            await RunJobAsync(app); // the same day again: nothing more
            Assert.Equal(monthly.Count(d => d <= day), await RunCountAsync(app, monthEnd));
            Assert.Equal(mondays.Count(d => d <= day), await RunCountAsync(app, weekly));
        }

        await SignInAgainAsync(alice);
        await SignInAgainAsync(bob);
        var made = await InvoicesOfAsync(app, monthEnd);
        Assert.Equal(monthly, made.Select(i => i.IssueDate));
        Assert.All(made, i => Assert.Equal(InvoiceStatus.Draft, i.Status));
        // 49.99 + 200.00 = 249.99; 21 % tax = 52.4979 → 52.50; total 302.49.
        Assert.All(made, i => Assert.Equal((249.99m, 52.50m, 302.49m), (i.Subtotal, i.Tax, i.Total)));
        // The run on 31 January closes 31 December to 30 January (the day before each run ends the period).
        Assert.Equal("Hosting, 2026-12-31 to 2027-01-30", made[2].Lines.OrderBy(l => l.Position).First().Description);
        Assert.Equal(mondays, (await InvoicesOfAsync(app, weekly)).Select(i => i.IssueDate));
        Assert.Equal("2027-03-31", await NextRunTextAsync(alice, monthEnd));

        // The drafts are the account's own: on its invoice board, not on the other account's.
        var board = await alice.GetPageAsync("/invoices");
        Assert.NotNull(board.QuerySelector($"#invoice-{made[0].Id}"));
        Assert.Null((await bob.GetPageAsync("/invoices")).QuerySelector($"#invoice-{made[0].Id}"));
        var details = await alice.GetPageAsync($"/recurring/details/{monthEnd}");
        Assert.Equal(4, details.QuerySelectorAll("[data-role=runs] tbody tr").Length);
    }

    [Fact]
    public async Task Job_MissedDays_CatchesUpOneInvoicePerPeriod()
    {
        SetDay(app, new DateOnly(2026, 11, 22));
        var alice = await app.SignedInClientAsync();
        var acme = await CreateClientAsync(alice, "Acme Ltd");
        var id = await CreateScheduleAsync(alice, acme, new() { ["DayOfMonth"] = "1", ["StartDate"] = "2026-11-22" });

        // The job did not run for three months (the server was off): three runs, one per missed period.
        SetDay(app, new DateOnly(2027, 2, 10));
        Assert.True(await RunJobAsync(app) >= 3);
        var made = await InvoicesOfAsync(app, id);
        Assert.Equal([new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 1), new DateOnly(2027, 2, 1)], made.Select(i => i.IssueDate));
        Assert.Equal(["Retainer, November 2026", "Retainer, December 2026", "Retainer, January 2027"], made.Select(i => i.Lines[0].Description));
        await RunJobAsync(app);
        Assert.Equal(3, await RunCountAsync(app, id));
    }

    [Fact]
    public async Task ConcurrentRuns_TwoContexts_MakeTheRunOnce_TheUniqueKeyRefusesTheSecond()
    {
        SetDay(app, new DateOnly(2026, 11, 22));
        var alice = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, alice.Email!);
        var acme = await CreateClientAsync(alice, "Acme Ltd");
        var id = await CreateScheduleAsync(alice, acme, new() { ["DayOfMonth"] = "1", ["StartDate"] = "2026-11-22" });
        SetDay(app, new DateOnly(2026, 12, 1));

        // Instance B read the schedule before instance A made the run.
        await using var b = app.Services.CreateAsyncScope();
        b.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(userId);
        var runsB = b.ServiceProvider.GetRequiredService<RecurringRuns>();
        var staleB = (await runsB.LoadAsync(id, CancellationToken.None))!;
        Assert.Equal(new DateOnly(2026, 12, 1), staleB.NextRunDate);

        Assert.True(await RunJobAsync(app) >= 1);
        Assert.Equal(1, await RunCountAsync(app, id));
        Assert.Equal(RunOutcome.AlreadyMade, await runsB.RunAsync(staleB, new DateOnly(2026, 12, 1)));

        // Even with a fresh copy of the schedule (so its version matches), the (schedule, period) key alone refuses it.
        await using var c = app.Services.CreateAsyncScope();
        c.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(userId);
        var runsC = c.ServiceProvider.GetRequiredService<RecurringRuns>();
        var fresh = (await runsC.LoadAsync(id, CancellationToken.None))!;
        Assert.Equal(RunOutcome.AlreadyMade, await runsC.RunAsync(fresh, new DateOnly(2026, 12, 1)));

        // Two job instances at once on the next run date: one invoice.
        SetDay(app, new DateOnly(2027, 1, 1));
        await Task.WhenAll(RunJobAsync(app), RunJobAsync(app));
        Assert.Equal(2, await RunCountAsync(app, id));
        Assert.Equal(2, (await InvoicesOfAsync(app, id)).Count);
        Assert.Equal(2, await app.WithDbAsync(db => db.Invoices.CountAsync(), userId));
    }

    [Fact]
    public async Task PauseSkipsThePeriods_ResumeRunsFromTheNextDate()
    {
        SetDay(app, new DateOnly(2026, 11, 22));
        var alice = await app.SignedInClientAsync();
        var acme = await CreateClientAsync(alice, "Acme Ltd");
        var id = await CreateScheduleAsync(alice, acme, new() { ["DayOfMonth"] = "1", ["StartDate"] = "2026-11-22" });

        var page = await alice.GetPageAsync($"/recurring/details/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await alice.SubmitAsync(page, $"form[action='/recurring/pause/{id}']")).StatusCode);
        Assert.Equal("Paused", await NextRunTextAsync(alice, id));
        foreach (var day in new[] { new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 10) })
        {
            SetDay(app, day);
            await RunJobAsync(app);
        }
        Assert.Equal(0, await RunCountAsync(app, id));

        await SignInAgainAsync(alice);
        page = await alice.GetPageAsync($"/recurring/details/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await alice.SubmitAsync(page, $"form[action='/recurring/resume/{id}']")).StatusCode);
        Assert.Equal("2027-02-01", await NextRunTextAsync(alice, id));
        await RunJobAsync(app);
        Assert.Equal(0, await RunCountAsync(app, id));
        SetDay(app, new DateOnly(2027, 2, 1));
        await RunJobAsync(app);
        Assert.Equal([new DateOnly(2027, 2, 1)], (await InvoicesOfAsync(app, id)).Select(i => i.IssueDate));
    }

    [Fact]
    public async Task EndAfterACount_AndOnADate_StopTheRuns()
    {
        SetDay(app, new DateOnly(2026, 11, 22));
        var alice = await app.SignedInClientAsync();
        var acme = await CreateClientAsync(alice, "Acme Ltd");
        var byCount = await CreateScheduleAsync(alice, acme, new()
            { ["Frequency"] = "Weekly", ["DayOfWeek"] = "Wednesday", ["StartDate"] = "2026-11-22", ["EndKind"] = "AfterCount", ["MaxRuns"] = "2" });
        var byDate = await CreateScheduleAsync(alice, acme, new()
            { ["Frequency"] = "Quarterly", ["DayOfMonth"] = "15", ["StartDate"] = "2026-12-01", ["EndKind"] = "OnDate", ["EndDate"] = "2027-06-14" });
        Assert.Equal("2026-12-15", await NextRunTextAsync(alice, byDate));

        for (var day = new DateOnly(2026, 11, 22); day <= new DateOnly(2027, 7, 1); day = day.AddDays(1))
        {
            if (day.DayOfWeek != DayOfWeek.Wednesday && day.Day != 15) continue;
            SetDay(app, day);
            await RunJobAsync(app);
        }
        await SignInAgainAsync(alice);
        Assert.Equal([new DateOnly(2026, 11, 25), new DateOnly(2026, 12, 2)], (await InvoicesOfAsync(app, byCount)).Select(i => i.IssueDate));
        Assert.Equal("Ended: no run left", await NextRunTextAsync(alice, byCount));
        // Quarterly in step with December: 15 December and 15 March; 15 June is after the end date.
        Assert.Equal([new DateOnly(2026, 12, 15), new DateOnly(2027, 3, 15)], (await InvoicesOfAsync(app, byDate)).Select(i => i.IssueDate));
        Assert.Equal("Ended: no run left", await NextRunTextAsync(alice, byDate));
        var list = await alice.GetPageAsync("/recurring");
        Assert.Equal("Ended", list.QuerySelector($"tr[data-schedule-id='{byCount}'] [data-role=next-run]")!.TextContent.Trim());
    }

    [Fact]
    public async Task IssueAction_IssuesTheRunsInvoice_DeletingTheScheduleKeepsIt()
    {
        SetDay(app, new DateOnly(2026, 11, 22));
        var alice = await app.SignedInClientAsync();
        var acme = await CreateClientAsync(alice, "Acme Ltd");
        var id = await CreateScheduleAsync(alice, acme, new() { ["DayOfMonth"] = "1", ["StartDate"] = "2026-11-22", ["Action"] = "Issue" });
        SetDay(app, new DateOnly(2026, 12, 1));
        await RunJobAsync(app);
        var issued = Assert.Single(await InvoicesOfAsync(app, id));
        Assert.Equal(InvoiceStatus.Sent, issued.Status);
        Assert.Equal("INV-2026-0001", issued.Number);

        var page = await alice.GetPageAsync($"/recurring/details/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await alice.SubmitAsync(page, $"form[action='/recurring/delete/{id}']")).StatusCode);
        await alice.GetPageAsync($"/recurring/details/{id}", HttpStatusCode.NotFound);
        await alice.GetPageAsync($"/invoices/details/{issued.Id}");
    }
}

public sealed class RecurringRunTests(TestApp app) : RecurringRunScenarios(app), IClassFixture<TestApp>
{
    private readonly TestApp _app = app;

    [Fact]
    public async Task IssueAndSend_IssuesTheRun_AndEmailsItToTheClient_OnceTheAppsAddressIsKnown()
    {
        SetDay(_app, new DateOnly(2026, 11, 22));
        var alice = await _app.SignedInClientAsync();
        var acme = await FreelancerOS.Tests.Mail.MailSteps.CreateClientWithEmailAsync(alice, "Acme Ltd", "billing@acme.example");
        var form = await alice.GetPageAsync("/recurring/create");
        Assert.NotNull(form.QuerySelector("select[name=Action] option[value=IssueAndSend]"));
        await CreateScheduleAsync(alice, acme, new() { ["Frequency"] = "Monthly", ["DayOfMonth"] = "22", ["StartDate"] = "2026-11-22", ["Action"] = "IssueAndSend" },
            [("Hosting, {period}", "1", "49.99")]);
        var saved = await FreelancerOS.Tests.Mail.MailSteps.SaveMailSettingsAsync(alice, new() { ["PublicBaseUrl"] = "https://books.example.com" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        Assert.Equal(1, await RunJobAsync(_app));
        var invoice = await _app.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().Where(i => i.ClientId == acme).Select(i => new { i.Id, i.Status }).SingleAsync());
        Assert.Equal(InvoiceStatus.Sent, invoice.Status);
        var sent = await FreelancerOS.Tests.Mail.MailSteps.WaitForEventAsync(_app, invoice.Id, InvoiceEventKind.Sent);
        Assert.Contains("billing@acme.example", sent.Detail);
    }
}

public sealed class PostgresRecurringRunTests(FreelancerOS.Tests.Ledger.PostgresTestApp app) : RecurringRunScenarios(app), IClassFixture<FreelancerOS.Tests.Ledger.PostgresTestApp>;
