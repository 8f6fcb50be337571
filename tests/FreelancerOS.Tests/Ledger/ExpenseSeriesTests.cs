using System.Globalization;
using System.Net;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;
using static FreelancerOS.Tests.Ledger.LedgerTestHelpers;

namespace FreelancerOS.Tests.Ledger;

/// <summary>
/// The expense series kept per month (what the forecast and the dashboard find repeating expenses in) stay equal to a
/// full recomputation from the expenses whatever is done to them: created, edited (description, vendor, category, date,
/// amount), deleted, a category merged into another; and a database upgraded from before them gets them at start-up.
/// </summary>
public abstract class ExpenseSeriesTestsBase<TApp>(TApp app) where TApp : TestApp
{
    private static readonly string[] Descriptions = ["Office rent", "Hosting", "Coffee"];
    private static readonly string[] Vendors = ["", "Landlord BV", "Hetzner"];
    private static readonly string[] Categories = ["", "Office", "Software", "Travel"];

    private async Task AssertSeriesMatchExpensesAsync(string when)
    {
        var (kept, recomputed) = await app.WithDbAsync(async db => (
            await db.ExpenseSeriesMonths.IgnoreQueryFilters().AsNoTracking().ToListAsync(),
            await KeptExpenseSeries.RecomputeAsync(db)));
        static string Line(ExpenseSeriesMonth t) =>
            $"{t.OwnerId} {t.Period} cat {t.CategoryId} '{t.Description}' '{t.Vendor}': {t.Count} / {t.HomeAmountMinor} / {t.LastDate:yyyy-MM-dd}";
        Assert.True(recomputed.Count > 0, "nothing to compare " + when);
        Assert.Equal(recomputed.Select(Line).Order(StringComparer.Ordinal), kept.Select(Line).Order(StringComparer.Ordinal));
    }

    private static Dictionary<string, string> RandomValues(Random random, AngleSharp.Dom.IDocument page, bool everything)
    {
        var values = new Dictionary<string, string>();
        // A few months around the test clock's 22 November 2026, so that series share months and dates move within one.
        if (everything || random.Next(2) == 0)
            values["Date"] = new DateOnly(2026, 8, 1).AddDays(random.Next(0, 150)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (everything || random.Next(2) == 0) values["Amount"] = (random.Next(100, 50_000) / 100m).ToString(CultureInfo.InvariantCulture);
        if (everything || random.Next(3) == 0) values["Description"] = Descriptions[random.Next(Descriptions.Length)];
        if (everything || random.Next(3) == 0) values["Vendor"] = Vendors[random.Next(Vendors.Length)];
        if (everything || random.Next(3) == 0)
        {
            var category = Categories[random.Next(Categories.Length)];
            values["CategoryId"] = category == "" ? "" : OptionValue(page, "CategoryId", category);
        }
        if (everything || random.Next(4) == 0)
        {
            var foreign = random.Next(3) == 0;
            values["Currency"] = foreign ? "USD" : "EUR";
            values["ExchangeRate"] = foreign ? "0.9234" : "";
        }
        return values;
    }

    [Fact]
    public async Task RandomCreatesEditsDeletesAndAMergedCategory_KeepTheSeriesEqualToARecomputation()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client);
        var random = new Random(1612);
        var live = new List<int>();
        for (var step = 0; step < 80; step++)
        {
            var roll = random.Next(100);
            if (live.Count < 4 || roll < 45)
            {
                var page = await client.GetPageAsync("/ledger/create?kind=expense");
                var response = await client.SubmitAsync(page, "#entry-form", RandomValues(random, page, everything: true));
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"step {step}: " + await response.Content.ReadAsStringAsync());
                live.Add(await app.WithDbAsync(db => db.Expenses.MaxAsync(e => e.Id), userId));
            }
            else if (roll < 85)
            {
                var id = live[random.Next(live.Count)];
                var page = await client.GetPageAsync($"/ledger/edit/{id}");
                var response = await client.SubmitAsync(page, "#entry-form", RandomValues(random, page, everything: false));
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"step {step}: " + await response.Content.ReadAsStringAsync());
            }
            else
            {
                var index = random.Next(live.Count);
                var page = await client.GetPageAsync($"/ledger/edit/{live[index]}");
                Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(page, "#delete-form")).StatusCode);
                live.RemoveAt(index);
            }
            if (step % 20 == 19) await AssertSeriesMatchExpensesAsync($"after step {step}");
        }

        // A category deleted in use moves its expenses to another in one bulk update: their series merge with the target's.
        var lists = await client.GetPageAsync("/ledger/lists");
        var travel = lists.QuerySelector("[data-list=expense] li[data-name=Travel] form[id^=delete-]")!;
        var office = OptionValue(lists, travel.QuerySelector("select")!.GetAttribute("name")!, "Office");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(lists, "#" + travel.Id, new Dictionary<string, string> { ["moveTo"] = office })).StatusCode);
        await AssertSeriesMatchExpensesAsync("after moving a category");
    }

    [Fact]
    public async Task AnExpenseMovedToAnEarlierDay_TakesTheSeriesLatestDateBack_AndTheLastOneDeletedRemovesTheRow()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client);
        var early = await CreateEntryAsync(app, client, "expense", "Printer paper", "12.00", "2026-10-03", category: "Office");
        var late = await CreateEntryAsync(app, client, "expense", "Printer paper", "14.00", "2026-10-27", category: "Office");
        async Task<ExpenseSeriesMonth?> RowAsync() =>
            await app.WithDbAsync(db => db.ExpenseSeriesMonths.AsNoTracking().SingleOrDefaultAsync(t => t.Description == "Printer paper"), userId);
        Assert.Equal((2, 2600L, new DateOnly(2026, 10, 27)), (await RowAsync()) is { } r ? (r.Count, r.HomeAmountMinor, r.LastDate) : default);

        var page = await client.GetPageAsync($"/ledger/edit/{late}");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(page, "#entry-form", new Dictionary<string, string> { ["Date"] = "2026-10-01" })).StatusCode);
        Assert.Equal((2, 2600L, new DateOnly(2026, 10, 3)), (await RowAsync()) is { } moved ? (moved.Count, moved.HomeAmountMinor, moved.LastDate) : default);

        foreach (var id in new[] { early, late })
        {
            page = await client.GetPageAsync($"/ledger/edit/{id}");
            Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(page, "#delete-form")).StatusCode);
        }
        Assert.Null(await RowAsync());
    }

    [Fact]
    public async Task AnUpgradedDatabase_GetsItsSeriesFilledAtStartUp()
    {
        var client = await app.SignedInClientAsync();
        await CreateEntryAsync(app, client, "expense", "Rent before the upgrade", "950", "2026-09-01", category: "Office");
        await CreateEntryAsync(app, client, "expense", "Hosting before the upgrade", "45.50", "2026-10-28", currency: "USD", rate: "0.9");
        // As before the migration that added the table: expenses, no series.
        await app.WithDbAsync(db => db.ExpenseSeriesMonths.IgnoreQueryFilters().ExecuteDeleteAsync());
        await FreelancerOS.Web.Infrastructure.Database.MigrateAsync(app.Services);
        await AssertSeriesMatchExpensesAsync("after the start-up fill");
    }
}

public sealed class ExpenseSeriesTests(TestApp app) : ExpenseSeriesTestsBase<TestApp>(app), IClassFixture<TestApp>
{
    [Fact]
    public void SqlServer_AddsToTheRowsWithOneLockedMerge_KeepingTheLaterDate()
    {
        var key = new SeriesKey("owner", 202611, 3, "Office rent", "");
        var (sql, args) = KeptExpenseSeries.UpsertSql(sqlServer: true, [new SeriesDelta(key, 1, 95000, new DateOnly(2026, 11, 1)), new SeriesDelta(key with { Period = 202610 }, -1, -95000, DateOnly.MinValue)]);
        Assert.StartsWith("MERGE [ExpenseSeriesMonths] WITH (HOLDLOCK) AS t USING (VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}), ({8},", sql);
        Assert.Contains("WHEN MATCHED THEN UPDATE SET t.[Count] = t.[Count] + d.[Count], t.[HomeAmountMinor] = t.[HomeAmountMinor] + d.[HomeAmountMinor], " +
                        "t.[LastDate] = CASE WHEN d.[LastDate] > t.[LastDate] THEN d.[LastDate] ELSE t.[LastDate] END", sql);
        Assert.Equal(16, args.Length);
        var (other, _) = KeptExpenseSeries.UpsertSql(sqlServer: false, [new SeriesDelta(key, 1, 95000, new DateOnly(2026, 11, 1))]);
        Assert.Contains("ON CONFLICT (\"OwnerId\", \"Period\", \"CategoryId\", \"Description\", \"Vendor\") DO UPDATE SET " +
                        "\"Count\" = \"ExpenseSeriesMonths\".\"Count\" + excluded.\"Count\", \"HomeAmountMinor\" = \"ExpenseSeriesMonths\".\"HomeAmountMinor\" + excluded.\"HomeAmountMinor\", " +
                        "\"LastDate\" = CASE WHEN excluded.\"LastDate\" > \"ExpenseSeriesMonths\".\"LastDate\" THEN excluded.\"LastDate\" ELSE \"ExpenseSeriesMonths\".\"LastDate\" END", other);
    }
}

public sealed class PostgresExpenseSeriesTests(PostgresTestApp app) : ExpenseSeriesTestsBase<PostgresTestApp>(app), IClassFixture<PostgresTestApp>;
