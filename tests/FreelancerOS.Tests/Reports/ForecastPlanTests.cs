using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Tests.Invoices;
using FreelancerOS.Web.Infrastructure;
using FreelancerOS.Web.Infrastructure.DemoData;
using Microsoft.Extensions.DependencyInjection;

namespace FreelancerOS.Tests.Reports;

public sealed class ForecastPlanApp() : InvoicePlanApp("\"LedgerModeTotals\"");

/// <summary>
/// The forecast's balances per payment mode read the account's few kept all-time rows per kind and mode, less the
/// entries dated after today found by date in an index: never every month of the kept month totals (ten years of them
/// were two thousand rows a view). The open money reads only what is expected from today on.
/// </summary>
public sealed class ForecastPlanTests(ForecastPlanApp app) : IClassFixture<ForecastPlanApp>
{
    [Fact]
    public async Task TheBalances_ReadTheKeptModeTotalsAndTheLaterEntriesByDate_NotTheMonths()
    {
        var client = await app.SignedInClientAsync("forecast-plans@example.com");
        var userId = await InvoiceSteps.UserIdAsync(app, "forecast-plans@example.com");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(userId);
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(3, seed: 11);
        }
        await app.WithDbAsync(async db => { await PlannerStatistics.RefreshAsync(db); return 0; });

        using var counter = new SqlCounter(app.DataFolder);
        counter.Reset();
        app.Recorder.Reset();
        app.Recorder.Recording = true;
        await client.GetPageAsync("/reports/forecast");
        app.Recorder.Recording = false;
        var plans = app.Recorder.Plans;
        var (sql, plan) = Assert.Single(plans, p => !p.Sql.Contains("\"Invoices\"", StringComparison.Ordinal));
        // The kept rows are a handful per account: the planner may read them through the account's index or straight.
        Assert.Contains("FROM \"LedgerModeTotals\"", sql);
        Assert.Contains("COVERING INDEX IX_LedgerEntries_OwnerId_Date_Kind_PaymentModeId_HomeAmountMinor (OwnerId=? AND Date>?)", plan);
        Assert.DoesNotContain("LedgerMonthTotals", sql);
        Assert.DoesNotContain(counter.Statements, s => s.Contains("\"LedgerMonthTotals\"", StringComparison.Ordinal));
        Assert.True(counter.Count <= 10, $"the forecast ran {counter.Count} statements:\n" + string.Join("\n", counter.Statements));

        // The open money: only what is expected from today on is read (entries of no invoice by their date, invoices by their
        // due date); what was expected earlier is the kept open totals less that, however many years of entries stay open.
        var (openSql, openPlan) = Assert.Single(plans, p => p.Sql.Contains("\"Invoices\"", StringComparison.Ordinal));
        Assert.Contains("FROM \"LedgerModeTotals\"", openSql);
        Assert.True(openPlan.Contains("INDEX IX_Invoices_OwnerId_DueDate (OwnerId=? AND DueDate>?)", StringComparison.Ordinal), openPlan);
        Assert.True(openPlan.Contains("IX_LedgerEntries_OwnerId_PaymentModeId_Kind_Date_HomeAmountMinor (OwnerId=? AND PaymentModeId=? AND Kind=? AND Date>?)", StringComparison.Ordinal), openPlan);
        // An invoice's entries are found by the invoice (not every entry of no invoice through that index).
        Assert.True(openPlan.Contains("IX_LedgerEntries_InvoiceId (InvoiceId=?)", StringComparison.Ordinal), openPlan);
        Assert.Equal(1, openPlan.Split('\n').Count(l => l.Contains("IX_LedgerEntries_InvoiceId", StringComparison.Ordinal)));
    }
}
