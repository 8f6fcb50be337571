using FreelancerOS.Web.Data;
using FreelancerOS.Web.Infrastructure;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Invoices;
using FreelancerOS.Web.Features.Ledger;
using FreelancerOS.Web.Features.Reports;
using FreelancerOS.Web.Features.Time;
using Microsoft.AspNetCore.Mvc;

namespace FreelancerOS.Web.Features.Dashboard;

/// <summary>
/// The morning figures, with the rules of the pages they link to (see <see cref="DashboardQueries"/>); a fixed
/// handful of statements whatever the amount of data.
/// </summary>
public sealed class DashboardController(
    AppDbContext db, IEnumerable<IForecastSource> sources, CurrentAccount account, CurrentWork current) : Controller
{
    private readonly DashboardQueries queries = new(db, sources);

    [HttpGet("/")]
    [HttpGet("/dashboard")]
    public async Task<IActionResult> Index()
    {
        var settings = await account.SettingsAsync();
        var home = settings.HomeCurrency;
        var today = await account.TodayAsync();
        var month = new DateOnly(today.Year, today.Month, 1);
        var january = new DateOnly(today.Year, 1, 1);
        // One read covers the 12-month chart, the whole of this year and the forecast.
        var ledger = await queries.LedgerAsync(today, month.AddMonths(-11) < january ? month.AddMonths(-11) : january, new DateOnly(today.Year, 12, 1), home);
        var money = await queries.MoneyAsync(today);
        // The same read as the top bar's timer (one statement per request for both).
        var timer = await current.TimerAsync() is { } running ? new DashboardTimer(running.ProjectId, running.ProjectName, running.ServiceName, running.StartedAt) : null;

        var months = ledger.Months;
        PeriodFigures Figures(Func<MonthFigures, bool> which) => new(
            LedgerEntry.FromMinor(months.Where(which).Sum(m => m.IncomeMinor), home),
            LedgerEntry.FromMinor(months.Where(which).Sum(m => m.ExpenseMinor), home));
        var thisMonth = LedgerEntry.PeriodOf(today);
        return View(new DashboardModel(home, money.Pipeline, today,
            Figures(m => m.Period == thisMonth), Figures(m => m.Period / 100 == today.Year),
            months.Where(m => m.Period <= thisMonth).TakeLast(12).ToList(),
            money.Owed, money.Unbilled, ledger.Forecast, timer));
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
    IReadOnlyList<OwedTotal> Owed, IReadOnlyList<UnbilledTotal> Unbilled, Forecast Forecast, DashboardTimer? Timer)
{
    /// <summary>Money receivable as the ledger holds it (open incomes, in the home currency).</summary>
    public decimal Receivable => LedgerEntry.FromMinor(Forecast.ReceivableMinor, HomeCurrency);

    /// <summary>The part of it already past its due date.</summary>
    public decimal ReceivableOverdue => LedgerEntry.FromMinor(Forecast.OverdueInMinor, HomeCurrency);
}
