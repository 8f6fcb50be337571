using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Invoices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Hangfire;
using Hangfire.Storage;
using static FreelancerOS.Tests.Invoices.InvoiceSteps;

namespace FreelancerOS.Tests.Invoices;

public sealed class OverdueJobTests(TestApp app) : IClassFixture<TestApp>
{
    private async Task<int> RunJobAsync()
    {
        // The job as the scheduler runs it: its own scope, no signed-in user.
        await using var scope = app.Services.CreateAsyncScope();
        return await OverdueInvoices.MarkAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), app.Clock);
    }

    [Fact]
    public async Task Job_AfterTheDueDate_MarksSentInvoicesOfEveryAccountOverdue_OnceAndWithHistory()
    {
        app.Clock.Set(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
        var first = await app.SignedInClientAsync();
        var second = await app.SignedInClientAsync();
        var a = await CreateClientAsync(first, "Late Payer");
        var b = await CreateClientAsync(second, "Other Late Payer");

        var sentA = AppClient.IdFromRedirect(await PostDraftAsync(first, a, [("Work", "1", "100")], dueDate: "2026-11-30"));
        await IssueAsync(first, sentA);
        var sentB = AppClient.IdFromRedirect(await PostDraftAsync(second, b, [("Work", "1", "100")], dueDate: "2026-11-30"));
        await IssueAsync(second, sentB);
        var laterDue = AppClient.IdFromRedirect(await PostDraftAsync(first, a, [("Work", "1", "100")], dueDate: "2026-12-15"));
        await IssueAsync(first, laterDue);
        var draft = AppClient.IdFromRedirect(await PostDraftAsync(first, a, [("Work", "1", "100")], dueDate: "2026-11-23"));
        var voided = AppClient.IdFromRedirect(await PostDraftAsync(first, a, [("Work", "1", "100")], dueDate: "2026-11-23"));
        await IssueAsync(first, voided);
        await first.SubmitAsync(await first.GetPageAsync($"/invoices/details/{voided}"), $"form[action='/invoices/void/{voided}']");
        int[] mine = [sentA, sentB, laterDue, draft, voided];

        // On the due date itself nothing is overdue yet.
        app.Clock.Set(new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero));
        await RunJobAsync();
        Assert.Equal([InvoiceStatus.Sent, InvoiceStatus.Sent, InvoiceStatus.Sent, InvoiceStatus.Draft, InvoiceStatus.Void], await StatusesAsync(mine));

        app.Clock.Set(new DateTimeOffset(2026, 12, 1, 0, 5, 0, TimeSpan.Zero));
        Assert.True(await RunJobAsync() >= 2);
        Assert.Equal([InvoiceStatus.Overdue, InvoiceStatus.Overdue, InvoiceStatus.Sent, InvoiceStatus.Draft, InvoiceStatus.Void], await StatusesAsync(mine));

        // Safe to run twice: nothing changes, no second history row.
        await RunJobAsync();
        var overdueRows = await app.WithDbAsync(db => db.InvoiceStatusChanges
            .Where(h => (h.InvoiceId == sentA || h.InvoiceId == sentB) && h.To == InvoiceStatus.Overdue).ToListAsync());
        Assert.Equal(2, overdueRows.Count);
        Assert.All(overdueRows, h => Assert.Equal(InvoiceStatus.Sent, h.From));
        Assert.All(overdueRows, h => Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 5, 0, TimeSpan.Zero), h.At));

        // What the user sees: the status, the history line, the board column.
        var page = await first.GetPageAsync($"/invoices/details/{sentA}");
        Assert.Equal("Overdue", page.QuerySelector("[data-role=status]")!.TextContent.Trim());
        Assert.Contains("Sent → Overdue", page.QuerySelector("[data-role=history]")!.TextContent);
        Assert.Contains("01/12/2026 00:05", page.QuerySelector("[data-role=history]")!.TextContent); // the account's (en-GB) format
        var board = await first.GetPageAsync("/invoices");
        Assert.NotNull(board.QuerySelector($"section[data-status=Overdue] #invoice-{sentA}"));
        Assert.Null(board.QuerySelector($"section[data-status=Overdue] #invoice-{sentB}"));

        // An overdue invoice can still be voided.
        await first.SubmitAsync(page, $"form[action='/invoices/void/{sentA}']");
        Assert.Equal(InvoiceStatus.Void, (await StatusesAsync([sentA]))[0]);
    }

    [Fact]
    public async Task Job_UsesEachAccountsTimeZoneForToday()
    {
        app.Clock.Set(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
        var client = await app.SignedInClientAsync();
        var email = client.Email!;
        var userId = await UserIdAsync(app, email);
        await app.WithDbAsync(async db =>
        {
            var settings = await db.Settings.SingleAsync();
            settings.TimeZoneId = "Pacific/Auckland"; // UTC+13 in December
            return await db.SaveChangesAsync();
        }, userId);
        var c = await CreateClientAsync(client, "Kiwi Ltd");
        var id = AppClient.IdFromRedirect(await PostDraftAsync(client, c, [("Work", "1", "100")], issueDate: "2026-11-22", dueDate: "2026-12-01"));
        await IssueAsync(client, id);

        // 2026-12-01 12:00 UTC is already 2 December in Auckland: overdue there, not yet in UTC.
        app.Clock.Set(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        await RunJobAsync();
        Assert.Equal(InvoiceStatus.Overdue, (await StatusesAsync([id]))[0]);
    }

    [Fact]
    public async Task Host_RunsTheJobAtStartUp_AndSchedulesItHourly()
    {
        _ = app.Server; // start the host
        // Read from Hangfire's storage (the database), not from this process's memory.
        var storage = app.Services.GetRequiredService<JobStorage>();
        bool RanOnce() => storage.GetMonitoringApi().SucceededJobs(0, 100).Any(j => j.Value.Job?.Type == typeof(MarkOverdueJob));
        for (var wait = 0; !RanOnce() && wait < 150; wait++) await Task.Delay(100);
        Assert.True(RanOnce(), "The start-up run of the job did not succeed.");

        using var connection = storage.GetConnection();
        var recurring = Assert.Single(connection.GetRecurringJobs(), j => j.Id == MarkOverdueJob.RecurringId);
        Assert.Equal(MarkOverdueJob.HourlyCron, recurring.Cron);
        Assert.Equal(typeof(MarkOverdueJob), recurring.Job.Type);
        Assert.NotNull(recurring.NextExecution);
    }

    private Task<List<InvoiceStatus>> StatusesAsync(int[] ids) =>
        app.WithDbAsync(async db =>
        {
            var rows = await db.Invoices.IgnoreQueryFilters().Where(i => ids.Contains(i.Id)).Select(i => new { i.Id, i.Status }).ToListAsync();
            return ids.Select(id => rows.Single(r => r.Id == id).Status).ToList();
        });
}
