using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Ledger;

/// <summary>The home-currency sum of one payment mode (null: not received / not paid yet) and kind.</summary>
public sealed record ModeBalanceGroup(int? PaymentModeId, LedgerKind Kind, long Minor);

/// <summary>What each payment mode holds today, shared by the Balances page, the forecast and the goals that follow a balance.</summary>
public static class LedgerBalances
{
    /// <summary>
    /// Sums per payment mode and kind of every entry dated up to <paramref name="today"/>: the kept all-time totals per
    /// kind and payment mode (<see cref="LedgerModeTotal"/>), less the entries dated after today (a date range of the
    /// date index, usually empty). A few rows whatever the years of entries (the months' totals, which this once read,
    /// grow by a few rows a month). One statement.
    /// </summary>
    public static async Task<IReadOnlyList<ModeBalanceGroup>> AsOfAsync(AppDbContext db, DateOnly today)
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
