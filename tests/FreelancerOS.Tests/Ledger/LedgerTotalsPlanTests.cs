using FreelancerOS.Tests.Invoices;
using FreelancerOS.Web.Infrastructure;
using FreelancerOS.Web.Infrastructure.DemoData;
using Microsoft.Extensions.DependencyInjection;

namespace FreelancerOS.Tests.Ledger;

public sealed class LedgerTotalsPlanApp() : InvoicePlanApp("\"LedgerMonthTotals\"");

/// <summary>
/// The ledger's all-time totals and the balances read the kept totals per payment mode, none of the months. What still
/// reads the months of the kept totals must sum them in an index's order as it reads them, never copy the years of months
/// into a temporary b-tree to group them (that sort grew with the years).
/// </summary>
public sealed class LedgerTotalsPlanTests(LedgerTotalsPlanApp app) : IClassFixture<LedgerTotalsPlanApp>
{
    [Fact]
    public async Task AllTimeTotalsAndBalances_ReadTheKeptTotalsPerMode_AndWhatReadsTheMonthsNeverSortsThem()
    {
        var client = await app.SignedInClientAsync("ledger-plans@example.com");
        var userId = await InvoiceSteps.UserIdAsync(app, "ledger-plans@example.com");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(userId);
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(3, seed: 7);
        }
        await app.WithDbAsync(async db => { await PlannerStatistics.RefreshAsync(db); return 0; });

        foreach (var url in new[] { "/ledger?period=all", "/ledger/balances", "/goals" })
        {
            app.Recorder.Reset();
            app.Recorder.Recording = true;
            await client.GetPageAsync(url);
            app.Recorder.Recording = false;
            var plans = app.Recorder.Plans;
            if (url != "/goals") Assert.Empty(plans); // the kept totals per payment mode, a few rows
            foreach (var (sql, plan) in plans)
            {
                var lines = plan.Split('\n');
                var kept = lines.Select((line, i) => (line, i)).Where(x => x.line.Contains("INDEX IX_LedgerMonthTotals_", StringComparison.Ordinal)).ToList();
                Assert.True(kept.Count > 0, $"{url} reads the kept totals without an index:\n{plan}\n{sql}");
                foreach (var (line, i) in kept)
                {
                    Assert.Contains("COVERING INDEX", line);
                    Assert.False(i + 1 < lines.Length && lines[i + 1].Contains("TEMP B-TREE", StringComparison.Ordinal),
                        $"{url} sorts the kept totals:\n{plan}\n{sql}");
                }
            }
        }
    }
}
