using System.Net;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Tests.Projects;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;
using static FreelancerOS.Tests.Ledger.LedgerTestHelpers;
using static FreelancerOS.Tests.Reports.ReportSteps;

namespace FreelancerOS.Tests.Reports;

/// <summary>
/// What keeps the reports fast on years of data without changing a figure: a table shows its first 25 rows with
/// totals over every row and "Show all" one click away, the CSV keeps every row, and /reports reads the ledger's
/// kept monthly totals, which give the same figures as the entries themselves.
/// </summary>
public sealed class ReportRowsTests(TestApp app) : IClassFixture<TestApp>
{
    private static readonly DateTimeOffset Nov22 = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Profitability_ShowsTheFirst25Rows_TotalsOverEveryRow_ShowAllAndTheCsvKeepEveryRow()
    {
        app.Clock.Set(Nov22);
        var client = await app.SignedInClientAsync();
        var busy = await Work.ClientAsync(client, "Busy Co", rate: "100");
        for (var k = 1; k <= 27; k++)
        {
            var project = await Work.ProjectAsync(client, busy, $"P{k:00}");
            var hours = (k * 0.5m).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(HttpStatusCode.Redirect, (await Work.LogAsync(client, project, hours, new DateOnly(2026, 10, 1).AddDays(k).ToString("yyyy-MM-dd"))).StatusCode);
        }

        string[] Names(AngleSharp.Dom.IDocument p) => p.QuerySelectorAll("#profit-projects tbody tr[data-name]").Select(r => r.GetAttribute("data-name")!).ToArray();
        var page = await client.GetPageAsync("/reports/profitability?period=all&sort=hours");
        // The 25 with the most hours, in order; P02 and P01 (the fewest) are one click away.
        Assert.Equal(Enumerable.Range(3, 25).Reverse().Select(k => $"P{k:00}"), Names(page));
        // (1 + 2 + … + 27) ÷ 2 = 189 hours over every project, not only the shown ones.
        Assert.Equal("189", Cell(page, "#profit-projects tfoot tr[data-total=EUR] [data-role=hours]"));
        Assert.Equal("189", Cell(page, "#profit-clients tfoot tr[data-total=EUR] [data-role=hours]"));
        Assert.Equal("189", Cell(page, "#profit-clients tr[data-name='Busy Co'] [data-role=hours]"));
        Assert.Single(page.QuerySelectorAll("[data-role=show-all]")); // the client table has one row: nothing more to show

        var all = await client.GetPageAsync(page.QuerySelector("[data-role=show-all]")!.GetAttribute("href")!);
        Assert.Equal(27, Names(all).Length);
        Assert.Equal("P01", Names(all)[^1]);
        Assert.Empty(all.QuerySelectorAll("[data-role=show-all]"));
        // Sorting while every row is shown keeps every row.
        var byName = await client.GetPageAsync(all.QuerySelector("#profit-projects thead a[href*='sort=name']")!.GetAttribute("href")!);
        Assert.Equal(Enumerable.Range(1, 27).Select(k => $"P{k:00}"), Names(byName));

        var csv = await CsvAsync(client, page.QuerySelector("[data-role=export]")!.GetAttribute("href")!);
        Assert.Equal(27, csv.Split('\n').Count(l => l.StartsWith("Project,")));
        Assert.Contains("Project,P01,Busy Co,EUR,0.00,0.5,0.00,0.00,0.00,EUR\n", csv);
    }

    [Fact]
    public async Task Receivables_ShowTheFirst25Clients_TheTotalsCountEveryClient_AndShowAllTheRest()
    {
        app.Clock.Set(Nov22);
        var client = await app.SignedInClientAsync();
        for (var k = 1; k <= 26; k++)
        {
            var id = await Work.ClientAsync(client, $"Owing {k:00}");
            await IssuedAsync(client, id, "10", "2026-11-01", "2026-12-01");
        }

        var page = await client.GetPageAsync("/reports/receivables");
        var rows = page.QuerySelectorAll("#aging-table tbody tr[data-client]").Select(r => r.GetAttribute("data-client")!).ToArray();
        Assert.Equal(Enumerable.Range(1, 25).Select(k => $"Owing {k:00}"), rows);
        Assert.Equal("260.00 EUR", Cell(page, "tr[data-total=EUR] td[data-age=total]"));

        var all = await client.GetPageAsync(page.QuerySelector("[data-role=show-all]")!.GetAttribute("href")!);
        Assert.Equal(26, all.QuerySelectorAll("#aging-table tbody tr[data-client]").Length);
        Assert.Equal("10.00 EUR", Cell(all, "tr[data-client='Owing 26'] td[data-age=total]"));

        var csv = await CsvAsync(client, page.QuerySelector("[data-role=export]")!.GetAttribute("href")!);
        Assert.Equal(26, csv.Split('\n').Count(l => l.StartsWith("Owing ")));
    }

    [Fact]
    public async Task Reports_ByMonthAndCategory_FromTheKeptTotals_EqualTheEntries_AfterEditsMovesAndDeletes()
    {
        var client = await app.SignedInClientAsync();
        await CreateEntryAsync(app, client, "expense", "Train", "40.10", "2026-02-11", category: "Travel");
        var plane = await CreateEntryAsync(app, client, "expense", "Plane", "300", "2026-07-01", category: "Travel");
        var taxi = await CreateEntryAsync(app, client, "expense", "Taxi", "25", "2026-03-05", category: "Travel");
        var fee = await CreateEntryAsync(app, client, "income", "Fee", "1000", "2026-02-10", mode: "Bank");
        await CreateEntryAsync(app, client, "income", "Interest", "2.50", "2026-06-30", mode: "Bank", category: "Interest");
        await CreateEntryAsync(app, client, "expense", "Paper", "12", "2026-04-01");

        // Moved to another month and year, another amount; one deleted; the only "Interest" one moved out of the year.
        var edit = await client.GetPageAsync($"/ledger/edit/{plane}");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(edit, "#entry-form", new Dictionary<string, string> { ["Amount"] = "310", ["Date"] = "2026-09-15" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(await client.GetPageAsync($"/ledger/edit/{taxi}"), "#delete-form")).StatusCode);
        var interest = await app.WithDbAsync(db => db.LedgerEntries.Where(e => e.Description == "Interest").Select(e => e.Id).SingleAsync(), await UserIdAsync(app, client));
        edit = await client.GetPageAsync($"/ledger/edit/{interest}");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(edit, "#entry-form", new Dictionary<string, string> { ["Date"] = "2025-06-30" })).StatusCode);
        edit = await client.GetPageAsync($"/ledger/edit/{fee}");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(edit, "#entry-form", new Dictionary<string, string> { ["Amount"] = "1200" })).StatusCode);

        var page = await client.GetPageAsync("/reports");
        var userId = await UserIdAsync(app, client);
        var entries = await app.WithDbAsync(db => db.LedgerEntries.AsNoTracking().Where(e => e.Period >= 202601 && e.Period <= 202612)
            .Select(e => new { e.Kind, e.Period, e.HomeAmountMinor, Name = e.Category == null ? "(none)" : e.Category.Name }).ToListAsync(), userId);
        var expected = entries.GroupBy(e => (e.Kind, e.Name)).ToDictionary(g => g.Key, g => (Count: g.Count(), Minor: g.Sum(e => e.HomeAmountMinor)));
        var shown = page.QuerySelectorAll("#report-categories tbody tr[data-category]").ToList();
        Assert.Equal(expected.Count, shown.Count);
        foreach (var ((kind, name), (count, minor)) in expected)
        {
            var row = shown.Single(r => r.GetAttribute("data-category") == name && r.Children[0].TextContent.Trim() == (kind == LedgerKind.Income ? "Income" : "Expense"));
            Assert.Equal(count.ToString(), row.Children[2].TextContent.Trim());
            Assert.Equal(Currency.Format(LedgerEntry.FromMinor(minor, "EUR"), "EUR"), row.QuerySelector("[data-role=amount]")!.TextContent.Trim());
        }
        Assert.Null(page.QuerySelector("#report-categories tr[data-category=Interest]")); // moved out of 2026: no row left at zero
        Assert.Equal("2", Cell(page, "#report-categories tr[data-category=Travel] td:nth-child(3)"));
        Assert.Equal("350.10 EUR", Cell(page, "#report-categories tr[data-category=Travel] [data-role=amount]"));

        var months = page.QuerySelectorAll("#report-months tbody tr");
        Assert.Equal(12, months.Length);
        for (var month = 1; month <= 12; month++)
        {
            var row = months[month - 1];
            long Sum(LedgerKind kind) => entries.Where(e => e.Period == 202600 + month && e.Kind == kind).Sum(e => e.HomeAmountMinor);
            Assert.Equal(Currency.Format(LedgerEntry.FromMinor(Sum(LedgerKind.Income), "EUR"), "EUR"), row.Children[1].TextContent.Trim());
            Assert.Equal(Currency.Format(LedgerEntry.FromMinor(Sum(LedgerKind.Expense), "EUR"), "EUR"), row.Children[2].TextContent.Trim());
        }
        Assert.Equal("1,200.00 EUR", Cell(page, "[data-role=year-income]"));
        Assert.Equal("362.10 EUR", Cell(page, "[data-role=year-expenses]"));
    }
}
