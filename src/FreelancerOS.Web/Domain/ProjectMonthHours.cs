namespace FreelancerOS.Web.Domain;

/// <summary>
/// The kept hours of one project in one month: the number of its time entries and their hours, changed in the same
/// transaction as the entries by <c>AppDbContext.SaveChanges</c> from the change tracker (as the ledger's
/// <see cref="LedgerMonthTotal"/>), so every write path through EF keeps them right. Profitability reads them for the
/// whole months of its period instead of every entry of the period.
/// </summary>
public class ProjectMonthHours
{
    /// <summary>Hours are stored ×10,000 (the column's four decimals): an integer every database sums exactly and natively.</summary>
    public const decimal UnitsPerHour = 10_000m;

    public int Id { get; set; }
    public string OwnerId { get; set; } = "";
    public int ProjectId { get; set; }
    /// <summary>yyyymm, as <see cref="LedgerEntry.PeriodOf"/>.</summary>
    public int Period { get; set; }
    public int Count { get; set; }
    /// <summary>Sum of the entries' <see cref="TimeEntry.Hours"/> in <see cref="UnitsPerHour"/>.</summary>
    public long HourUnits { get; set; }

    public static long UnitsOf(decimal hours) => decimal.ToInt64(hours * UnitsPerHour);

    public static decimal HoursOf(long units) => units / UnitsPerHour;
}
