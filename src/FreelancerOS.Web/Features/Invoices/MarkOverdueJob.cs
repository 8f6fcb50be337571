using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace FreelancerOS.Web.Features.Invoices;

/// <summary>
/// Marks every Sent invoice whose due date is before today as Overdue, for every account. Scheduled at
/// start-up and every hour at :05 (see Program.cs), so each time zone's midnight is caught within the
/// hour; running it again changes nothing.
/// </summary>
[DisallowConcurrentExecution]
public sealed class MarkOverdueJob(IServiceScopeFactory scopes, MarkOverdueJob.Runs runs, ILogger<MarkOverdueJob> log) : IJob
{
    /// <summary>When the job last ran in this process and what it did (a singleton; for logs and tests).</summary>
    public sealed class Runs
    {
        public DateTimeOffset? LastRunAt { get; private set; }
        public int LastMarked { get; private set; }
        public int Count { get; private set; }

        internal void Record(DateTimeOffset at, int marked)
        {
            LastRunAt = at;
            LastMarked = marked;
            Count++;
        }
    }

    public static readonly JobKey Key = new("mark-overdue-invoices", "invoices");
    public const string HourlyCron = "0 5 * * * ?";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var marked = await OverdueInvoices.MarkAsync(db, clock, cancellationToken);
        runs.Record(clock.GetUtcNow(), marked);
        if (marked > 0) log.LogInformation("Marked {Count} invoices overdue", marked);
    }
}

public static class OverdueInvoices
{
    /// <summary>
    /// One set-based UPDATE per time zone in use (an invoice is overdue once its owner's today is past
    /// the due date), then one INSERT ... SELECT for the history rows, all in one transaction. This is
    /// the one place that reads across accounts, so it bypasses the owner filter explicitly.
    /// </summary>
    public static async Task<int> MarkAsync(AppDbContext db, TimeProvider clock, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var zones = await db.Settings.IgnoreQueryFilters().Select(s => s.TimeZoneId).Distinct().ToListAsync(ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var marked = 0;
        foreach (var zone in zones)
        {
            var today = new AccountSettings { TimeZoneId = zone }.Today(clock);
            marked += await db.Invoices.IgnoreQueryFilters()
                .Where(i => i.Status == InvoiceStatus.Sent && i.DueDate < today
                            && db.Settings.IgnoreQueryFilters().Any(s => s.OwnerId == i.OwnerId && s.TimeZoneId == zone))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.Status, InvoiceStatus.Overdue)
                    .SetProperty(i => i.StatusChangedAt, now)
                    .SetProperty(i => i.Version, i => i.Version + 1), ct);
        }
        // Accounts without settings (none in practice) count days in UTC.
        var utcToday = new AccountSettings().Today(clock);
        marked += await db.Invoices.IgnoreQueryFilters()
            .Where(i => i.Status == InvoiceStatus.Sent && i.DueDate < utcToday
                        && !db.Settings.IgnoreQueryFilters().Any(s => s.OwnerId == i.OwnerId))
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, InvoiceStatus.Overdue)
                .SetProperty(i => i.StatusChangedAt, now)
                .SetProperty(i => i.Version, i => i.Version + 1), ct);

        // Every overdue invoice whose latest history row is not "Overdue" gets one: exactly the rows
        // just updated (and any left behind by an interrupted run), never a second one.
        if (marked > 0)
        {
            await db.Database.ExecuteSqlRawAsync(OverdueHistorySql.For(db.Database), ct);
        }
        await tx.CommitAsync(ct);
        return marked;
    }
}
