using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Ledger;

/// <summary>The home-currency sum of one payment mode (null: not received / not paid yet) and kind.</summary>
public sealed record ModeBalanceGroup(int? PaymentModeId, LedgerKind Kind, long Minor);

/// <summary>What each payment mode holds today, shared by the Balances page and the goals that follow a balance.</summary>
public static class LedgerBalances
{
    /// <summary>
    /// Sums per payment mode and kind of every entry dated up to <paramref name="today"/>: the months before
    /// this one from the kept totals (a few rows per month, whatever the number of entries), this month's
    /// entries up to today from the entries themselves. One statement.
    /// </summary>
    public static async Task<IReadOnlyList<ModeBalanceGroup>> AsOfAsync(AppDbContext db, DateOnly today)
    {
        var period = LedgerEntry.PeriodOf(today);
        var before = db.LedgerMonthTotals.AsNoTracking()
            .Where(t => t.Period < period)
            .GroupBy(t => new { t.PaymentModeId, t.Kind })
            .Select(g => new { g.Key.PaymentModeId, g.Key.Kind, Minor = g.Sum(t => t.HomeAmountMinor) });
        // A date range (the date index), grouped on an expression: grouped on the plain mode column, SQLite
        // prefers the payment-mode index for its order and reads every entry of the account.
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var thisMonth = db.LedgerEntries.AsNoTracking()
            .Where(e => e.Date >= monthStart && e.Date <= today)
            .GroupBy(e => new { PaymentModeId = e.PaymentModeId ?? LedgerMonthTotal.None, e.Kind })
            .Select(g => new { g.Key.PaymentModeId, g.Key.Kind, Minor = g.Sum(e => e.HomeAmountMinor) });
        var groups = await before.Concat(thisMonth).ToListAsync();
        return groups
            .Select(g => new ModeBalanceGroup(KeptLedgerTotals.FromNone(g.PaymentModeId), g.Kind, g.Minor))
            .GroupBy(g => new { g.PaymentModeId, g.Kind })
            .Select(g => new ModeBalanceGroup(g.Key.PaymentModeId, g.Key.Kind, g.Sum(x => x.Minor)))
            .ToList();
    }

    /// <summary>
    /// The same sums as <see cref="AsOfAsync"/> from the kept all-time totals per kind and payment mode, less the entries
    /// dated after <paramref name="today"/> (a date range of the date index, usually empty): a few rows, whatever the
    /// years of entries. One statement.
    /// </summary>
    public static async Task<IReadOnlyList<ModeBalanceGroup>> KeptAsOfAsync(AppDbContext db, DateOnly today)
    {
        var sums = new List<ModeSum>();
        await foreach (var sum in KeptLessLater.For(db)(db, today)) sums.Add(sum);
        return sums
            .GroupBy(g => new { g.PaymentModeId, g.Kind })
            .Select(g => new ModeBalanceGroup(KeptLedgerTotals.FromNone(g.Key.PaymentModeId), g.Key.Kind, g.Sum(x => x.Minor)))
            .ToList();
    }

    // Compiled once: built and looked up again on every view it cost more than the few rows it reads.
    private static readonly CompiledPerModel<Func<AppDbContext, DateOnly, IAsyncEnumerable<ModeSum>>> KeptLessLater = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, DateOnly today) => db.LedgerModeTotals.AsNoTracking()
            .Select(t => new ModeSum { PaymentModeId = t.PaymentModeId, Kind = t.Kind, Minor = t.HomeAmountMinor })
            .Concat(db.LedgerEntries.AsNoTracking()
                .Where(e => e.Date > today)
                // Grouped on an expression, as above: on the plain mode column SQLite would walk the payment-mode index.
                .GroupBy(e => new { PaymentModeId = e.PaymentModeId ?? LedgerMonthTotal.None, e.Kind })
                .Select(g => new ModeSum { PaymentModeId = g.Key.PaymentModeId, Kind = g.Key.Kind, Minor = -g.Sum(e => e.HomeAmountMinor) }))));

    private sealed class ModeSum
    {
        public int PaymentModeId { get; init; }
        public LedgerKind Kind { get; init; }
        public long Minor { get; init; }
    }

    public static long Sum(this IEnumerable<ModeBalanceGroup> groups, int? paymentModeId, LedgerKind kind) =>
        groups.Where(g => g.PaymentModeId == paymentModeId && g.Kind == kind).Sum(g => g.Minor);

    /// <summary>Received income minus paid expenses of one payment mode, in minor units.</summary>
    public static long BalanceMinor(this IEnumerable<ModeBalanceGroup> groups, int paymentModeId)
    {
        var list = groups as IReadOnlyList<ModeBalanceGroup> ?? groups.ToList();
        return list.Sum(paymentModeId, LedgerKind.Income) - list.Sum(paymentModeId, LedgerKind.Expense);
    }
}
