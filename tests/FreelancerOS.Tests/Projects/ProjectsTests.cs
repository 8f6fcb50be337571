using System.Net;
using AngleSharp.Dom;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Tests.Projects;

public sealed class ProjectsTests(TestApp app) : IClassFixture<TestApp>
{
    private static List<int> CardIds(IDocument board, string priority) =>
        board.QuerySelector($"section.board-column[data-priority='{priority}']")!.QuerySelectorAll(".board-card")
            .Select(c => int.Parse(c.GetAttribute("data-id")!)).ToList();

    [Fact]
    public async Task Post_CreateProject_SavesEveryField_AndShowsOnBoardAndClientPage()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await Work.ClientAsync(client, "Globex");
        var response = await Work.SubmitProjectAsync(client, new Dictionary<string, string>
        {
            ["Name"] = "Shop relaunch", ["ClientId"] = clientId.ToString(), ["Pricing"] = "FixedPrice", ["Value"] = "6000",
            ["HourlyRate"] = "95", ["Priority"] = "High", ["Status"] = "InProgress", ["StartDate"] = "2026-11-01",
            ["EndDate"] = "2026-12-15", ["EstimatedHours"] = "60", ["CompletionBasis"] = "Invoicing", ["Notes"] = "Phase 1",
        });
        var id = AppClient.IdFromRedirect(response);
        var p = await app.WithDbAsync(db => db.Projects.IgnoreQueryFilters().SingleAsync(x => x.Id == id));
        Assert.Equal(("Shop relaunch", clientId, ProjectPricing.FixedPrice, 6000m, 95m, Priority.High, WorkStatus.InProgress),
            (p.Name, p.ClientId, p.Pricing, p.Value!.Value, p.HourlyRate!.Value, p.Priority, p.Status));
        Assert.Equal((new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 15), 60m, CompletionBasis.Invoicing, "Phase 1"),
            (p.StartDate!.Value, p.EndDate!.Value, p.EstimatedHours!.Value, p.CompletionBasis, p.Notes));

        Assert.Equal([id], CardIds(await client.GetPageAsync("/projects"), "High"));
        var details = await client.GetPageAsync($"/projects/details/{id}");
        Assert.Equal("Globex", details.QuerySelector("[data-role=client]")!.TextContent);
        Assert.Contains("0%", details.QuerySelector("[data-role=completion]")!.TextContent); // 0 invoiced of 6,000
        var clientPage = await client.GetPageAsync($"/clients/details/{clientId}");
        Assert.Contains("Shop relaunch", clientPage.QuerySelector("[data-role=client-projects]")!.TextContent);
    }

    [Fact]
    public async Task Post_MoveProjectOnPriorityBoard_PersistsPriorityAndOrder()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await Work.ClientAsync(client);
        var a = await Work.ProjectAsync(client, clientId, "Alpha", priority: "Low");
        var b = await Work.ProjectAsync(client, clientId, "Bravo", priority: "Low");
        var c = await Work.ProjectAsync(client, clientId, "Charlie", priority: "High");

        var board = await client.GetPageAsync("/projects");
        var response = await client.HtmxPostAsync(board, "/projects/sort", [new("priority", "High"), new("ids", b.ToString()), new("ids", c.ToString())]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([b, c], CardIds(await AppClient.ParseAsync(response), "High"));

        var reloaded = await client.GetPageAsync("/projects");
        Assert.Equal([a], CardIds(reloaded, "Low"));
        Assert.Equal([b, c], CardIds(reloaded, "High"));
        Assert.Equal("2", reloaded.QuerySelector("section[data-priority=High] [data-role=count]")!.TextContent);

        // Keyboard: the select on the card.
        var moved = await client.SubmitAsync(reloaded, $"#move-{a}", new Dictionary<string, string> { ["priority"] = "Medium" });
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal([a], CardIds(await client.GetPageAsync("/projects"), "Medium"));

        Assert.Equal(HttpStatusCode.BadRequest, (await client.HtmxPostAsync(board, "/projects/sort", [new("priority", "Urgent"), new("ids", "1")])).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.HtmxPostAsync(board, "/projects/sort", [new("priority", "Low"), new("ids", "x")])).StatusCode);
    }

    [Fact]
    public async Task Post_InvalidProject_ShowsFieldErrors_AndSavesNothing()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await Work.ClientAsync(client);
        var response = await Work.SubmitProjectAsync(client, new Dictionary<string, string>
        {
            ["Name"] = "", ["ClientId"] = clientId.ToString(), ["Pricing"] = "FixedPrice", ["Value"] = "",
            ["HourlyRate"] = "-10", ["StartDate"] = "2026-11-10", ["EndDate"] = "2026-11-01", ["EstimatedHours"] = "0",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Equal("The end date cannot be before the start date.", AppClient.FieldError(page, "EndDate"));
        Assert.Equal("The hourly rate cannot be negative.", AppClient.FieldError(page, "HourlyRate"));
        Assert.Equal("Enter the fixed price.", AppClient.FieldError(page, "Value"));
        Assert.NotEmpty(AppClient.FieldError(page, "Name"));
        Assert.NotEmpty(AppClient.FieldError(page, "EstimatedHours"));

        var noClient = await Work.SubmitProjectAsync(client, new Dictionary<string, string> { ["Name"] = "X", ["ClientId"] = "0", ["Value"] = "abc" });
        var page2 = await AppClient.ParseAsync(noClient);
        Assert.Equal("Choose the client.", AppClient.FieldError(page2, "ClientId"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Projects.IgnoreQueryFilters().CountAsync(p => p.ClientId == clientId)));
    }

    [Fact]
    public async Task Completion_ByHours_ShowsPercentOverrunAndNoEstimate()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await Work.ClientAsync(client);
        var estimated = await Work.ProjectAsync(client, clientId, "Estimated", estimate: "10");
        var open = await Work.ProjectAsync(client, clientId, "Open ended");
        await Work.LogAsync(client, estimated, "5");
        await Work.LogAsync(client, estimated, "2", billable: false); // non-billable hours count too

        var details = await client.GetPageAsync($"/projects/details/{estimated}");
        Assert.Equal("70%", details.QuerySelector("[data-role=completion]")!.TextContent.Trim());
        await Work.LogAsync(client, estimated, "5", date: "2026-11-21");
        details = await client.GetPageAsync($"/projects/details/{estimated}");
        Assert.Equal("120% · overrun", details.QuerySelector("[data-role=completion]")!.TextContent.Trim());
        Assert.Contains("120% · overrun", (await client.GetPageAsync("/projects")).QuerySelector($"#project-{estimated}")!.TextContent);

        await Work.LogAsync(client, open, "3");
        Assert.Equal("No estimate", (await client.GetPageAsync($"/projects/details/{open}")).QuerySelector("[data-role=completion]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Profitability_ShowsHoursBilledRateAndUnbilledWork()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await Work.ClientAsync(client, rate: "80");
        var project = await Work.ProjectAsync(client, clientId, "Profitable", estimate: "20");
        await Work.LogAsync(client, project, "3");
        await Work.LogAsync(client, project, "1.5", date: "2026-11-19");
        await Work.LogAsync(client, project, "2", billable: false);
        // One entry invoiced and the invoice issued: counted as spent and billed, not as unbilled.
        var first = await app.WithDbAsync(db => db.TimeEntries.IgnoreQueryFilters().Where(t => t.ProjectId == project).MinAsync(t => t.Id));
        var invoice = await FreelancerOS.Tests.Invoices.BillingSteps.BillAsync(client, clientId, $"#time-entry-{first}");
        Assert.Equal("0.00 EUR", (await client.GetPageAsync($"/projects/details/{project}")).QuerySelector("[data-role=profit-billed]")!.TextContent.Trim()); // a draft is not billed yet
        await FreelancerOS.Tests.Invoices.InvoiceSteps.IssueAsync(client, invoice);

        var page = await client.GetPageAsync($"/projects/details/{project}");
        string Figure(string role) => page.QuerySelector($"[data-role={role}]")!.TextContent.Trim();
        Assert.Equal("20", Figure("profit-estimated"));
        Assert.Equal("6.5", Figure("profit-actual"));
        Assert.Equal("240.00 EUR", Figure("profit-billed")); // 3 h x 80 on the issued invoice
        Assert.Equal("36.92 EUR", Figure("profit-rate")); // 240 / 6.5 h
        Assert.Equal("1.5", Figure("profit-unbilled-hours"));
        Assert.Equal("120.00 EUR", Figure("profit-unbilled-value"));
    }

    [Fact]
    public async Task Milestones_PresetFillsTheForm_SharesMustAddUp_AndAreSaved()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await Work.ClientAsync(client);
        var project = await Work.ProjectAsync(client, clientId, "Fixed", pricing: "FixedPrice", value: "6000", basis: "Invoicing");

        var preset = await client.GetPageAsync($"/projects/milestones/{project}?preset=30-40-30");
        Assert.Equal(["30", "40", "30"], preset.QuerySelectorAll("input[name$='.Share']").Select(i => i.GetAttribute("value")).Where(v => !string.IsNullOrEmpty(v)).ToList());

        var bad = await client.SubmitAsync(preset, $"form[action='/projects/milestones/{project}']", new Dictionary<string, string>
        {
            ["Rows[2].Share"] = "20",
        });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var badPage = await AppClient.ParseAsync(bad);
        Assert.Equal("The shares add up to 90%, not 100%: short by 10% (600.00 EUR).", badPage.QuerySelector("[data-valmsg-for=Rows]")!.TextContent.Trim());
        Assert.Equal(0, await app.WithDbAsync(db => db.Milestones.IgnoreQueryFilters().CountAsync(m => m.ProjectId == project)));

        var ok = await client.SubmitAsync(preset, $"form[action='/projects/milestones/{project}']", new Dictionary<string, string>
        {
            ["Rows[0].Name"] = "Design", ["Rows[1].Name"] = "Build", ["Rows[2].Name"] = "Launch", ["Rows[0].State"] = "Reached", ["Rows[2].DueDate"] = "2026-12-20",
        });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var stored = await app.WithDbAsync(db => db.Milestones.IgnoreQueryFilters().Where(m => m.ProjectId == project).OrderBy(m => m.SortOrder).ToListAsync());
        Assert.Equal([("Design", 1800m, MilestoneState.Reached), ("Build", 2400m, MilestoneState.Pending), ("Launch", 1800m, MilestoneState.Pending)],
            stored.Select(m => (m.Name, m.Amount, m.State)).ToList());
        Assert.Equal(new DateOnly(2026, 12, 20), stored[2].DueDate);

        // Raising the agreed value afterwards: the page says the schedule no longer adds up.
        var editProject = await client.GetPageAsync($"/projects/edit/{project}");
        await client.SubmitAsync(editProject, $"form[action='/projects/edit/{project}']", new Dictionary<string, string> { ["Value"] = "7000" });
        Assert.Contains("short by 1,000.00 EUR", (await client.GetPageAsync($"/projects/details/{project}")).QuerySelector("[data-role=milestone-mismatch]")!.TextContent);
        await client.SubmitAsync(await client.GetPageAsync($"/projects/edit/{project}"), $"form[action='/projects/edit/{project}']", new Dictionary<string, string> { ["Value"] = "6000" });
        Assert.Null((await client.GetPageAsync($"/projects/details/{project}")).QuerySelector("[data-role=milestone-mismatch]"));

        // As amounts: 4,000 + 2,500 is 500 over.
        var edit = await client.GetPageAsync($"/projects/milestones/{project}");
        var over = await client.SubmitAsync(edit, $"form[action='/projects/milestones/{project}']", new Dictionary<string, string>
        {
            ["Mode"] = "Amount", ["Rows[0].Share"] = "4000", ["Rows[1].Share"] = "2500", ["Rows[2].Name"] = "", ["Rows[2].Share"] = "",
        });
        var overPage = await AppClient.ParseAsync(over);
        Assert.Contains("over by 500.00 EUR", overPage.QuerySelector("[data-valmsg-for=Rows]")!.TextContent);
        Assert.Equal(3, await app.WithDbAsync(db => db.Milestones.IgnoreQueryFilters().CountAsync(m => m.ProjectId == project)));
    }

    /// <summary>The rule lives on MilestoneSchedule.LockedChanges/Replace: an invoiced milestone keeps its place in the schedule and its share.</summary>
    [Fact]
    public async Task Milestones_OneOnAnInvoice_KeepsItsShare_TheOthersStillChange()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await Work.ClientAsync(client);
        var project = await Work.ProjectAsync(client, clientId, "Fixed", pricing: "FixedPrice", value: "6000", basis: "Invoicing");
        var preset = await client.GetPageAsync($"/projects/milestones/{project}?preset=50-50");
        await client.SubmitAsync(preset, $"form[action='/projects/milestones/{project}']", new Dictionary<string, string>
        {
            ["Rows[0].Name"] = "Design", ["Rows[1].Name"] = "Build", ["Rows[0].State"] = "Reached",
        });
        var design = await app.WithDbAsync(db => db.Milestones.IgnoreQueryFilters().Where(m => m.ProjectId == project && m.Name == "Design").Select(m => m.Id).SingleAsync());
        await FreelancerOS.Tests.Invoices.BillingSteps.BillAsync(client, clientId, $"#milestone-{design}");

        var edit = await client.GetPageAsync($"/projects/milestones/{project}");
        Assert.True(edit.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name='Rows[0].Share']")!.IsReadOnly);
        var reshared = await client.SubmitForgedAsync(edit, $"form[action='/projects/milestones/{project}']", new Dictionary<string, string>
        {
            ["Rows[0].Share"] = "60", ["Rows[1].Share"] = "40",
        });
        Assert.Equal(HttpStatusCode.OK, reshared.StatusCode);
        Assert.Contains("Design is on an invoice: its share cannot change.", (await AppClient.ParseAsync(reshared)).QuerySelector(".validation-summary-errors")!.TextContent);

        var renamed = await client.SubmitAsync(edit, $"form[action='/projects/milestones/{project}']", new Dictionary<string, string> { ["Rows[1].Name"] = "Build and launch" });
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        var stored = await app.WithDbAsync(db => db.Milestones.IgnoreQueryFilters().Where(m => m.ProjectId == project).OrderBy(m => m.SortOrder).ToListAsync());
        Assert.Equal([("Design", 3000m, MilestoneState.Invoiced), ("Build and launch", 3000m, MilestoneState.Pending)], stored.Select(m => (m.Name, m.Amount, m.State)).ToList());
    }

    [Fact]
    public async Task ScopeChange_Approved_RaisesValue_Rejected_DoesNot()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await Work.ClientAsync(client);
        var project = await Work.ProjectAsync(client, clientId, "Scoped", pricing: "FixedPrice", value: "6000", basis: "Invoicing");
        var hourly = await Work.ProjectAsync(client, clientId, "Hourly scoped", estimate: "40");

        var page = await client.GetPageAsync($"/projects/details/{project}");
        var invalid = await client.SubmitAsync(page, $"form[action='/projects/addscopechange/{project}']", new Dictionary<string, string> { ["Description"] = "" });
        Assert.Equal("Describe the change.", AppClient.FieldError(await AppClient.ParseAsync(invalid), "Description"));

        await client.SubmitAsync(page, $"form[action='/projects/addscopechange/{project}']", new Dictionary<string, string> { ["Description"] = "Blog section", ["EstimateAmount"] = "900" });
        await client.SubmitAsync(page, $"form[action='/projects/addscopechange/{project}']", new Dictionary<string, string> { ["Description"] = "Chat bot", ["EstimateAmount"] = "5000" });
        var changes = await app.WithDbAsync(db => db.ScopeChanges.IgnoreQueryFilters().Where(s => s.ProjectId == project).OrderBy(s => s.Id).ToListAsync());
        page = await client.GetPageAsync($"/projects/details/{project}");
        await client.SubmitAsync(page, $"tr[data-id='{changes[0].Id}'] form[action='/projects/decidescopechange/{project}']", new Dictionary<string, string> { ["decision"] = "approve" });
        await client.SubmitAsync(page, $"tr[data-id='{changes[1].Id}'] form[action='/projects/decidescopechange/{project}']", new Dictionary<string, string> { ["decision"] = "reject" });

        page = await client.GetPageAsync($"/projects/details/{project}");
        Assert.Equal("6,900.00 EUR", page.QuerySelector("[data-role=total-value]")!.TextContent);
        Assert.Equal("Approved · billable", page.QuerySelector($"tr[data-id='{changes[0].Id}'] [data-role=state]")!.TextContent.Trim());
        Assert.Equal("Rejected", page.QuerySelector($"tr[data-id='{changes[1].Id}'] [data-role=state]")!.TextContent.Trim());

        var hourlyPage = await client.GetPageAsync($"/projects/details/{hourly}");
        await client.SubmitAsync(hourlyPage, $"form[action='/projects/addscopechange/{hourly}']", new Dictionary<string, string> { ["Description"] = "Second language", ["EstimateHours"] = "12" });
        hourlyPage = await client.GetPageAsync($"/projects/details/{hourly}");
        await client.SubmitAsync(hourlyPage, $"form[action='/projects/decidescopechange/{hourly}']", new Dictionary<string, string> { ["decision"] = "approve" });
        Assert.StartsWith("52", (await client.GetPageAsync($"/projects/details/{hourly}")).QuerySelector("[data-role=estimate]")!.TextContent);
    }

    /// <summary>The rule lives on ScopeChange.EnsureDeletable; the page offers no delete for an approved change, a stale tab still posts one.</summary>
    [Fact]
    public async Task ScopeChange_ApprovedInAnotherTab_CannotBeDeleted_AProposedOneCan()
    {
        var client = await app.SignedInClientAsync();
        var project = await Work.ProjectAsync(client, await Work.ClientAsync(client), "Scoped", pricing: "FixedPrice", value: "6000", basis: "Invoicing");
        var page = await client.GetPageAsync($"/projects/details/{project}");
        await client.SubmitAsync(page, $"form[action='/projects/addscopechange/{project}']", new Dictionary<string, string> { ["Description"] = "Blog section", ["EstimateAmount"] = "900" });
        await client.SubmitAsync(page, $"form[action='/projects/addscopechange/{project}']", new Dictionary<string, string> { ["Description"] = "Chat bot", ["EstimateAmount"] = "5000" });
        var changes = await app.WithDbAsync(db => db.ScopeChanges.IgnoreQueryFilters().Where(s => s.ProjectId == project).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync());

        var staleTab = await client.GetPageAsync($"/projects/details/{project}");
        await client.SubmitAsync(staleTab, $"tr[data-id='{changes[0]}'] form[action='/projects/decidescopechange/{project}']", new Dictionary<string, string> { ["decision"] = "approve" });
        var refused = await client.SubmitAsync(staleTab, $"tr[data-id='{changes[0]}'] form[action='/projects/deletescopechange/{project}']");
        var after = await client.GetPageAsync(refused.Headers.Location!.OriginalString);
        Assert.Equal("An approved change is part of the project's value or estimate and cannot be deleted.", after.QuerySelector("[data-role=error]")!.TextContent.Trim());
        Assert.Equal("6,900.00 EUR", after.QuerySelector("[data-role=total-value]")!.TextContent);
        Assert.Null(after.QuerySelector($"tr[data-id='{changes[0]}'] form[action='/projects/deletescopechange/{project}']"));

        await client.SubmitAsync(after, $"tr[data-id='{changes[1]}'] form[action='/projects/deletescopechange/{project}']");
        Assert.Equal([changes[0]], await app.WithDbAsync(db => db.ScopeChanges.IgnoreQueryFilters().Where(s => s.ProjectId == project).Select(s => s.Id).ToListAsync()));
    }

    [Fact]
    public async Task AnotherAccountsProject_Is404_AndCannotBeMoved()
    {
        var owner = await app.SignedInClientAsync();
        var clientId = await Work.ClientAsync(owner);
        var project = await Work.ProjectAsync(owner, clientId, "Secret", pricing: "FixedPrice", value: "1000", basis: "Invoicing");
        var other = await app.SignedInClientAsync();

        foreach (var url in new[] { $"/projects/details/{project}", $"/projects/edit/{project}", $"/projects/milestones/{project}", $"/projects/delete/{project}" })
            Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync(url)).StatusCode);
        var board = await other.GetPageAsync("/projects");
        Assert.DoesNotContain("Secret", board.Body!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await other.HtmxPostAsync(board, "/projects/sort", [new("priority", "High"), new("ids", project.ToString())])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.HtmxPostAsync(board, $"/projects/move/{project}", [new("priority", "High")])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.HtmxPostAsync(board, $"/projects/delete/{project}", [])).StatusCode);
        // Nor can another account put a project under someone else's client.
        var create = await Work.SubmitProjectAsync(other, new Dictionary<string, string> { ["Name"] = "Hijack", ["ClientId"] = clientId.ToString() }, forged: true);
        Assert.Equal("Choose the client.", AppClient.FieldError(await AppClient.ParseAsync(create), "ClientId"));
        Assert.Equal(Priority.Medium, (await app.WithDbAsync(db => db.Projects.IgnoreQueryFilters().SingleAsync(p => p.Id == project))).Priority);
    }

    [Fact]
    public async Task Get_List_FiltersByClientStatusAndPriority_AndPages()
    {
        var client = await app.SignedInClientAsync();
        var acme = await Work.ClientAsync(client, "Acme");
        var globex = await Work.ClientAsync(client, "Globex");
        await Work.ProjectAsync(client, acme, "Acme high", priority: "High");
        await Work.ProjectAsync(client, globex, "Globex low", priority: "Low");
        for (var i = 0; i < 50; i++) await Work.ProjectAsync(client, acme, $"Bulk {i:00}", priority: "Medium");

        var all = await client.GetPageAsync("/projects/list");
        Assert.Equal(50, all.QuerySelectorAll("tbody tr").Length);
        Assert.Contains("52 in all", all.Body!.TextContent);
        Assert.Equal(2, (await client.GetPageAsync("/projects/list?page=2")).QuerySelectorAll("tbody tr").Length);
        var byClient = await client.GetPageAsync($"/projects/list?clientId={globex}");
        Assert.Equal(["Globex low"], byClient.QuerySelectorAll("tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList());
        var byPriority = await client.GetPageAsync("/projects/list?priority=High");
        Assert.Equal(["Acme high"], byPriority.QuerySelectorAll("tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList());
        Assert.Equal("No projects match.", (await client.GetPageAsync("/projects/list?status=Completed")).QuerySelector("tbody td")!.TextContent);
    }

    [Fact]
    public async Task Post_EditAndDeleteProject_AndConflict()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await Work.ClientAsync(client);
        var id = await Work.ProjectAsync(client, clientId, "Editable");
        // Logged while the project is open: the time form offers no completed project.
        await Work.LogAsync(client, id, "1");
        var tab1 = await client.GetPageAsync($"/projects/edit/{id}");
        var tab2 = await client.GetPageAsync($"/projects/edit/{id}");
        var saved = await client.SubmitAsync(tab1, $"form[action='/projects/edit/{id}']", new Dictionary<string, string> { ["Name"] = "Edited", ["Status"] = "Completed" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var conflict = await client.SubmitAsync(tab2, $"form[action='/projects/edit/{id}']", new Dictionary<string, string> { ["Name"] = "Overwrite" });
        Assert.Contains("changed in another tab", await conflict.Content.ReadAsStringAsync());
        Assert.Equal(("Edited", WorkStatus.Completed), await app.WithDbAsync(async db =>
        {
            var p = await db.Projects.IgnoreQueryFilters().SingleAsync(x => x.Id == id);
            return (p.Name, p.Status);
        }));
        var confirm = await client.GetPageAsync($"/projects/delete/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(confirm, $"form[action='/projects/delete/{id}']")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/projects/details/{id}")).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.TimeEntries.IgnoreQueryFilters().CountAsync(t => t.ProjectId == id)));
    }
}
