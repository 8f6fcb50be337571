using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Ledger;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Reports;

/// <summary>Money expected to move on a date, in home-currency minor units.</summary>
public sealed record ExpectedFlow(DateOnly Date, LedgerKind Kind, long Minor, string Source);

/// <summary>
/// Expected money that is not in the ledger yet. Recurring invoices will register one that yields their
/// next runs in the window; until they exist, no source is registered and the forecast reads the ledger only.
/// </summary>
public interface IForecastSource
{
    Task<IReadOnlyList<ExpectedFlow>> FlowsAsync(DateOnly from, DateOnly to, CancellationToken ct);
}

/// <summary>
/// The cash-flow forecast, in the home currency as the ledger stores it (each open entry's amount at the
/// rate frozen on it). Money in: the open (not received) incomes, an invoice's on its due date (that open
/// income is exactly the invoice's balance), any other on its own date. Money out: unpaid expenses on their
/// date, and expenses that repeat monthly (same description, vendor and category in each of the last three
/// months) projected on the same day of the coming months they are not entered for yet. Anything expected
/// before today is overdue: shown apart, never counted as arriving on time.
/// </summary>
public sealed class ForecastQueries(AppDbContext db, IEnumerable<IForecastSource> sources)
{
    public static readonly IReadOnlyList<int> Horizons = [30, 60, 90];

    public const string OpenIncome = "Open invoices and incomes";
    public const string UnpaidExpense = "Unpaid expenses";
    public const string MonthlyExpense = "Expenses that repeat monthly";

    /// <summary>
    /// The open (not received, not paid) entries summed per kind and the day they are expected, in home-currency
    /// minor units: an income of an invoice on the invoice's due date, anything else on its own date. The
    /// forecast reads them for its days (the overload below), the dashboard per window (<see cref="OpenByWindow"/>).
    /// </summary>
    public static IQueryable<ExpectedMoney> OpenByExpectedDay(AppDbContext db) =>
        from o in OpenEntries(db)
        group o.Minor by new { o.Kind, o.Expected } into g
        select new ExpectedMoney { Kind = g.Key.Kind, Expected = g.Key.Expected, Minor = g.Sum() };

    /// <summary>
    /// <see cref="OpenByExpectedDay"/> for the forecast's days only: what is expected from <paramref name="today"/> to
    /// <paramref name="end"/> per day, and what is expected earlier (overdue) or later summed per kind on the day before
    /// today and the day after the end. The page lists the coming days' money and totals the rest; ten years leave open
    /// entries on a hundred and more past days, which come back as one row.
    /// </summary>
    public static async Task<List<ExpectedMoney>> OpenByExpectedDayAsync(AppDbContext db, DateOnly today, DateOnly end, CancellationToken ct = default)
    {
        var days = new List<ExpectedMoney>();
        await foreach (var d in OpenDays.For(db)(db, today, today.AddDays(-1), end, end.AddDays(1)).WithCancellation(ct)) days.Add(d);
        return days;
    }

    // Compiled once: building and looking up this grouped join on every view cost about as much as running it. The open
    // entries as OpenEntries reads them (the tests compare the two).
    private static readonly CompiledPerModel<Func<AppDbContext, DateOnly, DateOnly, DateOnly, DateOnly, IAsyncEnumerable<ExpectedMoney>>> OpenDays = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, DateOnly today, DateOnly late, DateOnly end, DateOnly beyond) =>
            from e in db.LedgerEntries.AsNoTracking()
            where e.PaymentModeId == null
            join i in db.Invoices on e.InvoiceId equals (int?)i.Id into invoices
            from i in invoices.DefaultIfEmpty()
            let expected = i != null ? i.DueDate : e.Date
            group e.HomeAmountMinor by new { e.Kind, Expected = expected < today ? late : expected > end ? beyond : expected } into g
            select new ExpectedMoney { Kind = g.Key.Kind, Expected = g.Key.Expected, Minor = g.Sum() }));

    /// <summary>Where <see cref="OpenByWindow"/> puts money expected before today (overdue) and after the last horizon.</summary>
    public const int LateWindow = -1, BeyondWindow = 3;

    /// <summary>
    /// The same open money as <see cref="OpenByExpectedDay"/>, summed per kind and window instead of per day: overdue
    /// (<see cref="LateWindow"/>), then 0, 1, 2 for up to 30, 31 to 60 and 61 to 90 days from today (the
    /// <see cref="Horizons"/>), and <see cref="BeyondWindow"/> after. A handful of rows, for a page that shows the
    /// windows' totals but not the days (the dashboard), however many open entries there are.
    /// </summary>
    public static IQueryable<ExpectedWindow> OpenByWindow(AppDbContext db, DateOnly today)
    {
        var (first, second, third) = (today.AddDays(Horizons[0]), today.AddDays(Horizons[1]), today.AddDays(Horizons[2]));
        return from o in OpenEntries(db)
            group o.Minor by new
            {
                o.Kind,
                Window = o.Expected < today ? LateWindow : o.Expected <= first ? 0 : o.Expected <= second ? 1 : o.Expected <= third ? 2 : BeyondWindow,
            } into g
            select new ExpectedWindow { Kind = g.Key.Kind, Window = g.Key.Window, Minor = g.Sum() };
    }

    // Properties set by name, not a constructor: EF groups on the members of a projection it can see into.
    private sealed class OpenEntry
    {
        public LedgerKind Kind { get; init; }
        public DateOnly Expected { get; init; }
        public long Minor { get; init; }
    }

    /// <summary>Every open entry with the day it is expected (its invoice's due date, or its own date), in minor units.</summary>
    private static IQueryable<OpenEntry> OpenEntries(AppDbContext db) =>
        from e in db.LedgerEntries.AsNoTracking()
        where e.PaymentModeId == null
        join i in db.Invoices on e.InvoiceId equals (int?)i.Id into invoices
        from i in invoices.DefaultIfEmpty()
        select new OpenEntry { Kind = e.Kind, Expected = i != null ? i.DueDate : e.Date, Minor = e.HomeAmountMinor };

    /// <summary>Two statements, three more with the payment-mode balances.</summary>
    public async Task<Forecast> ForecastAsync(DateOnly today, string home, bool withBalances, CancellationToken ct = default)
    {
        var end = today.AddDays(Horizons[^1]);
        var open = await OpenByExpectedDayAsync(db, today, end, ct);
        var receivable = open.Where(o => o.Kind == LedgerKind.Income).Sum(o => o.Minor);
        var flows = open.Where(o => o.Expected <= end).Select(o => new ExpectedFlow(o.Expected, o.Kind, o.Minor, o.Kind == LedgerKind.Income ? OpenIncome : UnpaidExpense)).ToList();
        var repeating = await RepeatingExpensesAsync(today, end, ct);
        flows.AddRange(repeating.Select(r => new ExpectedFlow(r.Next, LedgerKind.Expense, r.Minor, MonthlyExpense)));
        foreach (var source in sources) flows.AddRange(await source.FlowsAsync(today, end, ct));

        var windows = Horizons.Select(days =>
        {
            var until = today.AddDays(days);
            var due = flows.Where(f => f.Date >= today && f.Date <= until).ToList();
            return new ForecastWindow(days, until,
                due.Where(f => f.Kind == LedgerKind.Income).Sum(f => f.Minor),
                due.Where(f => f.Kind == LedgerKind.Expense).Sum(f => f.Minor));
        }).ToList();
        var late = flows.Where(f => f.Date < today).ToList();
        IReadOnlyList<BalanceRow> modes = withBalances ? (await LedgerQueries.BalancesAsync(db, today, fromModeTotals: true)).Rows : [];
        return new Forecast(today, home, windows,
            late.Where(f => f.Kind == LedgerKind.Income).Sum(f => f.Minor), late.Where(f => f.Kind == LedgerKind.Expense).Sum(f => f.Minor),
            modes, repeating, flows.Where(f => f.Date >= today).ToList()) { ReceivableMinor = receivable };
    }

    /// <summary>One statement: the kept expense series (<see cref="KeptExpenseSeries"/>) of the three months before this one up to the horizon's month.</summary>
    private async Task<IReadOnlyList<RepeatingExpense>> RepeatingExpensesAsync(DateOnly today, DateOnly end, CancellationToken ct)
    {
        var month = new DateOnly(today.Year, today.Month, 1);
        var first = LedgerEntry.PeriodOf(month.AddMonths(-3));
        var last = LedgerEntry.PeriodOf(end);
        var months = new List<ExpenseMonth>();
        await foreach (var m in ExpenseMonths.For(db)(db, first, last).WithCancellation(ct)) months.Add(ExpenseMonth.Of(m));
        return Repeating(months, today, end);
    }

    // Compiled once: building and looking up the query on every view cost about as much as running it.
    private static readonly CompiledPerModel<Func<AppDbContext, int, int, IAsyncEnumerable<ExpenseSeriesMonth>>> ExpenseMonths = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, int first, int last) => db.ExpenseSeriesMonths.AsNoTracking().Where(t => t.Period >= first && t.Period <= last)));

    /// <summary>
    /// Expenses that repeat monthly (same description, vendor and category in each of the three months before
    /// this one), projected on the same day of each coming month up to <paramref name="end"/> they are not
    /// entered for yet, at last month's amount. The forecast and the dashboard both use this rule.
    /// </summary>
    public static IReadOnlyList<RepeatingExpense> Repeating(IEnumerable<ExpenseMonth> months, DateOnly today, DateOnly end)
    {
        var month = new DateOnly(today.Year, today.Month, 1);
        var previous = Enumerable.Range(1, 3).Select(k => LedgerEntry.PeriodOf(month.AddMonths(-k))).ToList();
        var found = new List<RepeatingExpense>();
        foreach (var series in months.GroupBy(m => (m.Description, m.Vendor, m.CategoryId)))
        {
            if (!previous.All(p => series.Any(m => m.Period == p))) continue;
            var latest = series.Single(m => m.Period == previous[0]);
            for (var k = 0; ; k++)
            {
                var target = month.AddMonths(k);
                if (target > end) break;
                if (series.Any(m => m.Period == LedgerEntry.PeriodOf(target))) continue; // already in the ledger (paid or not)
                var day = Math.Min(latest.Last.Day, DateTime.DaysInMonth(target.Year, target.Month));
                var date = new DateOnly(target.Year, target.Month, day);
                if (date >= today && date <= end)
                    found.Add(new RepeatingExpense(series.Key.Description, series.Key.Vendor, date, latest.Minor));
            }
        }
        return found.OrderBy(f => f.Next).ThenBy(f => f.Description).ToList();
    }
}

/// <summary>One series' expenses in one month (home-currency minor units), with the latest date.</summary>
public sealed record ExpenseMonth(string Description, string? Vendor, int? CategoryId, int Period, DateOnly Last, long Minor)
{
    public static ExpenseMonth Of(ExpenseSeriesMonth kept) => new(kept.Description, ExpenseSeriesMonth.VendorOf(kept.Vendor),
        KeptLedgerTotals.FromNone(kept.CategoryId), kept.Period, kept.LastDate, kept.HomeAmountMinor);
}

/// <summary>A monthly expense not entered yet for a coming month, at last month's amount.</summary>
public sealed record RepeatingExpense(string Description, string? Vendor, DateOnly Next, long Minor);

public sealed record ForecastWindow(int Days, DateOnly Until, long InMinor, long OutMinor)
{
    public long NetMinor => InMinor - OutMinor;
}

public sealed record Forecast(
    DateOnly Today, string HomeCurrency, IReadOnlyList<ForecastWindow> Windows, long OverdueInMinor, long OverdueOutMinor,
    IReadOnlyList<BalanceRow> Modes, IReadOnlyList<RepeatingExpense> Repeating, IReadOnlyList<ExpectedFlow> Flows)
{
    /// <summary>Every income not received yet, whenever it is expected (the ledger's "money receivable").</summary>
    public long ReceivableMinor { get; init; }

    /// <summary>What the payment modes hold today.</summary>
    public long BalanceMinor => Modes.Sum(m => m.BalanceMinor);
}

/// <summary>Open money of one kind expected on one day (<see cref="ForecastQueries.OpenByExpectedDay"/>).</summary>
public sealed class ExpectedMoney
{
    public LedgerKind Kind { get; init; }
    public DateOnly Expected { get; init; }
    public long Minor { get; init; }
}

/// <summary>Open money of one kind expected in one window (<see cref="ForecastQueries.OpenByWindow"/>).</summary>
public sealed class ExpectedWindow
{
    public LedgerKind Kind { get; init; }
    public int Window { get; init; }
    public long Minor { get; init; }
}
