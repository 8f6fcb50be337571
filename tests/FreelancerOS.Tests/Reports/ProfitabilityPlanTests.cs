using FreelancerOS.Tests.Invoices;
using FreelancerOS.Web.Infrastructure;
using FreelancerOS.Web.Infrastructure.DemoData;
using Microsoft.Extensions.DependencyInjection;

namespace FreelancerOS.Tests.Reports;

public sealed class ProfitabilityPlanApp() : InvoicePlanApp("\"ProjectMonthHours\"");

/// <summary>
/// Profitability's statement reads the period's hours from the kept month figures: no time entry of a whole month.
/// (The covering indexes for billed lines and client subtotals are chosen on ten years of data; on the two years
/// seeded here the planner may start from another table, so they are not asserted.)
/// </summary>
public sealed class ProfitabilityPlanTests(ProfitabilityPlanApp app) : IClassFixture<ProfitabilityPlanApp>
{
    [Fact]
    public async Task AYearsHours_ComeFromTheKeptMonths_NotFromItsEntries()
    {
        var client = await app.SignedInClientAsync("profit-plans@example.com");
        var userId = await InvoiceSteps.UserIdAsync(app, "profit-plans@example.com");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(userId);
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(2, seed: 9);
        }
        await app.WithDbAsync(async db => { await PlannerStatistics.RefreshAsync(db); return 0; });

        app.Recorder.Reset();
        app.Recorder.Recording = true;
        await client.GetPageAsync("/reports/profitability?period=year");
        app.Recorder.Recording = false;
        var (sql, plan) = Assert.Single(app.Recorder.Plans);
        Assert.Contains("COVERING INDEX IX_ProjectMonthHours_OwnerId_Period_ProjectId_HourUnits", plan);
        // The cut months' entries (none in a whole year) are looked up by date in the index, twice (before and after the whole months).
        Assert.Equal(2, plan.Split('\n').Count(l => l.Contains("COVERING INDEX IX_TimeEntries_Reports_Hours", StringComparison.Ordinal)));
        Assert.Equal(2, sql.Split("FROM \"TimeEntries\"").Length - 1);
    }
}
