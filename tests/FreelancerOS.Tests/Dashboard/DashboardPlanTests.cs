using FreelancerOS.Tests.Invoices;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Dashboard;
using FreelancerOS.Web.Infrastructure;
using FreelancerOS.Web.Infrastructure.DemoData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FreelancerOS.Tests.Dashboard;

public sealed class DashboardPlanApp() : InvoicePlanApp("\"DashboardTotals\"");

/// <summary>
/// The dashboard's unbilled work and pipeline value come from the kept figures (a few rows per account) in the statement
/// that reads the money owed: that statement reads neither the unbilled time and services nor the clients any more.
/// </summary>
public sealed class DashboardPlanTests(DashboardPlanApp app) : IClassFixture<DashboardPlanApp>
{
    [Fact]
    public async Task TheDashboard_ReadsTheKeptFigures_AndNoUnbilledItemNorClient_AfterDemoDataKeptThemRight()
    {
        var client = await app.SignedInClientAsync("dashboard-plans@example.com");
        var userId = await InvoiceSteps.UserIdAsync(app, "dashboard-plans@example.com");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(userId);
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(3, seed: 7);
        }
        await app.WithDbAsync(async db => { await PlannerStatistics.RefreshAsync(db); return 0; });
        // The demo data went through the same write paths: its kept figures equal a recomputation.
        var (kept, recomputed) = await app.WithDbAsync(async db => (
            await db.DashboardTotals.AsNoTracking().OrderBy(t => t.Figure).ThenBy(t => t.Currency).ToListAsync(),
            await KeptDashboardTotals.ComputeAsync(db, userId)), userId);
        Assert.Contains(kept, t => t.Figure == DashboardFigure.Unbilled);
        Assert.Equal(recomputed.OrderBy(t => t.Figure).ThenBy(t => t.Currency).Select(t => (t.Figure, t.Currency, t.Hours, t.Value, t.Count)),
            kept.Select(t => (t.Figure, t.Currency, t.Hours, t.Value, t.Count)));

        app.Recorder.Reset();
        app.Recorder.Recording = true;
        await client.GetPageAsync("/");
        app.Recorder.Recording = false;
        var (sql, plan) = Assert.Single(app.Recorder.Plans);
        Assert.Contains("\"DashboardTotals\"", sql);
        Assert.DoesNotContain("TimeEntries", plan);
        Assert.DoesNotContain("\"TimeEntries\"", sql);
        Assert.DoesNotContain("\"Services\"", sql);
        Assert.DoesNotContain("\"Clients\"", sql);
    }
}
