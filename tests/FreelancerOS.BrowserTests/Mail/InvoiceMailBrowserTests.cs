using FreelancerOS.BrowserTests.Infrastructure;

namespace FreelancerOS.BrowserTests.Mail;

[Collection(BrowserCollection.Name)]
public sealed class InvoiceMailBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task IssueAndEmail_ThenSendAgainFromTheInvoicePage_TheHistoryShowsBoth_AndThePagesPassAxe()
    {
        await using var session = await fixture.NewSessionAsync(bypassCsp: true);
        var page = session.Page;
        await session.RegisterAsync();
        await page.GotoAsync("/clients/create");
        await page.FillAsync("input[name=Name]", "Mail Browser Ltd");
        await page.FillAsync("input[name=Email]", "ap@mailbrowser.example");
        await page.ClickAsync("form[action='/clients/create'] button[type=submit]");
        await page.WaitForURLAsync("**/clients/details/*");
        var clientId = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        await page.GotoAsync($"/invoices/create?clientId={clientId}");
        await page.FillAsync("input[name='Lines[0].Description']", "Design");
        await page.FillAsync("input[name='Lines[0].Quantity']", "2");
        await page.FillAsync("input[name='Lines[0].UnitPrice']", "100");
        await page.ClickAsync("form.invoice-form button[type=submit]");
        await page.WaitForURLAsync("**/invoices/details/*");
        var url = page.Url;

        await page.CheckAsync("#issue-send");
        page.Dialog += (_, dialog) => dialog.AcceptAsync(); // "Issue this invoice?"
        await page.ClickAsync("form[action^='/invoices/issue/'] button[type=submit]");
        await Assertions.Expect(page.Locator("[data-role=status]")).ToHaveTextAsync("Sent");
        var problems = (await Axe.SeriousViolationsAsync(page)).Select(v => "details " + v).ToList();

        await page.ClickAsync("[data-role=send-mail]");
        await Assertions.Expect(page.Locator("#To")).ToHaveValueAsync("ap@mailbrowser.example");
        problems.AddRange((await Axe.SeriousViolationsAsync(page)).Select(v => "send " + v));
        await page.FillAsync("#Cc", "not an address");
        await page.ClickAsync("form[action^='/invoices/send/'] button[type=submit]");
        await Assertions.Expect(page.Locator("[data-role=error-Cc]")).ToContainTextAsync("not a valid e-mail address");
        await page.FillAsync("#Cc", "boss@mailbrowser.example");
        await page.ClickAsync("form[action^='/invoices/send/'] button[type=submit]");
        await page.WaitForURLAsync(url);

        for (var k = 0; k < 60 && await page.Locator("[data-role=history] li", new() { HasText = "cc boss@mailbrowser.example" }).CountAsync() == 0; k++)
        {
            await Task.Delay(500);
            await page.ReloadAsync();
        }
        await Assertions.Expect(page.Locator("[data-role=history]")).ToContainTextAsync("Sent: to ap@mailbrowser.example (written to");
        await Assertions.Expect(page.Locator("[data-role=history]")).ToContainTextAsync("cc boss@mailbrowser.example");

        await page.GotoAsync("/settings");
        await page.ClickAsync("[data-role=email-settings]");
        await Assertions.Expect(page.Locator("[data-role=outbox-notice]")).ToBeVisibleAsync();
        problems.AddRange((await Axe.SeriousViolationsAsync(page)).Select(v => "settings/email " + v));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Empty(session.ConsoleErrors);
    }
}
