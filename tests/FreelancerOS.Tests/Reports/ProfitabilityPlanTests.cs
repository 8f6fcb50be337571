using FreelancerOS.Tests.Invoices;
using FreelancerOS.Web.Infrastructure;
using FreelancerOS.Web.Infrastructure.DemoData;
using Microsoft.Extensions.DependencyInjection;

namespace FreelancerOS.Tests.Reports;

public sealed class ProfitabilityPlanApp() : InvoicePlanApp("\"Projects\"");

/// <summary>
/// Profitability's statement reads the period's hours from the kept month figures: no time entry of a whole month. A period
/// that cuts a month reads the days outside its whole months from the entries, in a second statement. (The covering indexes for billed lines and client subtotals are chosen on ten years of data; on the two years
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

        foreach (var (url, statements) in new[] { ("/reports/profitability?period=year", 1), ("/reports/profitability?period=custom&from=2025-03-10&to=2026-02-20", 2) })
        {
            app.Recorder.Reset();
            app.Recorder.Recording = true;
            await client.GetPageAsync(url);
            app.Recorder.Recording = false;
            // The report's statements (their rows are parts: "Part"); the page's others (the top bar's timer) are not its.
            var report = app.Recorder.Plans.Where(p => p.Sql.Contains("AS \"Part\"", StringComparison.Ordinal)).ToList();
            Assert.Equal(statements, report.Count);
            var (keptSql, keptPlan) = report[0];
            Assert.Contains("COVERING INDEX IX_ProjectMonthHours_OwnerId_Period_ProjectId_HourUnits", keptPlan);
            Assert.DoesNotContain("\"TimeEntries\"", keptSql);
            if (statements == 1) continue;
            // The cut months' entries are looked up by date in the index, twice (before and after the whole months).
            var (cutSql, cutPlan) = report[1];
            Assert.Equal(2, cutPlan.Split('\n').Count(l => l.Contains("COVERING INDEX IX_TimeEntries_Reports_Hours", StringComparison.Ordinal)));
            Assert.Equal(2, cutSql.Split("FROM \"TimeEntries\"").Length - 1);
        }
    }
}
