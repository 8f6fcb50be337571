using System.Globalization;
using System.Net;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Tests.Invoices;
using FreelancerOS.Tests.Ledger;
using FreelancerOS.Tests.Projects;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Dashboard;
using FreelancerOS.Web.Features.Invoices;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Tests.Dashboard;

/// <summary>
/// The dashboard's kept figures (unbilled work and pipeline value per currency) stay equal to a recomputation from the
/// items whatever is done to clients, projects, time, services, milestones, scope changes and draft invoices through the
/// real forms, and the dashboard shows them in one statement with the money owed.
/// </summary>
public abstract class DashboardKeptTotalsTestsBase<TApp>(TApp app) where TApp : TestApp
{
    private static readonly string[] Currencies = ["EUR", "EUR", "USD"];
    private static readonly string[] Stages = ["Lead", "Negotiation", "Client"];

    private static string Line(DashboardTotal t) =>
        string.Create(CultureInfo.InvariantCulture, $"{t.OwnerId} {t.Figure} {t.Currency}: {t.Hours:0.####} h {t.Value:0.####} / {t.Count}");

    /// <summary>Every account's kept rows against the same rows computed from its items, and the dashboard's figure against the form's rule.</summary>
    private async Task AssertKeptEqualsRecomputationAsync(string userId, string when)
    {
        var (kept, recomputed, live, clients) = await app.WithDbAsync(async db => (
            await db.DashboardTotals.IgnoreQueryFilters().AsNoTracking().ToListAsync(),
            await KeptDashboardTotals.ComputeAsync(db, userId),
            await new BilledWork(db).UnbilledTotalsAsync(),
            await db.Clients.AsNoTracking().Select(c => new { c.Stage, c.Currency, c.ContractValue }).ToListAsync()), userId);
        Assert.Equal(recomputed.Select(Line).Order(StringComparer.Ordinal), kept.Where(t => t.OwnerId == userId).Select(Line).Order(StringComparer.Ordinal));
        // The board's columns: every client of a board stage, by stage and currency.
        Assert.Equal(
            clients.Where(c => ClientStages.Board.Contains(c.Stage)).GroupBy(c => (c.Stage, c.Currency)).OrderBy(g => g.Key.Stage).ThenBy(g => g.Key.Currency, StringComparer.Ordinal)
                .Select(g => (DashboardFigures.ColumnOf(g.Key.Stage), g.Key.Currency, g.Sum(c => c.ContractValue), g.Count())),
            recomputed.Where(t => DashboardFigures.StageOf(t.Figure) is not null).OrderBy(t => t.Figure).ThenBy(t => t.Currency, StringComparer.Ordinal)
                .Select(t => (t.Figure, t.Currency, t.Value, t.Count)));
        Assert.Equal(live.Select(u => (u.Currency, u.Hours, u.Value, u.OtherItems)),
            recomputed.Where(t => t.Figure == DashboardFigure.Unbilled).OrderBy(t => t.Currency).Select(t => (t.Currency, t.Hours, t.Value, t.Count)));
        Assert.True(recomputed.Count > 0 || when == "start", "nothing to compare " + when);
    }

    private static string Money(Random random, int min, int max) =>
        (random.Next(min * 100, max * 100) / 100m).ToString(CultureInfo.InvariantCulture);

    private static async Task<HttpStatusCode> EditAsync(AppClient client, string url, Dictionary<string, string> values)
    {
        var page = await client.GetPageAsync(url);
        var action = url.Split('?')[0];
        return (await client.SubmitAsync(page, $"form[action='{action}']", values)).StatusCode;
    }

    [Fact]
    public async Task RandomChangesToBillableWorkAndThePipeline_ThroughTheForms_KeepTheFiguresEqualToARecomputation()
    {
        SetDay(new DateOnly(2026, 11, 22));
        var client = await app.SignedInClientAsync();
        var userId = await InvoiceSteps.UserIdAsync(app, client.Email!);
        var other = await app.SignedInClientAsync();
        var otherUser = await InvoiceSteps.UserIdAsync(app, other.Email!);
        var theirs = await Work.ClientAsync(other, "Someone else's", currency: "USD");
        await EditAsync(other, $"/clients/edit/{theirs}", new() { ["Stage"] = "Lead", ["ContractValue"] = "1234.50" });
        await AssertKeptEqualsRecomputationAsync(userId, "start");

        var random = new Random(2026);
        var clients = new List<int>();
        var projects = new List<(int Id, int Client, bool Fixed)>();
        var services = new List<int>();
        var drafts = new List<int>();
        var (billed, deleted) = (0, 0);
        for (var step = 0; step < 100; step++)
        {
            var roll = random.Next(100);
            if (clients.Count == 0 || roll < 8)
            {
                var id = await Work.ClientAsync(client, $"Client {step}", currency: Currencies[random.Next(Currencies.Length)]);
                clients.Add(id);
                await EditAsync(client, $"/clients/edit/{id}", new() { ["Stage"] = Stages[random.Next(Stages.Length)], ["ContractValue"] = Money(random, 0, 50_000) });
            }
            else if (roll < 16)
            {
                // Moves a client along the pipeline, changes its value, and sometimes its currency (refused once it has priced work).
                var values = new Dictionary<string, string> { ["Stage"] = Stages[random.Next(Stages.Length)], ["ContractValue"] = Money(random, 0, 50_000) };
                if (random.Next(3) == 0) values["Currency"] = Currencies[random.Next(Currencies.Length)];
                await EditAsync(client, $"/clients/edit/{clients[random.Next(clients.Count)]}", values);
            }
            else if (projects.Count == 0 || roll < 24)
            {
                var owner = clients[random.Next(clients.Count)];
                var isFixed = random.Next(3) == 0;
                var id = isFixed
                    ? await Work.ProjectAsync(client, owner, $"Fixed {step}", pricing: "FixedPrice", value: "6000", basis: "Invoicing")
                    : await Work.ProjectAsync(client, owner, $"Hourly {step}", rate: random.Next(50, 150).ToString(CultureInfo.InvariantCulture));
                projects.Add((id, owner, isFixed));
                if (isFixed)
                {
                    var preset = await client.GetPageAsync($"/projects/milestones/{id}?preset=50-50");
                    await client.SubmitAsync(preset, $"form[action='/projects/milestones/{id}']", new Dictionary<string, string>
                    {
                        ["Rows[0].Name"] = "Design", ["Rows[1].Name"] = "Build", ["Rows[0].State"] = random.Next(2) == 0 ? "Reached" : "Pending",
                    });
                }
            }
            else if (roll < 30)
            {
                // A project's pricing switches between hourly and fixed price: its time stops (or starts) counting as unbilled.
                var index = random.Next(projects.Count);
                var (id, owner, isFixed) = projects[index];
                var status = await EditAsync(client, $"/projects/edit/{id}", isFixed
                    ? new() { ["Pricing"] = "Hourly", ["CompletionBasis"] = "Hours" }
                    : new() { ["Pricing"] = "FixedPrice", ["Value"] = "6000", ["CompletionBasis"] = "Invoicing" });
                if (status == HttpStatusCode.Redirect) projects[index] = (id, owner, !isFixed);
            }
            else if (roll < 50)
            {
                var project = projects[random.Next(projects.Count)];
                await Work.LogAsync(client, project.Id, (random.Next(1, 40) / 4m).ToString(CultureInfo.InvariantCulture),
                    new DateOnly(2026, 10, 1).AddDays(random.Next(50)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), billable: random.Next(4) != 0);
            }
            else if (roll < 60)
            {
                // Edits or deletes an entry (refused once it is on an invoice).
                var entries = await app.WithDbAsync(db => db.TimeEntries.Select(t => t.Id).ToListAsync(), userId);
                if (entries.Count == 0) continue;
                var id = entries[random.Next(entries.Count)];
                var page = await client.GetPageAsync($"/time/edit/{id}");
                if (random.Next(3) == 0) await client.SubmitAsync(page, $"form[action='/time/delete/{id}']");
                else await client.SubmitAsync(page, $"form[action='/time/edit/{id}']", new Dictionary<string, string>
                {
                    ["Hours"] = (random.Next(1, 40) / 4m).ToString(CultureInfo.InvariantCulture), ["Billable"] = random.Next(4) == 0 ? "false" : "true",
                });
            }
            else if (roll < 68)
            {
                var project = projects[random.Next(projects.Count)];
                services.Add(await Work.ServiceAsync(client, project.Id, $"Service {step}", random.Next(2) == 0 ? "Flat" : "Hourly",
                    Money(random, 10, 2_000), random.Next(1, 5).ToString(CultureInfo.InvariantCulture)));
            }
            else if (roll < 74 && services.Count > 0)
            {
                await EditAsync(client, $"/services/edit/{services[random.Next(services.Count)]}", new()
                {
                    ["Pricing"] = random.Next(2) == 0 ? "Flat" : "Hourly", ["Rate"] = Money(random, 10, 2_000), ["Quantity"] = random.Next(1, 5).ToString(CultureInfo.InvariantCulture),
                });
            }
            else if (roll < 80)
            {
                // A scope change, approved or not, on a fixed-price project.
                var fixedPrice = projects.Where(p => p.Fixed).ToList();
                if (fixedPrice.Count == 0) continue;
                var project = fixedPrice[random.Next(fixedPrice.Count)].Id;
                var page = await client.GetPageAsync($"/projects/details/{project}");
                await client.SubmitAsync(page, $"form[action='/projects/addscopechange/{project}']", new Dictionary<string, string>
                    { ["Description"] = $"Change {step}", ["EstimateAmount"] = Money(random, 100, 3_000) });
                var change = await app.WithDbAsync(db => db.ScopeChanges.Where(s => s.Description == $"Change {step}").Select(s => s.Id).SingleAsync(), userId);
                if (random.Next(3) != 0)
                {
                    page = await client.GetPageAsync($"/projects/details/{project}");
                    await client.SubmitAsync(page, $"tr[data-id='{change}'] form[action='/projects/decidescopechange/{project}']", new Dictionary<string, string> { ["decision"] = "approve" });
                }
            }
            else if (roll < 92)
            {
                // Bills some of a client's unbilled work on a new draft (the claim is a bulk update).
                var owner = clients[random.Next(clients.Count)];
                var page = await BillingSteps.NewInvoicePageAsync(client, owner);
                var boxes = page.QuerySelectorAll("form[action='/invoices/create'] input[type=checkbox]")
                    .Where(b => b.GetAttribute("name") is "TimeEntryIds" or "MilestoneIds" or "ServiceIds" or "ScopeChangeIds").ToList();
                var ticked = boxes.Where(_ => random.Next(2) == 0).ToList();
                if (ticked.Count == 0) continue;
                foreach (var box in ticked) ((AngleSharp.Html.Dom.IHtmlInputElement)box).IsChecked = true;
                var response = await client.SubmitAsync(page, "form[action='/invoices/create']", new Dictionary<string, string> { ["IssueDate"] = "2026-11-22" });
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"step {step}: " + await response.Content.ReadAsStringAsync());
                drafts.Add(AppClient.IdFromRedirect(response));
                billed++;
            }
            else if (drafts.Count > 0)
            {
                // Deleting a draft gives its work back (the release is a bulk update).
                var index = random.Next(drafts.Count);
                var page = await client.GetPageAsync($"/invoices/details/{drafts[index]}");
                Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(page, $"form[action='/invoices/delete/{drafts[index]}']")).StatusCode);
                drafts.RemoveAt(index);
                deleted++;
            }
            if (step % 10 == 9) await AssertKeptEqualsRecomputationAsync(userId, $"after step {step}");
        }
        await AssertKeptEqualsRecomputationAsync(userId, "at the end");
        Assert.True(billed > 1 && deleted > 0, $"{billed} drafts billed work, {deleted} deleted: the sequence should do both");
        await AssertKeptEqualsRecomputationAsync(otherUser, "for the other account");
        Assert.Contains(await app.WithDbAsync(db => db.DashboardTotals.Select(t => t.Figure).Distinct().ToListAsync(), userId), f => f == DashboardFigure.Unbilled);

        // The dashboard shows the kept figures, as the invoice form's rule sums them.
        var dashboard = await client.GetPageAsync("/");
        var live = await app.WithDbAsync(db => new BilledWork(db).UnbilledTotalsAsync(), userId);
        foreach (var u in live)
            Assert.Equal(u.Hours.ToString("0.##"), dashboard.QuerySelectorAll("[data-role=unbilled-hours]")[live.ToList().IndexOf(u)].TextContent);
        Assert.Equal(live.Count, dashboard.QuerySelectorAll("[data-role=unbilled-value]").Length);
    }

    [Fact]
    public async Task TheKeptFigures_AreFilledAtStartUp_ForADatabaseThatHasNone()
    {
        var client = await app.SignedInClientAsync();
        var userId = await InvoiceSteps.UserIdAsync(app, client.Email!);
        var acme = await Work.ClientAsync(client, "Acme fill");
        await Work.LogAsync(client, await Work.ProjectAsync(client, acme, "Filled"), "3");
        var before = await app.WithDbAsync(db => db.DashboardTotals.AsNoTracking().ToListAsync(), userId);
        Assert.NotEmpty(before);

        // As after the upgrade that added the table: no rows at all; the start-up fill computes every account's.
        await app.WithDbAsync(db => db.DashboardTotals.IgnoreQueryFilters().ExecuteDeleteAsync());
        await app.WithDbAsync(async db => { await FreelancerOS.Web.Data.KeptFigures.FillIfMissingAsync(db); return 0; });
        var after = await app.WithDbAsync(db => db.DashboardTotals.AsNoTracking().ToListAsync(), userId);
        Assert.Equal(before.Select(Line).Order(StringComparer.Ordinal), after.Select(Line).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task WritersAtOnce_OnTheSameAccount_LeaveTheFiguresOfAllTheirWork()
    {
        var client = await app.SignedInClientAsync();
        var userId = await InvoiceSteps.UserIdAsync(app, client.Email!);
        var acme = await Work.ClientAsync(client, "Busy Ltd");
        var project = await Work.ProjectAsync(client, acme, "Rush");
        // Each recomputation must see the others' committed work: the last one to commit would otherwise leave its own view.
        var responses = await Task.WhenAll(Enumerable.Range(1, 8).Select(k => Work.LogAsync(client, project, k.ToString(CultureInfo.InvariantCulture))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        await AssertKeptEqualsRecomputationAsync(userId, "after writers at once");
        var unbilled = await app.WithDbAsync(db => db.DashboardTotals.SingleAsync(t => t.Figure == DashboardFigure.Unbilled), userId);
        Assert.Equal(36m, unbilled.Hours);
    }

    private void SetDay(DateOnly day) => FreelancerOS.Tests.Recurring.RecurringSteps.SetDay(app, day);
}

public sealed class DashboardKeptTotalsTests(TestApp app) : DashboardKeptTotalsTestsBase<TestApp>(app), IClassFixture<TestApp>;

public sealed class PostgresDashboardKeptTotalsTests(PostgresTestApp app) : DashboardKeptTotalsTestsBase<PostgresTestApp>(app), IClassFixture<PostgresTestApp>;
