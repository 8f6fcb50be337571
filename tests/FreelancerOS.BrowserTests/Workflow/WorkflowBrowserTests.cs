using FreelancerOS.BrowserTests.Infrastructure;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.BrowserTests.Workflow;

[Collection(BrowserCollection.Name)]
public sealed class WorkflowBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task FilterUnlinked_LinkReceivedIncomeToOverdueInvoiceWithTheKeyboard_RowAndStatusChangeWithoutReload_AxeClean()
    {
        await using var session = await fixture.NewSessionAsync(bypassCsp: true);
        var page = session.Page;
        var email = $"workflow-{Guid.NewGuid():N}@example.com";
        await session.RegisterAsync(email);
        var invoiceId = await OverdueInvoiceAsync(page, email);

        await page.GotoAsync("/ledger/create?kind=income");
        await page.FillAsync("#Description", "Bank transfer Keyboard Client");
        await page.FillAsync("#Amount", "450");
        await page.FillAsync("#Date", "2026-11-20");
        await page.SelectOptionAsync("#PaymentModeId", new SelectOptionValue { Label = "Bank" });
        await page.ClickAsync("#entry-form button[type=submit]");
        await page.WaitForURLAsync("**/ledger**");

        await page.GotoAsync("/workflow");
        await page.CheckAsync("#unlinked");
        await page.ClickAsync("[data-role=apply-filter]");
        await page.WaitForURLAsync("**/workflow?**unlinked=true**");
        await ListsInAsync(page);
        var row = page.Locator("[data-role=workflow-row]", new() { HasText = "Bank transfer Keyboard Client" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        var problems = (await Axe.SeriousViolationsAsync(page)).Select(v => "grid " + v).ToList();

        // Keyboard only: from the row's description link, Tab to the invoice select and pick the invoice with the arrow key.
        await page.EvaluateAsync("window.workflowMarker = 'same page'");
        await row.Locator("td:nth-child(2) a").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        var select = row.Locator("select[data-role=invoice]");
        await Assertions.Expect(select).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");

        await Assertions.Expect(row.Locator("[data-role=invoice-status]")).ToHaveTextAsync("Paid");
        await Assertions.Expect(row.Locator("select[data-role=invoice]")).ToHaveValueAsync(invoiceId);
        await Assertions.Expect(page.Locator("[data-role=total][data-currency=EUR] strong")).ToHaveTextAsync("450.00 EUR");
        Assert.Equal("same page", await page.EvaluateAsync<string>("window.workflowMarker"));
        problems.AddRange((await Axe.SeriousViolationsAsync(page)).Select(v => "grid after the change " + v));

        await page.GotoAsync($"/invoices/details/{invoiceId}");
        await Assertions.Expect(page.Locator("[data-role=status]")).ToHaveTextAsync("Paid");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task LightSelects_FilledOnFocus_ArrowKeysPickFromTheRowsClientsProjects_SaveAndComeBackLight()
    {
        await using var session = await fixture.NewSessionAsync(bypassCsp: true);
        var page = session.Page;
        var email = $"workflow-arrows-{Guid.NewGuid():N}@example.com";
        await session.RegisterAsync(email);
        var clientId = int.Parse(await CreateClientAsync(page, "Arrow Client"));
        var userId = await fixture.App.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var (first, second) = await fixture.App.WithDbAsync(async db =>
        {
            var other = new Client { Name = "Zebra Other Client" };
            db.Clients.Add(other);
            await db.SaveChangesAsync();
            var projects = new[] { "Arrow project A", "Arrow project B" }.Select(n => new Project { Name = n, ClientId = clientId }).ToList();
            db.Projects.AddRange(projects);
            db.Projects.Add(new Project { Name = "Arrow project of another client", ClientId = other.Id });
            await db.SaveChangesAsync();
            return (projects[0].Id, projects[1].Id);
        }, userId);
        await page.GotoAsync("/ledger/create?kind=income");
        await page.FillAsync("#Description", "Arrow income");
        await page.FillAsync("#Amount", "120");
        await page.FillAsync("#Date", "2026-11-20");
        await page.ClickAsync("#entry-form button[type=submit]");
        await page.WaitForURLAsync("**/ledger**");

        await page.GotoAsync("/workflow");
        await ListsInAsync(page);
        // The filter lists every client once the lists are in (the page itself holds only its rows' clients).
        await page.Locator("#client").FocusAsync();
        await Assertions.Expect(page.Locator("#client option")).ToHaveTextAsync(["Any", "Arrow Client", "Zebra Other Client"]);
        var row = page.Locator("[data-role=workflow-row]", new() { HasText = "Arrow income" });
        var client = row.Locator("select[data-role=client]");
        var project = row.Locator("select[data-role=project]");
        await Assertions.Expect(client.Locator("option")).ToHaveCountAsync(1);

        // Tab from the description to the invoice cell, then on to the client's select: the arrow key picks from the filled list.
        await row.Locator("td:nth-child(2) a").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(client).ToBeFocusedAsync();
        await Assertions.Expect(client.Locator("option")).ToHaveTextAsync(["No client", "Arrow Client", "Zebra Other Client"]);
        var version = await row.GetAttributeAsync("data-version");
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(row).Not.ToHaveAttributeAsync("data-version", version!);
        await SettledAsync(row);
        await Assertions.Expect(row.Locator("[data-role=new-project]")).ToBeVisibleAsync();
        await Assertions.Expect(client).ToHaveValueAsync(clientId.ToString());

        // The row came back light (htmx puts the focus back on the client's select, which fills it again); its project
        // select offers only its client's projects once focused, and the arrow keys walk through them, each saved.
        await Assertions.Expect(project.Locator("option")).ToHaveCountAsync(1);
        await project.FocusAsync();
        await Assertions.Expect(project.Locator("option")).ToHaveTextAsync(["No project", "Arrow project A", "Arrow project B"]);
        version = await row.GetAttributeAsync("data-version");
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(row).Not.ToHaveAttributeAsync("data-version", version!);
        await SettledAsync(row);
        await Assertions.Expect(project).ToHaveValueAsync(first.ToString());
        await Assertions.Expect(client.Locator("option")).ToHaveCountAsync(2);
        await Assertions.Expect(project).ToBeFocusedAsync();
        version = await row.GetAttributeAsync("data-version");
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(row).Not.ToHaveAttributeAsync("data-version", version!);
        await SettledAsync(row);
        await Assertions.Expect(project).ToHaveValueAsync(second.ToString());
        var saved = await fixture.App.WithDbAsync(db => db.Incomes.Where(i => i.Description == "Arrow income").Select(i => new { i.ClientId, i.ProjectId }).SingleAsync(), userId);
        Assert.Equal((clientId, second), (saved.ClientId!.Value, saved.ProjectId!.Value));
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task NewDraftInvoice_FromARowWithAClient_LinksTheDraftInPlace_WithoutReload()
    {
        await using var session = await fixture.NewSessionAsync(bypassCsp: true);
        var page = session.Page;
        var email = $"workflow-draft-{Guid.NewGuid():N}@example.com";
        await session.RegisterAsync(email);
        await CreateClientAsync(page, "Draft Row Client");
        await page.GotoAsync("/ledger/create?kind=income");
        await page.FillAsync("#Description", "Deposit to invoice");
        await page.FillAsync("#Amount", "300");
        await page.FillAsync("#Date", "2026-11-20");
        await page.SelectOptionAsync("#ClientId", new SelectOptionValue { Label = "Draft Row Client" });
        await page.ClickAsync("#entry-form button[type=submit]");
        await page.WaitForURLAsync("**/ledger**");

        await page.GotoAsync("/workflow");
        await ListsInAsync(page);
        await page.EvaluateAsync("window.workflowMarker = 'same page'");
        var row = page.Locator("[data-role=workflow-row]", new() { HasText = "Deposit to invoice" });
        var version = await row.GetAttributeAsync("data-version");
        // The button joins the row's one form (its token and version): htmx posts that form to the draft's address.
        await row.Locator("[data-role=new-draft]").ClickAsync();
        await Assertions.Expect(row).Not.ToHaveAttributeAsync("data-version", version!);
        await Assertions.Expect(row.Locator("[data-role=invoice-status]")).ToHaveTextAsync("Draft");
        await Assertions.Expect(row.Locator("[data-role=new-draft]")).ToHaveCountAsync(0);
        Assert.Equal("same page", await page.EvaluateAsync<string>("window.workflowMarker"));
        var userId = await fixture.App.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var draft = await fixture.App.WithDbAsync(db => db.Incomes.Where(i => i.Description == "Deposit to invoice")
            .Join(db.Invoices, i => i.InvoiceId, v => v.Id, (i, v) => new { v.Status, v.Total, Client = v.Client!.Name }).SingleAsync(), userId);
        Assert.Equal((InvoiceStatus.Draft, 300m, "Draft Row Client"), (draft.Status, draft.Total, draft.Client));
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    /// <summary>The grid's long option lists arrive once the page is shown (a person's first key comes later than a test's).</summary>
    private static Task ListsInAsync(IPage page) =>
        Assertions.Expect(page.Locator("#workflow-grid")).ToHaveAttributeAsync("data-lists", "ready");

    /// <summary>
    /// Waits for htmx to finish settling a swapped-in row: a key pressed between the swap and htmx wiring up the new row
    /// would change its select without a request (no person types within those milliseconds; a test can).
    /// </summary>
    private static Task SettledAsync(ILocator row) =>
        Assertions.Expect(row).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("htmx-(added|settling|swapping|request)"));

    /// <summary>A client added through its form; its id, from the address of the page the form leads to.</summary>
    private static async Task<string> CreateClientAsync(IPage page, string name)
    {
        await page.GotoAsync("/clients/create");
        await page.FillAsync("input[name=Name]", name);
        await page.ClickAsync("form[action='/clients/create'] button[type=submit]");
        await page.WaitForURLAsync("**/clients/details/*");
        return page.Url[(page.Url.LastIndexOf('/') + 1)..];
    }

    /// <summary>An invoice issued in September, due in October: past due on the test clock's 22 November, so marked Overdue.</summary>
    private async Task<string> OverdueInvoiceAsync(IPage page, string email)
    {
        var clientId = await CreateClientAsync(page, "Keyboard Client");
        await page.GotoAsync($"/invoices/create?clientId={clientId}");
        await page.FillAsync("#IssueDate", "2026-09-01");
        await page.FillAsync("#DueDate", "2026-10-01");
        await page.FillAsync("input[name='Lines[0].Description']", "Audit");
        await page.FillAsync("input[name='Lines[0].Quantity']", "1");
        await page.FillAsync("input[name='Lines[0].UnitPrice']", "450");
        await page.ClickAsync("form.invoice-form button[type=submit]");
        await page.WaitForURLAsync("**/invoices/details/*");
        var id = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        page.Dialog += (_, dialog) => dialog.AcceptAsync(); // "Issue this invoice?"
        await page.ClickAsync($"form[action='/invoices/issue/{id}'] button[type=submit]");
        await Assertions.Expect(page.Locator("[data-role=status]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Sent|Overdue"));

        // What the daily overdue job does, for this invoice (the job runs at start-up and hourly).
        var userId = await fixture.App.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        await fixture.App.WithDbAsync(async db =>
        {
            var invoice = await db.Invoices.Include(i => i.History).SingleAsync(i => i.Id == int.Parse(id));
            if (invoice.Status == InvoiceStatus.Sent) invoice.MarkOverdue(new DateOnly(2026, 11, 22), fixture.App.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        }, userId);
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-role=status]")).ToHaveTextAsync("Overdue");
        return id;
    }
}
