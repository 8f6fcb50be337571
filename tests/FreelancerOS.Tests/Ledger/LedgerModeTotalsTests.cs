using System.Globalization;
using System.Net;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Ledger;
using Microsoft.EntityFrameworkCore;
using static FreelancerOS.Tests.Ledger.LedgerTestHelpers;

namespace FreelancerOS.Tests.Ledger;

/// <summary>
/// The all-time totals per kind and payment mode (what every balance reads: the Balances page, the forecast, the goals)
/// stay equal to a full recomputation from the entries whatever is done to them, and the balances computed from them
/// equal those of the entries themselves, entries dated after today included.
/// </summary>
public abstract class LedgerModeTotalsTestsBase<TApp>(TApp app) where TApp : TestApp
{
    private static readonly string[] Modes = ["Bank", "Cash", "Card", "PayPal", ""];

    private async Task AssertModeTotalsMatchEntriesAsync(string when)
    {
        var (kept, recomputed) = await app.WithDbAsync(async db => (
            await db.LedgerModeTotals.IgnoreQueryFilters().AsNoTracking().Where(t => t.Count != 0 || t.HomeAmountMinor != 0).ToListAsync(),
            await KeptLedgerTotals.RecomputeModesAsync(db)));
        static string Line(LedgerModeTotal t) => $"{t.OwnerId} {t.Kind} mode {t.PaymentModeId}: {t.Count} / {t.HomeAmountMinor}";
        Assert.True(recomputed.Count > 0, "nothing to compare " + when);
        Assert.Equal(recomputed.Select(Line).Order(StringComparer.Ordinal), kept.Select(Line).Order(StringComparer.Ordinal));
    }

    private async Task AssertBalancesMatchEntriesAsync(string userId, DateOnly today)
    {
        static List<string> Lines(IEnumerable<ModeBalanceGroup> groups) =>
            groups.Where(g => g.Minor != 0).Select(g => $"{g.PaymentModeId} {g.Kind} {g.Minor}").Order(StringComparer.Ordinal).ToList();
        var (kept, scanned) = await app.WithDbAsync(async db => (
            Lines(await LedgerBalances.AsOfAsync(db, today)),
            Lines((await db.LedgerEntries.AsNoTracking().Where(e => e.Date <= today)
                    .GroupBy(e => new { e.PaymentModeId, e.Kind }).Select(g => new { g.Key.PaymentModeId, g.Key.Kind, Minor = g.Sum(e => e.HomeAmountMinor) }).ToListAsync())
                .Select(g => new ModeBalanceGroup(g.PaymentModeId, g.Kind, g.Minor)))), userId);
        Assert.Equal(scanned, kept);
    }

    private static Dictionary<string, string> RandomValues(Random random, AngleSharp.Dom.IDocument page, bool everything)
    {
        var values = new Dictionary<string, string>();
        // Two years around the test clock's 22 November 2026: some entries are dated after today.
        if (everything || random.Next(2) == 0)
            values["Date"] = new DateOnly(2025, 11, 1).AddDays(random.Next(0, 2 * 365)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (everything || random.Next(2) == 0) values["Amount"] = (random.Next(100, 500_000) / 100m).ToString(CultureInfo.InvariantCulture);
        if (everything || random.Next(3) == 0)
        {
            var foreign = random.Next(3) == 0;
            values["Currency"] = foreign ? "USD" : "EUR";
            values["ExchangeRate"] = foreign ? "0.9234" : "";
        }
        if (everything || random.Next(2) == 0)
        {
            var mode = Modes[random.Next(Modes.Length)];
            values["PaymentModeId"] = mode == "" ? "" : OptionValue(page, "PaymentModeId", mode);
        }
        return values;
    }

    [Fact]
    public async Task RandomCreatesEditsDeletesAndMovedModes_KeepTheModeTotalsEqualToARecomputation()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client);
        var random = new Random(2016);
        var live = new List<int>();
        for (var step = 0; step < 60; step++)
        {
            var roll = random.Next(100);
            if (live.Count < 3 || roll < 45)
            {
                var kind = random.Next(3) == 0 ? "expense" : "income";
                var page = await client.GetPageAsync($"/ledger/create?kind={kind}");
                var values = RandomValues(random, page, everything: true);
                values["Description"] = $"Mode step {step}";
                var response = await client.SubmitAsync(page, "#entry-form", values);
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"step {step}: " + await response.Content.ReadAsStringAsync());
                live.Add(await app.WithDbAsync(db => db.LedgerEntries.Where(e => e.Description == $"Mode step {step}").Select(e => e.Id).SingleAsync(), userId));
            }
            else if (roll < 85)
            {
                var id = live[random.Next(live.Count)];
                var page = await client.GetPageAsync($"/ledger/edit/{id}");
                var values = roll < 80 ? RandomValues(random, page, everything: false) : [];
                values["Description"] = $"Mode edit {step}";
                var response = await client.SubmitAsync(page, "#entry-form", values);
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"step {step}: " + await response.Content.ReadAsStringAsync());
            }
            else
            {
                var index = random.Next(live.Count);
                var page = await client.GetPageAsync($"/ledger/edit/{live[index]}");
                Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(page, "#delete-form")).StatusCode);
                live.RemoveAt(index);
            }
            if (step % 20 == 19)
            {
                await AssertModeTotalsMatchEntriesAsync($"after step {step}");
                await AssertBalancesMatchEntriesAsync(userId, new DateOnly(2026, 11, 22));
            }
        }
        Assert.True(await app.WithDbAsync(db => db.LedgerEntries.AnyAsync(e => e.Date > new DateOnly(2026, 11, 22) && e.PaymentModeId != null), userId),
            "the steps should leave a paid entry dated after today");

        // A payment mode deleted in use moves its entries in one bulk update: its totals move along; a category moved keeps the modes'.
        var lists = await client.GetPageAsync("/ledger/lists");
        var cash = lists.QuerySelector("[data-list=mode] li[data-name=Cash] form[id^=delete-]") ?? lists.QuerySelector("li[data-name=Cash] form[id^=delete-]")!;
        var bank = OptionValue(lists, cash.QuerySelector("select")!.GetAttribute("name")!, "Bank");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(lists, "#" + cash.Id, new Dictionary<string, string> { ["moveTo"] = bank })).StatusCode);
        await AssertModeTotalsMatchEntriesAsync("after moving a payment mode");
        await CreateEntryAsync(app, client, "expense", "Filed under travel", "42.50", "2026-10-03", mode: "Card", category: "Travel");
        lists = await client.GetPageAsync("/ledger/lists");
        var travel = lists.QuerySelector("[data-list=expense] li[data-name=Travel] form[id^=delete-]")!;
        var office = OptionValue(lists, travel.QuerySelector("select")!.GetAttribute("name")!, "Office");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(lists, "#" + travel.Id, new Dictionary<string, string> { ["moveTo"] = office })).StatusCode);
        await AssertModeTotalsMatchEntriesAsync("after moving a category");
        foreach (var today in new[] { new DateOnly(2026, 11, 22), new DateOnly(2026, 1, 31), new DateOnly(2027, 12, 31) })
            await AssertBalancesMatchEntriesAsync(userId, today);
    }

    [Fact]
    public async Task AnUpgradedDatabase_GetsItsModeTotalsFilledAtStartUp()
    {
        var client = await app.SignedInClientAsync();
        await CreateEntryAsync(app, client, "income", "Paid before the upgrade", "1200", "2025-04-30", mode: "Bank");
        await CreateEntryAsync(app, client, "expense", "Due after the upgrade", "80.15", "2026-12-01", currency: "USD", rate: "0.9");
        // As before the migration that added the table: entries and month totals, no mode totals.
        await app.WithDbAsync(db => db.LedgerModeTotals.IgnoreQueryFilters().ExecuteDeleteAsync());
        await FreelancerOS.Web.Infrastructure.Database.MigrateAsync(app.Services);
        await AssertModeTotalsMatchEntriesAsync("after the start-up fill");
    }

    [Fact]
    public async Task TheForecastShowsWhatEachModeHoldsToday_NotWhatIsDatedLater()
    {
        var client = await app.SignedInClientAsync();
        await CreateEntryAsync(app, client, "income", "Received last year", "1000", "2025-03-10", mode: "Bank");
        await CreateEntryAsync(app, client, "expense", "Paid this month", "150.25", "2026-11-05", mode: "Bank");
        await CreateEntryAsync(app, client, "income", "Received in cash", "80", "2026-11-22", mode: "Cash");
        await CreateEntryAsync(app, client, "income", "Booked for next month", "500", "2026-12-15", mode: "Bank");
        var page = await client.GetPageAsync("/reports/forecast");
        Assert.Equal(Currency.Format(1000m - 150.25m + 80m, "EUR"), Text(page, "[data-role=balance-today]"));
    }
}

public sealed class LedgerModeTotalsTests(TestApp app) : LedgerModeTotalsTestsBase<TestApp>(app), IClassFixture<TestApp>;

public sealed class PostgresLedgerModeTotalsTests(PostgresTestApp app) : LedgerModeTotalsTestsBase<PostgresTestApp>(app), IClassFixture<PostgresTestApp>;
