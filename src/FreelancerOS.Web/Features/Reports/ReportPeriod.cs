namespace FreelancerOS.Web.Features.Reports;

/// <summary>
/// The period a report covers, from the picker: a preset ("month", "last-month", "quarter", "year",
/// "last-year", "all") or a custom range (from/to). Unknown or reversed input falls back to the report's
/// default instead of failing, so no typed URL gives an error page.
/// </summary>
public sealed record ReportPeriod(string Key, DateOnly? From, DateOnly? To, string Label)
{
    public static readonly IReadOnlyList<(string Key, string Label)> Presets =
    [
        ("month", "This month"), ("last-month", "Last month"), ("quarter", "This quarter"), ("year", "This year"),
        ("last-year", "Last year"), ("all", "All time"),
    ];

    public bool Contains(DateOnly d) => (From is null || d >= From) && (To is null || d <= To);

    /// <summary>The query string that selects this period again (for CSV links and sorting).</summary>
    public string Query => Key == "custom"
        ? $"period=custom&from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}"
        : $"period={Key}";

    public static ReportPeriod Parse(string? period, DateOnly? from, DateOnly? to, DateOnly today, string fallback = "year")
    {
        if (period == "custom" || (period is null && (from is not null || to is not null)))
        {
            if (from is { } f && to is { } t && f > t) return Preset(fallback, today);
            return new ReportPeriod("custom", from, to,
                $"{from?.ToString("yyyy-MM-dd") ?? "the beginning"} to {to?.ToString("yyyy-MM-dd") ?? "today and later"}");
        }
        return Preset(Presets.Any(p => p.Key == period) ? period! : fallback, today);
    }

    private static ReportPeriod Preset(string key, DateOnly today)
    {
        var month = new DateOnly(today.Year, today.Month, 1);
        var quarter = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1);
        return key switch
        {
            "month" => new(key, month, month.AddMonths(1).AddDays(-1), month.ToString("MMMM yyyy")),
            "last-month" => new(key, month.AddMonths(-1), month.AddDays(-1), month.AddMonths(-1).ToString("MMMM yyyy")),
            "quarter" => new(key, quarter, quarter.AddMonths(3).AddDays(-1), $"Q{(today.Month - 1) / 3 + 1} {today.Year}"),
            "last-year" => new(key, new DateOnly(today.Year - 1, 1, 1), new DateOnly(today.Year - 1, 12, 31), (today.Year - 1).ToString()),
            "all" => new(key, null, null, "All time"),
            _ => new("year", new DateOnly(today.Year, 1, 1), new DateOnly(today.Year, 12, 31), today.Year.ToString()),
        };
    }
}
