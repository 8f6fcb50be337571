using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Dashboard;

public sealed class DashboardController(AppDbContext db, TimeProvider clock) : Controller
{
    [HttpGet("/")]
    [HttpGet("/dashboard")]
    public async Task<IActionResult> Index()
    {
        var settings = await db.Settings.AsNoTracking().SingleOrDefaultAsync() ?? new AccountSettings();
        var homeCurrency = settings.HomeCurrency;
        var today = settings.Today(clock);
        var pipeline = await db.Clients
            .Where(c => c.Stage == ClientStage.Lead || c.Stage == ClientStage.Negotiation)
            .GroupBy(c => c.Currency)
            .Select(g => new CurrencyTotal(g.Key, g.Sum(c => c.ContractValue), g.Count()))
            .ToListAsync();

        // This year's entries by month and kind, summed on the stored period and integer minor units;
        // the month figures are this year's current month.
        var yearStart = LedgerEntry.PeriodOf(new DateOnly(today.Year, 1, 1));
        var yearEnd = LedgerEntry.PeriodOf(new DateOnly(today.Year, 12, 1));
        var thisMonth = LedgerEntry.PeriodOf(today);
        var year = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.Period >= yearStart && e.Period <= yearEnd)
            .GroupBy(e => new { e.Period, e.Kind })
            .Select(g => new { g.Key.Period, g.Key.Kind, Sum = g.Sum(e => e.HomeAmountMinor) })
            .ToListAsync();
        var receivable = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.PaymentModeId == null && e.Kind == LedgerKind.Income)
            .SumAsync(e => e.HomeAmountMinor);

        LedgerFigures Figures(Func<int, bool> period) => new(
            LedgerEntry.FromMinor(year.Where(g => period(g.Period) && g.Kind == LedgerKind.Income).Sum(g => g.Sum), homeCurrency),
            LedgerEntry.FromMinor(year.Where(g => period(g.Period) && g.Kind == LedgerKind.Expense).Sum(g => g.Sum), homeCurrency));

        return View(new DashboardModel(homeCurrency, pipeline, today,
            Figures(p => p == thisMonth), Figures(_ => true), LedgerEntry.FromMinor(receivable, homeCurrency)));
    }
}

public sealed record CurrencyTotal(string Currency, decimal Amount, int Count);

public sealed record LedgerFigures(decimal Income, decimal Expenses)
{
    public decimal Net => Income - Expenses;
}

public sealed record DashboardModel(
    string HomeCurrency, IReadOnlyList<CurrencyTotal> Pipeline, DateOnly Today,
    LedgerFigures ThisMonth, LedgerFigures ThisYear, decimal Receivable);
