namespace FreelancerOS.Web.Domain;

public enum SmtpSecurity
{
    None = 0,
    StartTls = 1,
    Ssl = 2,
}

/// <summary>
/// One per account: how its e-mail leaves (SMTP, or .eml files when no host is set), the template of
/// the invoice e-mail, whether payment reminders go out, and the app's public address for links in
/// e-mails written by background jobs (which have no request to take it from).
/// </summary>
public class MailSettings : OwnedEntity
{
    public const int MaxTemplateLength = 10_000;
    public const int MaxSubjectLength = 300;

    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;
    public string? SmtpUser { get; set; }

    /// <summary>Encrypted with ASP.NET Core Data Protection; never shown again once saved.</summary>
    public string? ProtectedPassword { get; set; }

    public string? FromAddress { get; set; }
    public string? FromName { get; set; }

    public string InvoiceSubject { get; set; } = MailTemplates.DefaultInvoiceSubject;
    public string InvoiceBody { get; set; } = MailTemplates.DefaultInvoiceBody;

    public bool RemindersEnabled { get; set; }

    /// <summary>e.g. "https://books.example.com/"; filled from the first request that queues a send.</summary>
    public string? PublicBaseUrl { get; set; }

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(SmtpHost);
}

/// <summary>
/// A payment reminder: <see cref="DaysFromDue"/> days after the due date (negative: before it), with
/// its own template.
/// </summary>
public class ReminderRule : OwnedEntity
{
    public const int MaxDays = 365;

    public int DaysFromDue { get; set; }
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";

    public DateOnly DayFor(DateOnly dueDate) => dueDate.AddDays(DaysFromDue);

    public string Label => DaysFromDue switch
    {
        < 0 => $"{-DaysFromDue} day{(DaysFromDue == -1 ? "" : "s")} before the due date",
        0 => "on the due date",
        _ => $"{DaysFromDue} day{(DaysFromDue == 1 ? "" : "s")} after the due date",
    };
}

/// <summary>
/// The claim that one reminder (an invoice and a rule's offset) has gone out: unique per invoice and
/// offset, so two runs of the reminder job, even on two instances at once, send it once. Not owned:
/// written by the job and read through its invoice.
/// </summary>
public class InvoiceReminder
{
    public int Id { get; private set; }
    public int InvoiceId { get; private set; }
    public int DaysFromDue { get; private set; }
    public DateTimeOffset At { get; private set; }

    private InvoiceReminder() { }

    public InvoiceReminder(int invoiceId, int daysFromDue, DateTimeOffset at)
    {
        InvoiceId = invoiceId;
        DaysFromDue = daysFromDue;
        At = at;
    }
}

/// <summary>An invoice whose owner switched its payment reminders off (one row per such invoice).</summary>
public class InvoiceReminderOptOut
{
    public int InvoiceId { get; private set; }
    public DateTimeOffset At { get; private set; }

    private InvoiceReminderOptOut() { }

    public InvoiceReminderOptOut(int invoiceId, DateTimeOffset at)
    {
        InvoiceId = invoiceId;
        At = at;
    }
}
