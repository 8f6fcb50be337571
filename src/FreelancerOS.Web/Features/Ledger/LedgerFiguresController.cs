using System.Text.Json;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace FreelancerOS.Web.Features.Ledger;

/// <summary>The ledger's figures: the month's summary with its twelve-month chart, and the balances per payment mode.</summary>
[UrlSegment("Ledger")]
public sealed class LedgerFiguresController(AppDbContext db, CurrentAccount account) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Summary(string? month)
    {
        var (home, today) = await account.HomeAndTodayAsync();
        var m = DateOnly.TryParseExact((month ?? "") + "-01", "yyyy-MM-dd", out var parsed) && Limits.IsSaneDate(parsed) ? parsed : new DateOnly(today.Year, today.Month, 1);
        var period = LedgerEntry.PeriodOf(m);
        var totals = await LedgerTotals.ForPeriodsAsync(db, period, period, home);
        var months = await LedgerQueries.LastTwelveMonthsAsync(db, m);
        return View(new SummaryPage(m, totals, months, home));
    }

    [HttpGet]
    public async Task<IActionResult> Balances()
    {
        var (home, today) = await account.HomeAndTodayAsync();
        var (rows, receivable, payable) = await LedgerQueries.BalancesAsync(db, today);
        return View(new BalancesPage(today, rows, home, receivable, payable));
    }

    internal static string ChartJson(IReadOnlyList<MonthFigures> months, string home) => JsonSerializer.Serialize(new
    {
        labels = months.Select(m => m.Label),
        income = months.Select(m => LedgerEntry.FromMinor(m.IncomeMinor, home)),
        expenses = months.Select(m => LedgerEntry.FromMinor(m.ExpenseMinor, home)),
        currency = home,
    });
}
