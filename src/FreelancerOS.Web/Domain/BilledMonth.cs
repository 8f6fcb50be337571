namespace FreelancerOS.Web.Domain;

/// <summary>
/// What one project was billed in one month of issue, in one currency: the lines with that project on the issued
/// invoices (Sent, Overdue, Paid) issued that month, counted and summed (kept by <c>KeptBilledMonths</c> in the
/// transaction of every write that moves them). Profitability reads the whole months of its period from here instead
/// of every invoice line of the period.
/// </summary>
public class ProjectMonthBilled
{
    public int Id { get; set; }
    public string OwnerId { get; set; } = "";
    public int ProjectId { get; set; }
    /// <summary>yyyymm of the invoices' issue date, as <see cref="LedgerEntry.PeriodOf"/>.</summary>
    public int Period { get; set; }
    public string Currency { get; set; } = "";
    public int Count { get; set; }
    /// <summary>Sum of the lines' <see cref="InvoiceLine.Amount"/> in <see cref="InvoiceStatusTotal.UnitsPerAmount"/>.</summary>
    public long AmountUnits { get; set; }
}

/// <summary>
/// What one client was billed in one month of issue, in one currency: its issued invoices (Sent, Overdue, Paid) of
/// that month, counted, with their subtotals (before tax, typed lines included) summed; kept as
/// <see cref="ProjectMonthBilled"/> is.
/// </summary>
public class ClientMonthBilled
{
    public int Id { get; set; }
    public string OwnerId { get; set; } = "";
    public int ClientId { get; set; }
    /// <summary>yyyymm of the invoices' issue date, as <see cref="LedgerEntry.PeriodOf"/>.</summary>
    public int Period { get; set; }
    public string Currency { get; set; } = "";
    public int Count { get; set; }
    /// <summary>Sum of the invoices' <see cref="Invoice.Subtotal"/> in <see cref="InvoiceStatusTotal.UnitsPerAmount"/>.</summary>
    public long SubtotalUnits { get; set; }
}
