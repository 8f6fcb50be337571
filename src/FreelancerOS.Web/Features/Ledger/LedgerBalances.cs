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
    /// Sums per payment mode and kind of every entry dated up to <paramref name="today"/>. The all-time
    /// sums read the payment-mode index in its own order (no sort, no table access); the few entries
    /// dated after today are then taken off, from the date index.
    /// </summary>
    public static async Task<IReadOnlyList<ModeBalanceGroup>> AsOfAsync(AppDbContext db, DateOnly today)
    {
        var allTime = await db.LedgerEntries.AsNoTracking()
            .GroupBy(e => new { e.PaymentModeId, e.Kind })
            .Select(g => new ModeBalanceGroup(g.Key.PaymentModeId, g.Key.Kind, g.Sum(e => e.HomeAmountMinor)))
            .ToListAsync();
        var future = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.Date > today)
            .GroupBy(e => new { e.PaymentModeId, e.Kind })
            .Select(g => new ModeBalanceGroup(g.Key.PaymentModeId, g.Key.Kind, g.Sum(e => e.HomeAmountMinor)))
            .ToListAsync();
        return allTime.Select(g => g with
        {
            Minor = g.Minor - future.Where(f => f.PaymentModeId == g.PaymentModeId && f.Kind == g.Kind).Sum(f => f.Minor),
        }).ToList();
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
