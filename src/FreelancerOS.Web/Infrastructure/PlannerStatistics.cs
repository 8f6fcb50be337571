using FreelancerOS.Web.Data;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Infrastructure;

/// <summary>
/// SQLite's query planner only knows how many rows an index narrows to once ANALYZE has stored statistics.
/// Without them it prefers an index that saves a sort even when it reads every row: the workflow grid's
/// invoice choices read all 4,900 invoices of ten years in date order (6 ms) instead of the page's clients'
/// few (0.4 ms). Statistics are refreshed at start-up, after the migrations, and every night, because a new
/// install's statistics describe an empty database. <c>analysis_limit</c> samples each index, so a refresh
/// takes milliseconds whatever the data's size (40 ms on ten years). PostgreSQL and SQL Server keep their
/// statistics themselves.
/// </summary>
[DisableConcurrentExecution(timeoutInSeconds: 600)]
public sealed class PlannerStatistics(AppDbContext db)
{
    public const string RecurringId = "sqlite-planner-statistics";
    public const string NightlyCron = "41 3 * * *";

    public Task RunAsync(CancellationToken ct) => RefreshAsync(db, ct);

    public static async Task RefreshAsync(AppDbContext db, CancellationToken ct = default)
    {
        if (!db.Database.IsSqlite()) return;
        await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=1000; ANALYZE;", ct);
    }

    public sealed class Schedule : IJobSchedule
    {
        public Task ScheduleAsync(IRecurringJobManager recurring, IBackgroundJobClient jobs, IServiceProvider services, CancellationToken ct)
        {
            recurring.AddOrUpdate<PlannerStatistics>(RecurringId, j => j.RunAsync(CancellationToken.None), NightlyCron,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
            return Task.CompletedTask;
        }
    }
}
