using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Goals;
using static FreelancerOS.Tests.Ledger.LedgerTestHelpers;

namespace FreelancerOS.Tests.Goals;

/// <summary>The app with the SQL commands sent to its own database counted, to see how many a page costs.</summary>
public sealed class CommandCountingApp : TestApp
{
    private SqlCounter? _counter;

    public SqlCounter Counter => _counter ??= new SqlCounter(DataFolder);

    protected override void Dispose(bool disposing)
    {
        if (disposing) _counter?.Dispose();
        base.Dispose(disposing);
    }
}

public sealed class GoalQueryCountTests(CommandCountingApp app) : IClassFixture<CommandCountingApp>
{
    private async Task<int> CommandsForAsync(AppClient client, string url)
    {
        app.Counter.Reset();
        await client.GetPageAsync(url);
        return app.Counter.Count;
    }

    [Fact]
    public async Task GoalsList_TakesAsManyQueriesForTwentyTrackedGoalsAsForOne()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client);
        await CreateEntryAsync(app, client, "income", "Fee", "100", "2026-11-02", mode: "Bank");

        async Task AddGoalsAsync(int count) => await app.WithDbAsync(async db =>
        {
            var mode = db.PaymentModes.First(m => m.Name == "Bank");
            for (var i = 0; i < count; i++)
            {
                var c = new Client { Name = $"Client {Guid.NewGuid():N}" };
                db.Clients.Add(c);
                await db.SaveChangesAsync();
                foreach (var tracking in new[] { GoalTracking.ClientIncomeThisYear, GoalTracking.PaymentModeBalance, GoalTracking.NetThisYear, GoalTracking.Manual })
                {
                    var goal = new Goal { Name = $"{tracking} {i}", Category = "Wealth", TargetValue = 1000, TargetDate = new DateOnly(2027, 1, 1).AddDays(i) };
                    goal.Track(tracking, c.Id, mode.Id);
                    db.Goals.Add(goal);
                }
            }
            return await db.SaveChangesAsync();
        }, userId);

        await AddGoalsAsync(1);
        await CommandsForAsync(client, "/goals"); // warm-up: the first request of an account loads its settings and culture
        var few = await CommandsForAsync(client, "/goals");
        var dashboardFew = await CommandsForAsync(client, "/");
        await AddGoalsAsync(4);
        var many = await CommandsForAsync(client, "/goals");
        var dashboardMany = await CommandsForAsync(client, "/");

        Assert.Equal(20, (await client.GetPageAsync("/goals")).QuerySelectorAll("tbody tr[id]").Length);
        Assert.True(few > 0);
        Assert.Equal(few, many);
        // The dashboard's first four goals need every kind of figure; later, five goals of fewer kinds may need fewer queries, never more.
        Assert.True(dashboardMany <= dashboardFew, $"{dashboardMany} commands for the dashboard, {dashboardFew} before");
        Assert.Equal(GoalsDueViewComponent.Shown, (await client.GetPageAsync("/")).QuerySelectorAll("[data-role=goal-due]").Length);
    }
}
