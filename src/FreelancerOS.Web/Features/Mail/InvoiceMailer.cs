using System.Globalization;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Invoices;
using FreelancerOS.Web.Infrastructure;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Mail;

/// <summary>
/// The invoice e-mail: its default text from the account's template, queueing it as a background job,
/// and delivering it (with the invoice's PDF) from that job or from the reminder job. Works for the
/// owner the DbContext acts for (the signed-in user, or the owner a job acts as).
/// </summary>
public sealed class InvoiceMailer(AppDbContext db, MailSender sender, IInvoiceShareLinks links, InvoiceDocuments documents, IBackgroundJobClient jobs, TimeProvider clock)
{
    public static bool CanSend(InvoiceStatus status) => status is InvoiceStatus.Sent or InvoiceStatus.Overdue or InvoiceStatus.Paid;

    public async Task<MailSettings> SettingsAsync(CancellationToken ct) =>
        await db.MailSettings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new MailSettings();

    /// <summary>The send form as it opens: the client's address, the template with every placeholder but {link} filled in.</summary>
    public async Task<SendForm> ComposeAsync(Invoice invoice, CancellationToken ct)
    {
        var mail = await SettingsAsync(ct);
        var values = await ValuesAsync(invoice, link: null, ct);
        return new SendForm
        {
            To = invoice.Client?.Email ?? "",
            Subject = MailTemplates.Render(mail.InvoiceSubject, values),
            Body = MailTemplates.Render(mail.InvoiceBody, values),
        };
    }

    /// <summary>
    /// Fills {link} (the client's public link, made now while the user is signed in) and queues the
    /// send. The request's base URL is kept as the app's public address for reminders if none is set.
    /// </summary>
    public async Task QueueAsync(Invoice invoice, SendForm form, string baseUrl, CancellationToken ct)
    {
        var body = form.Body!;
        if (body.Contains("{link}", StringComparison.Ordinal))
            body = body.Replace("{link}", await links.LinkForAsync(invoice, baseUrl, ct) ?? "", StringComparison.Ordinal);
        await RememberBaseUrlAsync(baseUrl, ct);
        var message = new QueuedMail(MailAddresses.Split(form.To).ToList(), MailAddresses.Split(form.Cc).ToList(), form.Subject!.Trim(), body);
        jobs.Enqueue<SendInvoiceJob>(j => j.RunAsync(invoice.OwnerId, invoice.Id, message, null, CancellationToken.None));
    }

    /// <summary>Issuing with "send by e-mail now": the template as it is, to the client's address.</summary>
    public async Task<string?> QueueDefaultAsync(Invoice invoice, string baseUrl, CancellationToken ct)
    {
        var form = await ComposeAsync(invoice, ct);
        if (MailAddresses.Problem(form.To, required: true) is not null)
            return $"It was not e-mailed: {invoice.Client?.Name} has no valid e-mail address. Add one to the client, then use \"Send by e-mail\".";
        await QueueAsync(invoice, form, baseUrl, ct);
        return null;
    }

    private async Task RememberBaseUrlAsync(string baseUrl, CancellationToken ct)
    {
        var settings = await db.MailSettings.SingleOrDefaultAsync(ct);
        if (settings is null) db.MailSettings.Add(settings = new MailSettings());
        if (!string.IsNullOrWhiteSpace(settings.PublicBaseUrl) && settings.Id != 0) return;
        settings.PublicBaseUrl = baseUrl;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Sends it now with the PDF attached; throws when it could not be sent. Returns where it went.</summary>
    public async Task<string> DeliverAsync(Invoice invoice, QueuedMail message, CancellationToken ct)
    {
        var account = await db.Settings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new AccountSettings();
        var mail = await SettingsAsync(ct);
        var pdf = await documents.PdfAsync(invoice, account, ct);
        var fallbackFrom = account.BusinessEmail is { Length: > 0 } b && MailAddresses.IsValid(b)
            ? b
            : await db.Users.Where(u => u.Id == invoice.OwnerId).Select(u => u.Email).SingleOrDefaultAsync(ct) ?? "invoices@localhost.localdomain";
        var outgoing = new OutgoingMail(message.To, message.Cc, message.Subject, message.Body,
            new MailAttachment(InvoiceDocuments.FileName(invoice), "application/pdf", pdf));
        return await sender.SendAsync(mail, fallbackFrom, account.BusinessName, outgoing, ct);
    }

    public async Task<Dictionary<string, string>> ValuesAsync(Invoice invoice, string? link, CancellationToken ct)
    {
        var account = await db.Settings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new AccountSettings();
        var culture = CultureInfo.GetCultureInfo(string.IsNullOrWhiteSpace(account.Culture) ? "en-GB" : account.Culture);
        var amount = invoice.BalanceDue > 0 ? invoice.BalanceDue : invoice.Total;
        var values = new Dictionary<string, string>
        {
            ["number"] = invoice.Number ?? "",
            ["amount"] = Currency.Format(amount, invoice.Currency, culture),
            ["due_date"] = invoice.DueDate.ToString("d", culture),
            ["client"] = invoice.Client?.Name ?? "",
            ["business"] = account.BusinessName ?? "",
        };
        if (link is not null) values["link"] = link;
        return values;
    }

    public DateTimeOffset Now => clock.GetUtcNow();
}

/// <summary>The message a send job carries (serialized into the job's arguments).</summary>
public sealed record QueuedMail(List<string> To, List<string> Cc, string Subject, string Body)
{
    public string Recipients => Cc.Count == 0 ? $"to {string.Join(", ", To)}" : $"to {string.Join(", ", To)}, cc {string.Join(", ", Cc)}";
}

public sealed class MailInvoiceSender(InvoiceMailer mailer) : IInvoiceSender
{
    public Task<string?> QueueOnIssueAsync(Invoice issued, string baseUrl, CancellationToken ct) => mailer.QueueDefaultAsync(issued, baseUrl, ct);
}

/// <summary>
/// A recurring schedule's "issue and send": the run happens in a job, with no request to take the app's
/// address from, so the link in the message uses the public address saved in the e-mail settings.
/// </summary>
public sealed class MailRecurringSender(AppDbContext db, InvoiceMailer mailer) : FreelancerOS.Web.Features.Recurring.IRecurringInvoiceSender
{
    public async Task<string?> SendAsync(int invoiceId, CancellationToken ct)
    {
        var invoice = await db.Invoices.Include(i => i.Client).Include(i => i.Lines).SingleOrDefaultAsync(i => i.Id == invoiceId, ct);
        if (invoice is null) return "Not sent: the invoice is gone.";
        var settings = await mailer.SettingsAsync(ct);
        if (string.IsNullOrWhiteSpace(settings.PublicBaseUrl))
            return "Not sent: set the public address of this app in Settings → E-mail and reminders, so the message can carry the client's link.";
        return await mailer.QueueDefaultAsync(invoice, settings.PublicBaseUrl, ct);
    }
}
