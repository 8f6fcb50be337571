using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Goals;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using static FreelancerOS.Tests.Ledger.LedgerTestHelpers;

namespace FreelancerOS.Tests.Goals;

/// <summary>The app with EF Core's "command executed" log counted, to see how many SQL commands a page costs.</summary>
public sealed class CommandCountingApp : TestApp
{
    public CommandCounter Counter { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(Counter);
            logging.AddFilter<CommandCounter>("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information);
        });
    }
}

public sealed class CommandCounter : ILoggerProvider, ILogger
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        // RelationalEventId.CommandExecuted: one per SQL command sent.
        if (eventId.Id == 20101) Interlocked.Increment(ref _count);
    }

    public void Dispose() { }
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
