namespace FreelancerOS.Web.Domain;

/// <summary>
/// An account's expenses of one month and series (same description, vendor and category), summed and with the latest
/// date, kept in step with the entries (as <see cref="LedgerMonthTotal"/>). The forecast and the dashboard find the
/// expenses that repeat monthly in these few rows (a dozen series a month) instead of grouping every expense of the
/// months around today (some 200 a month for a busy freelancer).
/// </summary>
public class ExpenseSeriesMonth
{
    public int Id { get; set; }
    public string OwnerId { get; set; } = "";
    /// <summary>yyyymm, as <see cref="LedgerEntry.Period"/>.</summary>
    public int Period { get; set; }
    public string Description { get; set; } = "";
    /// <summary>The expenses' vendor, or <see cref="NoVendor"/>.</summary>
    public string Vendor { get; set; } = NoVendor;
    /// <summary>The expenses' category, or <see cref="LedgerMonthTotal.None"/>.</summary>
    public int CategoryId { get; set; }
    public int Count { get; set; }
    /// <summary>Sum of <see cref="LedgerEntry.HomeAmountMinor"/>.</summary>
    public long HomeAmountMinor { get; set; }
    /// <summary>The latest date of the series' expenses this month.</summary>
    public DateOnly LastDate { get; set; }

    /// <summary>
    /// Stands for "no vendor": the key has no nulls, so one unique index finds the row on every database. A vendor is
    /// never saved empty (the forms and the import store none as null), so nothing else maps to it.
    /// </summary>
    public const string NoVendor = "";

    public static string VendorKey(string? vendor) => vendor ?? NoVendor;

    public static string? VendorOf(string key) => key == NoVendor ? null : key;
}
