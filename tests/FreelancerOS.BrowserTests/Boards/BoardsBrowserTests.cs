using FreelancerOS.BrowserTests.Infrastructure;

namespace FreelancerOS.BrowserTests.Boards;

/// <summary>What only a browser shows on the boards: confirmation of a drag to Sent, snapping back, announcing, the move menu.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BoardsBrowserTests(BrowserFixture fixture)
{
    private static async Task<string> AddClientAndDraftAsync(IPage page, string name)
    {
        await page.GotoAsync("/clients/create");
        await page.FillAsync("input[name=Name]", name);
        await page.ClickAsync("form[action='/clients/create'] button[type=submit]");
        await page.WaitForURLAsync("**/clients/details/*");
        var clientId = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        await page.GotoAsync($"/invoices/create?clientId={clientId}");
        await page.FillAsync("input[name='Lines[0].Description']", "Work");
        await page.FillAsync("input[name='Lines[0].Quantity']", "2");
        await page.FillAsync("input[name='Lines[0].UnitPrice']", "300");
        await page.ClickAsync("form.invoice-form button[type=submit]");
        await page.WaitForURLAsync("**/invoices/details/*");
        return page.Url[(page.Url.LastIndexOf('/') + 1)..];
    }

    [Fact]
    public async Task DragDraftToSent_AsksFirst_CancelSnapsBack_AcceptIssues_AndTheMoveIsAnnounced()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.RegisterAsync();
        var id = await AddClientAndDraftAsync(page, "Confirm Ltd");
        await page.GotoAsync("/invoices");
        var card = page.Locator($"#invoice-{id}");
        var sentList = page.Locator("section[data-status=Sent] .board-list");

        var messages = new List<string>();
        var accept = false;
        page.Dialog += (_, dialog) =>
        {
            messages.Add(dialog.Message);
            _ = accept ? dialog.AcceptAsync() : dialog.DismissAsync();
        };
        var posted = 0;
        page.Request += (_, request) => { if (request.Url.EndsWith("/invoices/sort")) posted++; };

        await card.Locator("[data-role=title]").DragToAsync(sentList);
        await Assertions.Expect(page.Locator($"section[data-status=Draft] #invoice-{id}")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator($"section[data-status=Sent] #invoice-{id}")).ToHaveCountAsync(0);
        Assert.Contains("next invoice number", Assert.Single(messages));
        Assert.Equal(0, posted);

        accept = true;
        // The cancelled card slides back (SortableJS animates it); a second drag at machine speed during that
        // animation is ignored, which no person's hand is quick enough to meet.
        await page.WaitForTimeoutAsync(1000);
        var response = page.WaitForResponseAsync(r => r.Url.EndsWith("/invoices/sort") && r.Status == 200);
        await card.Locator("[data-role=title]").DragToAsync(sentList);
        await response;
        await Assertions.Expect(page.Locator($"section[data-status=Sent] #invoice-{id} [data-role=number]")).ToHaveTextAsync("INV-2026-0001");
        await Assertions.Expect(page.Locator("#toast-area [role=status]")).ToContainTextAsync("Issued");
        await Assertions.Expect(page.Locator("#invoice-board")).ToHaveAttributeAsync("aria-busy", "false");
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task RefusedDrag_SnapsBackAtOnce_AndShowsTheServersReason()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.RegisterAsync();
        var id = await AddClientAndDraftAsync(page, "Refused Ltd");
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.ClickAsync($"form[action='/invoices/issue/{id}'] button");
        await Assertions.Expect(page.Locator("[data-role=status]")).ToHaveTextAsync("Sent");

        await page.GotoAsync("/invoices");
        var refusal = page.WaitForResponseAsync(r => r.Url.EndsWith("/invoices/sort"));
        await page.Locator($"#invoice-{id} [data-role=title]").DragToAsync(page.Locator("section[data-status=Draft] .board-list"));
        var answer = await refusal;
        Assert.Equal(409, answer.Status);
        var reason = await answer.TextAsync();

        await Assertions.Expect(page.Locator("#toast-area [role=alert]")).ToContainTextAsync(reason);
        // Snapped back in place, without reloading the page.
        await Assertions.Expect(page.Locator($"section[data-status=Sent] #invoice-{id}")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator($"section[data-status=Draft] #invoice-{id}")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".alert-success")).ToHaveCountAsync(0);
        Assert.True(session.ConsoleErrors.All(e => e.Contains("409")), string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task MoveMenus_ListTheOtherColumns_MoveAClientByKeyboard_AnnounceIt_AndTheBoardsAreAxeClean()
    {
        await using var session = await fixture.NewSessionAsync(bypassCsp: true);
        var page = session.Page;
        await session.RegisterAsync();
        var id = await AddClientAndDraftAsync(page, "Menu Ltd");

        await page.GotoAsync($"/invoices");
        var toggle = page.Locator($"#status-{id}");
        await toggle.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var menu = page.Locator($"#move-{id} .dropdown-menu.show");
        await Assertions.Expect(menu.Locator("button")).ToHaveTextAsync(["Sent (issue it)", "Paid"]); // a draft is never moved to Overdue by hand

        var problems = new List<string>();
        problems.AddRange((await Axe.SeriousViolationsAsync(page)).Select(v => "/invoices (menu open) " + v));
        await page.Keyboard.PressAsync("Escape");
        foreach (var url in new[] { "/clients", "/projects", "/services", "/invoices?showVoid=true&allPaid=true" })
        {
            await page.GotoAsync(url);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            problems.AddRange((await Axe.SeriousViolationsAsync(page)).Select(v => url + " " + v));
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        // The client card's menu moves it to Client, the toast says so politely and focus stays on the card's menu.
        await page.GotoAsync("/clients");
        var clientToggle = page.Locator("section[data-stage=Lead] .board-card .card-move button[data-bs-toggle=dropdown]").First;
        await clientToggle.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(page.Locator(".dropdown-menu.show button:focus")).ToHaveTextAsync("Client");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("section[data-stage=Client] .board-card", new() { HasText = "Menu Ltd" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#toast-area [role=status]")).ToContainTextAsync("Menu Ltd moved to Client");
        await Assertions.Expect(page.Locator("section[data-stage=Client] .card-move button[data-bs-toggle=dropdown]:focus")).ToHaveCountAsync(1);
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }
}
