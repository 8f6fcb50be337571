using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Invoices;
using FreelancerOS.Web.Infrastructure;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Mail;

/// <summary>
/// Payment reminders, daily, for every account that switched them on. A reminder is due on its day
/// (due date + offset, in the account's time zone) and caught up for <see cref="GraceDays"/> more days
/// (the app was down, or the mail server refused it); once a later reminder went out, an earlier one
/// is never sent. Each is claimed in the database (unique per invoice and offset) before it is sent,
/// so a second run, on the same or another instance, sends nothing more. Never for a draft, a paid or
/// void invoice, or one whose reminders are switched off.
/// </summary>
[DisableConcurrentExecution(timeoutInSeconds: 600)]
[AutomaticRetry(Attempts = 0)]
public sealed class PaymentReminderJob(AppDbContext db, CurrentUser user, InvoiceMailer mailer, IInvoiceShareLinks links, TimeProvider clock,
    ILogger<PaymentReminderJob> log)
{
    public const string RecurringId = "payment-reminders";
    public const string DailyCron = "0 8 * * *";
    public const int GraceDays = 6;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var owners = await db.MailSettings.IgnoreQueryFilters().AsNoTracking().Where(s => s.RemindersEnabled)
            .OrderBy(s => s.Id).Select(s => s.OwnerId).ToListAsync(ct);
        var sent = 0;
        foreach (var owner in owners)
        {
            user.ActAs(owner);
            db.ChangeTracker.Clear();
            sent += await RunForAccountAsync(ct);
        }
        user.ActAs(null);
        if (sent > 0) log.LogInformation("Sent {Count} payment reminders", sent);
        return sent;
    }

    private async Task<int> RunForAccountAsync(CancellationToken ct)
    {
        var rules = await db.ReminderRules.AsNoTracking().OrderBy(r => r.DaysFromDue).ToListAsync(ct);
        if (rules.Count == 0) return 0;
        var account = await db.Settings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new AccountSettings();
        var mail = await mailer.SettingsAsync(ct);
        var today = account.Today(clock);
        var earliestDue = today.AddDays(-rules[^1].DaysFromDue - GraceDays);
        var latestDue = today.AddDays(-rules[0].DaysFromDue);

        var invoices = await db.Invoices.Include(i => i.Client).Include(i => i.Lines).AsSplitQuery()
            .Where(i => (i.Status == InvoiceStatus.Sent || i.Status == InvoiceStatus.Overdue)
                        && i.DueDate >= earliestDue && i.DueDate <= latestDue
                        && !db.InvoiceReminderOptOuts.Any(o => o.InvoiceId == i.Id))
            .OrderBy(i => i.Id).ToListAsync(ct);
        var ids = invoices.Select(i => i.Id).ToList();
        var claimed = await db.InvoiceReminders.AsNoTracking().Where(r => ids.Contains(r.InvoiceId))
            .Select(r => new { r.InvoiceId, r.DaysFromDue }).ToListAsync(ct);

        var sent = 0;
        foreach (var invoice in invoices)
        {
            var rule = rules.Where(r => r.DayFor(invoice.DueDate) <= today && today <= r.DayFor(invoice.DueDate).AddDays(GraceDays)
                                        && r.DayFor(invoice.DueDate) >= invoice.IssueDate)
                .MaxBy(r => r.DaysFromDue);
            if (rule is null || claimed.Any(c => c.InvoiceId == invoice.Id && c.DaysFromDue >= rule.DaysFromDue)) continue;
            if (await SendAsync(invoice, rule, mail, ct)) sent++;
        }
        return sent;
    }

    private async Task<bool> SendAsync(Invoice invoice, ReminderRule rule, MailSettings mail, CancellationToken ct)
    {
        var claim = new InvoiceReminder(invoice.Id, rule.DaysFromDue, clock.GetUtcNow());
        if (!await ClaimAsync(claim, ct)) return false;

        var to = invoice.Client?.Email?.Trim() ?? "";
        if (!MailAddresses.IsValid(to))
        {
            // Kept claimed: the same failure is not written again every day.
            await RecordAsync(new InvoiceEvent(invoice.Id, InvoiceEventKind.ReminderFailed, clock.GetUtcNow(),
                $"{rule.Label}: {invoice.Client?.Name} has no valid e-mail address"));
            return false;
        }
        try
        {
            var link = string.IsNullOrWhiteSpace(mail.PublicBaseUrl) ? "" : await links.LinkForAsync(invoice, mail.PublicBaseUrl, ct) ?? "";
            var values = await mailer.ValuesAsync(invoice, link, ct);
            var message = new QueuedMail([to], [], MailTemplates.Render(rule.Subject, values).Trim(), MailTemplates.Render(rule.Body, values));
            var where = await mailer.DeliverAsync(invoice, message, ct);
            await RecordAsync(new InvoiceEvent(invoice.Id, InvoiceEventKind.ReminderSent, clock.GetUtcNow(), $"{rule.Label}, {message.Recipients} ({where})"));
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogWarning(e, "Reminder for invoice {InvoiceId} failed", invoice.Id);
            db.ChangeTracker.Clear();
            // Released, so the next daily run (within the grace days) tries again.
            await db.InvoiceReminders.Where(r => r.InvoiceId == claim.InvoiceId && r.DaysFromDue == claim.DaysFromDue).ExecuteDeleteAsync(CancellationToken.None);
            await RecordAsync(new InvoiceEvent(invoice.Id, InvoiceEventKind.ReminderFailed, clock.GetUtcNow(),
                $"{rule.Label}, to {to}: {SendInvoiceJob.Reason(e)} (tried again on the next daily run)"));
            return false;
        }
    }

    private async Task<bool> ClaimAsync(InvoiceReminder claim, CancellationToken ct)
    {
        db.InvoiceReminders.Add(claim);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another run got there first.
            db.Entry(claim).State = EntityState.Detached;
            return false;
        }
    }

    private async Task RecordAsync(InvoiceEvent e)
    {
        db.InvoiceEvents.Add(e);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    public sealed class Schedule : IJobSchedule
    {
        public Task ScheduleAsync(IRecurringJobManager recurring, IBackgroundJobClient jobs, IServiceProvider services, CancellationToken ct)
        {
            recurring.AddOrUpdate<PaymentReminderJob>(RecurringId, j => j.RunAsync(CancellationToken.None), DailyCron,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
            return Task.CompletedTask;
        }
    }
}
