using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Invoices;
using FreelancerOS.Web.Infrastructure;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Recurring;

public enum RunOutcome { Made, AlreadyMade }

/// <summary>
/// Sends an invoice a run has issued (the "and send" of <see cref="RecurringRunAction.IssueAndSend"/>).
/// Implemented by the e-mail feature, so that Recurring does not depend on it.
/// </summary>
public interface IRecurringInvoiceSender
{
    /// <summary>Queues the invoice for sending; returns why not (null when queued).</summary>
    Task<string?> SendAsync(int invoiceId, CancellationToken ct);
}

/// <summary>
/// Makes the runs of a schedule. A run is one transaction: the draft (template lines, and for a retainer
/// the overage line), its RecurringRun row (unique per schedule and period), the period's time entries
/// claimed by the draft, and the schedule moved on to its next date. When another instance made the same
/// run first, the unique key (or the schedule's version) refuses the insert: everything rolls back and
/// the run counts as already made. Issuing follows in its own transaction through <see cref="InvoiceIssuer"/>,
/// so a draft that cannot be issued (a foreign currency needs a rate) stays a draft with the reason noted.
/// </summary>
public sealed class RecurringRuns(AppDbContext db, TimeProvider clock, InvoiceIssuer issuer, IRecurringInvoiceSender sender, ILogger<RecurringRuns> log)
{
    /// <summary>Makes every run of the (signed-in or acted-for) account's schedule due by <paramref name="today"/>, one per missed period.</summary>
    public async Task<int> CatchUpAsync(int scheduleId, DateOnly today, CancellationToken ct = default)
    {
        var made = 0;
        DateOnly? refused = null;
        for (var guard = 0; guard < 1000; guard++)
        {
            // Each run reads the schedule as stored now, not as this context last saw it: another instance may have made the run.
            db.ChangeTracker.Clear();
            var schedule = await LoadAsync(scheduleId, ct);
            if (schedule is null || schedule.IsPaused || schedule.NextRunDate is not { } next || next > today) break;
            // Refused twice for one date while the schedule did not move on: not another instance's run but a
            // failing write; stop here and let the next job run try again.
            if (refused == next) break;
            if (await RunAsync(schedule, next, ct) == RunOutcome.Made) made++;
            else refused = next;
        }
        return made;
    }

    public Task<RecurringSchedule?> LoadAsync(int scheduleId, CancellationToken ct) =>
        db.RecurringSchedules.Include(s => s.Lines).Include(s => s.Client).SingleOrDefaultAsync(s => s.Id == scheduleId, ct);

    /// <summary>
    /// The run on <paramref name="runDate"/> of a tracked schedule. Relies on the database alone to refuse a
    /// second run of the period: it is safe to call with a schedule read before another instance ran it.
    /// </summary>
    public async Task<RunOutcome> RunAsync(RecurringSchedule schedule, DateOnly runDate, CancellationToken ct = default)
    {
        var settings = await db.Settings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new AccountSettings();
        var (start, end) = schedule.PeriodClosedBy(runDate);
        var periodText = RecurringSchedule.PeriodText(start, end);
        var now = clock.GetUtcNow();
        Invoice invoice;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            invoice = Invoice.CreateDraft(schedule.Client!, runDate, Invoice.DefaultDueDate(runDate, settings.PaymentTermsDays),
                schedule.TaxRate, schedule.Notes, now);
            invoice.AddLines(schedule.Lines.OrderBy(l => l.Position)
                .Select(l => new InvoiceLineItem(InvoiceLineSourceKind.Free, null, l.DescriptionFor(periodText), l.Quantity, l.UnitPrice, invoice.Currency)).ToList());

            decimal? used = null, over = null;
            List<int> entryIds = [];
            InvoiceLine? overageLine = null;
            if (schedule.IsRetainer)
            {
                var entries = await RetainerHours.UnbilledEntries(db, schedule, start, end).Select(t => new { t.Id, t.Hours }).ToListAsync(ct);
                entryIds = entries.Select(e => e.Id).ToList();
                used = entries.Sum(e => e.Hours);
                over = schedule.OverageHours(used.Value);
                if (over > 0)
                    overageLine = invoice.AddLines([new InvoiceLineItem(InvoiceLineSourceKind.TimeEntry, null,
                        $"Hours over the {schedule.IncludedHours:0.##} included, {periodText} ({used:0.##} h used)", over.Value,
                        schedule.OverageRate!.Value, invoice.Currency, schedule.ProjectId)])[0];
            }
            db.Invoices.Add(invoice);
            db.RecurringRuns.Add(new RecurringRun(schedule.Id, start, end, runDate, invoice, used, over, now));
            schedule.RecordRun(runDate);
            await db.SaveChangesAsync(ct);

            if (entryIds.Count > 0)
            {
                // The period's hours are billed by this invoice (the included ones by the fee, the rest by the
                // overage line), so none of them shows up as unbilled work to be billed a second time.
                var invoiceId = invoice.Id;
                var lineId = overageLine?.Id;
                var claimed = await db.TimeEntries.Where(t => entryIds.Contains(t.Id) && t.InvoiceId == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.InvoiceId, invoiceId).SetProperty(t => t.InvoiceLineId, lineId)
                        .SetProperty(t => t.Version, t => t.Version + 1), ct);
                if (claimed != entryIds.Count)
                    throw new AlreadyBilledException("Some of the period's time was billed on another invoice meanwhile.");
                await KeptFigures.AfterBillingAsync(db, invoice.OwnerId, ct);
            }
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException e)
        {
            // The unique (schedule, period) key or the schedule's version: another instance made this run.
            log.LogInformation(e, "Run of schedule {ScheduleId} on {RunDate} was already made", schedule.Id, runDate);
            db.ChangeTracker.Clear();
            return RunOutcome.AlreadyMade;
        }

        if (schedule.Action is RecurringRunAction.Issue or RecurringRunAction.IssueAndSend)
            await IssueAsync(invoice.Id, schedule.Action, ct);
        return RunOutcome.Made;
    }

    private async Task IssueAsync(int invoiceId, RecurringRunAction action, CancellationToken ct)
    {
        string? note;
        try
        {
            await issuer.IssueAsync(invoiceId, exchangeRate: null, ct);
            note = action == RecurringRunAction.IssueAndSend ? await sender.SendAsync(invoiceId, ct) : null;
        }
        catch (DomainException e)
        {
            note = "Not issued, left as a draft: " + e.Message;
        }
        if (note is not null)
            await db.RecurringRuns.Where(r => r.InvoiceId == invoiceId)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Note, note.Length > 1000 ? note[..1000] : note), ct);
    }
}

/// <summary>
/// The daily job: every schedule of every account whose next run date has come (in the account's time
/// zone) gets its runs, one per period, missed periods included. Safe to run twice or on two instances.
/// </summary>
[DisableConcurrentExecution(timeoutInSeconds: 600)]
public sealed class RecurringInvoicesJob(AppDbContext db, CurrentUser user, TimeProvider clock, RecurringRuns runs, ILogger<RecurringInvoicesJob> log)
{
    public const string RecurringId = "recurring-invoices";

    // Hourly, like the overdue job, so each account's morning comes within the hour whatever its time zone.
    public const string Cron = "15 * * * *";

    public async Task<int> RunAsync(CancellationToken ct)
    {
        // A day ahead of UTC covers every time zone; each account's own today is checked below.
        var horizon = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(1);
        var due = await db.RecurringSchedules.IgnoreQueryFilters().AsNoTracking()
            .Where(s => !s.IsPaused && s.NextRunDate != null && s.NextRunDate <= horizon)
            .OrderBy(s => s.OwnerId).ThenBy(s => s.Id)
            .Select(s => new { s.Id, s.OwnerId }).ToListAsync(ct);
        var made = 0;
        foreach (var account in due.GroupBy(s => s.OwnerId))
        {
            user.ActAs(account.Key);
            var today = (await db.Settings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new AccountSettings()).Today(clock);
            foreach (var schedule in account)
            {
                try
                {
                    made += await runs.CatchUpAsync(schedule.Id, today, ct);
                }
                catch (Exception e) when (e is DomainException or AlreadyBilledException)
                {
                    // One schedule that cannot run (e.g. a client whose currency changed under billed lines) must not stop the others.
                    log.LogWarning(e, "Recurring schedule {ScheduleId} could not run", schedule.Id);
                    db.ChangeTracker.Clear();
                }
            }
        }
        user.ActAs(null);
        if (made > 0) log.LogInformation("Made {Count} recurring invoices", made);
        return made;
    }

    public sealed class Schedule : IJobSchedule
    {
        public Task ScheduleAsync(IRecurringJobManager recurring, IBackgroundJobClient jobs, IServiceProvider services, CancellationToken ct)
        {
            recurring.AddOrUpdate<RecurringInvoicesJob>(RecurringId, j => j.RunAsync(CancellationToken.None), Cron,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
            jobs.Enqueue<RecurringInvoicesJob>(j => j.RunAsync(CancellationToken.None));
            return Task.CompletedTask;
        }
    }
}
