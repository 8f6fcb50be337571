using System.Globalization;
using System.Net;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Tests.Invoices;
using FreelancerOS.Tests.Ledger;
using FreelancerOS.Tests.Projects;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using FreelancerOS.Web.Infrastructure.DemoData;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using static FreelancerOS.Tests.Reports.ReportSteps;

namespace FreelancerOS.Tests.Reports;

/// <summary>
/// What each project and client was billed per month of issue and currency, kept for profitability, equals a full
/// recomputation from every issued invoice after random writes through the real pages: work logged in three months and
/// billed on drafts of varied issue dates, typed-line drafts, drafts issued (in two currencies), paid, voided and
/// deleted, and a project deleted. Profitability then shows, for periods that cut months at both ends, within one month
/// and over all time, what the invoices of the period add up to.
/// </summary>
public abstract class KeptBilledMonthsTestsBase<TApp>(TApp app) where TApp : TestApp
{
    protected abstract int Steps { get; }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static readonly DateOnly First = new(2026, 9, 1);

    private async Task AssertKeptAsync(string userId, string when)
    {
        var (projects, clients) = await app.WithDbAsync(db => KeptBilledMonths.RecomputeAsync(db), userId);
        var keptProjects = await app.WithDbAsync(db => db.ProjectMonthBilled.AsNoTracking().ToListAsync(), userId);
        var keptClients = await app.WithDbAsync(db => db.ClientMonthBilled.AsNoTracking().ToListAsync(), userId);
        Assert.True(Rows(projects.Where(p => p.OwnerId == userId).Select(p => (p.ProjectId, p.Period, p.Currency, p.Count, p.AmountUnits)))
            .SequenceEqual(Rows(keptProjects.Select(p => (p.ProjectId, p.Period, p.Currency, p.Count, p.AmountUnits)))), $"projects, {when}");
        Assert.True(Rows(clients.Where(c => c.OwnerId == userId).Select(c => (c.ClientId, c.Period, c.Currency, c.Count, c.SubtotalUnits)))
            .SequenceEqual(Rows(keptClients.Select(c => (c.ClientId, c.Period, c.Currency, c.Count, c.SubtotalUnits)))), $"clients, {when}");
    }

    private static List<(int, int, string, int, long)> Rows(IEnumerable<(int, int, string, int, long)> rows) =>
        rows.OrderBy(r => r.Item1).ThenBy(r => r.Item2).ThenBy(r => r.Item3, StringComparer.Ordinal).ToList();

    [Fact]
    public async Task KeptMonths_EqualAFullRecomputation_AfterRandomWrites_AndProfitabilityAddsUpEveryPeriod()
    {
        var email = $"kept-billed-{Guid.NewGuid():N}@example.com";
        var client = await app.SignedInClientAsync(email);
        var userId = await InvoiceSteps.UserIdAsync(app, email);
        var acme = await Work.ClientAsync(client, "Acme", rate: "80");
        var globex = await Work.ClientAsync(client, "Globex", rate: "60", currency: "USD");
        int[] projects =
        [
            await Work.ProjectAsync(client, acme, "Site"),
            await Work.ProjectAsync(client, acme, "Shop"),
            await Work.ProjectAsync(client, globex, "App"),
        ];
        var clientOf = new Dictionary<int, int> { [projects[0]] = acme, [projects[1]] = acme, [projects[2]] = globex };
        var random = new Random(27);
        var deleted = false;

        for (var step = 0; step < Steps; step++)
        {
            var invoices = await app.WithDbAsync(db => db.Invoices.AsNoTracking().OrderBy(i => i.Id).Select(i => new { i.Id, i.Status, i.Total, i.AmountPaid }).ToListAsync(), userId);
            var drafts = invoices.Where(i => i.Status == InvoiceStatus.Draft).ToList();
            var open = invoices.Where(i => i.Status is InvoiceStatus.Sent or InvoiceStatus.Overdue).ToList();
            var live = projects.Where(p => !deleted || p != projects[1]).ToArray();
            var project = live[random.Next(live.Length)];
            var issueDate = Day(First.AddDays(random.Next(0, 81)));
            switch (random.Next(11))
            {
                case 0 or 1 or 2:
                    Assert.Equal(HttpStatusCode.Redirect, (await Work.LogAsync(client, project, $"{random.Next(1, 30) * 0.25m}", Day(First.AddDays(random.Next(0, 80))))).StatusCode);
                    break;
                case 3 or 4 or 5:
                    var billTo = clientOf[project];
                    var page = await BillingSteps.NewInvoicePageAsync(client, billTo, "2026-09-01", "2026-11-30");
                    var groups = page.QuerySelectorAll("input[name=TimeGroups]").Select(g => $"input[name=TimeGroups][value='{g.GetAttribute("value")}']").ToArray();
                    if (groups.Length == 0) break;
                    var bill = await BillingSteps.PostDraftWithWorkAsync(client, billTo, groups, "2026-09-01", "2026-11-30",
                        new Dictionary<string, string> { ["IssueDate"] = issueDate });
                    Assert.Equal(HttpStatusCode.Redirect, bill.StatusCode);
                    if (random.Next(3) > 0) await InvoiceSteps.IssueAsync(client, AppClient.IdFromRedirect(bill));
                    break;
                case 6:
                    // Typed lines only: they count in the client's subtotal, in no project.
                    await InvoiceSteps.PostDraftAsync(client, random.Next(2) == 0 ? acme : globex, [("Advice", "1", $"{random.Next(1, 900)}.5")], issueDate: issueDate);
                    break;
                case 7 when drafts.Count > 0:
                    await InvoiceSteps.IssueAsync(client, drafts[random.Next(drafts.Count)].Id);
                    break;
                case 8 when open.Count > 0:
                    var paid = open[random.Next(open.Count)];
                    Assert.Equal(HttpStatusCode.Redirect, (await InvoicePaymentTests.PayAsync(client, paid.Id, "Cash",
                        (paid.Total - paid.AmountPaid).ToString(CultureInfo.InvariantCulture), "2026-11-25")).StatusCode);
                    break;
                case 9 when open.Count > 2:
                    var voided = open[random.Next(open.Count)].Id;
                    await client.SubmitAsync(await client.GetPageAsync($"/invoices/details/{voided}"), $"form[action='/invoices/void/{voided}']");
                    break;
                case 10 when drafts.Count > 0:
                    var gone = drafts[random.Next(drafts.Count)].Id;
                    Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(await client.GetPageAsync($"/invoices/details/{gone}"),
                        $"form[action='/invoices/delete/{gone}']")).StatusCode);
                    break;
            }
            if (step == Steps * 2 / 3 && !deleted)
            {
                // A project deleted: its lines stay on their invoices without a project, and its kept months go with it.
                await app.WithDbAsync(async db =>
                {
                    db.Projects.Remove(await db.Projects.SingleAsync(p => p.Id == projects[1]));
                    return await db.SaveChangesAsync();
                }, userId);
                deleted = true;
            }
            await AssertKeptAsync(userId, $"after step {step}");
        }
        Assert.True(await app.WithDbAsync(db => db.ProjectMonthBilled.Select(b => b.Period).Distinct().CountAsync(), userId) > 1);
        Assert.Equal(2, (await app.WithDbAsync(db => db.ClientMonthBilled.Select(b => b.Currency).Distinct().ToListAsync(), userId)).Count);

        // The report's billed figures (whole months kept, cut months from the invoices) equal the period's issued invoices.
        foreach (var (query, from, to) in new[]
                 {
                     ("period=custom&from=2026-09-12&to=2026-11-07", new DateOnly(2026, 9, 12), new DateOnly(2026, 11, 7)),
                     ("period=custom&from=2026-10-03&to=2026-10-20", new DateOnly(2026, 10, 3), new DateOnly(2026, 10, 20)),
                     ("period=custom&from=2026-10-01&to=2026-11-30", new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 30)),
                     ("period=all", DateOnly.MinValue, DateOnly.MaxValue),
                 })
        {
            var stored = await app.WithDbAsync(async db =>
            {
                var issued = db.Invoices.AsNoTracking().Where(i => (i.Status == InvoiceStatus.Sent || i.Status == InvoiceStatus.Overdue || i.Status == InvoiceStatus.Paid)
                    && i.IssueDate >= from && i.IssueDate <= to);
                var lines = await issued.SelectMany(i => i.Lines.Where(l => l.ProjectId != null), (i, l) => new { i.Currency, l.Amount }).ToListAsync();
                var subtotals = await issued.Select(i => new { i.Currency, i.Subtotal }).ToListAsync();
                return (Lines: lines.GroupBy(l => l.Currency).ToDictionary(g => g.Key, g => g.Sum(l => l.Amount)),
                    Subtotals: subtotals.GroupBy(s => s.Currency).ToDictionary(g => g.Key, g => g.Sum(s => s.Subtotal)));
            }, userId);
            var rows = (await CsvAsync(client, $"/reports/profitability/export?{query}")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(Fields).ToList();
            foreach (var (kind, expected) in new[] { ("Project", stored.Lines), ("Client", stored.Subtotals) })
            {
                var billed = rows.Where(r => r[0] == kind).GroupBy(r => r[3]).ToDictionary(g => g.Key, g => g.Sum(r => decimal.Parse(r[4], CultureInfo.InvariantCulture)));
                foreach (var currency in expected.Keys.Union(billed.Keys).Where(c => expected.GetValueOrDefault(c) != 0 || billed.GetValueOrDefault(c) != 0))
                    Assert.True(expected.GetValueOrDefault(currency) == billed.GetValueOrDefault(currency),
                        $"{kind} billed in {currency} for {query}: expected {expected.GetValueOrDefault(currency)}, shown {billed.GetValueOrDefault(currency)}");
            }
        }
    }

    [Fact]
    public async Task DemoData_GetsItsBilledMonthsOnceAtTheEnd_AndLaterWritesKeepThem()
    {
        var email = $"kept-billed-demo-{Guid.NewGuid():N}@example.com";
        var client = await app.SignedInClientAsync(email);
        var userId = await InvoiceSteps.UserIdAsync(app, email);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(userId);
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(years: 2, seed: 3);
        }
        Assert.True(await app.WithDbAsync(db => db.ProjectMonthBilled.AnyAsync(), userId));
        await AssertKeptAsync(userId, "after the demo data");

        var draft = await app.WithDbAsync(db => db.Invoices.Where(i => i.Status == InvoiceStatus.Draft && i.Lines.Any(l => l.ProjectId != null))
            .OrderBy(i => i.Id).Select(i => i.Id).FirstAsync(), userId);
        await InvoiceSteps.IssueAsync(client, draft);
        await AssertKeptAsync(userId, "after a draft of the demo data was issued");
    }

    [Fact]
    public async Task AnUpgradedDatabase_GetsItsBilledMonthsFilledAtStartUp()
    {
        var email = $"kept-billed-fill-{Guid.NewGuid():N}@example.com";
        var client = await app.SignedInClientAsync(email);
        var userId = await InvoiceSteps.UserIdAsync(app, email);
        var acme = await Work.ClientAsync(client, "Acme", rate: "80");
        var site = await Work.ProjectAsync(client, acme, "Site");
        await Work.LogAsync(client, site, "2.5", "2026-10-14");
        var draft = await BillingSteps.BillAsync(client, acme, $"input[name=TimeGroups][value='{site}-0']");
        await InvoiceSteps.IssueAsync(client, draft);
        await InvoiceSteps.CreateDraftAsync(client, acme, ("Left as a draft", "1", "99"));
        // As before the migration that added the tables: issued invoices, no kept months.
        await app.WithDbAsync(async db => await db.ClientMonthBilled.IgnoreQueryFilters().ExecuteDeleteAsync() + await db.ProjectMonthBilled.IgnoreQueryFilters().ExecuteDeleteAsync());
        await FreelancerOS.Web.Infrastructure.Database.MigrateAsync(app.Services);
        await AssertKeptAsync(userId, "after the start-up fill");
        var kept = await app.WithDbAsync(db => db.ProjectMonthBilled.AsNoTracking().SingleAsync(), userId);
        Assert.Equal((site, 202611, "EUR", 1, 200m), (kept.ProjectId, kept.Period, kept.Currency, kept.Count, InvoiceStatusTotal.AmountOf(kept.AmountUnits)));
    }
}

public sealed class KeptBilledMonthsTests(TestApp app) : KeptBilledMonthsTestsBase<TestApp>(app), IClassFixture<TestApp>
{
    protected override int Steps => 45;
}

public sealed class PostgresKeptBilledMonthsTests(PostgresTestApp app) : KeptBilledMonthsTestsBase<PostgresTestApp>(app), IClassFixture<PostgresTestApp>
{
    protected override int Steps => 45;
}
