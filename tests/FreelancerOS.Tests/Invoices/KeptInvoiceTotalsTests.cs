using System.Globalization;
using System.Net;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Invoices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FreelancerOS.Tests.Invoices;

/// <summary>
/// The invoice counts and totals kept per status and currency equal a full recomputation from every invoice, after random
/// sequences of writes through the real pages (drafts created, edited and deleted, issued in two currencies, paid in part
/// or whole, voided) and runs of the overdue job as the days go by; the board's columns show the recomputed figures.
/// </summary>
public sealed class KeptInvoiceTotalsTests(TestApp app) : IClassFixture<TestApp>
{
    private static string Money(decimal amount) => amount.ToString(CultureInfo.InvariantCulture);

    private async Task RunOverdueJobAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await OverdueInvoices.MarkAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), app.Clock);
    }

    private static List<(InvoiceStatus, string, int, long, long)> Rows(IEnumerable<InvoiceStatusTotal> rows) => rows
        .Where(r => r.Count != 0 || r.TotalUnits != 0 || r.PaidUnits != 0)
        .Select(r => (r.Status, r.Currency, r.Count, r.TotalUnits, r.PaidUnits)).OrderBy(r => r.Status).ThenBy(r => r.Currency).ToList();

    private async Task AssertKeptAsync(string userId)
    {
        var kept = await app.WithDbAsync(db => db.InvoiceStatusTotals.AsNoTracking().ToListAsync(), userId);
        var recomputed = await app.WithDbAsync(db => KeptInvoiceTotals.RecomputeAsync(db), userId);
        Assert.Equal(Rows(recomputed.Where(r => r.OwnerId == userId)), Rows(kept));
    }

    [Fact]
    public async Task KeptTotals_EqualAFullRecomputation_AfterRandomWritesThroughThePages_AndOverdueRuns()
    {
        app.Clock.Set(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
        var client = await app.SignedInClientAsync("kept-invoices@example.com");
        var userId = await InvoiceSteps.UserIdAsync(app, "kept-invoices@example.com");
        int[] clients = [await InvoiceSteps.CreateClientAsync(client, "Acme"), await InvoiceSteps.CreateClientAsync(client, "Globex", "USD")];
        var random = new Random(16);
        var day = new DateOnly(2026, 11, 22);
        var seen = new HashSet<InvoiceStatus>();

        for (var step = 0; step < 40; step++)
        {
            var invoices = await app.WithDbAsync(db => db.Invoices.AsNoTracking().OrderBy(i => i.Id)
                .Select(i => new { i.Id, i.Status, i.Total, i.AmountPaid }).ToListAsync(), userId);
            seen.UnionWith(invoices.Select(i => i.Status));
            var drafts = invoices.Where(i => i.Status == InvoiceStatus.Draft).ToList();
            var open = invoices.Where(i => i.Status is InvoiceStatus.Sent or InvoiceStatus.Overdue).ToList();
            switch (random.Next(8))
            {
                case 0 or 1:
                    var due = day.AddDays(random.Next(0, 10)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    Assert.Equal(HttpStatusCode.Redirect, (await InvoiceSteps.PostDraftAsync(client, clients[random.Next(2)],
                        [("Work", $"{random.Next(1, 9)}", Money(random.Next(1, 5000) / 4m)), ("More", "1.5", Money(random.Next(1, 999) / 100m))],
                        issueDate: day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), dueDate: due)).StatusCode);
                    break;
                case 2 when drafts.Count > 0:
                    var edited = drafts[random.Next(drafts.Count)].Id;
                    var edit = await client.GetPageAsync($"/invoices/edit/{edited}");
                    Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(edit, $"form[action='/invoices/edit/{edited}']",
                        new Dictionary<string, string> { ["Lines[0].UnitPrice"] = Money(random.Next(1, 90000) / 100m) })).StatusCode);
                    break;
                case 3 when drafts.Count > 0:
                    await InvoiceSteps.IssueAsync(client, drafts[random.Next(drafts.Count)].Id);
                    break;
                case 4 when open.Count > 0:
                    var paid = open[random.Next(open.Count)];
                    var amount = random.Next(2) == 0 ? paid.Total - paid.AmountPaid : Math.Round((paid.Total - paid.AmountPaid) / 3, 2);
                    Assert.Equal(HttpStatusCode.Redirect, (await InvoicePaymentTests.PayAsync(client, paid.Id, "Cash", Money(amount),
                        day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).StatusCode);
                    break;
                case 5 when open.Count > 0:
                    var voided = open[random.Next(open.Count)].Id;
                    await client.SubmitAsync(await client.GetPageAsync($"/invoices/details/{voided}"), $"form[action='/invoices/void/{voided}']");
                    break;
                case 6 when drafts.Count > 0:
                    var deleted = drafts[random.Next(drafts.Count)].Id;
                    Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(await client.GetPageAsync($"/invoices/details/{deleted}"),
                        $"form[action='/invoices/delete/{deleted}']")).StatusCode);
                    break;
                case 7:
                    // Days go by: the job marks what fell due, in bulk, outside the change tracker.
                    day = day.AddDays(random.Next(1, 5));
                    app.Clock.Set(new DateTimeOffset(day.ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero));
                    await RunOverdueJobAsync();
                    break;
            }
            await AssertKeptAsync(userId);
        }
        Assert.Superset(new HashSet<InvoiceStatus> { InvoiceStatus.Draft, InvoiceStatus.Sent, InvoiceStatus.Overdue, InvoiceStatus.Paid, InvoiceStatus.Void }, seen);

        // The board's columns (void shown) count and sum every invoice of their status, in each currency.
        var all = await app.WithDbAsync(db => db.Invoices.AsNoTracking().Select(i => new { i.Status, i.Currency, i.Total, i.AmountPaid }).ToListAsync(), userId);
        var board = await client.GetPageAsync("/invoices?showVoid=true&allPaid=true");
        foreach (var status in Enum.GetValues<InvoiceStatus>())
        {
            var column = board.QuerySelector($"section[data-status={status}]")!;
            var mine = all.Where(i => i.Status == status).ToList();
            Assert.Equal(mine.Count.ToString(CultureInfo.InvariantCulture), column.QuerySelector("[data-role=count]")!.TextContent.Trim());
            foreach (var currency in mine.GroupBy(i => i.Currency))
                Assert.Contains(Currency.Format(currency.Sum(i => i.Total), currency.Key), column.QuerySelector("[data-role=total]")!.TextContent);
        }
        // Off the board by default: the paid invoices issued over a quarter ago (none here), counted from the kept rows.
        Assert.Contains("(0)", (await client.GetPageAsync("/invoices")).QuerySelector("a[data-role=closed]")!.TextContent);
    }

    [Fact]
    public async Task InvoiceList_CountsFromTheKeptTotals_WithoutAFilter_AndFromTheInvoicesWithOne()
    {
        var client = await app.SignedInClientAsync("kept-invoices-list@example.com");
        var acme = await InvoiceSteps.CreateClientAsync(client, "Acme");
        var other = await InvoiceSteps.CreateClientAsync(client, "Other");
        var ids = new List<int>();
        for (var i = 0; i < 27; i++) ids.Add(await InvoiceSteps.CreateDraftAsync(client, i == 0 ? other : acme, ($"Work {i}", "1", "10")));
        await InvoiceSteps.IssueAsync(client, ids[^1]);

        static string Pager(AngleSharp.Dom.IDocument page) => page.QuerySelector("nav[aria-label=Pages]")?.TextContent ?? "";
        static int Rows(AngleSharp.Dom.IDocument page) => page.QuerySelectorAll("tr[data-id]").Length;
        var all = await client.GetPageAsync("/invoices/list?size=25");
        Assert.Contains("27 in all", Pager(all));
        Assert.Equal(2, Rows(await client.GetPageAsync("/invoices/list?size=25&page=2")));
        Assert.Contains("26 in all", Pager(await client.GetPageAsync("/invoices/list?size=25&status=Draft")));
        Assert.Equal(1, Rows(await client.GetPageAsync("/invoices/list?size=25&status=Sent")));
        // A filter other than the status counts the invoices themselves.
        Assert.Equal(1, Rows(await client.GetPageAsync($"/invoices/list?size=25&clientId={other}")));
        Assert.Contains("27 in all", Pager(await client.GetPageAsync("/invoices/list?size=25&status=42")));

        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(await client.GetPageAsync($"/invoices/details/{ids[0]}"),
            $"form[action='/invoices/delete/{ids[0]}']")).StatusCode);
        Assert.Equal("", Pager(await client.GetPageAsync("/invoices/list?size=25&status=Draft")));
        Assert.Contains("26 in all", Pager(await client.GetPageAsync("/invoices/list?size=25")));
    }

    [Fact]
    public async Task FillIfMissing_ComputesTheTotalsOfADatabaseFromBeforeTheyWereKept()
    {
        var client = await app.SignedInClientAsync("kept-invoices-fill@example.com");
        var userId = await InvoiceSteps.UserIdAsync(app, "kept-invoices-fill@example.com");
        var acme = await InvoiceSteps.CreateClientAsync(client, "Acme");
        await InvoiceSteps.CreateDraftAsync(client, acme, ("Work", "2", "150.25"));
        var issued = await InvoiceSteps.CreateDraftAsync(client, acme, ("Work", "1", "99.99"));
        await InvoiceSteps.IssueAsync(client, issued);
        // As an upgraded database has them: no kept rows at all.
        await app.WithDbAsync(db => db.InvoiceStatusTotals.IgnoreQueryFilters().ExecuteDeleteAsync());

        await app.WithDbAsync(async db => { await KeptInvoiceTotals.FillIfMissingAsync(db); return 0; }, userId);

        await AssertKeptAsync(userId);
        var kept = await app.WithDbAsync(db => db.InvoiceStatusTotals.AsNoTracking().OrderBy(t => t.Status).ToListAsync(), userId);
        Assert.Equal([(InvoiceStatus.Draft, 1, 300.5m), (InvoiceStatus.Sent, 1, 99.99m)],
            kept.Select(k => (k.Status, k.Count, InvoiceStatusTotal.AmountOf(k.TotalUnits))).ToList());
    }
}
