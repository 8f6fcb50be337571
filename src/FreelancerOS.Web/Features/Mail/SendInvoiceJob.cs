using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Hangfire;
using Hangfire.Server;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Mail;

/// <summary>
/// Sends one invoice e-mail. Each failure is written to the invoice's history with its reason and the
/// job is retried by Hangfire (after 1, 5, 30 minutes and 2 hours); only a delivered message is
/// recorded as sent.
/// </summary>
[AutomaticRetry(Attempts = Retries, DelaysInSeconds = [60, 300, 1800, 7200], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
public sealed class SendInvoiceJob(AppDbContext db, CurrentUser user, InvoiceMailer mailer, TimeProvider clock, ILogger<SendInvoiceJob> log)
{
    public const int Retries = 4;

    public async Task RunAsync(string ownerId, int invoiceId, QueuedMail message, PerformContext? context, CancellationToken ct)
    {
        user.ActAs(ownerId);
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines).Include(i => i.Client).AsSplitQuery()
            .SingleOrDefaultAsync(i => i.Id == invoiceId, ct);
        if (invoice is null) return; // deleted meanwhile: nothing to send
        try
        {
            var where = await mailer.DeliverAsync(invoice, message, ct);
            await RecordAsync(new InvoiceEvent(invoiceId, InvoiceEventKind.Sent, clock.GetUtcNow(), $"{message.Recipients} ({where})"));
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var attempt = (context?.GetJobParameter<int>("RetryCount") ?? 0) + 1;
            var next = attempt <= Retries ? $"attempt {attempt} of {Retries + 1}, it will be tried again" : $"gave up after {attempt} attempts";
            log.LogWarning(e, "Sending invoice {InvoiceId} failed ({Attempt})", invoiceId, next);
            await RecordAsync(new InvoiceEvent(invoiceId, InvoiceEventKind.SendFailed, clock.GetUtcNow(),
                $"{message.Recipients}: {Reason(e)} ({next})"));
            throw;
        }
    }

    public static string Reason(Exception e) => e switch
    {
        System.Net.Sockets.SocketException s => $"the mail server could not be reached ({s.Message})",
        MailKit.Security.AuthenticationException => "the mail server refused the user name or password",
        MailKit.Net.Smtp.SmtpCommandException c => $"the mail server refused the message ({(int)c.StatusCode}: {c.Message})",
        IOException or MailKit.ServiceNotConnectedException or MailKit.Net.Smtp.SmtpProtocolException => $"the connection to the mail server failed ({e.Message})",
        TimeoutException => "the mail server did not answer in time",
        _ => e.Message,
    };

    private async Task RecordAsync(InvoiceEvent e)
    {
        db.ChangeTracker.Clear();
        db.InvoiceEvents.Add(e);
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
