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
    /// The open (not received, not paid) entries summed per kind and the day they are expected, in home-currency minor
    /// units (an income of an invoice on the invoice's due date, anything else on its own date), for the forecast's days
    /// only: what is expected from <paramref name="today"/> to
    /// <paramref name="end"/> per day, and what is expected earlier (overdue) or later summed per kind on the day before
    /// today and the day after the end. The page lists the coming days' money and totals the rest. One statement, which
    /// reads only the open entries expected from today on (<see cref="OpenDays"/>); the overdue rest is the kept open
    /// totals less those (<see cref="WithLate"/>), so years of entries left open add nothing to the read.
    /// </summary>
    public static async Task<List<ExpectedMoney>> OpenByExpectedDayAsync(AppDbContext db, DateOnly today, DateOnly end, CancellationToken ct = default)
    {
        var sums = new List<OpenSum>();
        await foreach (var sum in OpenDays.For(db)(db, today, today.AddDays(-1), end, end.AddDays(1)).WithCancellation(ct)) sums.Add(sum);
        return WithLate(sums).Select(o => new ExpectedMoney { Kind = o.Kind, Expected = o.Day, Minor = o.Minor }).ToList();
    }

    /// <summary>
    /// The open entries expected on <paramref name="today"/> or later, per kind and day (a day after the end on the day after
    /// it), read by ranges of dates: an entry of no invoice by its own date (the kinds written out, so the unpaid entries'
    /// index gives a range of dates for each), an invoice's entries by the invoice's due date (the due-date index, then the
    /// entries of each such invoice); and every open entry's money and count per kind, kept in the same transaction as the
    /// entries (<see cref="LedgerModeTotal"/>), on the day before today, where <see cref="WithLate"/> leaves what is late.
    /// Compiled once: building and looking up this union on every view cost about as much as running it.
    /// </summary>
    private static readonly CompiledPerModel<Func<AppDbContext, DateOnly, DateOnly, DateOnly, DateOnly, IAsyncEnumerable<OpenSum>>> OpenDays = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, DateOnly today, DateOnly late, DateOnly end, DateOnly beyond) =>
            (from o in db.LedgerEntries.AsNoTracking()
                    // "No invoice" as COALESCE(InvoiceId, 0) = 0 (ids start at 1): as InvoiceId IS NULL the planner may read every
                    // entry of no invoice through the invoice index instead of the range of dates.
                    .Where(e => e.PaymentModeId == null && (e.Kind == LedgerKind.Income || e.Kind == LedgerKind.Expense) && e.Date >= today
                        && e.InvoiceId.GetValueOrDefault() == 0)
                    .Select(e => new OpenEntry { Kind = e.Kind, Expected = e.Date, Minor = e.HomeAmountMinor })
                    .Concat(
                        from i in db.Invoices.AsNoTracking()
                        where i.DueDate >= today
                        join e in db.LedgerEntries on (int?)i.Id equals e.InvoiceId
                        where e.PaymentModeId == null
                        select new OpenEntry { Kind = e.Kind, Expected = i.DueDate, Minor = e.HomeAmountMinor })
                group o.Minor by new { o.Kind, Day = o.Expected > end ? beyond : o.Expected } into g
                select new OpenSum { Kind = g.Key.Kind, Day = g.Key.Day, Minor = g.Sum(), Count = g.Count(), Kept = false })
            .Concat(db.LedgerModeTotals.AsNoTracking().Where(t => t.PaymentModeId == LedgerMonthTotal.None)
                .Select(t => new OpenSum { Kind = t.Kind, Day = late, Minor = t.HomeAmountMinor, Count = t.Count, Kept = true }))));

    /// <summary>Where <see cref="OpenByWindowAsync"/> puts money expected before today (overdue) and after the last horizon.</summary>
    public const int LateWindow = -1, BeyondWindow = 3;

    /// <summary>
    /// The same open money as <see cref="OpenByExpectedDayAsync"/>, summed per kind and window instead of per day: overdue
    /// (<see cref="LateWindow"/>), then 0, 1, 2 for up to 30, 31 to 60 and 61 to 90 days from today (the
    /// <see cref="Horizons"/>), and <see cref="BeyondWindow"/> after. A handful of rows, for a page that shows the
    /// windows' totals but not the days (the dashboard), however many open entries there are: the days up to the last
    /// horizon (<see cref="OpenByExpectedDayAsync"/>, one statement) summed per window.
    /// </summary>
    public static async Task<List<ExpectedWindow>> OpenByWindowAsync(AppDbContext db, DateOnly today, CancellationToken ct = default)
    {
        var (first, second, third) = (today.AddDays(Horizons[0]), today.AddDays(Horizons[1]), today.AddDays(Horizons[2]));
        int Window(DateOnly day) => day < today ? LateWindow : day <= first ? 0 : day <= second ? 1 : day <= third ? 2 : BeyondWindow;
        return (await OpenByExpectedDayAsync(db, today, third, ct))
            .GroupBy(d => (d.Kind, Window: Window(d.Expected)))
            .Select(g => new ExpectedWindow { Kind = g.Key.Kind, Window = g.Key.Window, Minor = g.Sum(d => d.Minor) }).ToList();
    }

    // Properties set by name, not a constructor: EF groups on the members of a projection it can see into.
    private sealed class OpenEntry
    {
        public LedgerKind Kind { get; init; }
        public DateOnly Expected { get; init; }
        public long Minor { get; init; }
    }

    /// <summary>
    /// The sums from today on as they are and, per kind, what is left of its kept open total (money and count): what was
    /// expected before today, on the kept row's day. A kind with no entry left before today has no such row.
    /// </summary>
    private static IEnumerable<OpenSum> WithLate(List<OpenSum> sums)
    {
        var coming = sums.Where(s => !s.Kept).ToList();
        foreach (var kept in sums.Where(s => s.Kept))
        {
            var mine = coming.Where(s => s.Kind == kept.Kind).ToList();
            var count = kept.Count - mine.Sum(s => s.Count);
            if (count > 0) yield return new OpenSum { Kind = kept.Kind, Day = kept.Day, Minor = kept.Minor - mine.Sum(s => s.Minor), Count = count };
        }
        foreach (var s in coming) yield return s;
    }

    /// <summary>Open money of one kind on one day, or (<see cref="Kept"/>) a kind's kept open total.</summary>
    private sealed class OpenSum
    {
        public LedgerKind Kind { get; init; }
        public DateOnly Day { get; init; }
        public long Minor { get; init; }
        public int Count { get; init; }
        public bool Kept { get; init; }
    }

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
        IReadOnlyList<BalanceRow> modes = withBalances ? (await LedgerQueries.BalancesAsync(db, today)).Rows : [];
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

/// <summary>Open money of one kind expected on one day (<see cref="ForecastQueries.OpenByExpectedDayAsync"/>).</summary>
public sealed class ExpectedMoney
{
    public LedgerKind Kind { get; init; }
    public DateOnly Expected { get; init; }
    public long Minor { get; init; }
}

/// <summary>Open money of one kind expected in one window (<see cref="ForecastQueries.OpenByWindowAsync"/>).</summary>
public sealed class ExpectedWindow
{
    public LedgerKind Kind { get; init; }
    public int Window { get; init; }
    public long Minor { get; init; }
}
