using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Invoices;
using FreelancerOS.Web.Features.Ledger;
using FreelancerOS.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Dashboard;

/// <summary>Money owed on issued invoices in one currency, and the part of it past its due date.</summary>
public sealed record OwedTotal(string Currency, decimal Total, decimal Overdue);

/// <summary>The dashboard's money per currency: pipeline value, owed on invoices, unbilled work.</summary>
public sealed record DashboardMoney(IReadOnlyList<CurrencyTotal> Pipeline, IReadOnlyList<OwedTotal> Owed, IReadOnlyList<UnbilledTotal> Unbilled);

/// <summary>The dashboard's ledger figures: income and expenses per month (kept totals) and the cash-flow forecast.</summary>
public sealed record DashboardLedger(IReadOnlyList<MonthFigures> Months, Forecast Forecast);

/// <summary>
/// The dashboard's figures in few statements: what the ledger says (kept monthly totals, open entries, the
/// expense series the forecast repeats) in one read, and the money per currency (the kept pipeline value and unbilled
/// work, money owed on invoices) in another. The rules are those of the pages the figures link to: the ledger's months
/// (<see cref="LedgerQueries.MonthsOf"/>), the forecast (<see cref="ForecastQueries"/>: open incomes on
/// their invoice's due date, unpaid expenses on their date, expenses that repeat monthly, the registered
/// sources) and the receivables aging (an invoice's balance is overdue from the day after its due date).
/// </summary>
public sealed class DashboardQueries(AppDbContext db, IEnumerable<IForecastSource> sources)
{
    private const int MonthPart = 0, OpenPart = 1, SeriesPart = 2;

    /// <summary>One statement, plus one per forecast source that has something to read (recurring invoices).</summary>
    public async Task<DashboardLedger> LedgerAsync(DateOnly today, DateOnly firstMonth, DateOnly lastMonth, string home, CancellationToken ct = default)
    {
        var end = today.AddDays(ForecastQueries.Horizons[^1]);
        var month = new DateOnly(today.Year, today.Month, 1);
        var (first, last) = (LedgerEntry.PeriodOf(firstMonth), LedgerEntry.PeriodOf(lastMonth));
        var (seriesFirst, seriesLast) = (LedgerEntry.PeriodOf(month.AddMonths(-3)), LedgerEntry.PeriodOf(end));

        var months = db.LedgerMonthTotals.AsNoTracking()
            .Where(t => t.Period >= first && t.Period <= last)
            .GroupBy(t => new { t.Period, t.Kind })
            .Select(g => new { Part = MonthPart, g.Key.Kind, g.Key.Period, Date = today, Description = (string?)null, Vendor = (string?)null, CategoryId = (int?)null, Minor = g.Sum(t => t.HomeAmountMinor) });
        // As the forecast reads them (an open income of an invoice is expected on the invoice's due date), summed per
        // window: the dashboard shows the windows' totals, not the days. Period holds the window.
        var open = ForecastQueries.OpenByWindow(db, today)
            .Select(o => new { Part = OpenPart, o.Kind, Period = o.Window, Date = today, Description = (string?)null, Vendor = (string?)null, CategoryId = (int?)null, o.Minor });
        var series = db.Expenses.AsNoTracking()
            .Where(e => e.Period >= seriesFirst && e.Period <= seriesLast)
            .GroupBy(e => new { e.Description, e.Vendor, e.CategoryId, e.Period })
            .Select(g => new { Part = SeriesPart, Kind = LedgerKind.Expense, g.Key.Period, Date = g.Max(e => e.Date), Description = (string?)g.Key.Description,
                g.Key.Vendor, g.Key.CategoryId, Minor = g.Sum(e => e.HomeAmountMinor) });
        // Set operations take anonymous shapes only: the records are made once the rows are read.
        var reads = (await months.Concat(open).Concat(series).ToListAsync(ct))
            .Select(r => new LedgerRead(r.Part, r.Kind, r.Period, r.Date, r.Description, r.Vendor, r.CategoryId, r.Minor)).ToList();

        var figures = LedgerQueries.MonthsOf(firstMonth, lastMonth, reads.Where(r => r.Part == MonthPart).Select(r => (r.Period, r.Kind, r.Minor)));

        var openSums = reads.Where(r => r.Part == OpenPart).ToList();
        var repeating = Repeating(reads.Where(r => r.Part == SeriesPart).ToList(), today, end);
        var flows = repeating.Select(r => new ExpectedFlow(r.Next, LedgerKind.Expense, r.Minor, ForecastQueries.MonthlyExpense)).ToList();
        foreach (var source in sources) flows.AddRange(await source.FlowsAsync(today, end, ct));

        long Open(LedgerKind kind, Func<int, bool> window) => openSums.Where(o => o.Kind == kind && window(o.Period)).Sum(o => o.Minor);
        var windows = ForecastQueries.Horizons.Select((days, k) =>
        {
            var until = today.AddDays(days);
            var due = flows.Where(f => f.Date >= today && f.Date <= until).ToList();
            bool Within(int window) => window >= 0 && window <= k;
            return new ForecastWindow(days, until,
                Open(LedgerKind.Income, Within) + due.Where(f => f.Kind == LedgerKind.Income).Sum(f => f.Minor),
                Open(LedgerKind.Expense, Within) + due.Where(f => f.Kind == LedgerKind.Expense).Sum(f => f.Minor));
        }).ToList();
        var late = flows.Where(f => f.Date < today).ToList();
        // The dashboard lists no flows (the forecast page does): Flows holds only those not from the open entries.
        var forecast = new Forecast(today, home, windows,
            Open(LedgerKind.Income, w => w == ForecastQueries.LateWindow) + late.Where(f => f.Kind == LedgerKind.Income).Sum(f => f.Minor),
            Open(LedgerKind.Expense, w => w == ForecastQueries.LateWindow) + late.Where(f => f.Kind == LedgerKind.Expense).Sum(f => f.Minor),
            [], repeating, flows.Where(f => f.Date >= today).ToList())
        {
            ReceivableMinor = Open(LedgerKind.Income, _ => true),
        };
        return new DashboardLedger(figures, forecast);
    }

    private static IReadOnlyList<RepeatingExpense> Repeating(IReadOnlyList<LedgerRead> months, DateOnly today, DateOnly end) =>
        ForecastQueries.Repeating(months.Select(m => new ExpenseMonth(m.Description!, m.Vendor, m.CategoryId, m.Period, m.Date, m.Minor)), today, end);

    /// <summary>
    /// One statement: the kept figures (pipeline value and unbilled work per currency, see <see cref="KeptDashboardTotals"/>),
    /// and what is still owed on issued invoices (Sent or Overdue) per currency with its overdue part, which depends on the day.
    /// </summary>
    public async Task<DashboardMoney> MoneyAsync(DateOnly today, CancellationToken ct = default)
    {
        var kept = db.DashboardTotals.AsNoTracking()
            .Select(t => new { Part = (int)t.Figure, t.Currency, Overdue = false, Amount = t.Value, Other = t.Hours, t.Count });
        var owed = db.Invoices.AsNoTracking()
            .Where(i => i.Status == InvoiceStatus.Sent || i.Status == InvoiceStatus.Overdue)
            .GroupBy(i => new { i.Currency, Overdue = i.DueDate < today })
            .Select(g => new { Part = OwedPart, g.Key.Currency, g.Key.Overdue, Amount = g.Sum(i => i.Total), Other = g.Sum(i => i.AmountPaid), Count = g.Count() });
        var reads = await kept.Concat(owed).ToListAsync(ct);
        return new DashboardMoney(
            reads.Where(r => r.Part == (int)DashboardFigure.Pipeline).OrderBy(r => r.Currency, StringComparer.Ordinal)
                .Select(r => new CurrencyTotal(r.Currency, r.Amount, r.Count)).ToList(),
            reads.Where(r => r.Part == OwedPart).GroupBy(r => r.Currency).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new OwedTotal(g.Key, g.Sum(r => r.Amount - r.Other), g.Where(r => r.Overdue).Sum(r => r.Amount - r.Other))).ToList(),
            reads.Where(r => r.Part == (int)DashboardFigure.Unbilled).OrderBy(r => r.Currency)
                .Select(r => new UnbilledTotal(r.Currency, r.Other, r.Amount, r.Count)).ToList());
    }

    private const int OwedPart = -1;

    private sealed record LedgerRead(int Part, LedgerKind Kind, int Period, DateOnly Date, string? Description, string? Vendor, int? CategoryId, long Minor);
}
