using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Invoices;

/// <summary>
/// Marks every Sent invoice whose due date is before today as Overdue, for every account. A recurring
/// Hangfire job every hour at :05 (so each time zone's midnight is caught within the hour), and once at
/// start-up; running it again, or on several instances at once, changes nothing.
/// </summary>
[DisableConcurrentExecution(timeoutInSeconds: 600)]
public sealed class MarkOverdueJob(AppDbContext db, TimeProvider clock, ILogger<MarkOverdueJob> log)
{
    public const string RecurringId = "mark-overdue-invoices";
    public const string HourlyCron = "5 * * * *";

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var marked = await OverdueInvoices.MarkAsync(db, clock, cancellationToken);
        if (marked > 0) log.LogInformation("Marked {Count} invoices overdue", marked);
        return marked;
    }

    public sealed class Schedule : IJobSchedule
    {
        public Task ScheduleAsync(IRecurringJobManager recurring, IBackgroundJobClient jobs, IServiceProvider services, CancellationToken ct)
        {
            recurring.AddOrUpdate<MarkOverdueJob>(RecurringId, j => j.RunAsync(CancellationToken.None), HourlyCron,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
            jobs.Enqueue<MarkOverdueJob>(j => j.RunAsync(CancellationToken.None));
            return Task.CompletedTask;
        }
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
            marked += await db.Invoices.IgnoreQueryFilters().Where(Invoice.OverdueOn(today))
                .Where(i => db.Settings.IgnoreQueryFilters().Any(s => s.OwnerId == i.OwnerId && s.TimeZoneId == zone))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.Status, InvoiceStatus.Overdue)
                    .SetProperty(i => i.StatusChangedAt, now)
                    .SetProperty(i => i.Version, i => i.Version + 1), ct);
        }
        // Accounts without settings (none in practice) count days in UTC.
        var utcToday = new AccountSettings().Today(clock);
        marked += await db.Invoices.IgnoreQueryFilters().Where(Invoice.OverdueOn(utcToday))
            .Where(i => !db.Settings.IgnoreQueryFilters().Any(s => s.OwnerId == i.OwnerId))
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
