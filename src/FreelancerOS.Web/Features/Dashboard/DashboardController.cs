using FreelancerOS.Web.Infrastructure;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Invoices;
using FreelancerOS.Web.Features.Ledger;
using FreelancerOS.Web.Features.Reports;
using FreelancerOS.Web.Features.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Dashboard;

/// <summary>
/// The morning figures. Every figure comes from the query class that owns it (ledger months, receivables,
/// unbilled work, forecast), so the dashboard and the pages it links to agree; a fixed handful of
/// statements whatever the amount of data.
/// </summary>
public sealed class DashboardController(AppDbContext db, CurrentAccount account, ReceivablesQueries receivables, BilledWork work, ForecastQueries forecasts, CurrentWork current) : Controller
{
    [HttpGet("/")]
    [HttpGet("/dashboard")]
    public async Task<IActionResult> Index()
    {
        var settings = await account.SettingsAsync();
        var home = settings.HomeCurrency;
        var today = await account.TodayAsync();
        var month = new DateOnly(today.Year, today.Month, 1);
        var january = new DateOnly(today.Year, 1, 1);
        // One grouped statement covers both the 12-month chart and the whole of this year.
        var months = await LedgerFigures.MonthsAsync(db, month.AddMonths(-11) < january ? month.AddMonths(-11) : january, new DateOnly(today.Year, 12, 1));
        var pipeline = await db.Clients.AsNoTracking()
            .Where(c => c.Stage == ClientStage.Lead || c.Stage == ClientStage.Negotiation)
            .GroupBy(c => c.Currency)
            .Select(g => new CurrencyTotal(g.Key, g.Sum(c => c.ContractValue), g.Count()))
            .ToListAsync();
        // The same read as the top bar's timer (one statement per request for both).
        var timer = await current.TimerAsync() is { } running ? new DashboardTimer(running.ProjectId, running.ProjectName, running.ServiceName, running.StartedAt) : null;

        PeriodFigures Figures(Func<MonthFigures, bool> which) => new(
            LedgerEntry.FromMinor(months.Where(which).Sum(m => m.IncomeMinor), home),
            LedgerEntry.FromMinor(months.Where(which).Sum(m => m.ExpenseMinor), home));
        var thisMonth = LedgerEntry.PeriodOf(today);
        return View(new DashboardModel(home, pipeline, today,
            Figures(m => m.Period == thisMonth), Figures(m => m.Period / 100 == today.Year),
            months.Where(m => m.Period <= thisMonth).TakeLast(12).ToList(),
            await receivables.AgingAsync(today), await work.UnbilledTotalsAsync(), await forecasts.ForecastAsync(today, home, withBalances: false), timer));
    }
}

public sealed record CurrencyTotal(string Currency, decimal Amount, int Count);

public sealed record PeriodFigures(decimal Income, decimal Expenses)
{
    public decimal Net => Income - Expenses;
}

public sealed record DashboardTimer(int ProjectId, string ProjectName, string? ServiceName, DateTimeOffset StartedAt);

public sealed record DashboardModel(
    string HomeCurrency, IReadOnlyList<CurrencyTotal> Pipeline, DateOnly Today,
    PeriodFigures ThisMonth, PeriodFigures ThisYear, IReadOnlyList<MonthFigures> LastTwelveMonths,
    AgingReport Receivables, IReadOnlyList<UnbilledTotal> Unbilled, Forecast Forecast, DashboardTimer? Timer)
{
    /// <summary>Money receivable as the ledger holds it (open incomes, in the home currency).</summary>
    public decimal Receivable => LedgerEntry.FromMinor(Forecast.ReceivableMinor, HomeCurrency);

    /// <summary>The part of it already past its due date.</summary>
    public decimal ReceivableOverdue => LedgerEntry.FromMinor(Forecast.OverdueInMinor, HomeCurrency);
}
