using System.Net;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Tests.Projects;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;
using static FreelancerOS.Tests.Invoices.BillingSteps;

namespace FreelancerOS.Tests.Invoices;

/// <summary>Rechargeable expenses from the ledger billed on invoices through the real forms, and given back.</summary>
public sealed class BilledExpenseTests(TestApp app) : IClassFixture<TestApp>
{
    private sealed record Setup(AppClient Client, int ClientId, int Website, int Train, int Hotel);

    /// <summary>Creates an expense through the ledger form; returns its id.</summary>
    private async Task<int> ExpenseAsync(AppClient client, string description, string amount, int? projectId, bool rechargeable = true,
        string currency = "EUR", string? rate = null, string vendor = "SNCF", string date = "2026-10-12")
    {
        var values = new Dictionary<string, string>
        {
            ["Description"] = description, ["Amount"] = amount, ["Date"] = date, ["Currency"] = currency, ["Vendor"] = vendor,
            ["Rechargeable"] = rechargeable ? "true" : "false", ["ProjectId"] = projectId?.ToString() ?? "",
        };
        if (rate is not null) values["ExchangeRate"] = rate;
        var page = await client.GetPageAsync("/ledger/create?kind=expense");
        var response = await client.SubmitAsync(page, "#entry-form", values);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return await app.WithDbAsync(db => db.Expenses.IgnoreQueryFilters().Where(e => e.Description == description).OrderByDescending(e => e.Id).Select(e => e.Id).FirstAsync());
    }

    private async Task<Setup> SetUpAsync()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await Work.ClientAsync(client, "Acme Ltd");
        var website = await Work.ProjectAsync(client, clientId, "Website");
        var train = await ExpenseAsync(client, "Train to Lyon", "84.50", website);
        var hotel = await ExpenseAsync(client, "Hotel", "120", website, vendor: "Ibis", date: "2026-10-13");
        return new Setup(client, clientId, website, train, hotel);
    }

    private Task<Expense> LoadAsync(int id) => app.WithDbAsync(db => db.Expenses.IgnoreQueryFilters().SingleAsync(e => e.Id == id));

    /// <summary>
    /// Bug fixed: "has billed work" missed billed expenses, so a project whose only invoiced item was an expense could be
    /// deleted (the expense lost its project under its invoice line) or moved to another client.
    /// </summary>
    [Fact]
    public async Task Project_WithOnlyABilledExpense_CannotBeDeleted_NorChangeItsClient()
    {
        var s = await SetUpAsync();
        var other = await Work.ClientAsync(s.Client, "Globex");
        var staleDelete = await s.Client.GetPageAsync($"/projects/delete/{s.Website}");
        var staleEdit = await s.Client.GetPageAsync($"/projects/edit/{s.Website}");
        await BillAsync(s.Client, s.ClientId, $"#expense-{s.Train}");

        var deletePage = await s.Client.GetPageAsync($"/projects/delete/{s.Website}");
        Assert.Contains("This project has work on an invoice, so it cannot be deleted.", deletePage.QuerySelector(".alert-warning")!.TextContent);
        Assert.Null(deletePage.QuerySelector($"form[action='/projects/delete/{s.Website}']"));
        var refused = await s.Client.SubmitAsync(staleDelete, $"form[action='/projects/delete/{s.Website}']");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("cannot be deleted", (await s.Client.GetPageAsync(refused.Headers.Location!.OriginalString)).QuerySelector("[data-role=error]")!.TextContent);

        var moved = await s.Client.SubmitAsync(staleEdit, $"form[action='/projects/edit/{s.Website}']", new Dictionary<string, string> { ["ClientId"] = other.ToString() });
        Assert.Equal("Work of this project is on an invoice: its client cannot change.", AppClient.FieldError(await AppClient.ParseAsync(moved), "ClientId"));

        var project = await app.WithDbAsync(db => db.Projects.IgnoreQueryFilters().SingleAsync(p => p.Id == s.Website));
        Assert.Equal(s.ClientId, project.ClientId);
        Assert.Equal(s.Website, (await LoadAsync(s.Train)).ProjectId);
    }

    [Fact]
    public async Task Post_DraftWithRechargeableExpense_OneLineAtCost_ExpenseBilled_NotOfferedAgain_DeleteReleasesIt()
    {
        var s = await SetUpAsync();
        // Not offered: a non-rechargeable expense, and a rechargeable one without a project.
        await ExpenseAsync(s.Client, "Office chair", "300", s.Website, rechargeable: false);
        await ExpenseAsync(s.Client, "Stamps", "12", null);

        var page = await NewInvoicePageAsync(s.Client, s.ClientId);
        var offered = page.QuerySelectorAll("[data-role=expense-items] label").Select(l => l.TextContent.Trim()).ToList();
        Assert.Equal(["Website – Train to Lyon (SNCF, 2026-10-12) · 84.50 EUR", "Website – Hotel (Ibis, 2026-10-13) · 120.00 EUR"], offered);

        var response = await PostDraftWithWorkAsync(s.Client, s.ClientId, [$"#expense-{s.Train}"],
            values: new Dictionary<string, string> { ["TaxRate"] = "20" });
        var id = AppClient.IdFromRedirect(response);

        var details = await s.Client.GetPageAsync($"/invoices/details/{id}");
        var line = Assert.Single(details.QuerySelectorAll("[data-role=lines] tbody tr"));
        Assert.Contains("Website – Train to Lyon (SNCF, 2026-10-12)", line.TextContent);
        Assert.Equal("84.50 EUR", details.QuerySelector("[data-role=line-amount]")!.TextContent.Trim());
        Assert.Equal("84.50 EUR", details.QuerySelector("[data-role=subtotal]")!.TextContent.Trim());
        Assert.Equal("16.90 EUR", details.QuerySelector("[data-role=tax]")!.TextContent.Trim());
        Assert.Equal("101.40 EUR", details.QuerySelector("[data-role=total]")!.TextContent.Trim());
        var invoice = await app.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().Include(i => i.Lines).SingleAsync(i => i.Id == id));
        var stored = Assert.Single(invoice.Lines);
        Assert.Equal((InvoiceLineSourceKind.Expense, (int?)s.Train, (int?)s.Website, 1m, 84.50m), (stored.SourceKind, stored.SourceId, stored.ProjectId, stored.Quantity, stored.UnitPrice));
        Assert.Equal(id, (await LoadAsync(s.Train)).InvoiceId);
        Assert.Null((await LoadAsync(s.Hotel)).InvoiceId);

        // Billed: no longer offered; the other one still is.
        var again = await NewInvoicePageAsync(s.Client, s.ClientId);
        Assert.Null(again.QuerySelector($"#expense-{s.Train}"));
        Assert.NotNull(again.QuerySelector($"#expense-{s.Hotel}"));

        // Ticking it again on another draft (a stale form) is refused by name, nothing saved.
        var before = await app.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().CountAsync());
        var stale = await s.Client.SubmitForgedAsync(again, "form[action='/invoices/create']",
            new Dictionary<string, string> { ["IssueDate"] = "2026-11-22", ["ExpenseIds"] = s.Train.ToString() });
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Equal("The expense Train to Lyon (SNCF, 2026-10-12) is already on an invoice.", AppClient.FieldError(await AppClient.ParseAsync(stale), "Work"));
        Assert.Equal(before, await app.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().CountAsync()));

        // Deleting the draft gives it back.
        Assert.Equal(HttpStatusCode.Redirect, (await s.Client.SubmitAsync(details, $"form[action='/invoices/delete/{id}']")).StatusCode);
        Assert.Null((await LoadAsync(s.Train)).InvoiceId);
        Assert.NotNull((await NewInvoicePageAsync(s.Client, s.ClientId)).QuerySelector($"#expense-{s.Train}"));
    }

    [Fact]
    public async Task Post_EditDraft_TakeOffTheExpenseLine_ReleasesIt_AndVoid_ReleasesTheOther()
    {
        var s = await SetUpAsync();
        var id = await BillAsync(s.Client, s.ClientId, $"#expense-{s.Train}", $"#expense-{s.Hotel}");
        var invoice = await app.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().Include(i => i.Lines).SingleAsync(i => i.Id == id));
        Assert.Equal(204.50m, invoice.Total);
        var trainLine = invoice.Lines.Single(l => l.SourceId == s.Train);

        var edit = await s.Client.GetPageAsync($"/invoices/edit/{id}");
        Tick(edit, $"#remove-line-{trainLine.Id}");
        Assert.Equal(HttpStatusCode.Redirect, (await s.Client.SubmitAsync(edit, $"form[action='/invoices/edit/{id}']")).StatusCode);
        Assert.Null((await LoadAsync(s.Train)).InvoiceId);
        Assert.Equal(id, (await LoadAsync(s.Hotel)).InvoiceId);
        Assert.Equal("120.00 EUR", (await s.Client.GetPageAsync($"/invoices/details/{id}")).QuerySelector("[data-role=total]")!.TextContent.Trim());

        await InvoiceSteps.IssueAsync(s.Client, id);
        var details = await s.Client.GetPageAsync($"/invoices/details/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await s.Client.SubmitAsync(details, $"form[action='/invoices/void/{id}']")).StatusCode);
        Assert.Null((await LoadAsync(s.Hotel)).InvoiceId);
    }

    [Fact]
    public async Task Post_ExpenseInAnotherCurrency_IsRefusedByName_NothingSaved()
    {
        var s = await SetUpAsync();
        var flight = await ExpenseAsync(s.Client, "Flight to Boston", "410", s.Website, currency: "USD", rate: "0.92", vendor: "Delta");
        var page = await NewInvoicePageAsync(s.Client, s.ClientId);
        Assert.Contains("410.00 USD", page.QuerySelector($"label[for=expense-{flight}]")!.TextContent);
        var before = await app.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().CountAsync());

        var response = await PostDraftWithWorkAsync(s.Client, s.ClientId, [$"#expense-{s.Train}", $"#expense-{flight}"]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("This invoice is in EUR; these items are not: Website – Flight to Boston (Delta, 2026-10-12) (USD). An invoice never mixes currencies.",
            AppClient.FieldError(await AppClient.ParseAsync(response), "Work"));
        Assert.Equal(before, await app.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().CountAsync()));
        Assert.Null((await LoadAsync(flight)).InvoiceId);
        Assert.Null((await LoadAsync(s.Train)).InvoiceId);
    }

    [Fact]
    public async Task Post_AnotherAccountsExpense_IsNotFound_AndAnotherClientsIsRefused()
    {
        var s = await SetUpAsync();
        var other = await app.SignedInClientAsync();
        var otherClient = await Work.ClientAsync(other, "Mallory Inc");
        var page = await NewInvoicePageAsync(other, otherClient);
        var before = await app.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().CountAsync());
        var response = await other.SubmitForgedAsync(page, "form[action='/invoices/create']",
            new Dictionary<string, string> { ["IssueDate"] = "2026-11-22", ["ExpenseIds"] = s.Train.ToString() });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        // Nor can the other account see or touch it in the ledger.
        await other.GetPageAsync($"/ledger/edit/{s.Train}", HttpStatusCode.NotFound);

        var globex = await Work.ClientAsync(s.Client, "Globex GmbH");
        var own = await NewInvoicePageAsync(s.Client, globex);
        Assert.Null(own.QuerySelector($"#expense-{s.Train}"));
        var refused = await s.Client.SubmitForgedAsync(own, "form[action='/invoices/create']",
            new Dictionary<string, string> { ["IssueDate"] = "2026-11-22", ["ExpenseIds"] = s.Train.ToString() });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("The expense Train to Lyon (SNCF, 2026-10-12) belongs to Website, a project of another client.",
            AppClient.FieldError(await AppClient.ParseAsync(refused), "Work"));
        Assert.Equal(before, await app.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().CountAsync()));
        Assert.Null((await LoadAsync(s.Train)).InvoiceId);
    }

    [Fact]
    public async Task Post_SameExpenseOnTwoDraftsAtOnce_OneWins_TheOtherSavesNothing()
    {
        var s = await SetUpAsync();
        var second = app.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await second.LoginAsync(s.Client.Email!)).StatusCode);
        var pageA = await NewInvoicePageAsync(s.Client, s.ClientId);
        var pageB = await NewInvoicePageAsync(second, s.ClientId);
        Tick(pageA, $"#expense-{s.Train}", $"#expense-{s.Hotel}");
        Tick(pageB, $"#expense-{s.Train}");
        var before = await app.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().CountAsync());

        var responses = await Task.WhenAll(
            s.Client.SubmitAsync(pageA, "form[action='/invoices/create']", new Dictionary<string, string> { ["IssueDate"] = "2026-11-22", ["Notes"] = "A" }),
            second.SubmitAsync(pageB, "form[action='/invoices/create']", new Dictionary<string, string> { ["IssueDate"] = "2026-11-22", ["Notes"] = "B" }));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        var loser = Assert.Single(responses, r => r.StatusCode != HttpStatusCode.Redirect);
        var message = AppClient.FieldError(await AppClient.ParseAsync(loser), "Work");
        Assert.True(message.Contains("was put on another invoice a moment ago") || message.Contains("is already on an invoice"), message);
        var winner = Assert.Single(await app.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().OrderBy(i => i.Id).Skip(before).ToListAsync()));
        Assert.Equal(winner.Id, (await LoadAsync(s.Train)).InvoiceId);
        Assert.Equal(winner.Notes == "A" ? winner.Id : null, (await LoadAsync(s.Hotel)).InvoiceId);
    }

    [Fact]
    public async Task Post_LedgerEditOrDeleteOfABilledExpense_IsRefused_UntilReleased()
    {
        var s = await SetUpAsync();
        var id = await BillAsync(s.Client, s.ClientId, $"#expense-{s.Train}");

        var edit = await s.Client.GetPageAsync($"/ledger/edit/{s.Train}");
        Assert.Contains("billed on it", edit.QuerySelector("[data-role=linked-invoice]")!.TextContent);
        var response = await s.Client.SubmitAsync(edit, "#entry-form", new Dictionary<string, string> { ["Amount"] = "90" });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.StartsWith("This expense is billed on a draft invoice: its amount and currency are on the invoice and cannot be changed.",
            AppClient.FieldError(await AppClient.ParseAsync(response), "Amount"));
        var unticked = await s.Client.SubmitAsync(edit, "#entry-form", new Dictionary<string, string> { ["Rechargeable"] = "false" });
        Assert.Equal(HttpStatusCode.Conflict, unticked.StatusCode);
        Assert.Contains("it stays a rechargeable expense of its project", AppClient.FieldError(await AppClient.ParseAsync(unticked), "Amount"));
        var deleted = await s.Client.SubmitAsync(edit, "#delete-form");
        Assert.Equal(HttpStatusCode.Conflict, deleted.StatusCode);
        Assert.Contains("so it cannot be deleted", (await AppClient.ParseAsync(deleted)).QuerySelector(".alert-danger")!.TextContent);
        var expense = await LoadAsync(s.Train);
        Assert.Equal((84.50m, "EUR", (int?)id), (expense.Amount, expense.Currency, expense.InvoiceId));

        // The description may change (the invoice line keeps its own text).
        Assert.Equal(HttpStatusCode.Redirect, (await s.Client.SubmitAsync(edit, "#entry-form", new Dictionary<string, string> { ["Description"] = "Train Paris–Lyon" })).StatusCode);
        Assert.Equal("Train Paris–Lyon", (await LoadAsync(s.Train)).Description);

        // Released (draft deleted): editable again.
        var details = await s.Client.GetPageAsync($"/invoices/details/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await s.Client.SubmitAsync(details, $"form[action='/invoices/delete/{id}']")).StatusCode);
        edit = await s.Client.GetPageAsync($"/ledger/edit/{s.Train}");
        Assert.Equal(HttpStatusCode.Redirect, (await s.Client.SubmitAsync(edit, "#entry-form", new Dictionary<string, string> { ["Amount"] = "90" })).StatusCode);
        Assert.Equal(90m, (await LoadAsync(s.Train)).Amount);
    }

    [Fact]
    public async Task Get_ProjectPage_ShowsRechargeableExpensesNotYetBilled_InTheClientCurrency_AndOthersApart()
    {
        var s = await SetUpAsync();
        await ExpenseAsync(s.Client, "Flight to Boston", "410", s.Website, currency: "USD", rate: "0.92", vendor: "Delta");
        await ExpenseAsync(s.Client, "Office chair", "300", s.Website, rechargeable: false);

        var page = await s.Client.GetPageAsync($"/projects/details/{s.Website}");
        Assert.Equal("2 · 204.50 EUR", page.QuerySelector("[data-role=profit-unbilled-expenses]")!.TextContent.Trim());
        Assert.Equal("1 · 410.00 USD", page.QuerySelector("[data-role=profit-unbilled-expenses-other]")!.TextContent.Trim());

        var id = await BillAsync(s.Client, s.ClientId, $"#expense-{s.Hotel}");
        page = await s.Client.GetPageAsync($"/projects/details/{s.Website}");
        Assert.Equal("1 · 84.50 EUR", page.QuerySelector("[data-role=profit-unbilled-expenses]")!.TextContent.Trim());

        // Issued, the recharged cost is not the project's billed fee (it passes a cost on).
        await InvoiceSteps.IssueAsync(s.Client, id);
        page = await s.Client.GetPageAsync($"/projects/details/{s.Website}");
        Assert.Equal("0.00 EUR", page.QuerySelector("[data-role=profit-billed]")!.TextContent.Trim());
        Assert.Equal("1 · 84.50 EUR", page.QuerySelector("[data-role=profit-unbilled-expenses]")!.TextContent.Trim());
    }
}
