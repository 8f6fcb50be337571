namespace FreelancerOS.Web.Domain;

/// <summary>
/// One account's invoices of one kept status and currency, counted and summed (kept by <c>KeptInvoiceTotals</c>), so
/// that the invoice board reads a few rows instead of summing every draft and counting every paid invoice of the years.
/// Sent and Overdue are kept together as <see cref="InvoiceStatus.Sent"/>: the hourly overdue job moves invoices between
/// them in bulk, outside the change tracker, and it must not be able to leave a kept figure behind.
/// </summary>
public class InvoiceStatusTotal
{
    /// <summary>Amounts are stored ×10,000 (the columns' four decimals): an integer every database sums exactly and natively.</summary>
    public const decimal UnitsPerAmount = 10_000m;

    public int Id { get; set; }
    public string OwnerId { get; set; } = "";
    public InvoiceStatus Status { get; set; }
    public string Currency { get; set; } = "";
    public int Count { get; set; }
    /// <summary>Sum of the invoices' <see cref="Invoice.Total"/> in <see cref="UnitsPerAmount"/>.</summary>
    public long TotalUnits { get; set; }
    /// <summary>Sum of the invoices' <see cref="Invoice.AmountPaid"/> in <see cref="UnitsPerAmount"/>.</summary>
    public long PaidUnits { get; set; }

    /// <summary>The status an invoice is kept under: Overdue with Sent (see the class).</summary>
    public static InvoiceStatus KeptAs(InvoiceStatus status) => status == InvoiceStatus.Overdue ? InvoiceStatus.Sent : status;

    public static long UnitsOf(decimal amount) => decimal.ToInt64(amount * UnitsPerAmount);

    public static decimal AmountOf(long units) => units / UnitsPerAmount;
}
