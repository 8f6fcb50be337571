using FreelancerOS.BrowserTests.Infrastructure;

namespace FreelancerOS.BrowserTests.Clients;

[Collection(BrowserCollection.Name)]
public sealed class PipelineBrowserTests(BrowserFixture fixture)
{
    private static async Task AddClientAsync(IPage page, string name, string contractValue)
    {
        await page.GotoAsync("/clients/create");
        await page.FillAsync("input[name=Name]", name);
        await page.FillAsync("input[name=ContractValue]", contractValue);
        await page.ClickAsync("form[action='/clients/create'] button[type=submit]");
        await page.WaitForURLAsync("**/clients/details/*");
    }

    [Fact]
    public async Task DragCardFromLeadToClient_PersistsAcrossReload_AndUpdatesHeaders()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.RegisterAsync();
        await AddClientAsync(page, "Dragged Ltd", "12000");
        await AddClientAsync(page, "Stays Ltd", "500");

        await page.GotoAsync("/clients");
        var lead = page.Locator("section[data-stage=Lead]");
        var client = page.Locator("section[data-stage=Client]");
        Assert.Equal("2", (await lead.Locator("[data-role=count]").InnerTextAsync()).Trim());
        Assert.Equal("0", (await client.Locator("[data-role=count]").InnerTextAsync()).Trim());

        var card = page.Locator(".board-card", new() { HasText = "Dragged Ltd" });
        var response = page.WaitForResponseAsync(r => r.Url.EndsWith("/clients/sort") && r.Status == 200);
        await card.Locator("h3").DragToAsync(client.Locator(".board-list"));
        await response;

        // The headers change without a reload...
        await Assertions.Expect(client.Locator("[data-role=count]")).ToHaveTextAsync("1");
        await Assertions.Expect(lead.Locator("[data-role=count]")).ToHaveTextAsync("1");
        await Assertions.Expect(client.Locator("[data-role=total]")).ToContainTextAsync("12,000.00 EUR");

        // ...and the move survives one.
        await page.ReloadAsync();
        await Assertions.Expect(client.Locator(".board-card", new() { HasText = "Dragged Ltd" })).ToHaveCountAsync(1);
        await Assertions.Expect(lead.Locator(".board-card", new() { HasText = "Dragged Ltd" })).ToHaveCountAsync(0);
        await Assertions.Expect(client.Locator("[data-role=total]")).ToContainTextAsync("12,000.00 EUR");
        await Assertions.Expect(lead.Locator("[data-role=total]")).ToContainTextAsync("500.00 EUR");

        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task TheBoardIsLocked_WhileAMoveIsInFlight_ASecondDragDoesNothing_AndItUnlocksOnTheAnswer()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.RegisterAsync();
        await AddClientAsync(page, "First Ltd", "100");
        await AddClientAsync(page, "Second Ltd", "200");
        await page.GotoAsync("/clients");

        // The server's answer to the first drop is held back until the test lets it through.
        var release = new TaskCompletionSource();
        var posted = 0;
        await page.RouteAsync("**/clients/sort", async route =>
        {
            Interlocked.Increment(ref posted);
            await release.Task;
            await route.ContinueAsync();
        });
        var board = page.Locator("#pipeline-board");
        var negotiation = page.Locator("section[data-stage=Negotiation]");
        await page.Locator(".board-card", new() { HasText = "First Ltd" }).Locator("h3").DragToAsync(negotiation.Locator(".board-list"));
        await Assertions.Expect(board).ToHaveAttributeAsync("aria-busy", "true");

        // The busy board takes no pointer: a forced second drag reaches nothing.
        await page.Locator(".board-card", new() { HasText = "Second Ltd" }).Locator("h3").DragToAsync(negotiation.Locator(".board-list"), new() { Force = true });
        await Assertions.Expect(page.Locator("section[data-stage=Lead] .board-card", new() { HasText = "Second Ltd" })).ToHaveCountAsync(1);
        Assert.Equal(1, posted);

        var answer = page.WaitForResponseAsync(r => r.Url.EndsWith("/clients/sort") && r.Status == 200);
        release.SetResult();
        await answer;
        await Assertions.Expect(board).ToHaveAttributeAsync("aria-busy", "false");
        await Assertions.Expect(negotiation.Locator("[data-role=count]")).ToHaveTextAsync("1");
        await page.ReloadAsync();
        await Assertions.Expect(negotiation.Locator(".board-card", new() { HasText = "First Ltd" })).ToHaveCountAsync(1);
        await Assertions.Expect(negotiation.Locator(".board-card", new() { HasText = "Second Ltd" })).ToHaveCountAsync(0);
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task MoveCardWithKeyboard_UsesTheMoveMenu()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.RegisterAsync();
        await AddClientAsync(page, "Keyboard Ltd", "100");
        await page.GotoAsync("/clients");

        // The card's Move button opens a menu of the other stages; arrows and Enter pick one.
        var toggle = page.Locator(".board-card .card-move button[data-bs-toggle=dropdown]").First;
        await toggle.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".board-card .dropdown-menu.show")).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(page.Locator(".dropdown-menu.show button:focus")).ToHaveTextAsync("Negotiation");
        await page.Keyboard.PressAsync("Enter");

        var negotiation = page.Locator("section[data-stage=Negotiation]");
        await Assertions.Expect(negotiation.Locator(".board-card", new() { HasText = "Keyboard Ltd" })).ToHaveCountAsync(1);
        await Assertions.Expect(negotiation.Locator("[data-role=count]")).ToHaveTextAsync("1");
        await page.ReloadAsync();
        await Assertions.Expect(negotiation.Locator(".board-card", new() { HasText = "Keyboard Ltd" })).ToHaveCountAsync(1);
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task PipelinePages_LogNoConsoleErrors()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.RegisterAsync();
        await AddClientAsync(page, "Console Ltd", "100");
        foreach (var url in new[] { "/", "/clients", "/clients/list", "/clients/create", "/settings" })
        {
            await page.GotoAsync(url);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }
}
