namespace FreelancerOS.Web.Domain;

/// <summary>What happened to an issued invoice outside its status: sent, reminded, shared, viewed.</summary>
public enum InvoiceEventKind
{
    Sent = 1,
    SendFailed = 2,
    ReminderSent = 3,
    ReminderFailed = 4,
    LinkCreated = 5,
    LinkRevoked = 6,
    ViewedByClient = 7,
    CreatedBySchedule = 8,
}

/// <summary>
/// One line of an invoice's history beside its status changes (<see cref="InvoiceStatusChange"/>).
/// Written by background jobs and by signed-out visitors of a public link as well, so it is not an
/// owned record: it belongs to its invoice and is only read through it.
/// </summary>
public class InvoiceEvent
{
    public const int MaxDetailLength = 1000;

    public int Id { get; private set; }
    public int InvoiceId { get; private set; }
    public InvoiceEventKind Kind { get; private set; }
    public DateTimeOffset At { get; private set; }

    /// <summary>For whom or why, e.g. the recipients of a send or a failure's reason.</summary>
    public string? Detail { get; private set; }

    private InvoiceEvent() { }

    public InvoiceEvent(int invoiceId, InvoiceEventKind kind, DateTimeOffset at, string? detail = null)
    {
        InvoiceId = invoiceId;
        Kind = kind;
        At = at;
        Detail = detail is { Length: > MaxDetailLength } ? detail[..MaxDetailLength] : detail;
    }

    public string Description => Kind switch
    {
        InvoiceEventKind.Sent => "Sent",
        InvoiceEventKind.SendFailed => "Sending failed",
        InvoiceEventKind.ReminderSent => "Reminder sent",
        InvoiceEventKind.ReminderFailed => "Reminder failed",
        InvoiceEventKind.LinkCreated => "Public link created",
        InvoiceEventKind.LinkRevoked => "Public link revoked",
        InvoiceEventKind.ViewedByClient => "Viewed by the client",
        InvoiceEventKind.CreatedBySchedule => "Created by a recurring schedule",
        _ => Kind.ToString(),
    };
}
