using System.Net;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Tests.Projects;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Recurring;
using FreelancerOS.Web.Features.Reports;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static FreelancerOS.Tests.Invoices.InvoiceSteps;
using static FreelancerOS.Tests.Recurring.RecurringSteps;

namespace FreelancerOS.Tests.Recurring;

public abstract class RetainerScenarios(TestApp app)
{
    [Fact]
    public async Task Retainer_BillsTheFeeAndTheOverageToTheCent_ClaimsThePeriodsTime_ShowsHoursUsedPerPeriod()
    {
        SetDay(app, new DateOnly(2026, 11, 22));
        var alice = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, alice.Email!);
        var acme = await Work.ClientAsync(alice, "Acme Ltd", rate: "90");
        var website = await Work.ProjectAsync(alice, acme, "Website", rate: "90");
        var other = await Work.ProjectAsync(alice, acme, "Other work", rate: "90");
        foreach (var (hours, date) in new[] { ("4.25", "2026-11-03"), ("3.5", "2026-11-10"), ("2.75", "2026-11-17"), ("1.33", "2026-11-20") })
            Assert.Equal(HttpStatusCode.Redirect, (await Work.LogAsync(alice, website, hours, date)).StatusCode);
        await Work.LogAsync(alice, website, "2", "2026-11-21", billable: false);
        await Work.LogAsync(alice, other, "5", "2026-11-12");
        await Work.LogAsync(alice, website, "3", "2026-10-30");

        var id = await CreateScheduleAsync(alice, acme, new()
        {
            ["ProjectId"] = website.ToString(), ["DayOfMonth"] = "1", ["StartDate"] = "2026-11-01", ["TaxRate"] = "21",
            ["IsRetainer"] = "true", ["IncludedHours"] = "10", ["OverageRate"] = "85.50",
        });
        var page = await alice.GetPageAsync($"/recurring/details/{id}");
        Assert.Equal("2026-12-01", page.QuerySelector("[data-role=next-run]")!.TextContent.Trim());
        var current = page.QuerySelector("[data-role=retainer-periods] tr[data-period='2026-11-01']")!;
        Assert.Equal("11.83 h", current.QuerySelector("[data-role=used]")!.TextContent.Trim());
        Assert.Equal("1.83 h", current.QuerySelector("[data-role=over]")!.TextContent.Trim());
        Assert.Contains("current", current.TextContent);

        SetDay(app, new DateOnly(2026, 12, 1));
        await RunJobAsync(app);
        await RunJobAsync(app);
        var invoice = Assert.Single(await InvoicesOfAsync(app, id));
        var lines = invoice.Lines.OrderBy(l => l.Position).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal(("Retainer, November 2026", 1m, 1000m, 1000m), (lines[0].Description, lines[0].Quantity, lines[0].UnitPrice, lines[0].Amount));
        // 1.83 h × 85.50 = 156.465 → 156.47 (half away from zero); tax 21 % of 1,156.47 = 242.8587 → 242.86.
        Assert.Equal(("Hours over the 10 included, November 2026 (11.83 h used)", 1.83m, 85.50m, 156.47m),
            (lines[1].Description, lines[1].Quantity, lines[1].UnitPrice, lines[1].Amount));
        Assert.Equal((1156.47m, 242.86m, 1399.33m), (invoice.Subtotal, invoice.Tax, invoice.Total));
        Assert.Equal(website, lines[1].ProjectId);

        // November's billable time on the project is billed by this invoice; the rest is not.
        var entries = await app.WithDbAsync(db => db.TimeEntries.OrderBy(t => t.Date).ThenBy(t => t.Id)
            .Select(t => new { t.Date, t.ProjectId, t.Billable, t.InvoiceId, t.InvoiceLineId }).ToListAsync(), userId);
        var claimed = entries.Where(t => t.InvoiceId == invoice.Id).ToList();
        Assert.Equal(4, claimed.Count);
        Assert.All(claimed, t => Assert.Equal(lines[1].Id, t.InvoiceLineId));
        Assert.All(entries.Where(t => t.Date.Month != 11 || !t.Billable || t.ProjectId != website), t => Assert.Null(t.InvoiceId));

        // December: 1.5 h, within the included hours.
        SetDay(app, new DateOnly(2026, 12, 2));
        await SignInAgainAsync(alice);
        await Work.LogAsync(alice, website, "1.5", "2026-12-02");
        page = await alice.GetPageAsync($"/recurring/details/{id}");
        var december = page.QuerySelector("[data-role=retainer-periods] tr[data-period='2026-12-01']")!;
        Assert.Equal("1.5 h", december.QuerySelector("[data-role=used]")!.TextContent.Trim());
        Assert.Equal("–", december.QuerySelector("[data-role=over]")!.TextContent.Trim());
        var november = page.QuerySelector("[data-role=retainer-periods] tr[data-period='2026-11-01']")!;
        Assert.Equal("11.83 h", november.QuerySelector("[data-role=used]")!.TextContent.Trim());
        Assert.Equal("1.83 h", november.QuerySelector("[data-role=over]")!.TextContent.Trim());
        Assert.NotNull(november.QuerySelector($"a[href='/invoices/details/{invoice.Id}']"));

        SetDay(app, new DateOnly(2027, 1, 1));
        await RunJobAsync(app);
        var january = (await InvoicesOfAsync(app, id))[1];
        Assert.Equal(["Retainer, December 2026"], january.Lines.Select(l => l.Description));
        Assert.Equal(1210m, january.Total);
        // Within the included hours the time is billed by the fee: claimed, so it is not billed again.
        Assert.Equal(january.Id, await app.WithDbAsync(db => db.TimeEntries.Where(t => t.Date == new DateOnly(2026, 12, 2)).Select(t => t.InvoiceId).SingleAsync(), userId));

        await SignInAgainAsync(alice);
        // Deleting the November draft gives its time back; the run stays, so the period is not made again.
        var draft = await alice.GetPageAsync($"/invoices/details/{invoice.Id}");
        Assert.Equal(HttpStatusCode.Redirect, (await alice.SubmitAsync(draft, $"form[action='/invoices/delete/{invoice.Id}']")).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.TimeEntries.CountAsync(t => t.InvoiceId == invoice.Id), userId));
        await RunJobAsync(app);
        Assert.Equal(2, await RunCountAsync(app, id));
    }

    [Fact]
    public async Task Forecast_ShowsTheComingRunsAsExpectedIncome_OnTheirDueDates()
    {
        SetDay(app, new DateOnly(2026, 11, 22));
        var bob = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, bob.Email!);
        var acme = await CreateClientAsync(bob, "Acme Ltd");
        var dollars = await CreateClientAsync(bob, "US Corp", "USD");
        await CreateScheduleAsync(bob, acme, new() { ["Name"] = "Hosting", ["DayOfMonth"] = "5", ["TaxRate"] = "10" }, [("Hosting", "1", "1000")]);
        var paused = await CreateScheduleAsync(bob, acme, new() { ["Name"] = "Paused one", ["DayOfMonth"] = "6" }, [("Support", "1", "300")]);
        await bob.SubmitAsync(await bob.GetPageAsync($"/recurring/details/{paused}"), $"form[action='/recurring/pause/{paused}']");
        await CreateScheduleAsync(bob, dollars, new() { ["Name"] = "Dollars", ["DayOfMonth"] = "7" }, [("Support", "1", "500")]);

        // Runs on 5 December, 5 January, 5 February; due 30 days later: 4 January and 4 February are within 90 days.
        var page = await bob.GetPageAsync("/reports/forecast?days=90");
        var rows = page.QuerySelectorAll("#forecast-flows tbody tr")
            .Where(r => r.Children.Length > 1 && r.Children[1].TextContent.Trim() == RecurringForecast.Source)
            .Select(r => r.Children[0].QuerySelector("time")?.GetAttribute("datetime") ?? r.Children[0].TextContent.Trim()).ToList();
        Assert.Equal(["2027-01-04", "2027-02-04"], rows);

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(userId);
        var forecast = await scope.ServiceProvider.GetRequiredService<ForecastQueries>().ForecastAsync(new DateOnly(2026, 11, 22), "EUR", withBalances: false);
        var recurring = forecast.Flows.Where(f => f.Source == RecurringForecast.Source).ToList();
        Assert.All(recurring, f => Assert.Equal(110000L, f.Minor));
        Assert.Equal(220000L, forecast.Windows.Single(w => w.Days == 90).InMinor);
    }
}

public sealed class RetainerTests(TestApp app) : RetainerScenarios(app), IClassFixture<TestApp>;

public sealed class PostgresRetainerTests(FreelancerOS.Tests.Ledger.PostgresTestApp app) : RetainerScenarios(app), IClassFixture<FreelancerOS.Tests.Ledger.PostgresTestApp>;
