using FreelancerOS.BrowserTests.Infrastructure;

namespace FreelancerOS.BrowserTests.Invoices;

[Collection(BrowserCollection.Name)]
public sealed class InvoicePaymentBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task DragIssuedInvoiceToPaid_OpensThePaymentForm_AndAfterPayingItIsInPaid()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.RegisterAsync();
        var id = await IssuedInvoiceAsync(page);

        await page.GotoAsync("/invoices");
        var card = page.Locator($"#invoice-{id}");
        var paid = page.Locator("section[data-status=Paid]");
        await card.Locator("[data-role=title]").DragToAsync(paid.Locator(".board-list"));
        await page.WaitForURLAsync($"**/invoices/payment/{id}");
        await Assertions.Expect(page.Locator("#Amount")).ToHaveValueAsync("640.00");

        await page.SelectOptionAsync("#PaymentModeId", new SelectOptionValue { Label = "Bank" });
        await page.FillAsync("#Date", "2026-11-20");
        await page.ClickAsync("#payment-form button[type=submit]");
        await page.WaitForURLAsync($"**/invoices/details/{id}");
        await Assertions.Expect(page.Locator("[data-role=status]")).ToHaveTextAsync("Paid");
        await Assertions.Expect(page.Locator("[data-role=balance]")).ToHaveTextAsync("0.00 EUR");

        await page.GotoAsync("/invoices");
        await Assertions.Expect(page.Locator($"section[data-status=Paid] #invoice-{id}")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("section[data-status=Paid] [data-role=count]")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("section[data-status=Sent] [data-role=count]")).ToHaveTextAsync("0");
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    private static async Task<string> IssuedInvoiceAsync(IPage page, string unitPrice = "640")
    {
        await page.GotoAsync("/clients/create");
        await page.FillAsync("input[name=Name]", "Browser Payer");
        await page.ClickAsync("form[action='/clients/create'] button[type=submit]");
        await page.WaitForURLAsync("**/clients/details/*");
        var clientId = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        await page.GotoAsync($"/invoices/create?clientId={clientId}");
        await page.FillAsync("input[name='Lines[0].Description']", "Logo design");
        await page.FillAsync("input[name='Lines[0].Quantity']", "1");
        await page.FillAsync("input[name='Lines[0].UnitPrice']", unitPrice);
        await page.ClickAsync("form.invoice-form button[type=submit]");
        await page.WaitForURLAsync("**/invoices/details/*");
        var id = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        page.Dialog += (_, dialog) => dialog.AcceptAsync(); // "Issue this invoice?"
        await page.ClickAsync($"form[action='/invoices/issue/{id}'] button[type=submit]");
        await Assertions.Expect(page.Locator("[data-role=status]")).ToHaveTextAsync("Sent");

        return id;
    }

    [Fact]
    public async Task PaymentFormAndPaymentsList_HaveNoSeriousAxeViolations()
    {
        await using var session = await fixture.NewSessionAsync(bypassCsp: true);
        var page = session.Page;
        await session.RegisterAsync();
        var id = await IssuedInvoiceAsync(page, "300");
        await page.GotoAsync($"/invoices/payment/{id}");
        var problems = (await Axe.SeriousViolationsAsync(page)).Select(v => "payment form " + v).ToList();
        await page.SelectOptionAsync("#PaymentModeId", new SelectOptionValue { Label = "Cash" });
        await page.FillAsync("#Amount", "100");
        await page.ClickAsync("#payment-form button[type=submit]");
        await page.WaitForURLAsync($"**/invoices/details/{id}");
        await Assertions.Expect(page.Locator("[data-role=payment]")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-role=balance]")).ToHaveTextAsync("200.00 EUR");
        problems.AddRange((await Axe.SeriousViolationsAsync(page)).Select(v => "invoice page " + v));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
