using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Recurring;

/// <summary>One period of a retainer: its run (when made) and the hours counted in it.</summary>
public sealed record RetainerPeriod(DateOnly Start, DateOnly End, DateOnly RunDate, decimal HoursUsed, decimal Included, bool IsCurrent,
    int? InvoiceId, string? InvoiceNumber)
{
    public decimal Overage => HoursUsed > Included ? HoursUsed - Included : 0m;
    public string Text => RecurringSchedule.PeriodText(Start, End);
}

/// <summary>
/// The hours a retainer counts: billable time on the schedule's project (or any project of its client)
/// dated in the period, either still unbilled or billed by that period's run.
/// </summary>
public static class RetainerHours
{
    public static IQueryable<TimeEntry> InScope(AppDbContext db, RecurringSchedule s, DateOnly start, DateOnly end)
    {
        var query = db.TimeEntries.Where(t => t.Billable && t.Date >= start && t.Date <= end);
        return s.ProjectId is { } pid ? query.Where(t => t.ProjectId == pid) : query.Where(t => t.Project!.ClientId == s.ClientId);
    }

    public static IQueryable<TimeEntry> UnbilledEntries(AppDbContext db, RecurringSchedule s, DateOnly start, DateOnly end) =>
        InScope(db, s, start, end).Where(t => t.InvoiceId == null);

    /// <summary>
    /// The current period (the one the next run closes) and up to <paramref name="past"/> before it, newest
    /// first: two statements (the runs, the hours grouped by day) whatever the number of periods.
    /// </summary>
    public static async Task<IReadOnlyList<RetainerPeriod>> PeriodsAsync(AppDbContext db, RecurringSchedule s, DateOnly today, int past, CancellationToken ct = default)
    {
        if (s.IncludedHours is not { } included) return [];
        // The current period runs up to today: it is closed by the first run date after today.
        var closing = s.FirstOnOrAfter(today.AddDays(1));
        var runDates = new List<DateOnly> { closing };
        for (var k = 0; k < past; k++) runDates.Add(s.Before(runDates[^1]));
        var oldest = s.PeriodClosedBy(runDates[^1]).Start;

        var runs = await db.RecurringRuns.AsNoTracking().Where(r => r.ScheduleId == s.Id && r.PeriodStart >= oldest)
            .Select(r => new { r.PeriodStart, r.PeriodEnd, r.RunDate, r.InvoiceId, Number = r.Invoice!.Number }).ToListAsync(ct);
        var runInvoices = runs.Where(r => r.InvoiceId != null).Select(r => r.InvoiceId).ToList();
        var days = await InScope(db, s, oldest, closing.AddDays(-1))
            .Where(t => t.InvoiceId == null || runInvoices.Contains(t.InvoiceId))
            .GroupBy(t => new { t.Date, t.InvoiceId })
            .Select(g => new { g.Key.Date, g.Key.InvoiceId, Hours = g.Sum(t => t.Hours) })
            .ToListAsync(ct);

        var periods = new List<RetainerPeriod>();
        foreach (var runDate in runDates)
        {
            var (start, end) = s.PeriodClosedBy(runDate);
            var run = runs.FirstOrDefault(r => r.PeriodStart == start);
            var hours = days.Where(d => d.Date >= start && d.Date <= end && (d.InvoiceId == null || d.InvoiceId == run?.InvoiceId)).Sum(d => d.Hours);
            periods.Add(new RetainerPeriod(start, end, runDate, hours, included, runDate == closing, run?.InvoiceId, run?.Number));
        }
        return periods;
    }
}
