using System.Net;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Tests.Projects;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;
using static FreelancerOS.Tests.Invoices.BillingSteps;

namespace FreelancerOS.Tests.Invoices;

/// <summary>Issue 11's money rules and invoice friction, and issue 9's two billing bugs, as a user meets them on the forms.</summary>
public sealed class DailyMoneyBillingTests(TestApp app) : IClassFixture<TestApp>
{
    private async Task<int> FixedPriceProjectWithReachedMilestoneAsync(AppClient client, int clientId, string name)
    {
        var project = await Work.ProjectAsync(client, clientId, name, pricing: "FixedPrice", value: "3000", estimate: "30", basis: "Hours");
        var schedule = await client.GetPageAsync($"/projects/milestones/{project}?preset=50-50");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(schedule, $"form[action='/projects/milestones/{project}']",
            new Dictionary<string, string> { ["Rows[0].Name"] = "Kick-off", ["Rows[0].State"] = "Reached", ["Rows[1].Name"] = "Launch" })).StatusCode);
        return project;
    }

    private Task<int> MilestoneIdAsync(int projectId, string name) =>
        app.WithDbAsync(db => db.Milestones.IgnoreQueryFilters().Where(m => m.ProjectId == projectId && m.Name == name).Select(m => m.Id).SingleAsync());

    [Fact]
    public async Task FixedPriceProject_ItsHoursAreNotOfferedNorBillable_ButCountForCompletion()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await Work.ClientAsync(client, "Fixed Ltd", rate: "100");
        var project = await FixedPriceProjectWithReachedMilestoneAsync(client, clientId, "Shop");
        Assert.Equal(HttpStatusCode.Redirect, (await Work.LogAsync(client, project, "6", "2026-11-10")).StatusCode);
        var kickOff = await MilestoneIdAsync(project, "Kick-off");

        var page = await NewInvoicePageAsync(client, clientId);
        Assert.Empty(page.QuerySelectorAll("input[name=TimeGroups]"));
        Assert.NotNull(page.QuerySelector($"#milestone-{kickOff}"));

        // A forged tick of the group or of the entry is refused with the reason, and nothing is saved.
        var entryId = await app.WithDbAsync(db => db.TimeEntries.IgnoreQueryFilters().Where(t => t.ProjectId == project).Select(t => t.Id).SingleAsync());
        var forged = await client.SubmitForgedAsync(page, "form[action='/invoices/create']",
            new Dictionary<string, string> { ["IssueDate"] = "2026-11-22", ["TimeEntryIds"] = entryId.ToString() });
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains("fixed-price project", AppClient.FieldError(await AppClient.ParseAsync(forged), "Work"));
        forged = await client.SubmitForgedAsync(page, "form[action='/invoices/create']",
            new Dictionary<string, string> { ["IssueDate"] = "2026-11-22", ["TimeGroups"] = $"{project}-0" });
        Assert.Contains("not billable on its own", AppClient.FieldError(await AppClient.ParseAsync(forged), "Work"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().CountAsync(i => i.ClientId == clientId)));

        // The project page: hours count for completion by hours (6 of 30 = 20 %), nothing unbilled in hours, the milestone can be billed.
        var details = await client.GetPageAsync($"/projects/details/{project}");
        Assert.Equal("0", details.QuerySelector("[data-role=profit-unbilled-hours]")!.TextContent.Trim());
        Assert.Equal("20%", details.QuerySelector("[data-role=completion]")!.TextContent.Trim());
        Assert.Contains("In the fixed price", details.QuerySelector("[data-role=entries]")!.TextContent);
        var billed = await BillAsync(client, clientId, $"#milestone-{kickOff}");
        Assert.True(billed > 0);
    }

    [Fact]
    public async Task FixedPriceProject_HoursBilledBeforeStayBilled()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await Work.ClientAsync(client, "Legacy Ltd", rate: "100");
        var project = await Work.ProjectAsync(client, clientId, "Old shop", pricing: "FixedPrice", value: "1000", basis: "Invoicing");
        await Work.LogAsync(client, project, "2", "2026-11-10");
        // An invoice from before the rule billed these hours: the data stays as it is.
        var invoiceId = await InvoiceSteps.CreateDraftAsync(client, clientId);
        await app.WithDbAsync(async db =>
        {
            var entry = await db.TimeEntries.SingleAsync(t => t.ProjectId == project);
            entry.InvoiceId = invoiceId;
            await db.SaveChangesAsync();
            return 0;
        }, await InvoiceSteps.UserIdAsync(app, client.Email!));
        var details = await client.GetPageAsync($"/projects/details/{project}");
        Assert.Contains("Invoiced", details.Body!.TextContent);
        Assert.Equal(invoiceId, await app.WithDbAsync(db => db.TimeEntries.IgnoreQueryFilters().Where(t => t.ProjectId == project).Select(t => t.InvoiceId).SingleAsync()));
    }

    [Fact]
    public async Task GroupedTime_FormAmountAndBilledLineRoundTheSameWay_AndTheIncomeHasTheProject()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await Work.ClientAsync(client, "Rounding Ltd", rate: "33.33");
        var project = await Work.ProjectAsync(client, clientId, "Quarters");
        foreach (var day in new[] { "2026-11-02", "2026-11-03", "2026-11-04" })
            await Work.LogAsync(client, project, "0.25", day);

        var page = await NewInvoicePageAsync(client, clientId);
        var group = page.QuerySelector($"input[name=TimeGroups][value='{project}-0']")!;
        Assert.Contains("25.00 EUR", group.ParentElement!.TextContent);
        Assert.Equal(25.00m, decimal.Parse(group.GetAttribute("data-amount")!, System.Globalization.CultureInfo.InvariantCulture));

        var id = await BillAsync(client, clientId, $"input[name=TimeGroups][value='{project}-0']");
        var line = await app.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().Include(i => i.Lines).Where(i => i.Id == id).SelectMany(i => i.Lines).SingleAsync());
        Assert.Equal(25.00m, line.Amount);
        Assert.Null(line.SourceId);

        await InvoiceSteps.IssueAsync(client, id);
        var incomeProject = await app.WithDbAsync(db => db.Incomes.IgnoreQueryFilters().Where(i => i.InvoiceId == id).Select(i => i.ProjectId).SingleAsync());
        Assert.Equal(project, incomeProject);
    }

    [Fact]
    public async Task TwoTabs_TickTheSameHoursAsAGroup_TheSecondSaveIsRefusedAndLeavesNoDraft()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await Work.ClientAsync(client, "Two Tabs Ltd", rate: "90");
        var project = await Work.ProjectAsync(client, clientId, "Tabs");
        await Work.LogAsync(client, project, "3", "2026-11-05");
        var tick = $"input[name=TimeGroups][value='{project}-0']";

        var first = await NewInvoicePageAsync(client, clientId);
        var second = await NewInvoicePageAsync(client, clientId);
        Tick(first, tick);
        Tick(second, tick);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(first, "form[action='/invoices/create']", new Dictionary<string, string> { ["IssueDate"] = "2026-11-22" })).StatusCode);
        var refused = await client.SubmitAsync(second, "form[action='/invoices/create']", new Dictionary<string, string> { ["IssueDate"] = "2026-11-22" });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("put on another invoice a moment ago", AppClient.FieldError(await AppClient.ParseAsync(refused), "Work"));
        Assert.Equal(1, await app.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().CountAsync(i => i.ClientId == clientId)));
    }

    [Fact]
    public async Task NewInvoice_DueDateFollowsTheIssueDateUntilChanged()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await Work.ClientAsync(client, "Terms Ltd");
        var page = await client.GetPageAsync($"/invoices/create?clientId={clientId}");
        var due = page.QuerySelector("#DueDate")!;
        Assert.Equal("2026-12-22", due.GetAttribute("value"));
        Assert.Equal("true", due.GetAttribute("data-due-follows"));
        Assert.Equal("30", page.QuerySelector("#IssueDate")!.GetAttribute("data-terms-days"));

        // Without script: the issue date moved, the due date left as proposed, so it follows (the server's rule).
        var followed = await client.SubmitAsync(page, "form[action='/invoices/create']", new Dictionary<string, string>
        {
            ["IssueDate"] = "2027-02-10", ["Lines[0].Description"] = "Advice", ["Lines[0].Quantity"] = "1", ["Lines[0].UnitPrice"] = "100",
        });
        var id = AppClient.IdFromRedirect(followed);
        Assert.Equal(new DateOnly(2027, 3, 12), await app.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().Where(i => i.Id == id).Select(i => i.DueDate).SingleAsync()));

        // A due date the user typed is kept.
        page = await client.GetPageAsync($"/invoices/create?clientId={clientId}");
        var typed = await client.SubmitAsync(page, "form[action='/invoices/create']", new Dictionary<string, string>
        {
            ["IssueDate"] = "2027-02-10", ["DueDate"] = "2027-02-20", ["Lines[0].Description"] = "Advice", ["Lines[0].Quantity"] = "1", ["Lines[0].UnitPrice"] = "100",
        });
        id = AppClient.IdFromRedirect(typed);
        Assert.Equal(new DateOnly(2027, 2, 20), await app.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().Where(i => i.Id == id).Select(i => i.DueDate).SingleAsync()));

        // Editing a draft: the due date is the draft's own.
        var edit = await client.GetPageAsync($"/invoices/edit/{id}");
        Assert.Equal("false", edit.QuerySelector("#DueDate")!.GetAttribute("data-due-follows"));
    }

    [Fact]
    public async Task DraftCard_StatusListDoesNotOfferOverdue()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await Work.ClientAsync(client, "Board Ltd");
        var draft = await InvoiceSteps.CreateDraftAsync(client, clientId);
        var sent = await InvoiceSteps.CreateDraftAsync(client, clientId);
        await InvoiceSteps.IssueAsync(client, sent);

        var board = await client.GetPageAsync("/invoices");
        // The card's move menu: one submit button per status it can move to.
        var draftOptions = board.QuerySelectorAll($"#move-{draft} button[name=status]").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains("Sent", draftOptions);
        Assert.DoesNotContain("Overdue", draftOptions);
        Assert.Contains("Overdue", board.QuerySelectorAll($"#move-{sent} button[name=status]").Select(o => o.GetAttribute("value")));
    }

    [Fact]
    public async Task InvoiceUnbilledWork_FromAProject_StartsWithThatProjectsItemsOnly_AndShowsTheTickedTotal()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await Work.ClientAsync(client, "Two Projects Ltd", rate: "50");
        var site = await Work.ProjectAsync(client, clientId, "Site");
        var app2 = await Work.ProjectAsync(client, clientId, "App");
        await Work.LogAsync(client, site, "2", "2026-11-05");
        await Work.LogAsync(client, app2, "4", "2026-11-06");

        var details = await client.GetPageAsync($"/projects/details/{site}");
        var link = details.QuerySelector("[data-role=bill-work]")!.GetAttribute("href")!;
        Assert.Contains($"projectId={site}", link);
        var page = await client.GetPageAsync(link);
        Assert.NotNull(page.QuerySelector($"input[name=TimeGroups][value='{site}-0']"));
        Assert.Null(page.QuerySelector($"input[name=TimeGroups][value='{app2}-0']"));
        Assert.NotNull(page.QuerySelector("[data-role=all-projects]"));
        Assert.NotNull(page.QuerySelector("[data-role=ticked-total] output"));
        Assert.Equal(100m, decimal.Parse(page.QuerySelector($"input[name=TimeGroups][value='{site}-0']")!.GetAttribute("data-amount")!, System.Globalization.CultureInfo.InvariantCulture));

        var all = await client.GetPageAsync(page.QuerySelector("[data-role=all-projects]")!.GetAttribute("href")!);
        Assert.NotNull(all.QuerySelector($"input[name=TimeGroups][value='{app2}-0']"));

        // Saving from the narrowed form bills the project's hours only.
        Tick(page, $"input[name=TimeGroups][value='{site}-0']");
        var id = AppClient.IdFromRedirect(await client.SubmitAsync(page, "form[action='/invoices/create']", new Dictionary<string, string> { ["IssueDate"] = "2026-11-22" }));
        Assert.Equal(100m, await app.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().Where(i => i.Id == id).Select(i => i.Subtotal).SingleAsync()));
    }

    [Fact]
    public async Task Milestone_MarkedReachedFromTheProjectPageInOneClick_IsReadyToInvoice()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await Work.ClientAsync(client, "Milestone Ltd");
        var project = await FixedPriceProjectWithReachedMilestoneAsync(client, clientId, "Launch site");
        var launch = await MilestoneIdAsync(project, "Launch");

        var details = await client.GetPageAsync($"/projects/details/{project}");
        var response = await client.SubmitAsync(details, $"form[data-role=reach-milestone]:has(input[value='{launch}'])");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        details = await client.GetPageAsync($"/projects/details/{project}");
        Assert.Contains("ready to invoice", details.QuerySelector("[data-role=milestones]")!.TextContent);
        Assert.Empty(details.QuerySelectorAll("form[data-role=reach-milestone]"));
        Assert.Equal(MilestoneState.Reached, await app.WithDbAsync(db => db.Milestones.IgnoreQueryFilters().Where(m => m.Id == launch).Select(m => m.State).SingleAsync()));
        Assert.NotNull((await NewInvoicePageAsync(client, clientId)).QuerySelector($"#milestone-{launch}"));

        // Another account's milestone is a 404.
        var other = await app.SignedInClientAsync();
        var anyPage = await other.GetPageAsync("/projects");
        var foreign = await other.HtmxPostAsync(anyPage, $"/projects/reachmilestone/{project}", [new("milestoneId", launch.ToString())]);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }
}
