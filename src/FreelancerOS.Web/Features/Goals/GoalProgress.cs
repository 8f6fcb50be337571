using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Ledger;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Goals;

/// <summary>A goal as read from the database, with the name of the client or payment mode it follows (null when gone).</summary>
public sealed record GoalSource(
    int Id, string Name, string Category, decimal TargetValue, string? Unit, decimal Progress, DateOnly? TargetDate,
    GoalTracking Tracking, int? TrackedClientId, int? TrackedPaymentModeId, string? ClientName, string? PaymentModeName);

/// <summary>
/// The progress of goals, computed when they are shown: the typed progress, or the ledger figure a goal
/// follows. However many goals there are, the figures take at most three grouped queries (this year's
/// totals, income per followed client, balances per payment mode), each only when some goal needs it.
/// </summary>
public static class GoalProgress
{
    public static IQueryable<GoalSource> Select(AppDbContext db, IQueryable<Goal> goals) => goals.Select(g => new GoalSource(
        g.Id, g.Name, g.Category, g.TargetValue, g.Unit, g.Progress, g.TargetDate, g.Tracking, g.TrackedClientId, g.TrackedPaymentModeId,
        db.Clients.Where(c => c.Id == g.TrackedClientId).Select(c => c.Name).FirstOrDefault(),
        db.PaymentModes.Where(m => m.Id == g.TrackedPaymentModeId).Select(m => m.Name).FirstOrDefault()));

    public static async Task<IReadOnlyList<GoalRow>> RowsAsync(AppDbContext db, IReadOnlyList<GoalSource> goals, string home, DateOnly today)
    {
        var firstPeriod = LedgerEntry.PeriodOf(new DateOnly(today.Year, 1, 1));
        var lastPeriod = LedgerEntry.PeriodOf(new DateOnly(today.Year, 12, 1));

        LedgerTotals? year = null;
        if (goals.Any(g => g.Tracking is GoalTracking.IncomeThisYear or GoalTracking.NetThisYear))
            year = await LedgerTotals.ForPeriodsAsync(db, firstPeriod, lastPeriod, home);

        var clientIds = goals.Where(g => g.Tracking == GoalTracking.ClientIncomeThisYear && g.TrackedClientId is not null)
            .Select(g => g.TrackedClientId!.Value).Distinct().ToList();
        var byClient = clientIds.Count == 0 ? [] : await db.Incomes.AsNoTracking()
            .Where(i => i.ClientId != null && clientIds.Contains(i.ClientId.Value) && i.Period >= firstPeriod && i.Period <= lastPeriod)
            .GroupBy(i => i.ClientId!.Value)
            .Select(g => new { ClientId = g.Key, Sum = g.Sum(i => i.HomeAmountMinor) })
            .ToDictionaryAsync(x => x.ClientId, x => x.Sum);

        var balances = goals.Any(g => g.Tracking == GoalTracking.PaymentModeBalance && g.TrackedPaymentModeId is not null)
            ? await LedgerBalances.AsOfAsync(db, today)
            : [];

        decimal ProgressOf(GoalSource g) => g.Tracking switch
        {
            GoalTracking.IncomeThisYear => year!.Income,
            GoalTracking.NetThisYear => year!.Net,
            GoalTracking.ClientIncomeThisYear => g.TrackedClientId is { } c ? LedgerEntry.FromMinor(byClient.GetValueOrDefault(c), home) : 0,
            GoalTracking.PaymentModeBalance => g.TrackedPaymentModeId is { } m ? LedgerEntry.FromMinor(balances.BalanceMinor(m), home) : 0,
            _ => g.Progress,
        };

        return goals.Select(g => new GoalRow(g.Id, g.Name, g.Category, g.TargetValue, g.Unit, ProgressOf(g), g.TargetDate,
            g.Tracking, g.ClientName ?? g.PaymentModeName, today.Year, home)).ToList();
    }
}
