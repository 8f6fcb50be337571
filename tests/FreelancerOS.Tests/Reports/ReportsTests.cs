using System.Net;
using FreelancerOS.Tests.Infrastructure;
using static FreelancerOS.Tests.Ledger.LedgerTestHelpers;

namespace FreelancerOS.Tests.Reports;

public sealed class ReportsTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Get_Reports_ShowTheYearByMonthAndByCategory_AndExportThemAsCsv()
    {
        var client = await app.SignedInClientAsync();
        await CreateEntryAsync(app, client, "income", "Fee", "1000", "2026-02-10", mode: "Bank");
        await CreateEntryAsync(app, client, "income", "Interest", "2.50", "2026-06-30", mode: "Bank", category: "Interest");
        await CreateEntryAsync(app, client, "expense", "Train", "40.10", "2026-02-11", category: "Travel");
        await CreateEntryAsync(app, client, "expense", "Plane", "300", "2026-07-01", category: "Travel");
        await CreateEntryAsync(app, client, "income", "Last year", "999", "2025-12-31");

        var page = await client.GetPageAsync("/reports");
        Assert.Equal("2026", Text(page, "[data-role=year]"));
        Assert.Equal(12, page.QuerySelectorAll("#report-months tbody tr").Length);
        Assert.Equal("1,002.50 EUR", Text(page, "[data-role=year-income]"));
        Assert.Equal("340.10 EUR", Text(page, "[data-role=year-expenses]"));
        Assert.Equal("662.40 EUR", Text(page, "[data-role=year-net]"));
        Assert.Equal("340.10 EUR", Text(page, "#report-categories tr[data-category=Travel] [data-role=amount]"));
        Assert.Equal("1,000.00 EUR", Text(page, "#report-categories tr[data-category=Client] [data-role=amount]"));

        var months = await client.Http.GetStringAsync("/reports/export?year=2026&report=months");
        Assert.StartsWith("Month,Income,Expenses,Net,Currency", months);
        Assert.Contains("2026-02,1000,40.1,959.9,EUR", months);
        var categories = await client.Http.GetStringAsync("/reports/export?year=2026&report=categories");
        Assert.Contains("Expense,Travel,2,340.1,EUR", categories);

        var previous = await client.GetPageAsync("/reports?year=2025");
        Assert.Equal("999.00 EUR", Text(previous, "[data-role=year-income]"));
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/reports?year=abc")).StatusCode);
    }
}
