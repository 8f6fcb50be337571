namespace FreelancerOS.Web.Domain;

public enum InvoiceStatus
{
    Draft = 0,
    Sent = 1,
    Overdue = 2,
    Paid = 3,
    Void = 4,
}

/// <summary>Where an invoice line comes from. Free lines are typed by hand; the others point at the billed item.</summary>
public enum InvoiceLineSourceKind
{
    Free = 0,
    TimeEntry = 1,
    Milestone = 2,
    Service = 3,
    ScopeChange = 4,
    Expense = 5,
    Income = 6,
}

public static class InvoiceStatuses
{
    /// <summary>The columns of the invoice board, in order (void invoices are shown through a filter).</summary>
    public static readonly IReadOnlyList<InvoiceStatus> Board = [InvoiceStatus.Draft, InvoiceStatus.Sent, InvoiceStatus.Overdue, InvoiceStatus.Paid];

    /// <summary>Issued and not cancelled: what counts as invoiced for a client.</summary>
    public static readonly IReadOnlyList<InvoiceStatus> Invoiced = [InvoiceStatus.Sent, InvoiceStatus.Overdue, InvoiceStatus.Paid];
}
