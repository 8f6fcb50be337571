using System.Net;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Tests.Projects;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;
using static FreelancerOS.Tests.Invoices.BillingSteps;

namespace FreelancerOS.Tests.Invoices;

/// <summary>Unbilled work turned into invoice lines through the real forms, and given back.</summary>
public sealed class BilledWorkTests(TestApp app) : IClassFixture<TestApp>
{
    /// <summary>
    /// A client with October and November hours, a fixed-price project with a reached milestone, a flat
    /// service and an approved scope change.
    /// </summary>
    private sealed record Setup(AppClient Client, int ClientId, int Website, int Design, int Shop, int Logo, int Milestone, int ScopeChange);

    private async Task<Setup> SetUpAsync(string name = "Acme Ltd")
    {
        var client = await app.SignedInClientAsync();
        var clientId = await Work.ClientAsync(client, name, rate: "80");
        var website = await Work.ProjectAsync(client, clientId, "Website");
        var design = await Work.ServiceAsync(client, website, "Design", "Hourly", "100", "10");
        await Work.LogAsync(client, website, "2", "2026-10-05", design);
        await Work.LogAsync(client, website, "3.5", "2026-10-20", design);
        await Work.LogAsync(client, website, "1", "2026-10-07");              // no service: the client's rate, 80
        await Work.LogAsync(client, website, "2", "2026-10-08", billable: false);
        await Work.LogAsync(client, website, "4", "2026-11-03", design);     // outside October

        var shop = await Work.ProjectAsync(client, clientId, "Shop", pricing: "FixedPrice", value: "6000", basis: "Invoicing");
        var logo = await Work.ServiceAsync(client, shop, "Logo", "Flat", "1500", "1");
        var schedule = await client.GetPageAsync($"/projects/milestones/{shop}?preset=50-50");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(schedule, $"form[action='/projects/milestones/{shop}']",
            new Dictionary<string, string> { ["Rows[0].Name"] = "Kick-off", ["Rows[0].State"] = "Reached", ["Rows[1].Name"] = "Launch" })).StatusCode);
        var details = await client.GetPageAsync($"/projects/details/{shop}");
        await client.SubmitAsync(details, $"form[action='/projects/addscopechange/{shop}']",
            new Dictionary<string, string> { ["Description"] = "Extra landing page", ["EstimateAmount"] = "600" });
        var ids = await app.WithDbAsync(async db => new
        {
            Milestone = await db.Milestones.IgnoreQueryFilters().Where(m => m.ProjectId == shop && m.Name == "Kick-off").Select(m => m.Id).SingleAsync(),
            Change = await db.ScopeChanges.IgnoreQueryFilters().Where(s => s.ProjectId == shop).Select(s => s.Id).SingleAsync(),
        });
        details = await client.GetPageAsync($"/projects/details/{shop}");
        await client.SubmitAsync(details, $"form[action='/projects/decidescopechange/{shop}']",
            new Dictionary<string, string> { ["changeId"] = ids.Change.ToString(), ["decision"] = "approve" });
        return new Setup(client, clientId, website, design, shop, logo, ids.Milestone, ids.Change);
    }

    private Task<List<TimeEntry>> EntriesAsync(int projectId) =>
        app.WithDbAsync(db => db.TimeEntries.IgnoreQueryFilters().Where(t => t.ProjectId == projectId).OrderBy(t => t.Date).ToListAsync());

    private Task<Invoice> InvoiceAsync(int id) =>
        app.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().Include(i => i.Lines).SingleAsync(i => i.Id == id));

    private static string[] AllOctoberWork(Setup s) =>
    [
        $"input[name=TimeGroups][value='{s.Website}-{s.Design}']", $"input[name=TimeGroups][value='{s.Website}-0']",
        $"#milestone-{s.Milestone}", $"#service-{s.Logo}", $"#scope-change-{s.ScopeChange}",
    ];

    [Fact]
    public async Task Post_CreateDraftFromUnbilledWork_OneLinePerService_TotalsRight_ItemsMarkedBilled()
    {
        var s = await SetUpAsync();
        var page = await NewInvoicePageAsync(s.Client, s.ClientId, "2026-10-01", "2026-10-31");
        var groups = page.QuerySelectorAll("[data-role=time-group]").Select(g => g.TextContent.Trim()).ToList();
        Assert.Equal(2, groups.Count); // Design and "Other work"; November and the non-billable hours are not offered
        Assert.Contains("Website – Design · 5.5 h · 550.00 EUR", groups[0]);
        Assert.Contains("Website – Other work · 1 h · 80.00 EUR", groups[1]);

        var response = await PostDraftWithWorkAsync(s.Client, s.ClientId, AllOctoberWork(s), "2026-10-01", "2026-10-31",
            new Dictionary<string, string> { ["TaxRate"] = "21" });
        var id = AppClient.IdFromRedirect(response);

        var details = await s.Client.GetPageAsync($"/invoices/details/{id}");
        var lines = details.QuerySelectorAll("[data-role=lines] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(5, lines.Count);
        // Reads like an invoice: the work, hours × rate and the period (no internal entry count).
        Assert.Contains("Website – Design, 5.50 h × 100.00 (2026-10-05 to 2026-10-20)", lines[0]);
        Assert.Contains("5.5", lines[0]);
        Assert.Equal(["550.00 EUR", "80.00 EUR", "3,000.00 EUR", "1,500.00 EUR", "600.00 EUR"],
            details.QuerySelectorAll("[data-role=line-amount]").Select(e => e.TextContent.Trim()));
        Assert.Equal("5,730.00 EUR", details.QuerySelector("[data-role=subtotal]")!.TextContent.Trim());
        Assert.Equal("1,203.30 EUR", details.QuerySelector("[data-role=tax]")!.TextContent.Trim());
        Assert.Equal("6,933.30 EUR", details.QuerySelector("[data-role=total]")!.TextContent.Trim());

        var invoice = await InvoiceAsync(id);
        var entries = await EntriesAsync(s.Website);
        var designLine = invoice.Lines.Single(l => l.Description.StartsWith("Website – Design"));
        Assert.Equal(InvoiceLineSourceKind.TimeEntry, designLine.SourceKind);
        Assert.Equal(s.Website, designLine.ProjectId);
        Assert.Equal([id, id, null, id, null], entries.Select(e => e.InvoiceId)); // Oct 5, Oct 7 (other work), Oct 8 not billable, Oct 20, Nov 3
        Assert.Equal(2, entries.Count(e => e.InvoiceLineId == designLine.Id));
        Assert.All(invoice.Lines.Where(l => !l.Description.StartsWith("Website")), l => Assert.Equal(s.Shop, l.ProjectId));
        var shop = await app.WithDbAsync(async db => new
        {
            Milestone = await db.Milestones.IgnoreQueryFilters().SingleAsync(m => m.Id == s.Milestone),
            Service = await db.Services.IgnoreQueryFilters().SingleAsync(x => x.Id == s.Logo),
            Change = await db.ScopeChanges.IgnoreQueryFilters().SingleAsync(x => x.Id == s.ScopeChange),
        });
        Assert.Equal((MilestoneState.Invoiced, id), (shop.Milestone.State, shop.Milestone.InvoiceId));
        Assert.Equal(id, shop.Service.InvoiceId);
        Assert.Equal(id, shop.Change.InvoiceId);

        // Billed work is no longer offered.
        var again = await NewInvoicePageAsync(s.Client, s.ClientId, "2026-10-01", "2026-10-31");
        Assert.NotNull(again.QuerySelector("[data-role=no-unbilled]"));
    }

    [Fact]
    public async Task Post_DeleteDraft_ReleasesItsItems()
    {
        var s = await SetUpAsync();
        var id = AppClient.IdFromRedirect(await PostDraftWithWorkAsync(s.Client, s.ClientId, AllOctoberWork(s), "2026-10-01", "2026-10-31"));

        var details = await s.Client.GetPageAsync($"/invoices/details/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await s.Client.SubmitAsync(details, $"form[action='/invoices/delete/{id}']")).StatusCode);

        Assert.All(await EntriesAsync(s.Website), e => Assert.Equal((null, null), (e.InvoiceId, e.InvoiceLineId)));
        var milestone = await app.WithDbAsync(db => db.Milestones.IgnoreQueryFilters().SingleAsync(m => m.Id == s.Milestone));
        Assert.Equal((MilestoneState.Reached, (int?)null), (milestone.State, milestone.InvoiceId));
        Assert.Null(await app.WithDbAsync(db => db.Services.IgnoreQueryFilters().Where(x => x.Id == s.Logo).Select(x => x.InvoiceId).SingleAsync()));
        Assert.Null(await app.WithDbAsync(db => db.ScopeChanges.IgnoreQueryFilters().Where(x => x.Id == s.ScopeChange).Select(x => x.InvoiceId).SingleAsync()));
        var page = await NewInvoicePageAsync(s.Client, s.ClientId, "2026-10-01", "2026-10-31");
        Assert.Equal(2, page.QuerySelectorAll("[data-role=time-group]").Length);
        Assert.NotNull(page.QuerySelector($"#milestone-{s.Milestone}"));
    }

    [Fact]
    public async Task Post_EditDraft_TakeOffALine_ReleasesOnlyItsItems_AndAddsNewWork()
    {
        var s = await SetUpAsync();
        var id = AppClient.IdFromRedirect(await PostDraftWithWorkAsync(s.Client, s.ClientId,
            [$"input[name=TimeGroups][value='{s.Website}-{s.Design}']", $"#milestone-{s.Milestone}"], "2026-10-01", "2026-10-31"));
        var invoice = await InvoiceAsync(id);
        var designLine = invoice.Lines.Single(l => l.SourceKind == InvoiceLineSourceKind.TimeEntry);

        var edit = await s.Client.GetPageAsync($"/invoices/edit/{id}");
        Tick(edit, $"#remove-line-{designLine.Id}", $"#service-{s.Logo}");
        var response = await s.Client.SubmitAsync(edit, $"form[action='/invoices/edit/{id}']");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        invoice = await InvoiceAsync(id);
        Assert.Equal(["Shop – milestone: Kick-off", "Shop – Logo (flat fee)"], invoice.Lines.OrderBy(l => l.Position).Select(l => l.Description));
        Assert.Equal(4500m, invoice.Total);
        Assert.All(await EntriesAsync(s.Website), e => Assert.Null(e.InvoiceId));
        Assert.Equal(id, await app.WithDbAsync(db => db.Services.IgnoreQueryFilters().Where(x => x.Id == s.Logo).Select(x => x.InvoiceId).SingleAsync()));
        Assert.Equal(MilestoneState.Invoiced, await app.WithDbAsync(db => db.Milestones.IgnoreQueryFilters().Where(m => m.Id == s.Milestone).Select(m => m.State).SingleAsync()));
    }

    [Fact]
    public async Task Post_PerEntryLines_OneLinePerTimeEntry_AndAServicesRateChangeMakesTwoLinesPerService()
    {
        var s = await SetUpAsync();
        // The rate goes up for later work: entries keep the rate they were saved with.
        var serviceEdit = await s.Client.GetPageAsync($"/services/edit/{s.Design}");
        Assert.Equal(HttpStatusCode.Redirect, (await s.Client.SubmitAsync(serviceEdit, $"form[action='/services/edit/{s.Design}']",
            new Dictionary<string, string> { ["Rate"] = "120" })).StatusCode);
        await Work.LogAsync(s.Client, s.Website, "1", "2026-10-25", s.Design);

        var grouped = AppClient.IdFromRedirect(await PostDraftWithWorkAsync(s.Client, s.ClientId,
            [$"input[name=TimeGroups][value='{s.Website}-{s.Design}']"], "2026-10-01", "2026-10-31"));
        var lines = (await InvoiceAsync(grouped)).Lines.OrderBy(l => l.Position).Select(l => (l.Quantity, l.UnitPrice, l.Amount)).ToList();
        Assert.Equal([(5.5m, 100m, 550m), (1m, 120m, 120m)], lines);

        // Give the hours back, then bill them one line per entry.
        var details = await s.Client.GetPageAsync($"/invoices/details/{grouped}");
        await s.Client.SubmitAsync(details, $"form[action='/invoices/delete/{grouped}']");
        var perEntry = AppClient.IdFromRedirect(await PostDraftWithWorkAsync(s.Client, s.ClientId,
            [$"input[name=TimeGroups][value='{s.Website}-{s.Design}']"], "2026-10-01", "2026-10-31",
            new Dictionary<string, string> { ["TimeLines"] = "PerEntry" }));
        var entryLines = (await InvoiceAsync(perEntry)).Lines.OrderBy(l => l.Position).ToList();
        Assert.Equal([200m, 350m, 120m], entryLines.Select(l => l.Amount));
        Assert.StartsWith("Website – Design, 2026-10-05, 2.00 h × 100.00", entryLines[0].Description);
        var entries = await EntriesAsync(s.Website);
        Assert.All(entryLines, l => Assert.Equal(l.Id, entries.Single(e => e.Id == l.SourceId).InvoiceLineId));
    }

    [Fact]
    public async Task Post_ItemInAnotherCurrency_IsRefusedByName_AndNothingIsSaved()
    {
        var s = await SetUpAsync("Dollar Corp");
        // The client is billed in USD from now on; the October hours were saved in EUR. The client form refuses
        // that change now that the client has priced work (ClientCurrencyTests): this is data from before that rule.
        await app.WithDbAsync(async db =>
        {
            (await db.Clients.SingleAsync(c => c.Id == s.ClientId)).Currency = "USD";
            return await db.SaveChangesAsync();
        }, await InvoiceSteps.UserIdAsync(app, s.Client.Email!));
        var before = await app.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().CountAsync());

        var response = await PostDraftWithWorkAsync(s.Client, s.ClientId,
            [$"input[name=TimeGroups][value='{s.Website}-{s.Design}']", $"#milestone-{s.Milestone}"], "2026-10-01", "2026-10-31");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        var message = AppClient.FieldError(page, "Work");
        Assert.Contains("This invoice is in USD; these items are not: Website – Design, 5.50 h × 100.00 (2026-10-05 to 2026-10-20)", message);
        Assert.Contains("(EUR)", message);
        Assert.DoesNotContain("Kick-off", message); // milestones are in the client's currency
        Assert.Equal(before, await app.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().CountAsync()));
        Assert.All(await EntriesAsync(s.Website), e => Assert.Null(e.InvoiceId));
        Assert.Null(await app.WithDbAsync(db => db.Milestones.IgnoreQueryFilters().Where(m => m.Id == s.Milestone).Select(m => m.InvoiceId).SingleAsync()));
    }

    [Fact]
    public async Task Post_AnotherAccountsItems_AreNotFound_AndAnotherClientsAreRefused()
    {
        var s = await SetUpAsync();
        var octoberEntry = (await EntriesAsync(s.Website)).First().Id;

        var other = await app.SignedInClientAsync();
        var otherClient = await Work.ClientAsync(other, "Mallory Inc");
        var page = await NewInvoicePageAsync(other, otherClient);
        var before = await app.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().CountAsync());
        foreach (var field in new[] { "TimeEntryIds", "MilestoneIds", "ServiceIds", "ScopeChangeIds" })
        {
            var id = field switch { "TimeEntryIds" => octoberEntry, "MilestoneIds" => s.Milestone, "ServiceIds" => s.Logo, _ => s.ScopeChange };
            var response = await other.SubmitForgedAsync(page, "form[action='/invoices/create']", new Dictionary<string, string> { [field] = id.ToString() });
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        var group = await other.SubmitForgedAsync(page, "form[action='/invoices/create']", new Dictionary<string, string> { ["TimeGroups"] = $"{s.Website}-0" });
        Assert.Equal(HttpStatusCode.NotFound, group.StatusCode);

        // The same account's other client: refused with a message.
        var secondClient = await Work.ClientAsync(s.Client, "Globex GmbH");
        var own = await NewInvoicePageAsync(s.Client, secondClient);
        var refused = await s.Client.SubmitForgedAsync(own, "form[action='/invoices/create']", new Dictionary<string, string> { ["MilestoneIds"] = s.Milestone.ToString() });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("Milestone Kick-off (Shop) is work for another client.", AppClient.FieldError(await AppClient.ParseAsync(refused), "Work"));

        var bad = await s.Client.SubmitForgedAsync(own, "form[action='/invoices/create']", new Dictionary<string, string> { ["TimeGroups"] = "abc" });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Equal("That choice of time is not valid; reload the page.", AppClient.FieldError(await AppClient.ParseAsync(bad), "Work"));
        Assert.Equal(before, await app.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().CountAsync()));
        Assert.Null(await app.WithDbAsync(db => db.TimeEntries.IgnoreQueryFilters().Where(t => t.Id == octoberEntry).Select(t => t.InvoiceId).SingleAsync()));
    }

    [Fact]
    public async Task Post_SameTimeEntryOnTwoDraftsAtOnce_OneWins_TheOtherGetsAMessage_AndSavesNothing()
    {
        var s = await SetUpAsync();
        var entry = (await EntriesAsync(s.Website)).First();
        var second = app.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await second.LoginAsync(s.Client.Email!)).StatusCode);
        var pageA = await NewInvoicePageAsync(s.Client, s.ClientId);
        var pageB = await NewInvoicePageAsync(second, s.ClientId);
        Tick(pageA, $"#time-entry-{entry.Id}", $"#milestone-{s.Milestone}");
        Tick(pageB, $"#time-entry-{entry.Id}");
        var before = await app.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().CountAsync());

        var responses = await Task.WhenAll(
            s.Client.SubmitAsync(pageA, "form[action='/invoices/create']", new Dictionary<string, string> { ["Notes"] = "A" }),
            second.SubmitAsync(pageB, "form[action='/invoices/create']", new Dictionary<string, string> { ["Notes"] = "B" }));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        // The loser either read the entry before the winner committed (its conditional update then took
        // nothing: 409) or after (refused up front: 200 with the form). Either way it says why.
        var loser = Assert.Single(responses, r => r.StatusCode != HttpStatusCode.Redirect);
        Assert.Contains(loser.StatusCode, new[] { HttpStatusCode.Conflict, HttpStatusCode.OK });
        var message = AppClient.FieldError(await AppClient.ParseAsync(loser), "Work");
        Assert.True(message.Contains("was put on another invoice a moment ago") || message.Contains("is already on an invoice"), message);
        var invoices = await app.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().Include(i => i.Lines).OrderBy(i => i.Id).Skip(before).ToListAsync());
        var winner = Assert.Single(invoices);
        Assert.Equal(winner.Id, await app.WithDbAsync(db => db.TimeEntries.IgnoreQueryFilters().Where(t => t.Id == entry.Id).Select(t => t.InvoiceId).SingleAsync()));
        // The loser's milestone (when A lost) stays unbilled: nothing of its change was saved.
        var milestone = await app.WithDbAsync(db => db.Milestones.IgnoreQueryFilters().SingleAsync(m => m.Id == s.Milestone));
        Assert.Equal(winner.Notes == "A" ? winner.Id : null, milestone.InvoiceId);
        Assert.Equal(winner.Notes == "A" ? MilestoneState.Invoiced : MilestoneState.Reached, milestone.State);
    }

    [Fact]
    public async Task Issue_MakesAProjectHalfInvoiced_AndVoid_ReleasesItsItemsForANewInvoice()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await Work.ClientAsync(client, "Brand Co");
        var brand = await Work.ProjectAsync(client, clientId, "Brand", pricing: "FixedPrice", value: "6000", basis: "Invoicing");
        var schedule = await client.GetPageAsync($"/projects/milestones/{brand}?preset=50-50");
        await client.SubmitAsync(schedule, $"form[action='/projects/milestones/{brand}']", new Dictionary<string, string> { ["Rows[0].State"] = "Reached" });
        var milestoneId = await app.WithDbAsync(db => db.Milestones.IgnoreQueryFilters().Where(m => m.ProjectId == brand).OrderBy(m => m.SortOrder).Select(m => m.Id).FirstAsync());
        string Completion(AngleSharp.Dom.IDocument p) => p.QuerySelector("[data-role=completion]")!.TextContent.Trim();

        var id = await BillAsync(client, clientId, $"#milestone-{milestoneId}");
        Assert.Equal("0%", Completion(await client.GetPageAsync($"/projects/details/{brand}"))); // a draft is not invoiced yet

        await InvoiceSteps.IssueAsync(client, id);
        var page = await client.GetPageAsync($"/projects/details/{brand}");
        Assert.Equal("50%", Completion(page)); // 3,000 of 6,000
        Assert.Equal("3,000.00 EUR", page.QuerySelector("[data-role=profit-billed]")!.TextContent.Trim());
        Assert.Contains("50%", (await client.GetPageAsync("/projects")).QuerySelector($"#project-{brand}")!.TextContent);

        var details = await client.GetPageAsync($"/invoices/details/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(details, $"form[action='/invoices/void/{id}']")).StatusCode);
        Assert.Equal("Void", (await client.GetPageAsync($"/invoices/details/{id}")).QuerySelector("[data-role=status]")!.TextContent.Trim());
        Assert.Equal("0%", Completion(await client.GetPageAsync($"/projects/details/{brand}")));
        var milestone = await app.WithDbAsync(db => db.Milestones.IgnoreQueryFilters().SingleAsync(m => m.Id == milestoneId));
        Assert.Equal((MilestoneState.Reached, (int?)null), (milestone.State, milestone.InvoiceId));
        // The void invoice keeps its lines as they were; the work can go on a corrected invoice.
        Assert.Single((await InvoiceAsync(id)).Lines);
        var corrected = await BillAsync(client, clientId, $"#milestone-{milestoneId}");
        Assert.Equal(corrected, await app.WithDbAsync(db => db.Milestones.IgnoreQueryFilters().Where(m => m.Id == milestoneId).Select(m => m.InvoiceId).SingleAsync()));
    }

    [Fact]
    public async Task SaveNewDraft_WhenAnotherDraftTookTheItemAfterItWasRead_SavesNothing()
    {
        var s = await SetUpAsync();
        var entry = (await EntriesAsync(s.Website)).First().Id;
        var userId = await InvoiceSteps.UserIdAsync(app, s.Client.Email!);
        var pick = new FreelancerOS.Web.Features.Invoices.WorkPick(null, null, [], [entry], FreelancerOS.Web.Features.Invoices.TimeLineMode.PerService, [s.Milestone], [], []);
        var before = await app.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().CountAsync());

        // Both drafts are built from what was unbilled when they were read; the first one is saved first.
        var outcome = await app.WithDbAsync(async db =>
        {
            var first = new FreelancerOS.Web.Features.Invoices.BilledWork(db);
            var late = await first.ResolveAsync(pick, s.ClientId);
            var early = await first.ResolveAsync(pick, s.ClientId);
            var client = await db.Clients.SingleAsync(c => c.Id == s.ClientId);
            var at = app.Clock.GetUtcNow();
            var a = Invoice.CreateDraft(client, new DateOnly(2026, 11, 22), new DateOnly(2026, 12, 22), null, "first", at);
            await first.SaveNewDraftAsync(a, a.AddLines(early.Lines.Select(l => l.Item).ToList()).Zip(early.Lines).ToList());
            var b = Invoice.CreateDraft(client, new DateOnly(2026, 11, 22), new DateOnly(2026, 12, 22), null, "second", at);
            var e = await Assert.ThrowsAsync<FreelancerOS.Web.Features.Invoices.AlreadyBilledException>(() =>
                first.SaveNewDraftAsync(b, b.AddLines(late.Lines.Select(l => l.Item).ToList()).Zip(late.Lines).ToList()));
            return (a.Id, e.Message);
        }, userId);

        Assert.StartsWith("The time on Website – Design was put on another invoice a moment ago", outcome.Message);
        var invoices = await app.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().OrderBy(i => i.Id).Skip(before).Select(i => i.Id).ToListAsync());
        Assert.Equal([outcome.Id], invoices);
        Assert.Equal(outcome.Id, await app.WithDbAsync(db => db.TimeEntries.IgnoreQueryFilters().Where(t => t.Id == entry).Select(t => t.InvoiceId).SingleAsync()));
        Assert.Equal(outcome.Id, await app.WithDbAsync(db => db.Milestones.IgnoreQueryFilters().Where(m => m.Id == s.Milestone).Select(m => m.InvoiceId).SingleAsync()));
    }
}
