using System.Net;
using AngleSharp.Dom;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;
using static FreelancerOS.Tests.Invoices.InvoiceSteps;

namespace FreelancerOS.Tests.Invoices;

/// <summary>The money side of invoices, through the real forms: the open income on issue, payments, undo, the ledger's rules, void.</summary>
public sealed class InvoicePaymentTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Post_Issue_PutsTheOpenIncomeForTheTotalInTheLedger_LinkedToInvoiceAndClient()
    {
        var (client, userId, clientId, id) = await IssuedAsync("Ledger Link Ltd", ("Design", "10", "85"), ("Hosting", "1", "19.99"));

        var incomes = await IncomesAsync(id, userId);
        var open = Assert.Single(incomes);
        Assert.Equal(869.99m, open.Amount);
        Assert.Equal("EUR", open.Currency);
        Assert.Null(open.PaymentModeId);
        Assert.Equal(new DateOnly(2026, 11, 22), open.Date);
        Assert.Equal(clientId, open.ClientId);
        var classification = await app.WithDbAsync(db => db.LedgerCategories.Where(c => c.Id == open.CategoryId).Select(c => c.Name).SingleAsync(), userId);
        Assert.Equal("Client", classification);

        // The ledger shows it as money not received yet, and the invoice page lists it as open.
        var ledger = await client.GetPageAsync("/ledger?q=Ledger+Link");
        Assert.Equal("869.99 EUR", ledger.QuerySelector("[data-role=total-outstanding]")!.TextContent.Trim());
        var page = await client.GetPageAsync($"/invoices/details/{id}");
        Assert.Equal("false", Assert.Single(page.QuerySelectorAll("[data-role=payment]")).GetAttribute("data-received"));
        Assert.NotNull(page.QuerySelector("[data-role=record-payment]"));
    }

    [Fact]
    public async Task Post_PartialThenFullPayment_SplitsTheIncome_ThenPaid_WithAmountsOnPageAndPdf()
    {
        var (client, userId, _, id) = await IssuedAsync("Partial Payer Ltd", ("Design", "10", "100"));

        var partial = await PayAsync(client, id, "Bank", "400", "2026-11-25");
        Assert.Equal(HttpStatusCode.Redirect, partial.StatusCode);
        var incomes = await IncomesAsync(id, userId);
        Assert.Equal(2, incomes.Count);
        Assert.Equal(1000m, incomes.Sum(i => i.Amount));
        var received = Assert.Single(incomes, i => i.PaymentModeId is not null);
        Assert.Equal(400m, received.Amount);
        Assert.Equal(new DateOnly(2026, 11, 25), received.Date);
        Assert.Equal(600m, Assert.Single(incomes, i => i.PaymentModeId is null).Amount);
        var page = await client.GetPageAsync($"/invoices/details/{id}");
        Assert.Equal("Sent", Text(page, "[data-role=status]"));
        Assert.Equal("400.00 EUR", Text(page, "[data-role=paid]"));
        Assert.Equal("600.00 EUR", Text(page, "[data-role=balance]"));
        var partialPdf = await PdfText.OfAsync(await client.Http.GetByteArrayAsync($"/invoices/pdf/{id}"));
        Assert.Matches(@"Amount paid\s+400\.00 EUR", partialPdf);
        Assert.Matches(@"Balance due\s+600\.00 EUR", partialPdf);

        // The form offers what is still open; paying it all makes the invoice Paid.
        var form = await client.GetPageAsync($"/invoices/payment/{id}");
        Assert.Equal("600.00", form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Amount")!.Value); // the currency's decimals
        var full = await PayAsync(client, id, "Cash", "600", "2026-11-30");
        Assert.Equal(HttpStatusCode.Redirect, full.StatusCode);
        incomes = await IncomesAsync(id, userId);
        Assert.Equal(2, incomes.Count);
        Assert.All(incomes, i => Assert.NotNull(i.PaymentModeId));
        Assert.Equal(1000m, incomes.Sum(i => i.Amount));
        page = await client.GetPageAsync($"/invoices/details/{id}");
        Assert.Equal("Paid", Text(page, "[data-role=status]"));
        Assert.Equal("1,000.00 EUR", Text(page, "[data-role=paid]"));
        Assert.Equal("0.00 EUR", Text(page, "[data-role=balance]"));
        Assert.Null(page.QuerySelector("[data-role=record-payment]"));
        Assert.Contains("Sent → Paid", Text(page, "[data-role=history]"));

        // The PDF reads the same received money.
        var pdf = await PdfText.OfAsync(await client.Http.GetByteArrayAsync($"/invoices/pdf/{id}"));
        Assert.Matches(@"Amount paid\s+1,000\.00 EUR", pdf);
        Assert.Matches(@"Balance due\s+0\.00 EUR", pdf);
        Assert.Contains("PAID", pdf);
    }

    [Fact]
    public async Task Post_UndoPayment_MergesBackIntoTheOpenIncome_AndTheInvoiceIsOverdueAgain()
    {
        // Issued in September, due in October: past due today (22 November).
        var (client, userId, _, id) = await IssuedAsync("Undo Ltd", [("Audit", "1", "500")], issueDate: "2026-09-01");
        await PayAsync(client, id, "Bank", "200", "2026-10-05");
        await PayAsync(client, id, "Bank", "300", "2026-10-06");
        Assert.Equal(InvoiceStatus.Paid, await StatusAsync(id, userId));

        var page = await client.GetPageAsync($"/invoices/details/{id}");
        var firstUndo = page.QuerySelectorAll("form.undo-payment").First();
        var response = await client.SubmitAsync(page, $"form.undo-payment:has(input[value='{firstUndo.QuerySelector("input[name=incomeId]")!.GetAttribute("value")}'])");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(InvoiceStatus.Overdue, await StatusAsync(id, userId));
        var incomes = await IncomesAsync(id, userId);
        Assert.Equal(500m, incomes.Sum(i => i.Amount));
        Assert.Single(incomes, i => i.PaymentModeId is null);

        // Undo the other one too: one open income for the whole total again.
        page = await client.GetPageAsync($"/invoices/details/{id}");
        await client.SubmitAsync(page, "form.undo-payment");
        incomes = await IncomesAsync(id, userId);
        var open = Assert.Single(incomes);
        Assert.Equal(500m, open.Amount);
        Assert.Null(open.PaymentModeId);
        page = await client.GetPageAsync($"/invoices/details/{id}");
        Assert.Equal("Overdue", Text(page, "[data-role=status]"));
        Assert.Equal("0.00 EUR", Text(page, "[data-role=paid]"));
    }

    [Fact]
    public async Task Post_LedgerMarkReceived_OnTheInvoiceIncome_MakesItPaid_AndClearingTheModeUndoesIt()
    {
        var (client, userId, _, id) = await IssuedAsync("One Click Ltd", ("Retainer", "1", "750"));
        var incomeId = Assert.Single(await IncomesAsync(id, userId)).Id;

        var ledger = await client.GetPageAsync("/ledger?q=One+Click");
        var response = await client.SubmitAsync(ledger, $"#settle-{incomeId}", new Dictionary<string, string> { ["paymentModeId"] = Option(ledger, "paymentModeId", "Bank") });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(InvoiceStatus.Paid, await StatusAsync(id, userId));
        Assert.Equal("750.00 EUR", Text(await client.GetPageAsync($"/invoices/details/{id}"), "[data-role=paid]"));

        // Clearing the payment mode in the ledger's edit form undoes the payment.
        var edit = await client.GetPageAsync($"/ledger/edit/{incomeId}");
        var saved = await client.SubmitAsync(edit, "#entry-form", new Dictionary<string, string> { ["PaymentModeId"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(InvoiceStatus.Sent, await StatusAsync(id, userId));
        Assert.Equal(750m, Assert.Single(await IncomesAsync(id, userId), i => i.PaymentModeId is null).Amount);

        // Setting it again in the edit form pays it again.
        edit = await client.GetPageAsync($"/ledger/edit/{incomeId}");
        await client.SubmitAsync(edit, "#entry-form", new Dictionary<string, string> { ["PaymentModeId"] = Option(edit, "PaymentModeId", "Card") });
        Assert.Equal(InvoiceStatus.Paid, await StatusAsync(id, userId));
    }

    [Fact]
    public async Task Post_LedgerEditsThatBreakTheTotal_AreRefusedWithAMessage_AndNothingChanges()
    {
        var (client, userId, _, id) = await IssuedAsync("Locked Income Ltd", ("Design", "1", "300"));
        var incomeId = Assert.Single(await IncomesAsync(id, userId)).Id;

        var edit = await client.GetPageAsync($"/ledger/edit/{incomeId}");
        Assert.Contains("INV-2026-", edit.QuerySelector("[data-role=linked-invoice]")!.TextContent);
        var amount = await client.SubmitAsync(edit, "#entry-form", new Dictionary<string, string> { ["Amount"] = "250" });
        Assert.Equal(HttpStatusCode.OK, amount.StatusCode);
        Assert.Contains("amount and currency follow the invoice", AppClient.FieldError(await AppClient.ParseAsync(amount), "Amount"));

        var currency = await client.SubmitAsync(edit, "#entry-form", new Dictionary<string, string> { ["Currency"] = "USD", ["ExchangeRate"] = "0.9" });
        Assert.Contains("amount and currency follow the invoice", AppClient.FieldError(await AppClient.ParseAsync(currency), "Amount"));

        var delete = await client.SubmitAsync(edit, "#delete-form");
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        Assert.Contains("cannot be deleted", (await AppClient.ParseAsync(delete)).QuerySelector(".alert-danger")!.TextContent);

        var income = Assert.Single(await IncomesAsync(id, userId));
        Assert.Equal(300m, income.Amount);
        Assert.Equal("EUR", income.Currency);

        // Other fields stay editable (the description, the date).
        var ok = await client.SubmitAsync(edit, "#entry-form", new Dictionary<string, string> { ["Description"] = "Design for Locked Income", ["Date"] = "2026-11-23" });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal("Design for Locked Income", Assert.Single(await IncomesAsync(id, userId)).Description);
    }

    [Fact]
    public async Task Post_Payment_BadInput_ShowsMessages_AndSavesNothing()
    {
        var (client, userId, _, id) = await IssuedAsync("Bad Payment Ltd", ("Design", "1", "100"));
        var page = await client.GetPageAsync($"/invoices/payment/{id}");

        async Task<IDocument> RefusedAsync(Dictionary<string, string> values, bool forged = false)
        {
            var response = forged ? await client.SubmitForgedAsync(page, "#payment-form", values) : await client.SubmitAsync(page, "#payment-form", values);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await AppClient.ParseAsync(response);
        }

        Assert.Equal("Choose how the money came in.", AppClient.FieldError(await RefusedAsync(new() { ["Amount"] = "10" }), "PaymentModeId"));
        var mode = Option(page, "PaymentModeId", "Bank");
        Assert.Contains("At most 100.00 EUR", AppClient.FieldError(await RefusedAsync(new() { ["PaymentModeId"] = mode, ["Amount"] = "100.01" }), "Amount"));
        Assert.Equal("Enter an amount greater than zero.", AppClient.FieldError(await RefusedAsync(new() { ["PaymentModeId"] = mode, ["Amount"] = "-5" }), "Amount"));
        Assert.Contains("at most 2 decimals", AppClient.FieldError(await RefusedAsync(new() { ["PaymentModeId"] = mode, ["Amount"] = "1.001" }), "Amount"));
        Assert.NotEmpty(AppClient.FieldError(await RefusedAsync(new() { ["PaymentModeId"] = mode, ["Amount"] = "abc" }), "Amount"));
        Assert.Equal("Enter the date the money came in.", AppClient.FieldError(await RefusedAsync(new() { ["PaymentModeId"] = mode, ["Date"] = "" }), "Date"));
        Assert.Equal("Choose how the money came in.", AppClient.FieldError(await RefusedAsync(new() { ["PaymentModeId"] = "999999" }, forged: true), "PaymentModeId"));

        var income = Assert.Single(await IncomesAsync(id, userId));
        Assert.Null(income.PaymentModeId);
        Assert.Equal(InvoiceStatus.Sent, await StatusAsync(id, userId));

        // A draft has no payment form: back to its page with the reason.
        var clientId = await CreateClientAsync(client, "Draft Only Ltd");
        var draft = await CreateDraftAsync(client, clientId);
        var redirect = await client.Http.GetAsync($"/invoices/payment/{draft}");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
    }

    [Fact]
    public async Task AnotherAccountsInvoice_PaymentAndUndo_AreA404()
    {
        var (owner, userId, _, id) = await IssuedAsync("Private Payer Ltd", ("Design", "1", "100"));
        await PayAsync(owner, id, "Bank", "40", "2026-11-22");
        var incomeId = Assert.Single(await IncomesAsync(id, userId), i => i.PaymentModeId is not null).Id;

        var other = await app.SignedInClientAsync();
        await other.GetPageAsync($"/invoices/payment/{id}", HttpStatusCode.NotFound);
        var anyPage = await other.GetPageAsync("/invoices");
        var post = await other.HtmxPostAsync(anyPage, $"/invoices/undopayment/{id}", [new("incomeId", incomeId.ToString())]);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        var pay = await other.HtmxPostAsync(anyPage, $"/invoices/payment/{id}", [new("PaymentModeId", "1"), new("Date", "2026-11-22"), new("Amount", "60")]);
        Assert.Equal(HttpStatusCode.NotFound, pay.StatusCode);
        Assert.Equal(100m, (await IncomesAsync(id, userId)).Sum(i => i.Amount));
        Assert.Equal(40m, (await IncomesAsync(id, userId)).Where(i => i.PaymentModeId != null).Sum(i => i.Amount));
    }

    [Fact]
    public async Task Post_Void_DeletesTheOpenRemainder_ButIsRefusedWhileMoneyWasReceived()
    {
        var (client, userId, _, id) = await IssuedAsync("Void Payer Ltd", ("Design", "1", "800"));
        await PayAsync(client, id, "Bank", "100", "2026-11-22");

        var page = await client.GetPageAsync($"/invoices/details/{id}");
        await client.SubmitAsync(page, $"form[action='/invoices/void/{id}']");
        page = await client.GetPageAsync($"/invoices/details/{id}");
        Assert.Contains("undo those payments first", Text(page, "[data-role=error]"));
        Assert.Equal(InvoiceStatus.Sent, await StatusAsync(id, userId));
        Assert.Equal(800m, (await IncomesAsync(id, userId)).Sum(i => i.Amount));

        await client.SubmitAsync(page, "form.undo-payment");
        page = await client.GetPageAsync($"/invoices/details/{id}");
        await client.SubmitAsync(page, $"form[action='/invoices/void/{id}']");
        Assert.Equal(InvoiceStatus.Void, await StatusAsync(id, userId));
        Assert.Empty(await IncomesAsync(id, userId));
        Assert.Equal("0.00 EUR", (await client.GetPageAsync("/ledger?q=Void+Payer")).QuerySelector("[data-role=total-outstanding]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Board_DropOnPaid_RedirectsToThePaymentForm()
    {
        var (client, userId, _, id) = await IssuedAsync("Board Payer Ltd", ("Design", "1", "120"));
        var board = await client.GetPageAsync("/invoices");
        var response = await client.HtmxPostAsync(board, "/invoices/sort", [new("status", "Paid"), new("ids", id.ToString())]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"/invoices/payment/{id}", response.Headers.GetValues("HX-Redirect").Single());
        Assert.Equal(InvoiceStatus.Sent, await StatusAsync(id, userId)); // nothing is paid until the form is sent

        // The keyboard select goes to the same form.
        var select = await client.SubmitAsync(board, $"#move-{id}", new Dictionary<string, string> { ["status"] = "Paid" });
        Assert.Equal(HttpStatusCode.Redirect, select.StatusCode);
        Assert.Equal($"/invoices/payment/{id}", select.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Post_IssueForeignCurrency_AsksForTheRate_AndTheOpenIncomeCarriesIt()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client.Email!);
        var clientId = await CreateClientAsync(client, "Dollar Client Inc", "USD");
        var id = await CreateDraftAsync(client, clientId, ("Design", "1", "1000"));

        // Without a rate: refused, no number taken, nothing in the ledger.
        var page = await client.GetPageAsync($"/invoices/details/{id}");
        Assert.NotNull(page.QuerySelector("#issue-rate"));
        await client.SubmitAsync(page, $"form[action='/invoices/issue/{id}']", new Dictionary<string, string> { ["exchangeRate"] = "" });
        page = await client.GetPageAsync($"/invoices/details/{id}");
        Assert.Contains("exchange rate", Text(page, "[data-role=error]"));
        Assert.Equal(InvoiceStatus.Draft, await StatusAsync(id, userId));
        Assert.Empty(await IncomesAsync(id, userId));

        // The board cannot ask for it: the move is refused with the reason.
        var board = await client.GetPageAsync("/invoices");
        var refused = await client.HtmxPostAsync(board, "/invoices/sort", [new("status", "Sent"), new("ids", id.ToString())]);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("exchange rate", Uri.UnescapeDataString(refused.Headers.GetValues("X-Message").Single()));

        await client.SubmitAsync(page, $"form[action='/invoices/issue/{id}']", new Dictionary<string, string> { ["exchangeRate"] = "0.92" });
        Assert.Equal(InvoiceStatus.Sent, await StatusAsync(id, userId));
        var income = Assert.Single(await IncomesAsync(id, userId));
        Assert.Equal(1000m, income.Amount);
        Assert.Equal("USD", income.Currency);
        Assert.Equal(0.92m, income.ExchangeRate);
        Assert.Equal(92000, income.HomeAmountMinor);
        var numbered = await app.WithDbAsync(db => db.Invoices.Where(i => i.Id == id).Select(i => i.Number).SingleAsync(), userId);
        Assert.Equal("INV-2026-0001", numbered);
    }

    [Fact]
    public async Task Post_LedgerIncome_WithProjectAndService_StoresTheLinks_AndRefusesAForeignProject()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client.Email!);
        var clientId = await CreateClientAsync(client, "Project Link Ltd");
        var (projectId, serviceId) = await app.WithDbAsync(async db =>
        {
            var project = new Project { Name = "Website", ClientId = clientId };
            db.Projects.Add(project);
            await db.SaveChangesAsync();
            var service = new Service { Name = "Hosting", ProjectId = project.Id };
            db.Services.Add(service);
            await db.SaveChangesAsync();
            return (project.Id, service.Id);
        }, userId);

        var form = await client.GetPageAsync("/ledger/create?kind=income");
        var response = await client.SubmitAsync(form, "#entry-form", new Dictionary<string, string>
        {
            ["Description"] = "Hosting fee", ["Amount"] = "50", ["Date"] = "2026-11-10",
            ["ProjectId"] = projectId.ToString(), ["ServiceId"] = serviceId.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var income = await app.WithDbAsync(db => db.Incomes.SingleAsync(i => i.Description == "Hosting fee"), userId);
        Assert.Equal(projectId, income.ProjectId);
        Assert.Equal(serviceId, income.ServiceId);

        var other = await app.SignedInClientAsync();
        var otherForm = await other.GetPageAsync("/ledger/create?kind=expense");
        var refused = await other.SubmitForgedAsync(otherForm, "#entry-form", new Dictionary<string, string>
        {
            ["Description"] = "Train", ["Amount"] = "20", ["Date"] = "2026-11-10", ["ProjectId"] = projectId.ToString(), ["Rechargeable"] = "true",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("Choose one of your projects.", AppClient.FieldError(await AppClient.ParseAsync(refused), "ProjectId"));

        // Deleting the project keeps the money and drops the link (SET NULL).
        await app.WithDbAsync(async db =>
        {
            await db.Services.Where(s => s.Id == serviceId).ExecuteDeleteAsync();
            return await db.Projects.Where(p => p.Id == projectId).ExecuteDeleteAsync();
        }, userId);
        income = await app.WithDbAsync(db => db.Incomes.SingleAsync(i => i.Description == "Hosting fee"), userId);
        Assert.Null(income.ProjectId);
        Assert.Null(income.ServiceId);
    }

    // --- steps -----------------------------------------------------------------------------------

    private async Task<(AppClient Client, string UserId, int ClientId, int InvoiceId)> IssuedAsync(string name, params (string, string, string)[] lines) =>
        await IssuedAsync(name, lines, "2026-11-22");

    private async Task<(AppClient Client, string UserId, int ClientId, int InvoiceId)> IssuedAsync(string name, (string, string, string)[] lines, string issueDate)
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client.Email!);
        var clientId = await CreateClientAsync(client, name);
        var id = AppClient.IdFromRedirect(await PostDraftAsync(client, clientId, lines, issueDate: issueDate));
        await IssueAsync(client, id);
        return (client, userId, clientId, id);
    }

    internal static async Task<HttpResponseMessage> PayAsync(AppClient client, int id, string mode, string amount, string date)
    {
        var page = await client.GetPageAsync($"/invoices/payment/{id}");
        return await client.SubmitAsync(page, "#payment-form", new Dictionary<string, string>
        {
            ["PaymentModeId"] = Option(page, "PaymentModeId", mode), ["Amount"] = amount, ["Date"] = date,
        });
    }

    private Task<List<Income>> IncomesAsync(int invoiceId, string userId) =>
        app.WithDbAsync(db => db.Incomes.AsNoTracking().Where(i => i.InvoiceId == invoiceId).OrderBy(i => i.Id).ToListAsync(), userId);

    private Task<InvoiceStatus> StatusAsync(int invoiceId, string userId) =>
        app.WithDbAsync(db => db.Invoices.Where(i => i.Id == invoiceId).Select(i => i.Status).SingleAsync(), userId);

    private static string Text(IDocument page, string selector) => page.QuerySelector(selector)?.TextContent.Trim() ?? "";

    internal static string Option(IDocument page, string selectName, string text) =>
        page.QuerySelectorAll($"select[name='{selectName}'] option").First(o => o.TextContent.Trim() == text).GetAttribute("value")!;
}

/// <summary>The PDF's text as poppler's pdftotext lays it out (./test.sh installs poppler-utils).</summary>
internal static class PdfText
{
    public static async Task<string> OfAsync(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"payment-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("pdftotext", $"-layout {file} -")
                { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            return output;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
