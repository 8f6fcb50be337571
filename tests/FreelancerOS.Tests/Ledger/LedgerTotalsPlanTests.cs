using FreelancerOS.Tests.Invoices;
using FreelancerOS.Web.Infrastructure;
using FreelancerOS.Web.Infrastructure.DemoData;
using Microsoft.Extensions.DependencyInjection;

namespace FreelancerOS.Tests.Ledger;

public sealed class LedgerTotalsPlanApp() : InvoicePlanApp("\"LedgerMonthTotals\"");

/// <summary>
/// Balances read every month of the kept totals; they must sum them in an index's order as they read them, never copy the
/// years of months into a temporary b-tree to group them (that sort grew with the years). The ledger's all-time totals read
/// the kept totals per payment mode instead, none of the months.
/// </summary>
public sealed class LedgerTotalsPlanTests(LedgerTotalsPlanApp app) : IClassFixture<LedgerTotalsPlanApp>
{
    [Fact]
    public async Task AllTimeTotalsAndBalances_SumTheKeptTotalsInIndexOrder_WithoutSortingThem()
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
            if (url == "/ledger?period=all") Assert.Empty(plans); // the kept totals per payment mode, a few rows
            else if (url != "/goals") Assert.NotEmpty(plans);
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
