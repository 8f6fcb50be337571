using System.Net;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Tests.Invoices;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Dashboard;
using FreelancerOS.Web.Infrastructure;
using FreelancerOS.Web.Infrastructure.DemoData;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Tests.Projects;

/// <summary>
/// The hours and invoiced amount kept on each project equal a full recomputation from every time entry and invoice
/// line, after random sequences of writes through the real pages: time logged, edited, moved to another project and
/// deleted (forms and timesheet cells), billed on an invoice, issued, voided, and a client's currency changed. The
/// pages that read the kept figures show the recomputed completion.
/// </summary>
public sealed class KeptProjectFiguresTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task KeptFigures_EqualAFullRecomputation_AfterRandomWritesThroughThePages()
    {
        var client = await app.SignedInClientAsync("kept-figures@example.com");
        var userId = await InvoiceSteps.UserIdAsync(app, "kept-figures@example.com");
        var acme = await Work.ClientAsync(client, "Acme", rate: "80");
        var globex = await Work.ClientAsync(client, "Globex", rate: "60", currency: "USD");
        int[] projects =
        [
            await Work.ProjectAsync(client, acme, "Site", estimate: "40"),
            await Work.ProjectAsync(client, acme, "Shop", pricing: "FixedPrice", value: "5000", basis: "Invoicing"),
            await Work.ProjectAsync(client, globex, "App", estimate: "20"),
        ];
        var clientOf = new Dictionary<int, int> { [projects[0]] = acme, [projects[1]] = acme, [projects[2]] = globex };
        var random = new Random(16);
        var issued = new List<int>();

        for (var step = 0; step < 30; step++)
        {
            var project = projects[random.Next(projects.Length)];
            var entries = await app.WithDbAsync(db => db.TimeEntries.Where(t => t.InvoiceId == null).OrderBy(t => t.Id).ToListAsync(), userId);
            var entry = entries.Count == 0 ? null : entries[random.Next(entries.Count)];
            switch (random.Next(7))
            {
                case 0 or 1:
                    Assert.Equal(HttpStatusCode.Redirect, (await Work.LogAsync(client, project, $"{random.Next(1, 30) * 0.25m}", $"2026-11-{random.Next(2, 27):00}")).StatusCode);
                    break;
                case 2 when entry is not null:
                    // Hours and project changed together (the form keeps the client's currency: same client only).
                    var sameClient = projects.Where(p => clientOf[p] == clientOf[entry.ProjectId]).ToList();
                    var target = sameClient[random.Next(sameClient.Count)];
                    var edit = await client.GetPageAsync($"/time/edit/{entry.Id}");
                    await client.SubmitAsync(edit, $"form[action='/time/edit/{entry.Id}']",
                        new Dictionary<string, string> { ["Hours"] = $"{random.Next(1, 20) * 0.5m}", ["ProjectId"] = target.ToString(), ["ServiceId"] = "" });
                    break;
                case 3 when entry is not null:
                    var delete = await client.GetPageAsync($"/time/edit/{entry.Id}");
                    Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(delete, $"form[action='/time/delete/{entry.Id}']")).StatusCode);
                    break;
                case 4:
                    // A timesheet cell: a new entry, its hours changed, or cleared (deleted).
                    var sheet = await client.GetPageAsync($"/time?week=2026-11-23&add={project}");
                    var cell = sheet.QuerySelector($"tr[data-row='{project}-'] form[hx-post='/time/cell']");
                    if (cell is null) break;
                    var date = cell.QuerySelector("input[name=date]")!.GetAttribute("value")!;
                    Assert.Equal(HttpStatusCode.OK, (await client.HtmxPostAsync(sheet, "/time/cell", new Dictionary<string, string>
                        { ["projectId"] = project.ToString(), ["date"] = date, ["hours"] = random.Next(3) == 0 ? "" : $"{random.Next(1, 8)}" })).StatusCode);
                    break;
                case 5:
                    // Bill the client's open time, then issue the draft.
                    var billTo = clientOf[project];
                    var page = await BillingSteps.NewInvoicePageAsync(client, billTo, "2026-11-01", "2026-11-30");
                    var groups = page.QuerySelectorAll("input[name=TimeGroups]").Select(g => $"input[name=TimeGroups][value='{g.GetAttribute("value")}']").ToArray();
                    if (groups.Length == 0) break;
                    var invoice = AppClient.IdFromRedirect(await BillingSteps.PostDraftWithWorkAsync(client, billTo, groups, "2026-11-01", "2026-11-30"));
                    // A USD invoice asks the rate of the account's EUR on the issue page.
                    await InvoiceSteps.IssueAsync(client, invoice);
                    var status = await app.WithDbAsync(db => db.Invoices.Where(i => i.Id == invoice).Select(i => i.Status).SingleAsync(), userId);
                    Assert.True(status is InvoiceStatus.Sent or InvoiceStatus.Overdue,
                        $"Invoice {invoice} is {status}: {(await client.GetPageAsync($"/invoices/details/{invoice}")).QuerySelector("main")?.TextContent}");
                    issued.Add(invoice);
                    break;
                case 6 when issued.Count > 0:
                    var voided = issued[random.Next(issued.Count)];
                    issued.Remove(voided);
                    var details = await client.GetPageAsync($"/invoices/details/{voided}");
                    await client.SubmitAsync(details, $"form[action='/invoices/void/{voided}']");
                    break;
            }
            await AssertKeptAsync(userId);
        }
        Assert.NotEmpty(issued);
        Assert.Contains(await app.WithDbAsync(db => db.Projects.Select(p => p.InvoicedAmount).ToListAsync(), userId), a => a > 0);

        // What the board and the list show is the completion of the recomputed figures.
        var expected = await app.WithDbAsync(RecomputeAsync, userId);
        var all = await app.WithDbAsync(db => db.Projects.AsNoTracking().ToListAsync(), userId);
        var board = await client.GetPageAsync("/projects");
        var list = await client.GetPageAsync("/projects/list");
        foreach (var p in all)
        {
            var completion = p.CompletionPercent(expected[p.Id].Hours, expected[p.Id].Invoiced) is { } c ? $"{c}%" : "No estimate";
            Assert.StartsWith(completion, board.QuerySelector($"#project-{p.Id} [data-role=completion]")!.TextContent.Trim());
            Assert.StartsWith(completion, list.QuerySelector($"tr[data-id='{p.Id}'] [data-role=completion]")!.TextContent.Trim());
        }
    }

    [Fact]
    public async Task FillIfMissing_ComputesTheFiguresOfProjectsFromBeforeTheyWereKept()
    {
        var client = await app.SignedInClientAsync("kept-fill@example.com");
        var userId = await InvoiceSteps.UserIdAsync(app, "kept-fill@example.com");
        var acme = await Work.ClientAsync(client, "Acme", rate: "80");
        var project = await Work.ProjectAsync(client, acme, "Site", estimate: "40");
        await Work.LogAsync(client, project, "2.5");
        await Work.LogAsync(client, project, "1.25", "2026-11-21");
        // As an upgraded database has them: no figures yet.
        await app.WithDbAsync(db => db.Projects.Where(p => p.Id == project)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.LoggedHours, (decimal?)null).SetProperty(p => p.InvoicedAmount, (decimal?)null)), userId);

        await app.WithDbAsync(async db => { await KeptProjectFigures.FillIfMissingAsync(db); return 0; }, userId);

        var kept = await app.WithDbAsync(db => db.Projects.Where(p => p.Id == project).Select(p => new { p.LoggedHours, p.InvoicedAmount }).SingleAsync(), userId);
        Assert.Equal((3.75m, 0m), (kept.LoggedHours, kept.InvoicedAmount));
    }

    [Fact]
    public async Task DemoData_RecomputesThePerAccountFiguresOnceAtTheEnd_AndLaterWritesKeepThemAgain()
    {
        var client = await app.SignedInClientAsync("kept-demo@example.com");
        var userId = await InvoiceSteps.UserIdAsync(app, "kept-demo@example.com");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(userId);
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(1, seed: 11);
        }
        await AssertKeptAsync(userId);
        await AssertDashboardKeptAsync(userId);

        // The load's deferral ended with it: a write after it moves the figures in its own save again.
        var project = await app.WithDbAsync(db => db.Projects.Where(p => p.Status == WorkStatus.InProgress).Select(p => p.Id).FirstAsync(), userId);
        await Work.LogAsync(client, project, "1.5");
        await AssertKeptAsync(userId);
        await AssertDashboardKeptAsync(userId);
    }

    private async Task AssertDashboardKeptAsync(string userId)
    {
        var (kept, recomputed) = await app.WithDbAsync(async db => (
            await db.DashboardTotals.AsNoTracking().ToListAsync(), await KeptDashboardTotals.ComputeAsync(db, userId)), userId);
        Assert.Equal(recomputed.OrderBy(t => t.Figure).ThenBy(t => t.Currency).Select(t => (t.Figure, t.Currency, t.Hours, t.Value, t.Count)),
            kept.OrderBy(t => t.Figure).ThenBy(t => t.Currency).Select(t => (t.Figure, t.Currency, t.Hours, t.Value, t.Count)));
    }

    private async Task AssertKeptAsync(string userId)
    {
        var expected = await app.WithDbAsync(RecomputeAsync, userId);
        var kept = await app.WithDbAsync(db => db.Projects.AsNoTracking().Select(p => new { p.Id, p.LoggedHours, p.InvoicedAmount }).ToListAsync(), userId);
        Assert.Equal(expected.Count, kept.Count);
        foreach (var k in kept)
            Assert.Equal((expected[k.Id].Hours, expected[k.Id].Invoiced), (k.LoggedHours, k.InvoicedAmount));
    }

    private sealed record Expected(decimal Hours, decimal Invoiced);

    /// <summary>Every project's figures from every entry and line, in memory (the rules of ProjectInvoicing).</summary>
    private static async Task<Dictionary<int, Expected>> RecomputeAsync(AppDbContext db)
    {
        var projects = await db.Projects.AsNoTracking().ToListAsync();
        var entries = await db.TimeEntries.AsNoTracking().ToListAsync();
        var invoices = await db.Invoices.AsNoTracking().Include(i => i.Lines).Include(i => i.Client).ToListAsync();
        return projects.ToDictionary(p => p.Id, p => new Expected(
            entries.Where(t => t.ProjectId == p.Id).Sum(t => t.Hours),
            invoices.Where(i => InvoiceStatuses.Invoiced.Contains(i.Status) && i.Currency == i.Client!.Currency)
                .SelectMany(i => i.Lines).Where(l => l.ProjectId == p.Id && l.SourceKind != InvoiceLineSourceKind.Expense).Sum(l => l.Amount)));
    }
}
