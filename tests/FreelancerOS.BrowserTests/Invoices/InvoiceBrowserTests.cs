using FreelancerOS.BrowserTests.Infrastructure;

namespace FreelancerOS.BrowserTests.Invoices;

[Collection(BrowserCollection.Name)]
public sealed class InvoiceBrowserTests(BrowserFixture fixture)
{
    private static async Task<string> AddClientAndDraftAsync(IPage page, string name, string description, string quantity, string unitPrice)
    {
        await page.GotoAsync("/clients/create");
        await page.FillAsync("input[name=Name]", name);
        await page.ClickAsync("form[action='/clients/create'] button[type=submit]");
        await page.WaitForURLAsync("**/clients/details/*");
        var clientId = page.Url[(page.Url.LastIndexOf('/') + 1)..];

        await page.GotoAsync($"/invoices/create?clientId={clientId}");
        await page.FillAsync("input[name='Lines[0].Description']", description);
        await page.FillAsync("input[name='Lines[0].Quantity']", quantity);
        await page.FillAsync("input[name='Lines[0].UnitPrice']", unitPrice);
        // A fourth row from the "Add a line" button.
        await page.ClickAsync("[data-add-invoice-line]");
        await page.FillAsync("input[name='Lines[3].Description']", "Extra line");
        await page.FillAsync("input[name='Lines[3].Quantity']", "1");
        await page.FillAsync("input[name='Lines[3].UnitPrice']", "50");
        await page.ClickAsync("form.invoice-form button[type=submit]");
        await page.WaitForURLAsync("**/invoices/details/*");
        return page.Url[(page.Url.LastIndexOf('/') + 1)..];
    }

    [Fact]
    public async Task DragDraftToSent_NumbersIt_ThenDownloadThePdf()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.RegisterAsync();
        var id = await AddClientAndDraftAsync(page, "Browser Acme", "Design sprint", "10", "95");
        await Assertions.Expect(page.Locator("[data-role=total]")).ToHaveTextAsync("1,000.00 EUR");

        await page.GotoAsync("/invoices");
        var draft = page.Locator("section[data-status=Draft]");
        var sent = page.Locator("section[data-status=Sent]");
        await Assertions.Expect(draft.Locator("[data-role=count]")).ToHaveTextAsync("1");
        var card = page.Locator($"#invoice-{id}");
        await Assertions.Expect(card.Locator("[data-role=number]")).ToHaveTextAsync("Draft");

        // Issuing asks first (BoardsBrowserTests covers cancelling).
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        var response = page.WaitForResponseAsync(r => r.Url.EndsWith("/invoices/sort") && r.Status == 200);
        await card.Locator("[data-role=title]").DragToAsync(sent.Locator(".board-list"));
        await response;

        await Assertions.Expect(sent.Locator($"#invoice-{id} [data-role=number]")).ToHaveTextAsync("INV-2026-0001");
        await Assertions.Expect(sent.Locator("[data-role=count]")).ToHaveTextAsync("1");
        await Assertions.Expect(sent.Locator("header [data-role=total]")).ToContainTextAsync("1,000.00 EUR");
        await Assertions.Expect(draft.Locator("[data-role=count]")).ToHaveTextAsync("0");
        await page.ReloadAsync();
        await Assertions.Expect(sent.Locator($"#invoice-{id} [data-role=number]")).ToHaveTextAsync("INV-2026-0001");

        await page.GotoAsync($"/invoices/details/{id}");
        await Assertions.Expect(page.Locator("[data-role=status]")).ToHaveTextAsync("Sent");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-role=pdf]"));
        Assert.Equal("INV-2026-0001.pdf", download.SuggestedFilename);
        var file = Path.Combine(Path.GetTempPath(), $"browser-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(file);
        try
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.True(bytes.Length > 1000);
            Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        }
        finally
        {
            File.Delete(file);
        }
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task DragSentBackToDraft_IsRefusedWithAMessage_AndTheCardSnapsBack()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.RegisterAsync();
        var id = await AddClientAndDraftAsync(page, "Snap Back Ltd", "Audit", "1", "400");
        page.Dialog += (_, dialog) => dialog.AcceptAsync(); // "Issue this invoice?"
        await page.ClickAsync($"form[action='/invoices/issue/{id}'] button");
        await Assertions.Expect(page.Locator("[data-role=status]")).ToHaveTextAsync("Sent");

        await page.GotoAsync("/invoices");
        var card = page.Locator($"#invoice-{id}");
        var refusal = page.WaitForResponseAsync(r => r.Url.EndsWith("/invoices/sort"));
        await card.Locator("[data-role=title]").DragToAsync(page.Locator("section[data-status=Draft] .board-list"));
        Assert.Equal(409, (await refusal).Status);

        await Assertions.Expect(page.Locator("#toast-area")).ToContainTextAsync("locked");
        await page.WaitForLoadStateAsync(LoadState.Load);
        await Assertions.Expect(page.Locator($"section[data-status=Sent] #invoice-{id}")).ToHaveCountAsync(1, new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator($"section[data-status=Draft] #invoice-{id}")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        // The 409 the refusal answers with is logged by Chromium as a failed resource; nothing else may be.
        Assert.True(session.ConsoleErrors.All(e => e.Contains("409")), string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task InvoicePages_LogNoConsoleErrors()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.RegisterAsync();
        var id = await AddClientAndDraftAsync(page, "Console Invoices Ltd", "Work", "1", "10");
        foreach (var url in new[] { "/invoices", "/invoices?showVoid=true", "/invoices/list", "/invoices/create", $"/invoices/details/{id}", $"/invoices/edit/{id}" })
        {
            await page.GotoAsync(url);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }
}
