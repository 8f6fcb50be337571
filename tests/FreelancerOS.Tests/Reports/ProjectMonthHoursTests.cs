using System.Globalization;
using System.Net;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Tests.Projects;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;
using FreelancerOS.Tests.Ledger;
using static FreelancerOS.Tests.Ledger.LedgerTestHelpers;

namespace FreelancerOS.Tests.Reports;

/// <summary>
/// The projects' kept hours per month stay equal to a full recomputation from the time entries whatever is done to the
/// entries through the real forms (log, edit, move to another day or project, the timesheet's cells, delete), and
/// profitability's hours over any period (whole months from the kept hours, cut months from the entries) equal the
/// entries' own sum.
/// </summary>
public abstract class ProjectMonthHoursTestsBase<TApp>(TApp app) where TApp : TestApp
{
    protected abstract int Steps { get; }

    private async Task AssertKeptMatchEntriesAsync(string when)
    {
        var (kept, recomputed) = await app.WithDbAsync(async db => (
            await db.ProjectMonthHours.IgnoreQueryFilters().AsNoTracking().Where(t => t.Count != 0 || t.HourUnits != 0).ToListAsync(),
            await KeptProjectHours.RecomputeAsync(db)));
        static string Line(ProjectMonthHours t) => $"{t.OwnerId} project {t.ProjectId} {t.Period}: {t.Count} / {t.HourUnits}";
        Assert.True(recomputed.Count > 0, "nothing to compare " + when);
        Assert.Equal(recomputed.Select(Line).Order(StringComparer.Ordinal), kept.Select(Line).Order(StringComparer.Ordinal));
    }

    private static DateOnly RandomDate(Random random) =>
        // Two years around the test clock's November 2026, month ends and firsts included (the edges of "whole months").
        new DateOnly(2025, 6, 1).AddDays(random.Next(0, 2 * 365)) is var d && random.Next(5) == 0
            ? new DateOnly(d.Year, d.Month, random.Next(2) == 0 ? 1 : DateTime.DaysInMonth(d.Year, d.Month))
            : d;

    private static string RandomHours(Random random) => (random.Next(1, 1000) / 100m).ToString(CultureInfo.InvariantCulture);

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task RandomLogsEditsMovesCellsAndDeletes_ThroughTheForms_KeepTheHoursEqualToARecomputation()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client);
        var customer = await Work.ClientAsync(client, "Hours Ltd");
        var other = await Work.ClientAsync(client, "Other hours Ltd", currency: "USD");
        int[] projects = [await Work.ProjectAsync(client, customer, "Alpha"), await Work.ProjectAsync(client, customer, "Beta"), await Work.ProjectAsync(client, other, "Gamma")];
        var random = new Random(1515);
        for (var step = 0; step < Steps; step++)
        {
            var live = await app.WithDbAsync(db => db.TimeEntries.Select(t => t.Id).OrderBy(id => id).ToListAsync(), userId);
            var roll = random.Next(100);
            if (live.Count < 3 || roll < 35)
            {
                var response = await Work.LogAsync(client, projects[random.Next(projects.Length)], RandomHours(random), Day(RandomDate(random)));
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"step {step}: " + await response.Content.ReadAsStringAsync());
            }
            else if (roll < 75)
            {
                // An edit moves the entry to another day and/or project and/or changes its hours; sometimes only its text.
                var id = live[random.Next(live.Count)];
                var page = await client.GetPageAsync($"/time/edit/{id}");
                var values = new Dictionary<string, string> { ["Description"] = $"Edited at step {step}" };
                if (roll < 70)
                {
                    if (random.Next(2) == 0) values["Date"] = Day(RandomDate(random));
                    if (random.Next(2) == 0) values["ProjectId"] = projects[random.Next(projects.Length)].ToString(CultureInfo.InvariantCulture);
                    if (random.Next(2) == 0) values["Hours"] = RandomHours(random);
                    if (values.ContainsKey("ProjectId")) values["ServiceId"] = "";
                }
                var response = await client.SubmitAsync(page, $"form[action='/time/edit/{id}']", values);
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"step {step}: " + await response.Content.ReadAsStringAsync());
            }
            else if (roll < 88)
            {
                // The timesheet's cell: creates, changes or (with 0) removes the day's entry.
                var date = new DateOnly(2026, 11, 16).AddDays(random.Next(7));
                var week = await client.GetPageAsync("/time?week=2026-11-16");
                var hours = random.Next(4) == 0 ? "0" : RandomHours(random);
                var response = await client.HtmxPostAsync(week, "/time/cell",
                    [new("projectId", projects[random.Next(projects.Length)].ToString(CultureInfo.InvariantCulture)), new("date", Day(date)), new("hours", hours)]);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
            else
            {
                var id = live[random.Next(live.Count)];
                var page = await client.GetPageAsync($"/time/edit/{id}");
                Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(page, $"form[action='/time/delete/{id}']")).StatusCode);
            }
            if (step % 40 == 39) await AssertKeptMatchEntriesAsync($"after step {step}");
        }
        await AssertKeptMatchEntriesAsync("at the end");
        await AssertProfitabilityHoursMatchEntriesAsync(userId);
    }

    /// <summary>Each period's hours per project (kept whole months plus the cut months' entries) equal the entries' own sums.</summary>
    private async Task AssertProfitabilityHoursMatchEntriesAsync(string userId)
    {
        var today = new DateOnly(2026, 11, 10);
        var periods = new List<ReportPeriod>
        {
            ReportPeriod.Parse("all", null, null, today), ReportPeriod.Parse("year", null, null, today), ReportPeriod.Parse("month", null, null, today),
            ReportPeriod.Parse("last-month", null, null, today), ReportPeriod.Parse("quarter", null, null, today), ReportPeriod.Parse("last-year", null, null, today),
        };
        foreach (var (from, to) in new (DateOnly?, DateOnly?)[]
                 {
                     (new(2025, 7, 15), new(2026, 11, 20)), (new(2025, 8, 1), new(2026, 2, 28)), (new(2025, 9, 2), new(2025, 9, 29)),
                     (new(2025, 10, 1), new(2025, 10, 17)), (new(2025, 10, 17), new(2025, 10, 31)), (new(2026, 1, 31), new(2026, 2, 1)),
                     (new(2026, 2, 1), null), (null, new(2025, 12, 17)), (new(2026, 3, 3), null), (null, new(2026, 4, 30)),
                     (new(2026, 5, 5), new(2026, 5, 5)), (new(9999, 12, 15), null),
                 })
            periods.Add(ReportPeriod.Parse("custom", from, to, today));
        // Compared as the page and the CSV write hours (a kept sum comes back as 8.9 where the entries' sum is 8.90).
        foreach (var period in periods)
        {
            var (report, entries) = await app.WithDbAsync(async db => (
                await new ProfitabilityQueries(db).LoadAsync(period, "EUR", "name", "asc"),
                await db.TimeEntries.AsNoTracking().Select(t => new { t.ProjectId, t.Date, t.Hours }).ToListAsync()), userId);
            var expected = entries.Where(e => period.Contains(e.Date)).GroupBy(e => e.ProjectId)
                .Select(g => $"{g.Key}: {g.Sum(e => e.Hours).ToString("0.####", CultureInfo.InvariantCulture)}").Order(StringComparer.Ordinal);
            var shown = report.Projects.Where(r => r.Hours != 0).GroupBy(r => r.ProjectId!.Value)
                .Select(g => $"{g.Key}: {g.Sum(r => r.Hours).ToString("0.####", CultureInfo.InvariantCulture)}").Order(StringComparer.Ordinal);
            Assert.Equal(expected, shown);
        }
    }

    [Fact]
    public async Task AnUpgradedDatabase_GetsItsKeptHoursFilledAtStartUp_AndADeletedProjectTakesItsRows()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client);
        var customer = await Work.ClientAsync(client, "Upgrade Ltd");
        var project = await Work.ProjectAsync(client, customer, "Before the upgrade");
        await Work.LogAsync(client, project, "2.5", "2025-04-30");
        await Work.LogAsync(client, project, "1.25", "2026-11-01");
        // As before the migration that added the table: entries, no kept hours.
        await app.WithDbAsync(db => db.ProjectMonthHours.IgnoreQueryFilters().ExecuteDeleteAsync());
        await FreelancerOS.Web.Infrastructure.Database.MigrateAsync(app.Services);
        await AssertKeptMatchEntriesAsync("after the start-up fill");
        Assert.Equal(2, await app.WithDbAsync(db => db.ProjectMonthHours.CountAsync(h => h.ProjectId == project), userId));

        await app.WithDbAsync(async db =>
        {
            db.Projects.Remove(await db.Projects.SingleAsync(p => p.Id == project));
            return await db.SaveChangesAsync();
        }, userId);
        Assert.Equal(0, await app.WithDbAsync(db => db.ProjectMonthHours.IgnoreQueryFilters().CountAsync(h => h.ProjectId == project)));
    }
}

public sealed class ProjectMonthHoursTests(TestApp app) : ProjectMonthHoursTestsBase<TestApp>(app), IClassFixture<TestApp>
{
    protected override int Steps => 160;

    [Fact]
    public void SqlServer_AddsToTheRowsWithOneLockedMerge()
    {
        var (sql, args) = KeptProjectHours.UpsertSql(sqlServer: true, [new HoursDelta("owner", 7, 202611, 1, 25_000), new HoursDelta("owner", 7, 202612, -1, -10_000)]);
        Assert.StartsWith("MERGE [ProjectMonthHours] WITH (HOLDLOCK) AS t USING (VALUES ({0}, {1}, {2}, {3}, {4}), ({5},", sql);
        Assert.Contains("WHEN MATCHED THEN UPDATE SET t.[Count] = t.[Count] + d.[Count], t.[HourUnits] = t.[HourUnits] + d.[HourUnits]", sql);
        Assert.DoesNotContain("\"", sql);
        Assert.Equal(10, args.Length);
        var (other, _) = KeptProjectHours.UpsertSql(sqlServer: false, [new HoursDelta("owner", 7, 202611, 1, 25_000)]);
        Assert.Contains("ON CONFLICT (\"OwnerId\", \"Period\", \"ProjectId\") DO UPDATE SET \"Count\" = \"ProjectMonthHours\".\"Count\" + excluded.\"Count\"", other);
    }
}

public sealed class PostgresProjectMonthHoursTests(PostgresTestApp app) : ProjectMonthHoursTestsBase<PostgresTestApp>(app), IClassFixture<PostgresTestApp>
{
    protected override int Steps => 80;
}
