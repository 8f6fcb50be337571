using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Reports;

/// <summary>
/// Tax collected: issued invoices (Sent, Overdue, Paid; drafts and void ones are not) counted by issue
/// date, their subtotal as the taxable amount and their tax, per period, currency and rate. An invoice
/// without tax shows under "no tax". One grouped statement for the year.
/// </summary>
public sealed class TaxQueries(AppDbContext db)
{
    public static readonly IReadOnlyList<string> Granularities = ["month", "quarter", "year"];

    public async Task<TaxReport> LoadAsync(int year, string? per, string home, CancellationToken ct = default)
    {
        var granularity = Granularities.Contains(per ?? "") ? per! : "quarter";
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var groups = await db.Invoices.AsNoTracking()
            .Where(i => (i.Status == InvoiceStatus.Sent || i.Status == InvoiceStatus.Overdue || i.Status == InvoiceStatus.Paid)
                        && i.IssueDate >= from && i.IssueDate <= to)
            .GroupBy(i => new { i.IssueDate.Month, i.Currency, i.TaxRate })
            .Select(g => new { g.Key.Month, g.Key.Currency, g.Key.TaxRate, Count = g.Count(), Taxable = g.Sum(i => i.Subtotal), Tax = g.Sum(i => i.Tax) })
            .ToListAsync(ct);
        string PeriodOf(int month) => granularity switch
        {
            "month" => $"{year}-{month:00}",
            "quarter" => $"{year}-Q{(month - 1) / 3 + 1}",
            _ => $"{year}",
        };
        var rows = groups.GroupBy(g => (Period: PeriodOf(g.Month), g.Currency, g.TaxRate))
            .Select(g => new TaxRow(g.Key.Period, g.Key.Currency, g.Key.TaxRate, g.Sum(x => x.Count), g.Sum(x => x.Taxable), g.Sum(x => x.Tax)))
            .OrderBy(r => r.Period, StringComparer.Ordinal).ThenBy(r => r.Currency).ThenBy(r => r.Rate ?? -1m)
            .ToList();
        var totals = rows.GroupBy(r => (r.Currency, r.Rate)).OrderBy(g => g.Key.Currency).ThenBy(g => g.Key.Rate ?? -1m)
            .Select(g => new TaxRow($"{year}", g.Key.Currency, g.Key.Rate, g.Sum(r => r.Invoices), g.Sum(r => r.Taxable), g.Sum(r => r.Tax)))
            .ToList();
        return new TaxReport(year, granularity, home, rows, totals);
    }
}

public sealed record TaxRow(string Period, string Currency, decimal? Rate, int Invoices, decimal Taxable, decimal Tax)
{
    public decimal Total => Taxable + Tax;
    public string RateLabel => Rate is { } r ? $"{r.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} %" : "no tax";
}

public sealed record TaxReport(int Year, string Per, string HomeCurrency, IReadOnlyList<TaxRow> Rows, IReadOnlyList<TaxRow> Totals);
