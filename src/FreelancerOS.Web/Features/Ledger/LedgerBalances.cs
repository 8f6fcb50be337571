using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
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

    public static long Sum(this IEnumerable<ModeBalanceGroup> groups, int? paymentModeId, LedgerKind kind) =>
        groups.Where(g => g.PaymentModeId == paymentModeId && g.Kind == kind).Sum(g => g.Minor);

    /// <summary>Received income minus paid expenses of one payment mode, in minor units.</summary>
    public static long BalanceMinor(this IEnumerable<ModeBalanceGroup> groups, int paymentModeId)
    {
        var list = groups as IReadOnlyList<ModeBalanceGroup> ?? groups.ToList();
        return list.Sum(paymentModeId, LedgerKind.Income) - list.Sum(paymentModeId, LedgerKind.Expense);
    }
}
