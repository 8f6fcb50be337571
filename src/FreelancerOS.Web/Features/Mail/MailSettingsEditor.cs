using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Mail;

/// <summary>Reads and saves the account's e-mail settings and reminder rules; sends the test message.</summary>
public sealed class MailSettingsEditor(AppDbContext db, SmtpPasswords passwords, MailSender sender, MailOutbox outbox)
{
    public async Task<MailSettingsPage> PageAsync(MailSettingsForm? typed, CancellationToken ct)
    {
        var settings = await db.MailSettings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new MailSettings();
        var rules = await db.ReminderRules.AsNoTracking().OrderBy(r => r.DaysFromDue).ToListAsync(ct);
        var form = typed ?? MailSettingsForm.From(settings, rules).WithBlankRow();
        // The password is write-only: whatever was typed is not sent back either.
        form.Password = null;
        return new MailSettingsPage(form, settings.ProtectedPassword is not null, outbox.Folder);
    }

    /// <summary>The settings and the reminders, replaced as a set, in one transaction.</summary>
    public async Task SaveAsync(MailSettingsForm form, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var settings = await db.MailSettings.SingleOrDefaultAsync(ct);
        if (settings is null) db.MailSettings.Add(settings = new MailSettings());
        form.ApplyTo(settings, passwords);

        var wanted = form.FilledReminders.ToList();
        var rules = await db.ReminderRules.ToListAsync(ct);
        db.ReminderRules.RemoveRange(rules.Where(r => wanted.All(w => w.DaysFromDue != r.DaysFromDue)));
        foreach (var w in wanted)
        {
            var rule = rules.FirstOrDefault(r => r.DaysFromDue == w.DaysFromDue);
            if (rule is null) db.ReminderRules.Add(rule = new ReminderRule { DaysFromDue = w.DaysFromDue });
            rule.Subject = w.Subject!.Trim();
            rule.Body = w.Body!;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    public async Task<(bool Ok, string Message)> SendTestAsync(string? accountEmail, CancellationToken ct)
    {
        var settings = await db.MailSettings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new MailSettings();
        var account = await db.Settings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new AccountSettings();
        var to = settings.FromAddress ?? (account.BusinessEmail is { } b && MailAddresses.IsValid(b) ? b : accountEmail);
        if (to is null || !MailAddresses.IsValid(to)) return (false, "Enter a from-address first: the test message is sent to it.");
        try
        {
            var where = await sender.SendAsync(settings, to, account.BusinessName,
                new OutgoingMail([to], [], "FreelancerOS test message", "This message confirms that FreelancerOS can send e-mail with these settings."), ct);
            return (true, $"Test message sent to {to} ({where}).");
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return (false, $"The test message could not be sent: {SendInvoiceJob.Reason(e)}.");
        }
    }
}
