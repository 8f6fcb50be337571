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
/// The kept totals (per month, kind, payment mode, category and currency) stay equal to a full
/// recomputation from the entries whatever is done to the entries, and the pages that read them show the
/// same figures as the entries add up to, in a bounded number of statements.
/// </summary>
public abstract class LedgerKeptTotalsTestsBase<TApp>(TApp app) where TApp : TestApp
{
    protected abstract int Steps { get; }

    private static readonly string[] Modes = ["Bank", "Cash", "Card", "PayPal", ""];
    private static readonly string[] IncomeClassifications = ["Client", "Salary", "Interest", "Refund", ""];
    private static readonly string[] ExpenseCategories = ["Software", "Hardware", "Travel", "Office", "Taxes", "Bank fees", ""];
    private static readonly (string Code, string? Rate)[] Currencies = [("EUR", null), ("EUR", null), ("USD", "0.9234"), ("GBP", "1.1666666")];

    /// <summary>Every stored row (all accounts) that is not zero, against the same rows computed from the entries.</summary>
    private async Task AssertTotalsMatchEntriesAsync(string when)
    {
        var (kept, recomputed) = await app.WithDbAsync(async db => (
            await db.LedgerMonthTotals.IgnoreQueryFilters().AsNoTracking().Where(t => t.Count != 0 || t.HomeAmountMinor != 0 || t.AmountMinor != 0).ToListAsync(),
            await KeptLedgerTotals.RecomputeAsync(db)));
        static string Line(LedgerMonthTotal t) => $"{t.OwnerId} {t.Period} {t.Kind} mode {t.PaymentModeId} cat {t.CategoryId} {t.Currency}: {t.Count} / {t.HomeAmountMinor} / own {t.AmountMinor}";
        Assert.True(recomputed.Count > 0 || when == "empty", "nothing to compare " + when);
        Assert.Equal(recomputed.Select(Line).Order(StringComparer.Ordinal), kept.Select(Line).Order(StringComparer.Ordinal));
    }

    private static string Pick(Random random, string[] options) => options[random.Next(options.Length)];

    private static DateOnly RandomDate(Random random) =>
        // Three years around the test clock's November 2026, month ends and firsts included (the edges of "whole months").
        new DateOnly(2024, 12, 1).AddDays(random.Next(0, 3 * 365)) is var d && random.Next(6) == 0
            ? new DateOnly(d.Year, d.Month, random.Next(2) == 0 ? 1 : DateTime.DaysInMonth(d.Year, d.Month))
            : d;

    private static async Task<Dictionary<string, string>> RandomValuesAsync(Random random, AngleSharp.Dom.IDocument page, LedgerKind kind, bool everything)
    {
        var values = new Dictionary<string, string>();
        if (everything || random.Next(2) == 0) values["Date"] = RandomDate(random).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (everything || random.Next(2) == 0) values["Amount"] = (random.Next(100, 900_000) / 100m).ToString(CultureInfo.InvariantCulture);
        if (everything || random.Next(3) == 0)
        {
            var (code, rate) = Currencies[random.Next(Currencies.Length)];
            values["Currency"] = code;
            values["ExchangeRate"] = rate ?? "";
        }
        if (everything || random.Next(2) == 0)
        {
            var mode = Pick(random, Modes);
            values["PaymentModeId"] = mode == "" ? "" : OptionValue(page, "PaymentModeId", mode);
        }
        if (everything || random.Next(3) == 0)
        {
            var category = Pick(random, kind == LedgerKind.Income ? IncomeClassifications : ExpenseCategories);
            values["CategoryId"] = category == "" ? "" : OptionValue(page, "CategoryId", category);
        }
        await Task.CompletedTask;
        return values;
    }

    [Fact]
    public async Task RandomCreatesEditsMovesAndDeletes_ThroughTheForms_KeepTheTotalsEqualToARecomputation()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client);
        var random = new Random(1616);
        var live = new List<(int Id, LedgerKind Kind)>();
        for (var step = 0; step < Steps; step++)
        {
            var roll = random.Next(100);
            if (live.Count < 3 || roll < 40)
            {
                var kind = random.Next(3) == 0 ? LedgerKind.Expense : LedgerKind.Income;
                var page = await client.GetPageAsync($"/ledger/create?kind={(kind == LedgerKind.Expense ? "expense" : "income")}");
                var values = await RandomValuesAsync(random, page, kind, everything: true);
                values["Description"] = $"Step {step}";
                var response = await client.SubmitAsync(page, "#entry-form", values);
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"step {step}: " + await response.Content.ReadAsStringAsync());
                live.Add((await app.WithDbAsync(db => db.LedgerEntries.Where(e => e.Description == $"Step {step}").Select(e => e.Id).SingleAsync(), userId), kind));
            }
            else if (roll < 85)
            {
                // An edit moves the entry (date, payment mode, currency, category) and/or changes its amount; sometimes only its text.
                var (id, kind) = live[random.Next(live.Count)];
                var page = await client.GetPageAsync($"/ledger/edit/{id}");
                var values = roll < 80 ? await RandomValuesAsync(random, page, kind, everything: false) : [];
                values["Description"] = $"Edited at step {step}";
                var response = await client.SubmitAsync(page, "#entry-form", values);
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"step {step}: " + await response.Content.ReadAsStringAsync());
            }
            else
            {
                var index = random.Next(live.Count);
                var page = await client.GetPageAsync($"/ledger/edit/{live[index].Id}");
                Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(page, "#delete-form")).StatusCode);
                live.RemoveAt(index);
            }
            if (step % 50 == 49) await AssertTotalsMatchEntriesAsync($"after step {step}");
        }
        Assert.Equal(live.Count, await app.WithDbAsync(db => db.LedgerEntries.CountAsync(), userId));

        // Deleting a payment mode and a category in use moves their entries in one bulk update: the totals move along.
        var lists = await client.GetPageAsync("/ledger/lists");
        var cash = lists.QuerySelector("[data-list=mode] li[data-name=Cash] form[id^=delete-]") ?? lists.QuerySelector("li[data-name=Cash] form[id^=delete-]")!;
        var bank = OptionValue(lists, cash.QuerySelector("select")!.GetAttribute("name")!, "Bank");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(lists, "#" + cash.Id, new Dictionary<string, string> { ["moveTo"] = bank })).StatusCode);
        lists = await client.GetPageAsync("/ledger/lists");
        var travel = lists.QuerySelector("[data-list=expense] li[data-name=Travel] form[id^=delete-]")!;
        var office = OptionValue(lists, travel.QuerySelector("select")!.GetAttribute("name")!, "Office");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(lists, "#" + travel.Id, new Dictionary<string, string> { ["moveTo"] = office })).StatusCode);
        await AssertTotalsMatchEntriesAsync("after moving a mode and a category");

        await AssertFiltersMatchEntriesAsync(userId);
    }

    /// <summary>Each filter's totals (whole months from the kept totals, cut months from the entries) equal the entries' own sums.</summary>
    private async Task AssertFiltersMatchEntriesAsync(string userId)
    {
        var today = new DateOnly(2026, 11, 10);
        var filters = new List<LedgerFilter>
        {
            new() { Period = "all" }, new() { Period = "month" }, new() { Period = "lastmonth" }, new() { Period = "year" },
            new() { Period = "all", Kind = "income" }, new() { Period = "all", Kind = "expense", Status = "open" },
            new() { Period = "all", Status = "settled" }, new() { Period = "year", Q = "step" },
            new() { Period = "custom", From = new DateOnly(2025, 1, 15), To = new DateOnly(2026, 11, 20) },
            new() { Period = "custom", From = new DateOnly(2025, 3, 1), To = new DateOnly(2025, 9, 30) },
            new() { Period = "custom", From = new DateOnly(2025, 3, 2), To = new DateOnly(2025, 3, 30) },
            new() { Period = "custom", From = new DateOnly(2026, 2, 1) }, new() { Period = "custom", To = new DateOnly(2025, 12, 17) },
            new() { Period = "custom", From = new DateOnly(2026, 5, 9), To = new DateOnly(2025, 5, 9) },
        };
        var categories = await app.WithDbAsync(db => db.LedgerCategories.Select(c => c.Id).ToListAsync(), userId);
        filters.AddRange(categories.Select(c => new LedgerFilter { Period = "all", Category = c }));
        filters.Add(new LedgerFilter { Period = "custom", From = new DateOnly(2025, 6, 6), Category = categories[0], Status = "settled", Kind = "income" });
        foreach (var filter in filters)
        {
            var (kept, scanned) = await app.WithDbAsync(async db =>
            {
                var query = filter.Apply(db.LedgerEntries.AsNoTracking(), today);
                return (await LedgerTotals.ForFilterAsync(db, filter, query, today, "EUR"), await LedgerTotals.QueryAsync(query, "EUR"));
            }, userId);
            Assert.Equal(scanned, kept);
            // The list's compiled page (its default order) holds the rows the filter's own query pages to.
            foreach (var (page, size) in new[] { (1, 50), (2, 7) })
            {
                var (compiled, built) = await app.WithDbAsync(async db =>
                {
                    var query = filter.Apply(db.LedgerEntries.AsNoTracking(), today);
                    return (await LedgerQueries.PageAsync(db, filter, today, query, null, page, size), await LedgerQueries.PageAsync(db, query, null, page, size));
                }, userId);
                Assert.Equal(built, compiled);
            }
        }
        var balances = await app.WithDbAsync(async db => (await LedgerBalances.AsOfAsync(db, today)).Where(g => g.Minor != 0)
            .Select(g => $"{g.PaymentModeId} {g.Kind} {g.Minor}").Order(StringComparer.Ordinal).ToList(), userId);
        var scannedBalances = await app.WithDbAsync(async db => (await db.LedgerEntries.AsNoTracking().Where(e => e.Date <= today)
            .GroupBy(e => new { e.PaymentModeId, e.Kind }).Select(g => new { g.Key.PaymentModeId, g.Key.Kind, Minor = g.Sum(e => e.HomeAmountMinor) }).ToListAsync())
            .Where(g => g.Minor != 0).Select(g => $"{g.PaymentModeId} {g.Kind} {g.Minor}").Order(StringComparer.Ordinal).ToList(), userId);
        Assert.Equal(scannedBalances, balances);
    }

    [Fact]
    public async Task TwoWritersAddingToTheSameMonthAtOnce_BothCount()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client);
        await client.GetPageAsync("/ledger"); // the default lists
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => app.WithDbAsync(async db =>
        {
            var income = new Income { Description = $"Parallel {i}", CreatedAt = DateTimeOffset.UnixEpoch };
            income.Record(new DateOnly(2026, 10, 3 + i), 10m + i, "EUR", null, "EUR");
            db.LedgerEntries.Add(income);
            return await db.SaveChangesAsync();
        }, userId)));
        var row = await app.WithDbAsync(db => db.LedgerMonthTotals.SingleAsync(t => t.Period == 202610), userId);
        Assert.Equal(8, row.Count);
        Assert.Equal(Enumerable.Range(0, 8).Sum(i => (10 + i) * 100), row.HomeAmountMinor);
    }

    [Fact]
    public async Task AnUpgradedDatabase_GetsItsTotalsFilledAtStartUp()
    {
        var client = await app.SignedInClientAsync();
        await CreateEntryAsync(app, client, "income", "Before the upgrade", "1200", "2025-04-30", mode: "Bank");
        await CreateEntryAsync(app, client, "expense", "Also before", "80.15", "2026-11-01", currency: "USD", rate: "0.9", category: "Software");
        // As before the migration that added the table: entries, no totals.
        await app.WithDbAsync(db => db.LedgerMonthTotals.IgnoreQueryFilters().ExecuteDeleteAsync());
        await FreelancerOS.Web.Infrastructure.Database.MigrateAsync(app.Services);
        await AssertTotalsMatchEntriesAsync("after the start-up fill");
        Assert.Equal("1", Text(await client.GetPageAsync("/ledger?period=all&kind=expense"), "[data-role=total-count]"));
    }

    [Fact]
    public async Task LedgerPages_StayWithinTenStatements_WithSeveralYearsOfEntries()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client);
        await client.GetPageAsync("/ledger");
        await app.WithDbAsync(async db =>
        {
            var modes = await db.PaymentModes.Select(m => (int?)m.Id).ToListAsync();
            var categories = await db.LedgerCategories.Select(c => new { c.Id, c.Kind }).ToListAsync();
            var random = new Random(7);
            for (var i = 0; i < 600; i++)
            {
                LedgerEntry e = i % 3 == 0 ? new Expense { Vendor = "Vendor" } : new Income();
                e.Record(new DateOnly(2022, 1, 1).AddDays(random.Next(5 * 365)), random.Next(100, 100_000) / 100m, i % 7 == 0 ? "USD" : "EUR", i % 7 == 0 ? 0.9m : null, "EUR");
                e.Description = $"Seeded {i}";
                e.CreatedAt = DateTimeOffset.UnixEpoch;
                e.PaymentModeId = random.Next(5) == 0 ? null : modes[random.Next(modes.Count)];
                e.CategoryId = categories.Where(c => c.Kind == e.Kind).Select(c => c.Id).OrderBy(_ => random.Next()).First();
                db.LedgerEntries.Add(e);
            }
            return await db.SaveChangesAsync();
        }, userId);

        using var counter = new SqlCounter(app.DataFolder);
        foreach (var url in new[] { "/ledger", "/ledger?period=all", "/ledger?period=all&page=20", "/ledger?period=year&kind=expense&status=open",
                     "/ledger?period=custom&from=2023-02-14&to=2026-10-20", "/ledger?period=all&q=seeded", "/ledger/balances", "/ledger/summary", "/ledger/lists", "/" })
        {
            counter.Reset();
            await client.GetPageAsync(url);
            Assert.True(counter.Count <= 10, $"{url} ran {counter.Count} statements:\n" + string.Join("\n", counter.Statements));
        }

        // The all-time figures shown are the entries' own sums.
        var page = await client.GetPageAsync("/ledger?period=all");
        var (income, expense, count) = await app.WithDbAsync(async db => (
            await db.LedgerEntries.Where(e => e.Kind == LedgerKind.Income).SumAsync(e => e.HomeAmountMinor),
            await db.LedgerEntries.Where(e => e.Kind == LedgerKind.Expense).SumAsync(e => e.HomeAmountMinor),
            await db.LedgerEntries.CountAsync()), userId);
        Assert.Equal(Currency.Format(income / 100m, "EUR"), Text(page, "[data-role=total-income]"));
        Assert.Equal(Currency.Format(expense / 100m, "EUR"), Text(page, "[data-role=total-expenses]"));
        Assert.Equal(count.ToString(CultureInfo.CurrentCulture), Text(page, "[data-role=total-count]"));
        // The last page holds the oldest entries, in the list's order.
        const int size = FreelancerOS.Web.Infrastructure.Paging.DefaultPageSize;
        var last = await client.GetPageAsync($"/ledger?period=all&page={(count + size - 1) / size}");
        var oldest = await app.WithDbAsync(db => db.LedgerEntries.OrderByDescending(e => e.Date).ThenByDescending(e => e.Id).Skip((count - 1) / size * size)
            .Select(e => e.Id).ToListAsync(), userId);
        Assert.Equal(oldest.Select(id => id.ToString(CultureInfo.InvariantCulture)), last.QuerySelectorAll("#ledger-table tbody tr[data-id]").Select(r => r.GetAttribute("data-id")!));
    }
}

public sealed class LedgerKeptTotalsTests(TestApp app) : LedgerKeptTotalsTestsBase<TestApp>(app), IClassFixture<TestApp>
{
    protected override int Steps => 300;

    [Fact]
    public void SqlServer_AddsToTheRowsWithOneLockedMerge()
    {
        var key = new TotalKey("owner", 202611, LedgerKind.Income, 0, 3, "EUR");
        var (sql, args) = KeptLedgerTotals.UpsertSql(sqlServer: true, [new TotalDelta(key, 1, 1250, 1250), new TotalDelta(key with { Period = 202612 }, -1, -99, -99)]);
        Assert.StartsWith("MERGE [LedgerMonthTotals] WITH (HOLDLOCK) AS t USING (VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}), ({9},", sql);
        Assert.Contains("WHEN MATCHED THEN UPDATE SET t.[Count] = t.[Count] + d.[Count], t.[HomeAmountMinor] = t.[HomeAmountMinor] + d.[HomeAmountMinor], t.[AmountMinor] = t.[AmountMinor] + d.[AmountMinor]", sql);
        Assert.Contains("WHEN NOT MATCHED THEN INSERT", sql);
        Assert.DoesNotContain("\"", sql);
        Assert.Equal(18, args.Length);
        var (other, _) = KeptLedgerTotals.UpsertSql(sqlServer: false, [new TotalDelta(key, 1, 1250, 1250)]);
        Assert.Contains("ON CONFLICT (\"OwnerId\", \"Period\", \"Kind\", \"PaymentModeId\", \"CategoryId\", \"Currency\") DO UPDATE SET \"Count\" = \"LedgerMonthTotals\".\"Count\" + excluded.\"Count\"", other);
    }
}

public sealed class PostgresLedgerKeptTotalsTests(PostgresTestApp app) : LedgerKeptTotalsTestsBase<PostgresTestApp>(app), IClassFixture<PostgresTestApp>
{
    protected override int Steps => 200;
}
