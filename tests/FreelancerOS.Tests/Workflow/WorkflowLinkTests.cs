using System.Net;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Workflow;
using Microsoft.EntityFrameworkCore;
using static FreelancerOS.Tests.Invoices.InvoiceSteps;
using static FreelancerOS.Tests.Workflow.WorkflowSteps;

namespace FreelancerOS.Tests.Workflow;

/// <summary>What a link made on the workflow grid does, through the grid's own cell forms, and what follows from it.</summary>
public sealed class WorkflowLinkTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task LinkToDraft_AddsTheIncomeAsALine_UnlinkRemovesIt_AndIssuingCountsItOnce()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client.Email!);
        var clientId = await CreateClientAsync(client, "Draft Link Ltd");
        var draft = await CreateDraftAsync(client, clientId, ("Consulting", "1", "100"));
        var incomeId = await CreateIncomeAsync(app, client, userId, "Retainer from Draft Link", 250m, mode: "Bank");

        var linked = await SetCellAsync(client, incomeId, "invoice", draft.ToString(), htmx: false);
        Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);
        Assert.EndsWith($"#row-{incomeId}", linked.Headers.Location!.OriginalString);
        var invoice = await InvoiceAsync(app, userId, draft);
        Assert.Equal(350m, invoice.Total);
        var line = Assert.Single(invoice.Lines, l => l.SourceKind == InvoiceLineSourceKind.Income);
        Assert.Equal(incomeId, line.SourceId);
        Assert.Equal("Retainer from Draft Link", line.Description);
        var income = await IncomeAsync(app, userId, incomeId);
        Assert.Equal(draft, income.InvoiceId);
        Assert.Equal(clientId, income.ClientId); // the invoice's client, since the income had none

        // The invoice page and the ledger show the same link.
        var page = await client.GetPageAsync($"/invoices/details/{draft}");
        Assert.NotNull(page.QuerySelector($"[data-role=linked-income] a[href='/ledger/edit/{incomeId}']"));
        var ledger = await client.GetPageAsync("/ledger?period=all&q=Retainer+from+Draft");
        Assert.NotNull(ledger.QuerySelector($"[data-role=ledger-invoice] a[href='/invoices/details/{draft}']"));

        // Unlinking takes exactly that line off.
        var unlinked = await SetCellAsync(client, incomeId, "invoice", "");
        Assert.Equal(HttpStatusCode.OK, unlinked.StatusCode);
        invoice = await InvoiceAsync(app, userId, draft);
        Assert.Equal(100m, invoice.Total);
        Assert.DoesNotContain(invoice.Lines, l => l.SourceKind == InvoiceLineSourceKind.Income);
        Assert.Null((await IncomeAsync(app, userId, incomeId)).InvoiceId);

        // Linked again and issued: the received income counts, the open income is only the rest.
        await SetCellAsync(client, incomeId, "invoice", draft.ToString());
        await IssueAsync(client, draft);
        invoice = await InvoiceAsync(app, userId, draft);
        var incomes = await LinkedAsync(app, userId, draft);
        Assert.Equal(350m, incomes.Sum(i => i.Amount));
        Assert.Equal(100m, Assert.Single(incomes, i => i.PaymentModeId is null).Amount);
        Assert.Equal(250m, invoice.AmountPaid);
        Assert.Equal(InvoiceStatus.Sent, invoice.Status);

        // The client's invoiced amount and % follow the issued invoice (contract value 10,000).
        var clientPage = await client.GetPageAsync($"/clients/details/{clientId}");
        Assert.Equal("350.00 EUR (4%)", clientPage.QuerySelector("[data-role=invoiced]")!.TextContent.Trim());
    }

    [Fact]
    public async Task LinkReceivedIncomeToIssuedInvoice_TakesThePlaceOfTheOpenIncome_PaidWhenCovered_UnlinkUndoesIt()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client.Email!);
        var clientId = await CreateClientAsync(client, "Overdue Payer Ltd");
        var id = AppClient.IdFromRedirect(await PostDraftAsync(client, clientId, [("Audit", "1", "1000")], issueDate: "2026-09-01"));
        await IssueAsync(client, id);
        var first = await CreateIncomeAsync(app, client, userId, "Bank transfer Overdue Payer 1", 400m, mode: "Bank");
        var second = await CreateIncomeAsync(app, client, userId, "Bank transfer Overdue Payer 2", 600m, mode: "Bank");

        var response = await SetCellAsync(client, first, "invoice", id.ToString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await RowMessageAsync(response));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("hx-swap-oob", html); // the totals come along
        var incomes = await LinkedAsync(app, userId, id);
        Assert.Equal(1000m, incomes.Sum(i => i.Amount));
        Assert.Equal(600m, Assert.Single(incomes, i => i.PaymentModeId is null).Amount);
        var invoice = await InvoiceAsync(app, userId, id);
        Assert.Equal(400m, invoice.AmountPaid);
        Assert.NotEqual(InvoiceStatus.Paid, invoice.Status);
        Assert.Equal(clientId, (await IncomeAsync(app, userId, first)).ClientId);

        await SetCellAsync(client, second, "invoice", id.ToString());
        incomes = await LinkedAsync(app, userId, id);
        Assert.Equal(1000m, incomes.Sum(i => i.Amount));
        Assert.All(incomes, i => Assert.NotNull(i.PaymentModeId));
        Assert.Equal(2, incomes.Count); // the open income went
        var page = await client.GetPageAsync($"/invoices/details/{id}");
        Assert.Equal("Paid", page.QuerySelector("[data-role=status]")!.TextContent.Trim());
        Assert.Equal("0.00 EUR", page.QuerySelector("[data-role=balance]")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector($"[data-role=linked-income] a[href='/ledger/edit/{second}']"));

        // Unlinking the second brings the open income back and the invoice is overdue again.
        var undone = await SetCellAsync(client, second, "invoice", "");
        Assert.Equal("", await RowMessageAsync(undone));
        incomes = await LinkedAsync(app, userId, id);
        Assert.Equal(1000m, incomes.Sum(i => i.Amount));
        Assert.Equal(600m, Assert.Single(incomes, i => i.PaymentModeId is null).Amount);
        invoice = await InvoiceAsync(app, userId, id);
        Assert.Equal(InvoiceStatus.Overdue, invoice.Status);
        Assert.Equal(400m, invoice.AmountPaid);
        Assert.Null((await IncomeAsync(app, userId, second)).InvoiceId);
    }

    [Fact]
    public async Task Refusals_ShowTheirMessageInTheRow_AndSaveNothing()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client.Email!);
        var acme = await CreateClientAsync(client, "Refusing Acme");
        var other = await CreateClientAsync(client, "Refusing Other");
        var issued = AppClient.IdFromRedirect(await PostDraftAsync(client, acme, [("Design", "1", "500")]));
        await IssueAsync(client, issued);
        var paid = AppClient.IdFromRedirect(await PostDraftAsync(client, acme, [("Paid work", "1", "50")]));
        await IssueAsync(client, paid);
        await Invoices.InvoicePaymentTests.PayAsync(client, paid, "Bank", "50", "2026-11-22");
        var voided = AppClient.IdFromRedirect(await PostDraftAsync(client, acme, [("Void work", "1", "70")]));
        await IssueAsync(client, voided);
        var voidPage = await client.GetPageAsync($"/invoices/details/{voided}");
        await client.SubmitAsync(voidPage, $"form[action='/invoices/void/{voided}']");
        var otherProject = await CreateProjectAsync(app, userId, other, "Other's project");
        var second = AppClient.IdFromRedirect(await PostDraftAsync(client, acme, [("Second", "1", "300")]));
        await IssueAsync(client, second);

        var dollars = await CreateIncomeAsync(app, client, userId, "Dollar payment", 100m, currency: "USD", rate: "0.9", mode: "Bank");
        var tooMuch = await CreateIncomeAsync(app, client, userId, "Too much money", 600m, mode: "Bank");
        var notReceived = await CreateIncomeAsync(app, client, userId, "Promised money", 100m);
        var plain = await CreateIncomeAsync(app, client, userId, "Plain payment", 100m, mode: "Bank");

        async Task RefusedAsync(int incomeId, string cell, string value, string expected)
        {
            var before = await IncomeAsync(app, userId, incomeId);
            var totalsBefore = await app.WithDbAsync(db => db.Incomes.SumAsync(i => i.HomeAmountMinor), userId);
            var response = await SetCellAsync(client, incomeId, cell, value);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(expected, await RowMessageAsync(response));
            var after = await IncomeAsync(app, userId, incomeId);
            Assert.Equal(before.Version, after.Version);
            Assert.Equal(before.InvoiceId, after.InvoiceId);
            Assert.Equal(before.ProjectId, after.ProjectId);
            Assert.Equal(totalsBefore, await app.WithDbAsync(db => db.Incomes.SumAsync(i => i.HomeAmountMinor), userId));
        }

        await RefusedAsync(dollars, "invoice", issued.ToString(), "in USD");
        await RefusedAsync(tooMuch, "invoice", issued.ToString(), "more than the 500.00 EUR still open");
        await RefusedAsync(plain, "invoice", voided.ToString(), "is void");
        await RefusedAsync(plain, "invoice", paid.ToString(), "already paid in full");
        await RefusedAsync(notReceived, "invoice", issued.ToString(), "not received yet");

        // An income that already pays one invoice cannot move to another without being unlinked first.
        Assert.Equal("", await RowMessageAsync(await SetCellAsync(client, plain, "invoice", issued.ToString())));
        await RefusedAsync(plain, "invoice", second.ToString(), "already pays");
        // Its client cannot change to another than the invoice's either.
        await RefusedAsync(plain, "client", other.ToString(), "not for this income's client");
        await RefusedAsync(plain, "project", otherProject.ToString(), "of another client");

        // Still: issued 500 = 100 received + 400 open.
        var incomes = await LinkedAsync(app, userId, issued);
        Assert.Equal(500m, incomes.Sum(i => i.Amount));
        Assert.Equal(100m, (await InvoiceAsync(app, userId, issued)).AmountPaid);
        Assert.Equal(InvoiceStatus.Void, (await InvoiceAsync(app, userId, voided)).Status);
        Assert.Empty(await LinkedAsync(app, userId, voided));

        // Without JavaScript, a refusal shows the row edit page with the message (409), nothing saved.
        var page = await client.GetPageAsync("/workflow");
        var plainPost = await SetCellAsync(client, page, dollars, "invoice", issued.ToString(), htmx: false);
        Assert.Equal(HttpStatusCode.Conflict, plainPost.StatusCode);
        Assert.Contains("in USD", (await AppClient.ParseAsync(plainPost)).QuerySelector("[data-role=errors]")!.TextContent);
    }

    [Fact]
    public async Task BadInput_ForeignIds_StaleVersion_UnknownIds_Are404OrAMessage_NeverA500()
    {
        var owner = await app.SignedInClientAsync();
        var ownerId = await UserIdAsync(app, owner.Email!);
        var ownerClient = await CreateClientAsync(owner, "Owner Co");
        var ownerDraft = await CreateDraftAsync(owner, ownerClient);
        var ownerIncome = await CreateIncomeAsync(app, owner, ownerId, "Owner money", 10m);

        var intruder = await app.SignedInClientAsync();
        var intruderId = await UserIdAsync(app, intruder.Email!);
        var mine = await CreateIncomeAsync(app, intruder, intruderId, "Intruder money", 10m);
        await intruder.GetPageAsync($"/workflow/edit/{ownerIncome}", HttpStatusCode.NotFound);
        await intruder.GetPageAsync($"/workflow/newclient/{ownerIncome}", HttpStatusCode.NotFound);
        var page = await intruder.GetPageAsync("/workflow");
        Assert.Null(page.QuerySelector($"#row-{ownerIncome}"));
        var foreignRow = await intruder.HtmxPostAsync(page, $"/workflow/edit/{ownerIncome}", [new("InvoiceId", ""), new("Version", "0")]);
        Assert.Equal(HttpStatusCode.NotFound, foreignRow.StatusCode);
        var unknownRow = await intruder.HtmxPostAsync(page, "/workflow/edit/999999", [new("Version", "0")]);
        Assert.Equal(HttpStatusCode.NotFound, unknownRow.StatusCode);
        var foreignDraft = await intruder.HtmxPostAsync(page, $"/workflow/newdraft/{ownerIncome}", [new("version", "0")]);
        Assert.Equal(HttpStatusCode.NotFound, foreignDraft.StatusCode);

        // Another account's invoice, client or an unknown project: a message, nothing saved.
        Assert.Contains("Choose one of your invoices", await RowMessageAsync(await SetCellAsync(intruder, mine, "invoice", ownerDraft.ToString())));
        Assert.Contains("Choose one of your clients", await RowMessageAsync(await SetCellAsync(intruder, mine, "client", ownerClient.ToString())));
        Assert.Contains("Choose one of your projects", await RowMessageAsync(await SetCellAsync(intruder, mine, "project", "987654")));
        Assert.Contains("Choose from the lists", await RowMessageAsync(await SetCellAsync(intruder, mine, "invoice", "abc")));
        Assert.Null((await IncomeAsync(app, intruderId, mine)).InvoiceId);
        Assert.Single((await InvoiceAsync(app, ownerId, ownerDraft)).Lines);

        // Two tabs: the second change, made on the stale row, gets the conflict message and is not saved.
        var tab1 = await intruder.GetPageAsync("/workflow");
        var tab2 = await intruder.GetPageAsync("/workflow");
        var clientId = await CreateClientAsync(intruder, "Intruder Client");
        tab1 = await intruder.GetPageAsync("/workflow");
        tab2 = await intruder.GetPageAsync("/workflow");
        Assert.Equal("", await RowMessageAsync(await SetCellAsync(intruder, tab1, mine, "client", clientId.ToString())));
        var stale = await SetCellAsync(intruder, tab2, mine, "mode", ModeId(tab2, "Cash"));
        Assert.Contains("changed in another tab", await RowMessageAsync(stale));
        var income = await IncomeAsync(app, intruderId, mine);
        Assert.Null(income.PaymentModeId);
        Assert.Equal(clientId, income.ClientId);
    }

    [Fact]
    public async Task Grid_ListsClientIncomesNewestFirst_FiltersUnlinkedAndReceived_TotalsPerCurrency()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client.Email!);
        var clientId = await CreateClientAsync(client, "Grid Co");
        var projectId = await CreateProjectAsync(app, userId, clientId, "Grid site");
        var older = await CreateIncomeAsync(app, client, userId, "Grid older", 100m, date: "2026-10-01", mode: "Bank");
        var newer = await CreateIncomeAsync(app, client, userId, "Grid newer", 50.5m, date: "2026-11-01");
        var dollars = await CreateIncomeAsync(app, client, userId, "Grid dollars", 20m, date: "2026-09-01", currency: "USD", rate: "0.9");
        // Not classified Client: not on the grid.
        var ledgerForm = await client.GetPageAsync("/ledger/create?kind=income");
        await client.SubmitAsync(ledgerForm, "#entry-form", new Dictionary<string, string>
        {
            ["Description"] = "Grid interest", ["Amount"] = "5", ["Date"] = "2026-11-02", ["CategoryId"] = "",
        });

        var page = await client.GetPageAsync("/workflow");
        var rows = page.QuerySelectorAll("[data-role=workflow-row]").Select(r => r.Id).ToList();
        Assert.Equal([$"row-{newer}", $"row-{older}", $"row-{dollars}"], rows);
        Assert.Equal("150.50 EUR", page.QuerySelector("[data-role=total][data-currency=EUR] strong")!.TextContent.Trim());
        Assert.Equal("20.00 USD", page.QuerySelector("[data-role=total][data-currency=USD] strong")!.TextContent.Trim());

        var received = await client.GetPageAsync("/workflow?received=yes");
        Assert.Equal([$"row-{older}"], received.QuerySelectorAll("[data-role=workflow-row]").Select(r => r.Id).ToList());

        // Link the newer one to client and project: it leaves "unlinked" only when it also has an invoice.
        await SetCellAsync(client, newer, "project", projectId.ToString());
        var income = await IncomeAsync(app, userId, newer);
        Assert.Equal(projectId, income.ProjectId);
        Assert.Equal(clientId, income.ClientId);
        var draft = await CreateDraftAsync(client, clientId);
        await SetCellAsync(client, newer, "invoice", draft.ToString());
        var unlinked = await client.GetPageAsync("/workflow?unlinked=true");
        Assert.DoesNotContain($"row-{newer}", unlinked.QuerySelectorAll("[data-role=workflow-row]").Select(r => r.Id));
        Assert.Contains($"row-{older}", unlinked.QuerySelectorAll("[data-role=workflow-row]").Select(r => r.Id));
        var text = await client.GetPageAsync("/workflow?q=dollars&client=");
        Assert.Equal([$"row-{dollars}"], text.QuerySelectorAll("[data-role=workflow-row]").Select(r => r.Id).ToList());
        var byClient = await client.GetPageAsync($"/workflow?client={clientId}");
        Assert.Equal([$"row-{newer}"], byClient.QuerySelectorAll("[data-role=workflow-row]").Select(r => r.Id).ToList());

        // The project's line on the draft carries the project (its invoiced figure follows once issued).
        var line = Assert.Single((await InvoiceAsync(app, userId, draft)).Lines, l => l.SourceKind == InvoiceLineSourceKind.Income);
        Assert.Equal(projectId, line.ProjectId);

        // The row edit page (no JavaScript) saves the same links.
        var edit = await client.GetPageAsync($"/workflow/edit/{older}");
        var saved = await client.SubmitAsync(edit, "#workflow-edit-form", new Dictionary<string, string> { ["ClientId"] = clientId.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(clientId, (await IncomeAsync(app, userId, older)).ClientId);
    }

    [Fact]
    public async Task NewDraft_ClickedOnAStalePage_ShowsTheConflict_AndCreatesNoInvoice()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client.Email!);
        var clientId = await CreateClientAsync(client, "Stale Draft Ltd");
        var incomeId = await CreateIncomeAsync(app, client, userId, "Stale draft money", 90m);
        Assert.Equal(HttpStatusCode.Redirect, (await SetCellAsync(client, incomeId, "client", clientId.ToString(), htmx: false)).StatusCode);

        // The grid as shown; the row then changes in another tab (a payment mode picked there).
        var grid = await client.GetPageAsync("/workflow");
        Assert.Equal(HttpStatusCode.Redirect, (await SetCellAsync(client, grid, incomeId, "mode", ModeId(grid, "Bank"), htmx: false)).StatusCode);

        // The draft button of the stale page posts the row form's old version: the conflict, and no invoice.
        var stale = await NewDraftAsync(client, grid, incomeId);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(WorkflowGrid.Conflict, (await AppClient.ParseAsync(stale)).QuerySelector("[data-role=errors]")!.TextContent.Trim());
        Assert.Null((await IncomeAsync(app, userId, incomeId)).InvoiceId);
        Assert.False(await app.WithDbAsync(db => db.Invoices.AnyAsync(), userId));

        // From the page as it now is, the same click links a new draft.
        var fresh = await NewDraftAsync(client, await client.GetPageAsync("/workflow"), incomeId);
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
        Assert.NotNull((await IncomeAsync(app, userId, incomeId)).InvoiceId);
    }

    [Fact]
    public async Task CreateFromTheGrid_NewDraft_NewClient_NewProject_AreLinkedToTheRow()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client.Email!);
        var incomeId = await CreateIncomeAsync(app, client, userId, "Fresh money", 80m, mode: "Cash");

        var form = await client.GetPageAsync($"/workflow/newclient/{incomeId}?returnUrl=%2Fworkflow%3Freceived%3Dyes");
        var empty = await client.SubmitAsync(form, "#new-name-form", new Dictionary<string, string> { ["Name"] = "" });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal("Enter a name.", AppClient.FieldError(await AppClient.ParseAsync(empty), "Name"));
        var created = await client.SubmitAsync(form, "#new-name-form", new Dictionary<string, string> { ["Name"] = "Fresh Client" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal($"/workflow?received=yes#row-{incomeId}", created.Headers.Location!.OriginalString);
        var income = await IncomeAsync(app, userId, incomeId);
        var clientName = await app.WithDbAsync(db => db.Clients.Where(c => c.Id == income.ClientId).Select(c => c.Name).SingleAsync(), userId);
        Assert.Equal("Fresh Client", clientName);

        var projectForm = await client.GetPageAsync($"/workflow/newproject/{incomeId}");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(projectForm, "#new-name-form", new Dictionary<string, string> { ["Name"] = "Fresh Project" })).StatusCode);
        income = await IncomeAsync(app, userId, incomeId);
        var project = await app.WithDbAsync(db => db.Projects.Where(p => p.Id == income.ProjectId).Select(p => new { p.Name, p.ClientId }).SingleAsync(), userId);
        Assert.Equal("Fresh Project", project.Name);
        Assert.Equal(income.ClientId, project.ClientId);

        var grid = await client.GetPageAsync("/workflow");
        var draft = await NewDraftAsync(client, grid, incomeId);
        Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        income = await IncomeAsync(app, userId, incomeId);
        var invoice = await InvoiceAsync(app, userId, income.InvoiceId!.Value);
        Assert.Equal(InvoiceStatus.Draft, invoice.Status);
        Assert.Equal(income.ClientId, invoice.ClientId);
        Assert.Equal(80m, invoice.Total);

        // A stale row version on a create form: the conflict message, nothing created.
        var stale = await client.SubmitAsync(form, "#new-name-form", new Dictionary<string, string> { ["Name"] = "Late Client" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Clients.AnyAsync(c => c.Name == "Late Client"), userId));
    }

    [Fact]
    public async Task LedgerEditPage_UsesTheSameRules_AProjectOfAnotherClientIsRefused_AndADraftLineFollowsTheIncome()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client.Email!);
        var mine = await CreateClientAsync(client, "Ledger Rules Ltd");
        var other = await CreateClientAsync(client, "Ledger Other Ltd");
        var otherProject = await CreateProjectAsync(app, userId, other, "Not theirs");
        var draft = await CreateDraftAsync(client, mine, ("Consulting", "1", "100"));
        var incomeId = await CreateIncomeAsync(app, client, userId, "Ledger rules money", 40m, mode: "Bank");
        Assert.Equal(HttpStatusCode.Redirect, (await SetCellAsync(client, incomeId, "invoice", draft.ToString(), htmx: false)).StatusCode);

        var edit = await client.GetPageAsync($"/ledger/edit/{incomeId}");
        Assert.NotNull(edit.QuerySelector($"a[href='/workflow/edit/{incomeId}']"));
        var refused = await client.SubmitAsync(edit, "#entry-form", new Dictionary<string, string> { ["ProjectId"] = otherProject.ToString() });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("of another client", AppClient.FieldError(await AppClient.ParseAsync(refused), "ProjectId"));
        Assert.Null((await IncomeAsync(app, userId, incomeId)).ProjectId);

        var saved = await client.SubmitAsync(edit, "#entry-form", new Dictionary<string, string> { ["Amount"] = "55", ["Description"] = "Ledger rules money, corrected" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var invoice = await InvoiceAsync(app, userId, draft);
        Assert.Equal(155m, invoice.Total);
        Assert.Equal("Ledger rules money, corrected", Assert.Single(invoice.Lines, l => l.SourceKind == InvoiceLineSourceKind.Income).Description);
    }
}
