namespace FreelancerOS.Web.Domain;

/// <summary>How long an open invoice is past its due date, in the buckets an aging report uses.</summary>
public enum ReceivableAge
{
    Current = 0,
    Days1To30 = 1,
    Days31To60 = 2,
    Days61To90 = 3,
    Over90 = 4,
}

public static class ReceivableAges
{
    public static readonly IReadOnlyList<ReceivableAge> All =
        [ReceivableAge.Current, ReceivableAge.Days1To30, ReceivableAge.Days31To60, ReceivableAge.Days61To90, ReceivableAge.Over90];

    public static string Label(ReceivableAge age) => age switch
    {
        ReceivableAge.Current => "Current",
        ReceivableAge.Days1To30 => "1–30 days",
        ReceivableAge.Days31To60 => "31–60 days",
        ReceivableAge.Days61To90 => "61–90 days",
        _ => "Over 90 days",
    };

    /// <summary>The value used in links and query strings ("current", "1-30", ... "90+").</summary>
    public static string Slug(ReceivableAge age) => age switch
    {
        ReceivableAge.Current => "current",
        ReceivableAge.Days1To30 => "1-30",
        ReceivableAge.Days31To60 => "31-60",
        ReceivableAge.Days61To90 => "61-90",
        _ => "90+",
    };

    public static ReceivableAge? Parse(string? slug) => All.Cast<ReceivableAge?>().FirstOrDefault(a => Slug(a!.Value) == slug?.Trim());

    public static ReceivableAge Of(int daysPastDue) => daysPastDue switch
    {
        <= 0 => ReceivableAge.Current,
        <= 30 => ReceivableAge.Days1To30,
        <= 60 => ReceivableAge.Days31To60,
        <= 90 => ReceivableAge.Days61To90,
        _ => ReceivableAge.Over90,
    };

    /// <summary>
    /// The due dates that fall in the bucket on <paramref name="today"/> (inclusive bounds; null is open),
    /// so a query filters on the indexed due date instead of computing an age per row.
    /// </summary>
    public static (DateOnly? MinDue, DateOnly? MaxDue) DueDates(ReceivableAge age, DateOnly today) => age switch
    {
        ReceivableAge.Current => (today, null),
        ReceivableAge.Days1To30 => (today.AddDays(-30), today.AddDays(-1)),
        ReceivableAge.Days31To60 => (today.AddDays(-60), today.AddDays(-31)),
        ReceivableAge.Days61To90 => (today.AddDays(-90), today.AddDays(-61)),
        _ => (null, today.AddDays(-91)),
    };
}
