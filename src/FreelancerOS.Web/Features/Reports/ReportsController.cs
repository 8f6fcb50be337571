using FreelancerOS.Web.Infrastructure;
using System.Globalization;
using CsvHelper;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Ledger;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Reports;

/// <summary>
/// The reports: /reports is their index and the ledger's year (income vs expenses by month, and by
/// classification and category); receivables aging, the cash-flow forecast, profitability and tax
/// collected each have their page and CSV (ReportsController.Finance.cs). The figures come from the
/// query classes of this folder.
/// </summary>
public sealed partial class ReportsController(
    AppDbContext db, TimeProvider clock, CurrentAccount account, ReceivablesQueries receivables, ForecastQueries forecasts,
    ProfitabilityQueries profitability, TaxQueries taxes) : Controller
{
    [HttpGet("/reports")]
    public async Task<IActionResult> Index(int? year) => View(await LoadAsync(year));

    [HttpGet("/reports/export")]
    public async Task<IActionResult> Export(int? year, string? report)
    {
        var page = await LoadAsync(year);
        var home = page.HomeCurrency;
        string Money(long minor) => LedgerEntry.FromMinor(minor, home).ToString("0.####", CultureInfo.InvariantCulture);
        Response.ContentType = "text/csv; charset=utf-8";
        var byCategory = report == "categories";
        Response.Headers.ContentDisposition = $"attachment; filename=\"{(byCategory ? "categories" : "months")}-{page.Year}.csv\"";
        await using var csv = CsvWriter.Create(Response.Body, new CsvWriterOptions(), true);
        if (byCategory)
        {
            csv.WriteHeader(["Type", "Category", "Entries", "Amount", "Currency"]);
            foreach (var r in page.Categories)
                await csv.WriteRecordAsync([r.Kind.ToString(), Features.Ledger.CsvSafety.ForSpreadsheet(r.Name), r.Count.ToString(CultureInfo.InvariantCulture), Money(r.Minor), home]);
        }
        else
        {
            csv.WriteHeader(["Month", "Income", "Expenses", "Net", "Currency"]);
            foreach (var m in page.Months)
                await csv.WriteRecordAsync([$"{m.Period / 100}-{m.Period % 100:00}", Money(m.IncomeMinor), Money(m.ExpenseMinor), Money(m.IncomeMinor - m.ExpenseMinor), home]);
        }
        await csv.FlushAsync();
        return new EmptyResult();
    }

    private async Task<ReportsPage> LoadAsync(int? year)
    {
        var settings = await account.SettingsAsync();
        var today = settings.Today(clock);
        var y = year is { } asked && Limits.IsSaneYear(asked) ? asked : today.Year;
        var first = y * 100 + 1;
        var last = y * 100 + 12;
        // One statement over the kept monthly totals (a few rows per month and category, however many entries the
        // year has): the months and the categories are both sums of the same rows.
        var rows = await (
                from t in db.LedgerMonthTotals.AsNoTracking()
                where t.Period >= first && t.Period <= last
                join c in db.LedgerCategories on t.CategoryId equals c.Id into named
                from c in named.DefaultIfEmpty()
                group t by new { t.Period, t.Kind, t.CategoryId, Name = c == null ? null : c.Name } into g
                select new { g.Key.Period, g.Key.Kind, g.Key.CategoryId, g.Key.Name, Count = g.Sum(t => t.Count), Minor = g.Sum(t => t.HomeAmountMinor) })
            .ToListAsync();
        var months = LedgerQueries.MonthsOf(new DateOnly(y, 1, 1), new DateOnly(y, 12, 1), rows.Select(r => (r.Period, r.Kind, r.Minor)));
        var categories = rows
            .GroupBy(r => new { r.Kind, CategoryId = KeptLedgerTotals.FromNone(r.CategoryId) })
            .Select(g => new { g.Key.Kind, g.Key.CategoryId, g.First().Name, Count = g.Sum(r => r.Count), Minor = g.Sum(r => r.Minor) })
            // A kept row can be left at zero entries after deletions: only groups with entries are shown, as before.
            .Where(g => g.Count != 0)
            .Select(g => new CategoryFigure(g.Kind, g.CategoryId, g.CategoryId is not null && g.Name is { } n ? n : "(none)", g.Count, g.Minor))
            .OrderBy(c => c.Kind).ThenByDescending(c => c.Minor).ThenBy(c => c.CategoryId).ToList();
        return new ReportsPage(y, settings.HomeCurrency, months, categories);
    }
}

public sealed record CategoryFigure(LedgerKind Kind, int? CategoryId, string Name, int Count, long Minor);

public sealed record ReportsPage(int Year, string HomeCurrency, IReadOnlyList<MonthFigures> Months, IReadOnlyList<CategoryFigure> Categories)
{
    public long IncomeMinor => Months.Sum(m => m.IncomeMinor);
    public long ExpenseMinor => Months.Sum(m => m.ExpenseMinor);
}
