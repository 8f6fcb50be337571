using FreelancerOS.Web.Infrastructure;

namespace FreelancerOS.Web.Features.Ledger;

internal static class LedgerAccount
{
    /// <summary>What every ledger page starts from: the home currency amounts are kept in, and today in the account's zone.</summary>
    public static async Task<(string HomeCurrency, DateOnly Today)> HomeAndTodayAsync(this CurrentAccount account) =>
        ((await account.SettingsAsync()).HomeCurrency, await account.TodayAsync());
}
