using System.Net;
using FreelancerOS.Tests.Infrastructure;
using static FreelancerOS.Tests.Invoices.InvoiceSteps;
using static FreelancerOS.Tests.Ledger.LedgerTestHelpers;
using static FreelancerOS.Tests.Recurring.RecurringSteps;
using static FreelancerOS.Tests.Reports.ReportSteps;

namespace FreelancerOS.Tests.Dashboard;

/// <summary>
/// The dashboard reads its figures in a few combined statements; each must equal the page it links to
/// (the forecast, the receivables aging, the ledger's totals), recurring invoices included.
/// </summary>
public sealed class DashboardFiguresTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Dashboard_FiguresEqualThePagesTheyLinkTo_WithRecurringInvoices_InOneMoreStatementForThem()
    {
        SetDay(app, new DateOnly(2026, 11, 22));
        var client = await app.SignedInClientAsync();
        var empty = await app.SignedInClientAsync();
        await CreateEntryAsync(app, client, "income", "Fee", "5000", "2026-11-01", mode: "Bank");
        foreach (var month in new[] { "08", "09", "10" })
            await CreateEntryAsync(app, client, "expense", "Hosting", "45.50", $"2026-{month}-28", mode: "Card");
        await CreateEntryAsync(app, client, "expense", "Desk", "310", "2026-12-20");
        await CreateEntryAsync(app, client, "expense", "Late tax", "99", "2026-11-02");
        var acme = await CreateClientAsync(client, "Acme");
        var dollars = await CreateClientAsync(client, "US Corp", "USD");
        await IssuedAsync(client, acme, "1200", "2026-11-05", "2026-12-05");
        var partly = await IssuedAsync(client, acme, "800", "2026-09-01", "2026-10-01");
        await PayAsync(client, partly, "300", "2026-11-03");
        await IssuedAsync(client, dollars, "400", "2026-10-10", "2026-11-09", rate: "0.9");

        using var counter = new SqlCounter(app.DataFolder);
        counter.Reset();
        await client.GetPageAsync("/");
        var withoutSchedules = counter.Count;
        await CreateScheduleAsync(client, acme, new() { ["Name"] = "Retainer", ["DayOfMonth"] = "5" }, [("Support", "1", "250")]);

        counter.Reset();
        var page = await client.GetPageAsync("/");
        Assert.Equal(withoutSchedules + 1, counter.Count);
        counter.Reset();
        await empty.GetPageAsync("/");
        Assert.Equal(withoutSchedules, counter.Count);

        var forecast = await client.GetPageAsync("/reports/forecast");
        foreach (var days in new[] { 30, 60, 90 })
            foreach (var role in new[] { "in", "out", "net" })
                Assert.Equal(Cell(forecast, $"#forecast-table tr[data-days='{days}'] [data-role={role}]"),
                    Cell(page, $"#dashboard-forecast tr[data-days='{days}'] [data-role={role}]"));
        Assert.Equal(Cell(forecast, "[data-role=overdue-in]"), Cell(page, "[data-role=late-in]"));
        Assert.Equal(Cell(forecast, "[data-role=overdue-out]"), Cell(page, "[data-role=late-out]"));
        // Hand-computed: Hosting repeats on the 28th of Nov, Dec and Jan (Feb 28 is past the 90 days): 3 × 45.50 + the desk 310.
        Assert.Equal("446.50 EUR", Cell(page, "#dashboard-forecast tr[data-days='90'] [data-role=out]"));

        // Owed on invoices per currency, and its overdue part, as the aging report totals them.
        Assert.Equal("500.00 EUR", Cell(page, "[data-role=invoices-overdue][data-currency=EUR]"));
        Assert.Contains("400.00", Cell(page, "[data-role=invoices-overdue][data-currency=USD]"));
        var aging = await client.GetPageAsync("/reports/receivables");
        Assert.Contains("1,700.00", aging.Body!.TextContent);
        Assert.Contains("1,700.00 EUR", page.QuerySelector("[data-role=receivable-invoices]")!.TextContent);

        // This month's and this year's figures equal the ledger's totals for the same periods.
        var ledgerMonth = await client.GetPageAsync("/ledger?period=month");
        Assert.Equal(Cell(ledgerMonth, "[data-role=total-income]"), Cell(page, "[data-role=this-month] [data-role=income]"));
        Assert.Equal(Cell(ledgerMonth, "[data-role=total-expenses]"), Cell(page, "[data-role=this-month] [data-role=expenses]"));
        var year = await client.GetPageAsync("/ledger?period=year");
        Assert.Equal(Cell(year, "[data-role=total-net]"), Cell(page, "[data-role=this-year] [data-role=net]"));
        var open = await client.GetPageAsync("/ledger?period=all");
        Assert.Equal(Cell(open, "[data-role=total-outstanding]"), Cell(page, "[data-role=receivable]"));
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/dashboard")).StatusCode);
    }
}
