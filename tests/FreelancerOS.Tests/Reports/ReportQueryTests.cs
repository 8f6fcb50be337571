using System.Globalization;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Reports;
using FreelancerOS.Web.Infrastructure;
using FreelancerOS.Web.Infrastructure.DemoData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static FreelancerOS.Tests.Reports.ReportSteps;

namespace FreelancerOS.Tests.Reports;

/// <summary>
/// The reports' and the dashboard's grouped reads against a plain recomputation from the stored rows, on two years
/// of demo data: profitability's one statement (whatever the data) and the open money per forecast window.
/// </summary>
public sealed class ReportQueryTests(TestApp app) : IClassFixture<TestApp>
{
    private async Task<(AppClient Client, string UserId)> SeededAsync(string email)
    {
        var client = await app.SignedInClientAsync(email);
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(userId);
        await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(years: 2, seed: 5);
        return (client, userId);
    }

    [Fact]
    public async Task Profitability_TotalsEqualTheStoredRows_InTheSameStatementsAsAnEmptyAccount()
    {
        var (client, userId) = await SeededAsync("profit-query@example.com");
        var empty = await app.SignedInClientAsync();
        using var counter = new SqlCounter(app.DataFolder);
        await empty.GetPageAsync("/reports/profitability?period=all");
        counter.Reset();
        await empty.GetPageAsync("/reports/profitability?period=all");
        var statementsEmpty = counter.Count;
        counter.Reset();
        await client.GetPageAsync("/reports/profitability?period=all");
        Assert.Equal(statementsEmpty, counter.Count);

        var rows = (await CsvAsync(client, "/reports/profitability/export?period=all")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(Fields).ToList();
        decimal D(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);
        var stored = await app.WithDbAsync(async db =>
        {
            var issued = db.Invoices.AsNoTracking().Where(i => i.Status == InvoiceStatus.Sent || i.Status == InvoiceStatus.Overdue || i.Status == InvoiceStatus.Paid);
            var lines = await issued.SelectMany(i => i.Lines.Where(l => l.ProjectId != null), (i, l) => new { i.Currency, l.Amount }).ToListAsync();
            var clientsWithProjects = await db.Projects.Select(p => p.ClientId).Distinct().ToListAsync();
            var subtotals = await issued.Where(i => clientsWithProjects.Contains(i.ClientId)).Select(i => new { i.Currency, i.Subtotal }).ToListAsync();
            var hours = await db.TimeEntries.Select(t => t.Hours).ToListAsync();
            var costs = await db.Expenses.Where(e => e.ProjectId != null).Select(e => new { e.Rechargeable, e.HomeAmountMinor }).ToListAsync();
            return (Lines: lines.GroupBy(l => l.Currency).ToDictionary(g => g.Key, g => g.Sum(l => l.Amount)),
                Subtotals: subtotals.GroupBy(s => s.Currency).ToDictionary(g => g.Key, g => g.Sum(s => s.Subtotal)),
                Hours: hours.Sum(), Recharged: costs.Where(c => c.Rechargeable).Sum(c => c.HomeAmountMinor), Other: costs.Where(c => !c.Rechargeable).Sum(c => c.HomeAmountMinor));
        }, userId);
        Assert.NotEmpty(stored.Lines);
        Assert.True(stored.Hours > 0);

        foreach (var (kind, billedPerCurrency) in new[] { ("Project", stored.Lines), ("Client", stored.Subtotals) })
        {
            var mine = rows.Where(r => r[0] == kind).ToList();
            var billed = mine.GroupBy(r => r[3]).ToDictionary(g => g.Key, g => g.Sum(r => D(r[4])));
            foreach (var (currency, amount) in billedPerCurrency) Assert.Equal(amount, billed.GetValueOrDefault(currency));
            Assert.Equal(billedPerCurrency.Values.Sum(), billed.Values.Sum());
            Assert.Equal(stored.Hours, mine.Sum(r => D(r[5])));
            Assert.Equal(LedgerEntry.FromMinor(stored.Recharged, mine[0][9]), mine.Sum(r => D(r[7])));
            Assert.Equal(LedgerEntry.FromMinor(stored.Other, mine[0][9]), mine.Sum(r => D(r[8])));
        }
    }

    [Fact]
    public async Task OpenByWindow_AndTheForecastDays_EqualTheOpenMoneyOfEachDay_OnEveryBoundary()
    {
        var (_, userId) = await SeededAsync("open-window@example.com");
        // Every open entry read the plain way: on its invoice's due date, or on its own date, summed per kind and day.
        var byDay = await app.WithDbAsync(db => (
            from e in db.LedgerEntries.AsNoTracking()
            where e.PaymentModeId == null
            join i in db.Invoices on e.InvoiceId equals (int?)i.Id into invoices
            from i in invoices.DefaultIfEmpty()
            group e.HomeAmountMinor by new { e.Kind, Expected = i != null ? i.DueDate : e.Date } into g
            select new ExpectedMoney { Kind = g.Key.Kind, Expected = g.Key.Expected, Minor = g.Sum() }).ToListAsync(), userId);
        Assert.True(byDay.Count > 3, "the demo data has open money on several days");

        int Window(DateOnly today, DateOnly expected) =>
            expected < today ? -1 : expected <= today.AddDays(30) ? 0 : expected <= today.AddDays(60) ? 1 : expected <= today.AddDays(90) ? 2 : 3;
        // Each day that holds open money, seen from the days that put it exactly on (and just past) each window's edge.
        var days = byDay.Select(o => o.Expected).Distinct().OrderBy(d => d).Where((_, k) => k % 4 == 0).Take(6).ToList();
        foreach (var today in days.SelectMany(d => new[] { 0, 1, -30, -31, -60, -61, -90, -91 }.Select(k => d.AddDays(k))).Distinct())
        {
            var expected = byDay.GroupBy(o => (o.Kind, Window: Window(today, o.Expected)))
                .Select(g => (g.Key.Kind, g.Key.Window, Minor: g.Sum(o => o.Minor))).OrderBy(x => x.Kind).ThenBy(x => x.Window).ToList();
            var actual = (await app.WithDbAsync(db => ForecastQueries.OpenByWindowAsync(db, today), userId))
                .Select(w => (w.Kind, w.Window, w.Minor)).OrderBy(x => x.Kind).ThenBy(x => x.Window).ToList();
            Assert.Equal(expected, actual);

            // The forecast's days: each coming day as it is, the earlier ones on the day before today, the later after the end.
            var end = today.AddDays(90);
            var clamped = byDay.GroupBy(o => (o.Kind, Day: o.Expected < today ? today.AddDays(-1) : o.Expected > end ? end.AddDays(1) : o.Expected))
                .Select(g => (g.Key.Kind, g.Key.Day, Minor: g.Sum(o => o.Minor))).OrderBy(x => x.Kind).ThenBy(x => x.Day).ToList();
            var forecastDays = (await app.WithDbAsync(db => ForecastQueries.OpenByExpectedDayAsync(db, today, end), userId))
                .Select(o => (o.Kind, Day: o.Expected, o.Minor)).OrderBy(x => x.Kind).ThenBy(x => x.Day).ToList();
            Assert.Equal(clamped, forecastDays);
        }
    }
}
