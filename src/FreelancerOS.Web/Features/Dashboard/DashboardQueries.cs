using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Invoices;
using FreelancerOS.Web.Features.Ledger;
using FreelancerOS.Web.Features.Reports;
using FreelancerOS.Web.Infrastructure;
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
    private const int MonthPart = 0, SeriesPart = 1;

    /// <summary>Two statements (the ledger's figures, the open money per window), plus one per forecast source that has something to read (recurring invoices).</summary>
    public async Task<DashboardLedger> LedgerAsync(DateOnly today, DateOnly firstMonth, DateOnly lastMonth, string home, CancellationToken ct = default)
    {
        var end = today.AddDays(ForecastQueries.Horizons[^1]);
        var month = new DateOnly(today.Year, today.Month, 1);
        var (first, last) = (LedgerEntry.PeriodOf(firstMonth), LedgerEntry.PeriodOf(lastMonth));
        var (seriesFirst, seriesLast) = (LedgerEntry.PeriodOf(month.AddMonths(-3)), LedgerEntry.PeriodOf(end));

        var reads = new List<LedgerRow>();
        await foreach (var r in LedgerReads.For(db)(db, first, last, today, seriesFirst, seriesLast).WithCancellation(ct)) reads.Add(r);

        var figures = LedgerQueries.MonthsOf(firstMonth, lastMonth, reads.Where(r => r.Part == MonthPart).Select(r => (r.Period, r.Kind, r.Minor)));

        var openSums = await ForecastQueries.OpenByWindowAsync(db, today, ct);
        var repeating = Repeating(reads.Where(r => r.Part == SeriesPart).ToList(), today, end);
        var flows = repeating.Select(r => new ExpectedFlow(r.Next, LedgerKind.Expense, r.Minor, ForecastQueries.MonthlyExpense)).ToList();
        foreach (var source in sources) flows.AddRange(await source.FlowsAsync(today, end, ct));

        long Open(LedgerKind kind, Func<int, bool> window) => openSums.Where(o => o.Kind == kind && window(o.Window)).Sum(o => o.Minor);
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

    /// <summary>
    /// The ledger's read, compiled once: building and looking up this expression on every view cost about as much as
    /// running it. The kept monthly totals and the kept expense series the forecast repeats (<see cref="KeptExpenseSeries"/>).
    /// The open money per window is the forecast's own read (<see cref="ForecastQueries.OpenByWindowAsync"/>).
    /// </summary>
    private static readonly CompiledPerModel<Func<AppDbContext, int, int, DateOnly, int, int, IAsyncEnumerable<LedgerRow>>> LedgerReads = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, int first, int last, DateOnly today, int seriesFirst, int seriesLast) =>
            db.LedgerMonthTotals.AsNoTracking()
                .Where(t => t.Period >= first && t.Period <= last)
                .GroupBy(t => new { t.Period, t.Kind })
                .Select(g => new LedgerRow { Part = MonthPart, Kind = g.Key.Kind, Period = g.Key.Period, Date = today, Description = null, Vendor = null, CategoryId = null, Minor = g.Sum(t => t.HomeAmountMinor) })
            .Concat(db.ExpenseSeriesMonths.AsNoTracking()
                .Where(t => t.Period >= seriesFirst && t.Period <= seriesLast)
                .Select(t => new LedgerRow { Part = SeriesPart, Kind = LedgerKind.Expense, Period = t.Period, Date = t.LastDate, Description = t.Description,
                    Vendor = t.Vendor, CategoryId = t.CategoryId, Minor = t.HomeAmountMinor }))));

    // Set by name, not a constructor: EF's set operations take only shapes whose members it can see into.
    private sealed class LedgerRow
    {
        public int Part { get; init; }
        public LedgerKind Kind { get; init; }
        public int Period { get; init; }
        public DateOnly Date { get; init; }
        public string? Description { get; init; }
        public string? Vendor { get; init; }
        public int? CategoryId { get; init; }
        public long Minor { get; init; }
    }

    private static IReadOnlyList<RepeatingExpense> Repeating(IReadOnlyList<LedgerRow> months, DateOnly today, DateOnly end) =>
        ForecastQueries.Repeating(months.Select(m => ExpenseMonth.Of(new ExpenseSeriesMonth
        {
            Description = m.Description!, Vendor = m.Vendor!, CategoryId = m.CategoryId!.Value, Period = m.Period, LastDate = m.Date, HomeAmountMinor = m.Minor,
        })), today, end);

    /// <summary>
    /// One statement: the kept figures (pipeline value and unbilled work per currency, see <see cref="KeptDashboardTotals"/>),
    /// and what is still owed on issued invoices (Sent or Overdue) per currency with its overdue part, which depends on the day.
    /// </summary>
    public async Task<DashboardMoney> MoneyAsync(DateOnly today, CancellationToken ct = default)
    {
        var reads = new List<MoneyRow>();
        await foreach (var r in MoneyReads.For(db)(db, today).WithCancellation(ct)) reads.Add(r);
        return new DashboardMoney(
            reads.Where(r => r.Part == (int)DashboardFigure.Pipeline).OrderBy(r => r.Currency, StringComparer.Ordinal)
                .Select(r => new CurrencyTotal(r.Currency, r.Amount, r.Count)).ToList(),
            reads.Where(r => r.Part == OwedPart).OrderBy(r => r.Currency, StringComparer.Ordinal).Select(r =>
            {
                var owed = InvoiceStatusTotal.AmountOf(r.Units - r.PaidUnits);
                var notDueYet = reads.Where(d => d.Part == NotDuePart && d.Currency == r.Currency).Sum(d => d.Amount - d.Other);
                return new OwedTotal(r.Currency, owed, owed - notDueYet);
            }).ToList(),
            reads.Where(r => r.Part == (int)DashboardFigure.Unbilled).OrderBy(r => r.Currency)
                .Select(r => new UnbilledTotal(r.Currency, r.Other, r.Amount, r.Count)).ToList());
    }

    private const int OwedPart = -1, NotDuePart = -2;

    /// <summary>
    /// The money's read, compiled once for the same reason as <see cref="LedgerReads"/>. What is owed per currency comes from
    /// the kept totals of the open invoices (<see cref="InvoiceStatusTotal"/>, Sent and Overdue kept together), and its overdue
    /// part is that minus what is not due yet: only the open invoices due today or later are read (a range of the due-date
    /// index), so years of unpaid invoices add nothing to the read.
    /// </summary>
    private static readonly CompiledPerModel<Func<AppDbContext, DateOnly, IAsyncEnumerable<MoneyRow>>> MoneyReads = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, DateOnly today) => db.DashboardTotals.AsNoTracking()
            .Where(t => t.Figure == DashboardFigure.Pipeline || t.Figure == DashboardFigure.Unbilled)
            .Select(t => new MoneyRow { Part = (int)t.Figure, Currency = t.Currency, Amount = t.Value, Other = t.Hours, Count = t.Count, Units = 0L, PaidUnits = 0L })
            .Concat(db.InvoiceStatusTotals.AsNoTracking()
                .Where(t => t.Status == InvoiceStatus.Sent && t.Count != 0)
                .Select(t => new MoneyRow { Part = OwedPart, Currency = t.Currency, Amount = 0m, Other = 0m, Count = t.Count, Units = t.TotalUnits, PaidUnits = t.PaidUnits }))
            .Concat(db.Invoices.AsNoTracking()
                .Where(i => (i.Status == InvoiceStatus.Sent || i.Status == InvoiceStatus.Overdue) && i.DueDate >= today)
                .GroupBy(i => i.Currency)
                .Select(g => new MoneyRow { Part = NotDuePart, Currency = g.Key, Amount = g.Sum(i => i.Total), Other = g.Sum(i => i.AmountPaid), Count = g.Count(), Units = 0L, PaidUnits = 0L }))));

    private sealed class MoneyRow
    {
        public int Part { get; init; }
        public string Currency { get; init; } = "";
        public decimal Amount { get; init; }
        public decimal Other { get; init; }
        public int Count { get; init; }
        /// <summary>A kept total's amounts, in <see cref="InvoiceStatusTotal.UnitsPerAmount"/>.</summary>
        public long Units { get; init; }
        public long PaidUnits { get; init; }
    }
}
