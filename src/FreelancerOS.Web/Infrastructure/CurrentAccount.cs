using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Infrastructure;

/// <summary>
/// The signed-in account's settings, read once per request however many parts of a page need them (the
/// dashboard and its cards each ask for the home currency, the time zone or "today").
/// </summary>
public sealed class CurrentAccount(AppDbContext db, TimeProvider clock)
{
    private AccountSettings? _settings;

    public async Task<AccountSettings> SettingsAsync(CancellationToken ct = default) =>
        _settings ??= await db.Settings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new AccountSettings();

    /// <summary>The settings read with the sign-in check (<see cref="SessionCheck"/>): no second statement.</summary>
    internal void Use(AccountSettings? settings) => _settings = settings ?? new AccountSettings();

    /// <summary>Today's date in the account's time zone.</summary>
    public async Task<DateOnly> TodayAsync(CancellationToken ct = default) => (await SettingsAsync(ct)).Today(clock);
}
