using System.Linq.Expressions;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Workflow;

/// <summary>
/// The grid's totals per currency (amount, received, count) for a filter. The whole months of a filter on period and
/// "received" only (the default, "all time", included) come from the ledger's kept monthly totals, so they read a few
/// rows per month instead of every client income; the days of a month the range cuts into, and the filters the kept
/// totals cannot answer (client, unlinked, text), sum the incomes. The kept totals hold both the home-currency and the
/// own-currency sums, so the default view reads no income at all; the summed incomes of a foreign currency are summed
/// again in their own currency, from the same narrowed query (only the cut days, or the filter's incomes).
/// </summary>
public static class WorkflowTotals
{
    /// <summary>Own: the own-currency sum in minor units, kept (null for groups summed from the incomes, whose foreign sums are read apart).</summary>
    private sealed record Group(string Currency, bool Received, long Minor, int Count, long? Own = null);

    /// <summary>The totals with the kept months read by the compiled <see cref="Kept"/> (the grid's client category as its subquery).</summary>
    public static Task<IReadOnlyList<WorkflowTotal>> ForFilterAsync(AppDbContext db, WorkflowFilter filter, IQueryable<Income> filtered,
        DateOnly today, string home, CancellationToken ct) =>
        ForFilterAsync(db, filter, () => filtered, today, home, ct);

    /// <summary>The same, the filter's incomes built only when they are summed (<paramref name="filtered"/> is called at most once per part).</summary>
    public static Task<IReadOnlyList<WorkflowTotal>> ForFilterAsync(AppDbContext db, WorkflowFilter filter, Func<IQueryable<Income>> filtered,
        DateOnly today, string home, CancellationToken ct) =>
        ForFilterAsync(filter, filtered, today, home, async (first, last) =>
        {
            var groups = new List<Group>();
            await foreach (var g in Kept.For(db)(db, first, last, filter.Received == "yes" ? true : null,
                               filter.Received == "no" ? true : null).WithCancellation(ct))
                groups.Add(new Group(g.Currency, g.PaymentModeId != LedgerMonthTotal.None, g.Minor, g.Count, g.Own));
            return groups;
        }, ct);

    /// <summary>The totals with the kept months of the given client category read by a query built for the call.</summary>
    public static Task<IReadOnlyList<WorkflowTotal>> ForFilterAsync(AppDbContext db, WorkflowFilter filter, IQueryable<Income> filtered,
        Expression<Func<LedgerMonthTotal, bool>> inClientCategory, DateOnly today, string home, CancellationToken ct) =>
        ForFilterAsync(filter, () => filtered, today, home, async (first, last) =>
        {
            var kept = db.LedgerMonthTotals.AsNoTracking().Where(x => x.Kind == LedgerKind.Income).Where(inClientCategory);
            if (first is { } a) kept = kept.Where(x => x.Period >= a);
            if (last is { } b) kept = kept.Where(x => x.Period <= b);
            if (filter.Received == "yes") kept = kept.Where(x => x.PaymentModeId != LedgerMonthTotal.None);
            else if (filter.Received == "no") kept = kept.Where(x => x.PaymentModeId == LedgerMonthTotal.None);
            return (await kept.GroupBy(x => new { x.Currency, x.PaymentModeId })
                    .Select(g => new { g.Key.Currency, g.Key.PaymentModeId, Minor = g.Sum(x => x.HomeAmountMinor), Count = g.Sum(x => x.Count), Own = g.Sum(x => x.AmountMinor) })
                    .ToListAsync(ct))
                .Select(g => new Group(g.Currency, g.PaymentModeId != LedgerMonthTotal.None, g.Minor, g.Count, g.Own)).ToList();
        }, ct);

    /// <summary>keptGroups: the kept rows of the whole months between two periods (yyyymm, both included; null for an open end).</summary>
    private static async Task<IReadOnlyList<WorkflowTotal>> ForFilterAsync(WorkflowFilter filter, Func<IQueryable<Income>> filtered,
        DateOnly today, string home, Func<int?, int?, Task<List<Group>>> keptGroups, CancellationToken ct)
    {
        if (filter.Client is not null || filter.Unlinked || !string.IsNullOrWhiteSpace(filter.Q)) return await FromIncomesAsync(filtered(), home, ct);
        var (from, to) = filter.Range(today);
        // The whole months of the range, as the ledger's totals take them (yyyymm).
        int? first = from is { } f ? (f.Day == 1 ? LedgerEntry.PeriodOf(f) : NextPeriod(LedgerEntry.PeriodOf(f))) : null;
        int? last = to is { } t ? (t == LastDay(t) ? LedgerEntry.PeriodOf(t) : PreviousPeriod(LedgerEntry.PeriodOf(t))) : null;
        if (first > last) return await FromIncomesAsync(filtered(), home, ct);

        var groups = await keptGroups(first, last);
        // The cut months, each as a date range of its own so that the date index reads only their days.
        var summed = new List<IQueryable<Income>>();
        if (from is { } start && start.Day != 1) summed.Add(filtered().Where(i => i.Date <= LastDay(start)));
        if (to is { } end && end != LastDay(end)) summed.Add(filtered().Where(i => i.Date >= new DateOnly(end.Year, end.Month, 1)));
        var foreign = new List<ForeignSum>();
        foreach (var part in summed)
        {
            var partGroups = await GroupsAsync(part, ct);
            groups.AddRange(partGroups);
            foreign.AddRange(await ForeignAsync(partGroups, part, home, ct));
        }
        return Combine(groups, foreign, home);
    }

    private sealed record KeptGroup(string Currency, int PaymentModeId, long Minor, int Count, long Own);

    /// <summary>
    /// The kept monthly totals of the client incomes for whole months (yyyymm, both ends included; null for an open end, left
    /// out of the statement: a bound on the period would make SQLite read them by period and sort them for the grouping) and
    /// "received" (true for received only, or not received only, or null for both). Grouped on the columns themselves (received or not is folded
    /// later): the rows are then summed in the order of their covering index, without sorting them first. Compiled once, as
    /// every view of the grid starts with it.
    /// </summary>
    private static readonly CompiledPerModel<Func<AppDbContext, int?, int?, bool?, bool?, IAsyncEnumerable<KeptGroup>>> Kept = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, int? first, int? last, bool? received, bool? notReceived) => db.LedgerMonthTotals.AsNoTracking()
            .Where(x => x.Kind == LedgerKind.Income && x.CategoryId == (db.LedgerCategories
                .Where(c => c.IsBuiltIn && c.Kind == LedgerKind.Income && c.Name == LedgerCategory.ClientClassification)
                .Select(c => (int?)c.Id).FirstOrDefault() ?? 0))
            .Where(x => first == null || x.Period >= first)
            .Where(x => last == null || x.Period <= last)
            .Where(x => received == null || x.PaymentModeId != LedgerMonthTotal.None)
            .Where(x => notReceived == null || x.PaymentModeId == LedgerMonthTotal.None)
            .GroupBy(x => new { x.Currency, x.PaymentModeId })
            .Select(g => new KeptGroup(g.Key.Currency, g.Key.PaymentModeId, g.Sum(x => x.HomeAmountMinor), g.Sum(x => x.Count), g.Sum(x => x.AmountMinor)))));

    /// <summary>Every income of the filter summed (home-currency amounts on their integer minor units).</summary>
    public static async Task<IReadOnlyList<WorkflowTotal>> FromIncomesAsync(IQueryable<Income> filtered, string home, CancellationToken ct)
    {
        var groups = await GroupsAsync(filtered, ct);
        return Combine(groups, await ForeignAsync(groups, filtered, home, ct), home);
    }

    // Integer yyyymm arithmetic: never out of DateOnly's range at its ends.
    private static int NextPeriod(int period) => period % 100 == 12 ? (period / 100 + 1) * 100 + 1 : period + 1;

    private static int PreviousPeriod(int period) => period % 100 == 1 ? (period / 100 - 1) * 100 + 12 : period - 1;

    private static DateOnly LastDay(DateOnly d) => new(d.Year, d.Month, DateTime.DaysInMonth(d.Year, d.Month));

    /// <summary>
    /// Home-currency rows are summed on their integer minor units (exact, since their rate is 1): summing decimals,
    /// which SQLite stores as text, costs 30-60 times more. Only foreign-currency rows are summed as decimals.
    /// </summary>
    private static Task<List<Group>> GroupsAsync(IQueryable<Income> filtered, CancellationToken ct) =>
        filtered.GroupBy(i => new { i.Currency, Received = i.PaymentModeId != null })
            .Select(g => new Group(g.Key.Currency, g.Key.Received, g.Sum(i => i.HomeAmountMinor), g.Count(), null))
            .ToListAsync(ct);

    private sealed record ForeignSum(string Currency, bool Received, decimal Sum);

    /// <summary>The foreign-currency incomes of summed groups, summed in their own currency (none read when every group is in the home currency).</summary>
    private static async Task<List<ForeignSum>> ForeignAsync(List<Group> groups, IQueryable<Income> summed, string home, CancellationToken ct)
    {
        var foreignCurrencies = groups.Where(g => g.Currency != home && g.Count > 0).Select(g => g.Currency).Distinct().ToList();
        return foreignCurrencies.Count == 0 ? [] : await summed.Where(i => foreignCurrencies.Contains(i.Currency))
            .GroupBy(i => new { i.Currency, Received = i.PaymentModeId != null })
            .Select(g => new ForeignSum(g.Key.Currency, g.Key.Received, g.Sum(i => i.Amount))).ToListAsync(ct);
    }

    private static IReadOnlyList<WorkflowTotal> Combine(List<Group> groups, List<ForeignSum> foreign, string home)
    {
        // Kept rows of months whose entries all left them stay with a count of zero: they are no currency of the filter.
        var currencies = groups.GroupBy(g => g.Currency).Where(c => c.Sum(g => g.Count) > 0).Select(c => c.Key).ToList();
        decimal Sum(string currency, bool? received)
        {
            bool Match(bool r) => received is null || r == received;
            if (currency == home) return LedgerEntry.FromMinor(groups.Where(g => g.Currency == home && Match(g.Received)).Sum(g => g.Minor), home);
            var kept = LedgerEntry.FromMinor(groups.Where(g => g.Currency == currency && Match(g.Received)).Sum(g => g.Own ?? 0), currency);
            return kept + foreign.Where(g => g.Currency == currency && Match(g.Received)).Sum(g => g.Sum);
        }
        return currencies.OrderBy(c => c)
            .Select(c => new WorkflowTotal(c, Sum(c, null), Sum(c, true), groups.Where(g => g.Currency == c).Sum(g => g.Count))).ToList();
    }
}
