using System.Net;
using System.Net.Http.Headers;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;
using static FreelancerOS.Tests.Ledger.LedgerTestHelpers;

namespace FreelancerOS.Tests.Ledger;

/// <summary>The fake clock reads 2026-11-22, so "this month" is November 2026 and "last month" October.</summary>
public sealed class LedgerTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Post_CreateIncome_ShowsInTheLedgerWithTotals()
    {
        var client = await app.SignedInClientAsync();
        var id = await CreateEntryAsync(app, client, "income", "Website for Acme", "1234.56");

        var ledger = await client.GetPageAsync("/ledger");
        var row = ledger.QuerySelector($"#entry-{id}")!;
        Assert.Contains("Website for Acme", row.TextContent);
        Assert.Contains("Client", row.TextContent); // the built-in classification is the default
        Assert.Equal("1,234.56 EUR", row.QuerySelector("[data-role=amount]")!.TextContent.Trim());
        Assert.Equal("1,234.56 EUR", Text(ledger, "[data-role=total-income]"));
        Assert.Equal("1,234.56 EUR", Text(ledger, "[data-role=total-outstanding]"));
        Assert.Equal("0.00 EUR", Text(ledger, "[data-role=total-received]"));
    }

    [Fact]
    public async Task Post_ForeignIncome_NeedsARate_ThenStoresTheFrozenHomeAmount()
    {
        var client = await app.SignedInClientAsync();
        var refused = await PostEntryAsync(client, "income", new() { ["Description"] = "US client", ["Amount"] = "1000", ["Date"] = "2026-11-05", ["Currency"] = "USD" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("exchange rate", AppClient.FieldError(await AppClient.ParseAsync(refused), "ExchangeRate"));

        var id = await CreateEntryAsync(app, client, "income", "US client", "1000", "2026-11-05", "USD", "0.9234");
        var ledger = await client.GetPageAsync("/ledger");
        var row = ledger.QuerySelector($"#entry-{id}")!;
        Assert.Equal("1,000.00 USD", row.QuerySelector("[data-role=amount]")!.TextContent.Trim());
        Assert.Equal("923.40 EUR", row.QuerySelector("[data-role=home]")!.TextContent.Trim());
        Assert.Equal("923.40 EUR", Text(ledger, "[data-role=total-income]"));
        var stored = await app.WithDbAsync(db => db.LedgerEntries.SingleAsync(e => e.Id == id), await UserIdAsync(app, client));
        Assert.Equal(0.9234m, stored.ExchangeRate);
        Assert.Equal(92340, stored.HomeAmountMinor);
    }

    [Theory]
    [InlineData("Date", "", "Enter the date.")]
    [InlineData("Amount", "abc", "not valid")]
    [InlineData("Amount", "1234567890123", "too large")]
    [InlineData("Currency", "XYZ", "ISO 4217")]
    [InlineData("Amount", "", "Enter the amount.")]
    public async Task Post_BadInput_ShowsTheErrorBesideTheFieldAndSavesNothing(string field, string value, string message)
    {
        var client = await app.SignedInClientAsync();
        var values = new Dictionary<string, string> { ["Description"] = "Bad", ["Amount"] = "10", ["Date"] = "2026-11-01", [field] = value };
        var response = await PostEntryAsync(client, "expense", values);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, AppClient.FieldError(await AppClient.ParseAsync(response), field));
        var userId = await UserIdAsync(app, client);
        Assert.Equal(0, await app.WithDbAsync(db => db.LedgerEntries.CountAsync(), userId));
    }

    [Fact]
    public async Task Post_EditAndDeleteExpense_ThroughTheForms()
    {
        var client = await app.SignedInClientAsync();
        var id = await CreateEntryAsync(app, client, "expense", "Train", "42.10", category: "Travel");
        var edit = await client.GetPageAsync($"/ledger/edit/{id}");
        Assert.Equal("Travel", edit.QuerySelector("select[name=CategoryId] option[selected]")!.TextContent.Trim());
        var saved = await client.SubmitAsync(edit, "#entry-form", new Dictionary<string, string> { ["Amount"] = "45.90", ["Vendor"] = "NS", ["Description"] = "Train to Utrecht" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var ledger = await client.GetPageAsync("/ledger?kind=expense");
        Assert.Contains("Train to Utrecht", ledger.QuerySelector($"#entry-{id}")!.TextContent);
        Assert.Contains("NS", ledger.QuerySelector($"#entry-{id}")!.TextContent);
        Assert.Equal("45.90 EUR", Text(ledger, "[data-role=total-expenses]"));

        // A stale form (the version moved on) is a conflict, not a silent overwrite.
        var stale = await client.SubmitAsync(edit, "#entry-form", new Dictionary<string, string> { ["Amount"] = "1" });
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("changed in another tab", (await AppClient.ParseAsync(stale)).QuerySelector(".validation-summary-errors")!.TextContent);

        var deleted = await client.SubmitAsync(await client.GetPageAsync($"/ledger/edit/{id}"), "#delete-form");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Null((await client.GetPageAsync("/ledger")).QuerySelector($"#entry-{id}"));
        Assert.Equal(0, await app.WithDbAsync(db => db.LedgerEntries.CountAsync(), await UserIdAsync(app, client)));
    }

    [Fact]
    public async Task Get_Filters_ShowTheirRowsAndTotalsForTheWholeFilter()
    {
        var client = await app.SignedInClientAsync();
        await CreateEntryAsync(app, client, "income", "November fee", "1000", "2026-11-02", mode: "Bank");
        await CreateEntryAsync(app, client, "income", "November open", "500", "2026-11-15");
        await CreateEntryAsync(app, client, "expense", "November software", "99.99", "2026-11-03", mode: "Card", category: "Software");
        await CreateEntryAsync(app, client, "income", "October fee", "2000", "2026-10-20", mode: "Bank");
        await CreateEntryAsync(app, client, "expense", "October travel", "300.50", "2026-10-21", mode: "Card", category: "Travel");
        await CreateEntryAsync(app, client, "income", "January interest", "12.34", "2026-01-31", mode: "Bank", category: "Interest");
        await CreateEntryAsync(app, client, "income", "Last year", "5000", "2025-12-31", mode: "Bank");

        var month = await client.GetPageAsync("/ledger");
        Assert.Equal("1,500.00 EUR", Text(month, "[data-role=total-income]"));
        Assert.Equal("99.99 EUR", Text(month, "[data-role=total-expenses]"));
        Assert.Equal("1,400.01 EUR", Text(month, "[data-role=total-net]"));
        Assert.Equal("500.00 EUR", Text(month, "[data-role=total-outstanding]"));

        var last = await client.GetPageAsync("/ledger?period=lastmonth");
        Assert.Equal("2,000.00 EUR", Text(last, "[data-role=total-income]"));
        Assert.Equal("300.50 EUR", Text(last, "[data-role=total-expenses]"));
        Assert.Equal("2", Text(last, "[data-role=total-count]"));

        var year = await client.GetPageAsync("/ledger?period=year");
        Assert.Equal("3,512.34 EUR", Text(year, "[data-role=total-income]"));

        var custom = await client.GetPageAsync("/ledger?period=custom&from=2025-12-01&to=2026-01-31");
        Assert.Equal("5,012.34 EUR", Text(custom, "[data-role=total-income]"));

        var open = await client.GetPageAsync("/ledger?period=all&status=open");
        Assert.Equal("1", Text(open, "[data-role=total-count]"));
        Assert.Contains("November open", open.QuerySelector("#ledger-table tbody")!.TextContent);

        var travel = await client.GetPageAsync("/ledger?period=all&category=" + OptionValue(year, "category", "Travel"));
        Assert.Equal("300.50 EUR", Text(travel, "[data-role=total-expenses]"));
        Assert.Equal("1", Text(travel, "[data-role=total-count]"));

        var text = await client.GetPageAsync("/ledger?period=all&q=fee");
        Assert.Equal("3,000.00 EUR", Text(text, "[data-role=total-income]"));
        Assert.Equal("2", Text(text, "[data-role=total-count]"));

        Assert.Equal("2", Text(await client.GetPageAsync("/ledger?period=all&q=OCTOBER"), "[data-role=total-count]"));
        Assert.Equal("0", Text(await client.GetPageAsync("/ledger?period=all&q=100%25"), "[data-role=total-count]"));

        var expenses = await client.GetPageAsync("/ledger?period=all&kind=expense");
        Assert.Equal("0.00 EUR", Text(expenses, "[data-role=total-income]"));
        Assert.Equal("400.49 EUR", Text(expenses, "[data-role=total-expenses]"));
    }

    [Fact]
    public async Task Get_Ledger_Pages50RowsButTotalsCoverTheWholeFilter()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client);
        await client.GetPageAsync("/ledger"); // creates the default lists
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < 120; i++)
            {
                var e = new Income { Description = $"Row {i}", CreatedAt = DateTimeOffset.UtcNow };
                e.Record(new DateOnly(2026, 11, 1 + i % 20), 10.01m, "EUR", null, "EUR");
                db.LedgerEntries.Add(e);
            }
            return await db.SaveChangesAsync();
        }, userId);
        var page1 = await client.GetPageAsync("/ledger");
        Assert.Equal(50, page1.QuerySelectorAll("#ledger-table tbody tr[data-id]").Length);
        Assert.Equal("1,201.20 EUR", Text(page1, "[data-role=total-income]"));
        var page3 = await client.GetPageAsync("/ledger?page=3");
        Assert.Equal(20, page3.QuerySelectorAll("#ledger-table tbody tr[data-id]").Length);
    }

    [Fact]
    public async Task Post_MarkReceivedFromTheList_SetsThePaymentModeAndMovesTheTotals()
    {
        var client = await app.SignedInClientAsync();
        var id = await CreateEntryAsync(app, client, "income", "Owed", "800", "2026-11-12");
        var ledger = await client.GetPageAsync("/ledger?q=Owed");
        var response = await client.SubmitAsync(ledger, $"#settle-{id}", new Dictionary<string, string> { ["paymentModeId"] = OptionValue(ledger, "paymentModeId", "PayPal") });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/ledger?q=Owed", response.Headers.Location!.OriginalString);

        var after = await client.GetPageAsync("/ledger?q=Owed");
        Assert.Equal("PayPal", after.QuerySelector($"#entry-{id} [data-role=mode]")!.TextContent.Trim());
        Assert.Equal("800.00 EUR", Text(after, "[data-role=total-received]"));
        Assert.Equal("0.00 EUR", Text(after, "[data-role=total-outstanding]"));
    }

    [Fact]
    public async Task AnotherAccountsEntry_IsA404_ForEveryAction()
    {
        var owner = await app.SignedInClientAsync();
        var id = await CreateEntryAsync(app, owner, "expense", "Private", "10");
        var ownerPage = await owner.GetPageAsync($"/ledger/edit/{id}");

        var other = await app.SignedInClientAsync();
        await other.GetPageAsync($"/ledger/edit/{id}", HttpStatusCode.NotFound);
        await other.GetPageAsync($"/ledger/receipt/{id}", HttpStatusCode.NotFound);
        var otherPage = await other.GetPageAsync("/ledger");
        var token = otherPage.QuerySelector("meta[name=csrf-token]")!.GetAttribute("content")!;
        foreach (var action in new[] { "delete", "settle", "edit" })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/ledger/{action}/{id}")
            {
                Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Description", "x"), new("Amount", "1"), new("Date", "2026-11-01"), new("paymentModeId", "1")]),
            };
            Assert.Equal(HttpStatusCode.NotFound, (await other.Http.SendAsync(request)).StatusCode);
        }
        Assert.Equal(1, await app.WithDbAsync(db => db.LedgerEntries.CountAsync(e => e.Description == "Private"), await UserIdAsync(app, owner)));
        Assert.NotNull(ownerPage.QuerySelector("#entry-form"));
    }

    private static async Task<HttpResponseMessage> PostWithReceiptAsync(AppClient client, string url, byte[] content, string fileName, Dictionary<string, string> values)
    {
        var page = await client.GetPageAsync(url);
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("#entry-form")!;
        var fields = AppClient.FormFields(form);
        var multipart = new MultipartFormDataContent();
        foreach (var (key, value) in fields.Where(f => !values.ContainsKey(f.Key))) multipart.Add(new StringContent(value), key);
        foreach (var (key, value) in values) multipart.Add(new StringContent(value), key);
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        multipart.Add(file, "Receipt", fileName);
        return await client.Http.PostAsync(form.GetAttribute("action"), multipart);
    }

    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    [Fact]
    public async Task Receipt_IsStoredDownloadableByItsOwnerOnly_AndDeletedWithTheExpense()
    {
        var owner = await app.SignedInClientAsync();
        var created = await PostWithReceiptAsync(owner, "/ledger/create?kind=expense", Pdf, "hotel.pdf",
            new() { ["Description"] = "Hotel", ["Amount"] = "120", ["Date"] = "2026-11-04" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var userId = await UserIdAsync(app, owner);
        var expense = await app.WithDbAsync(db => db.Expenses.SingleAsync(e => e.Description == "Hotel"), userId);
        // Stored in the database (every instance reads it there), not as a file of this instance.
        Assert.Equal(Pdf, await app.WithDbAsync(db => db.Receipts.Where(r => r.ExpenseId == expense.Id).Select(r => r.Content).SingleAsync(), userId));
        Assert.Equal("hotel.pdf", expense.ReceiptFileName);
        Assert.False(Directory.Exists(Path.Combine(app.DataFolder, "receipts")));

        var download = await owner.Http.GetAsync($"/ledger/receipt/{expense.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.NotNull((await owner.GetPageAsync("/ledger")).QuerySelector($"#entry-{expense.Id} a[href='/ledger/receipt/{expense.Id}']"));

        var other = await app.SignedInClientAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/ledger/receipt/{expense.Id}")).StatusCode);

        await owner.SubmitAsync(await owner.GetPageAsync($"/ledger/edit/{expense.Id}"), "#delete-form");
        Assert.False(await app.WithDbAsync(db => db.Receipts.IgnoreQueryFilters().AnyAsync(r => r.ExpenseId == expense.Id)));
    }

    [Fact]
    public async Task Receipt_ThatIsNotAPdfPngOrJpeg_IsRefused_EvenWithAPdfName()
    {
        var client = await app.SignedInClientAsync();
        var id = await CreateEntryAsync(app, client, "expense", "Taxi", "30");
        var response = await PostWithReceiptAsync(client, $"/ledger/edit/{id}", "<html><script>alert(1)</script></html>"u8.ToArray(), "receipt.pdf", new());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("PDF, PNG or JPEG", AppClient.FieldError(await AppClient.ParseAsync(response), "Receipt"));
        var expense = await app.WithDbAsync(db => db.Expenses.SingleAsync(e => e.Id == id), await UserIdAsync(app, client));
        Assert.Null(expense.ReceiptFileName);
        Assert.False(await app.WithDbAsync(db => db.Receipts.IgnoreQueryFilters().AnyAsync(r => r.ExpenseId == id)));

        // On a new expense the same file stops the whole form: nothing is saved.
        var refused = await PostWithReceiptAsync(client, "/ledger/create?kind=expense", "GIF89a not a receipt"u8.ToArray(), "scan.png",
            new() { ["Description"] = "Parking", ["Amount"] = "5", ["Date"] = "2026-11-06" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("PDF, PNG or JPEG", AppClient.FieldError(await AppClient.ParseAsync(refused), "Receipt"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Expenses.CountAsync(e => e.Description == "Parking"), expense.OwnerId));
    }

    [Fact]
    public async Task Lists_CategoryInUse_NeedsATargetBeforeDeletion_AndClientIsBuiltIn()
    {
        var client = await app.SignedInClientAsync();
        var id = await CreateEntryAsync(app, client, "expense", "Laptop", "999", category: "Hardware");
        var lists = await client.GetPageAsync("/ledger/lists");
        var hardware = lists.QuerySelector("[data-list=expense] li[data-name=Hardware]")!;
        var deleteForm = hardware.QuerySelector("form[id^=delete-]")!;
        var formId = "#" + deleteForm.Id;

        var refused = await client.SubmitAsync(lists, formId);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("used by 1 entries", (await AppClient.ParseAsync(refused)).QuerySelector(".validation-summary-errors")!.TextContent);

        var office = OptionValue(lists, deleteForm.QuerySelector("select")!.GetAttribute("name")!, "Office");
        var moved = await client.SubmitAsync(lists, formId, new Dictionary<string, string> { ["moveTo"] = office });
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var entry = await app.WithDbAsync(db => db.LedgerEntries.Include(e => e.Category).SingleAsync(e => e.Id == id), await UserIdAsync(app, client));
        Assert.Equal("Office", entry.Category!.Name);
        var after = await client.GetPageAsync("/ledger/lists");
        Assert.Null(after.QuerySelector("[data-list=expense] li[data-name=Hardware]"));

        // "Client" offers neither rename nor delete, and a forged delete is refused.
        var builtIn = after.QuerySelector("[data-list=income] li[data-name=Client]")!;
        Assert.Null(builtIn.QuerySelector("form"));
        var clientId = await app.WithDbAsync(db => db.LedgerCategories.Where(c => c.IsBuiltIn).Select(c => c.Id).SingleAsync(), await UserIdAsync(app, client));
        var token = after.QuerySelector("meta[name=csrf-token]")!.GetAttribute("content")!;
        var forged = await client.Http.PostAsync($"/ledger/deletelistitem/{clientId}",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("kind", "income")]));
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains("built in", await forged.Content.ReadAsStringAsync());
        var renamed = await client.Http.PostAsync($"/ledger/renamelistitem/{clientId}",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("kind", "income"), new("Name", "Customers")]));
        Assert.Contains("cannot be renamed", await renamed.Content.ReadAsStringAsync());

        // Adding a payment mode makes it selectable on the form.
        await client.SubmitAsync(after, "#add-mode", new Dictionary<string, string> { ["Name"] = "Revolut" });
        Assert.Contains("Revolut", (await client.GetPageAsync("/ledger/create?kind=income")).QuerySelector("select[name=PaymentModeId]")!.TextContent);
    }

    [Fact]
    public async Task Dashboard_SummaryAndBalances_ReadTheLedger()
    {
        var client = await app.SignedInClientAsync();
        await CreateEntryAsync(app, client, "income", "Paid fee", "3000", "2026-11-02", mode: "Bank");
        await CreateEntryAsync(app, client, "income", "Open fee", "1200", "2026-11-20");
        await CreateEntryAsync(app, client, "income", "Spring fee", "5000", "2026-04-02", mode: "Bank");
        await CreateEntryAsync(app, client, "expense", "Rent", "450.25", "2026-11-01", mode: "Bank");
        await CreateEntryAsync(app, client, "expense", "Coffee", "4.75", "2026-11-05", mode: "Cash");
        await CreateEntryAsync(app, client, "expense", "Next year's rent", "999", "2027-01-05", mode: "Bank"); // not yet paid out: after today

        var dashboard = await client.GetPageAsync("/");
        Assert.Equal("4,200.00 EUR", Text(dashboard, "[data-role=this-month] [data-role=income]"));
        Assert.Equal("455.00 EUR", Text(dashboard, "[data-role=this-month] [data-role=expenses]"));
        Assert.Equal("3,745.00 EUR", Text(dashboard, "[data-role=this-month] [data-role=net]"));
        Assert.Equal("9,200.00 EUR", Text(dashboard, "[data-role=this-year] [data-role=income]"));
        Assert.Equal("8,745.00 EUR", Text(dashboard, "[data-role=this-year] [data-role=net]"));
        Assert.Equal("1,200.00 EUR", Text(dashboard, "[data-role=receivable]"));
        Assert.Contains("Pipeline value", dashboard.Body!.TextContent);

        var summary = await client.GetPageAsync("/ledger/summary");
        Assert.Equal("4,200.00 EUR", Text(summary, "#month-summary [data-role=income]"));
        Assert.Equal("3,000.00 EUR", Text(summary, "#month-summary [data-role=received]"));
        Assert.Equal("1,200.00 EUR", Text(summary, "#month-summary [data-role=outstanding]"));
        Assert.Equal("3,745.00 EUR", Text(summary, "#month-summary [data-role=net]"));
        Assert.Equal(12, summary.QuerySelectorAll("#month-table tbody tr").Length);
        Assert.Contains("5,000.00 EUR", summary.QuerySelector("#month-table")!.TextContent);
        Assert.Contains("\"income\":[", summary.QuerySelector("#month-chart")!.GetAttribute("data-chart"));

        var april = await client.GetPageAsync("/ledger/summary?month=2026-04");
        Assert.Equal("5,000.00 EUR", Text(april, "#month-summary [data-role=income]"));

        var balances = await client.GetPageAsync("/ledger/balances");
        Assert.Equal("7,549.75 EUR", Text(balances, "tr[data-mode=Bank] [data-role=balance]"));
        Assert.Equal("-4.75 EUR", Text(balances, "tr[data-mode=Cash] [data-role=balance]"));
        Assert.Equal("7,545.00 EUR", Text(balances, "[data-role=balance-total]"));
        Assert.Equal("1,200.00 EUR", Text(balances, "[data-role=receivable]"));
    }

    [Fact]
    public async Task ClientPage_ListsTheClientsIncomes()
    {
        var client = await app.SignedInClientAsync();
        var form = await client.GetPageAsync("/clients/create");
        var clientId = AppClient.IdFromRedirect(await client.SubmitAsync(form, "form[action='/clients/create']", new Dictionary<string, string> { ["Name"] = "Acme" }));
        var page = await client.GetPageAsync("/ledger/create?kind=income");
        await client.SubmitAsync(page, "#entry-form", new Dictionary<string, string>
        {
            ["Description"] = "Acme logo", ["Amount"] = "750", ["Date"] = "2026-11-03", ["ClientId"] = clientId.ToString(),
        });
        var details = await client.GetPageAsync($"/clients/details/{clientId}");
        Assert.Contains("Acme logo", details.QuerySelector("#client-incomes-section")!.TextContent);
        Assert.Equal("750.00 EUR", Text(details, "[data-role=client-income-total]"));
    }

    [Fact]
    public async Task Settings_HomeCurrencyCannotChangeOnceTheLedgerHasEntries()
    {
        var client = await app.SignedInClientAsync();
        var settings = await client.GetPageAsync("/settings");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(settings, "form[action='/settings']", new Dictionary<string, string> { ["HomeCurrency"] = "GBP" })).StatusCode);
        await CreateEntryAsync(app, client, "income", "Fee", "100", currency: "GBP");

        var response = await client.SubmitAsync(await client.GetPageAsync("/settings"), "form[action='/settings']", new Dictionary<string, string> { ["HomeCurrency"] = "EUR" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("cannot change", AppClient.FieldError(await AppClient.ParseAsync(response), "HomeCurrency"));
        Assert.Equal("GBP", await app.WithDbAsync(db => db.Settings.Select(s => s.HomeCurrency).SingleAsync(), await UserIdAsync(app, client)));
    }
}
