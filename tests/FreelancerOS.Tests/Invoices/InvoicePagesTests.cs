using System.Net;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;
using static FreelancerOS.Tests.Invoices.InvoiceSteps;

namespace FreelancerOS.Tests.Invoices;

public sealed class InvoicePagesTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Post_CreateDraft_WithFreeLinesAndTax_ShowsRoundedTotalsAndHistory()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await CreateClientAsync(client, "Acme Ltd");
        var response = await PostDraftAsync(client, clientId,
            [("Design, October", "12.5", "85"), ("Tiny fee", "1", "0.005"), ("Hosting", "3", "19.99")], taxRate: "21");
        var id = AppClient.IdFromRedirect(response);

        var page = await client.GetPageAsync($"/invoices/details/{id}");
        Assert.Equal("2026-11-22 – Acme Ltd", page.QuerySelector("[data-role=title]")!.TextContent.Trim());
        Assert.Equal("Draft", page.QuerySelector("[data-role=status]")!.TextContent.Trim());
        Assert.Equal("22/12/2026", page.QuerySelector("[data-role=due-date]")!.TextContent.Trim()); // + 30 days from Settings, in the account's format
        Assert.Equal("2026-12-22", page.QuerySelector("[data-role=due-date] time")!.GetAttribute("datetime"));
        Assert.Equal(["1,062.50 EUR", "0.01 EUR", "59.97 EUR"], page.QuerySelectorAll("[data-role=line-amount]").Select(e => e.TextContent.Trim()));
        Assert.Equal("1,122.48 EUR", page.QuerySelector("[data-role=subtotal]")!.TextContent.Trim());
        Assert.Equal("235.72 EUR", page.QuerySelector("[data-role=tax]")!.TextContent.Trim()); // 235.7208
        Assert.Equal("1,358.20 EUR", page.QuerySelector("[data-role=total]")!.TextContent.Trim());
        Assert.Contains("Created as Draft", page.QuerySelector("[data-role=history]")!.TextContent);

        var stored = await app.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().Include(i => i.Lines).SingleAsync(i => i.Id == id));
        Assert.Equal(1358.20m, stored.Total);
        Assert.Equal(3, stored.Lines.Count);
        Assert.All(stored.Lines, l => Assert.Equal(InvoiceLineSourceKind.Free, l.SourceKind));
    }

    [Fact]
    public async Task Post_CreateDraft_BadInput_ShowsMessagesNextToFields_AndSavesNothing()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await CreateClientAsync(client, "Bad Input Ltd");
        var before = await app.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().CountAsync());

        var response = await PostDraftAsync(client, clientId, [("", "1", "10"), ("Work", "abc", "-5")], taxRate: "150", dueDate: "2026-11-01");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Equal("Describe the line.", AppClient.FieldError(page, "Lines[0].Description"));
        Assert.NotEmpty(AppClient.FieldError(page, "Lines[1].Quantity"));
        Assert.Equal("The unit price cannot be negative.", AppClient.FieldError(page, "Lines[1].UnitPrice"));
        Assert.Equal("Enter a tax rate between 0 and 100 %.", AppClient.FieldError(page, "TaxRate"));
        Assert.Equal("The due date cannot be before the issue date.", AppClient.FieldError(page, "DueDate"));

        var noClient = await AppClient.ParseAsync(await PostDraftAsync(client, 0, [("Work", "1", "10")]));
        Assert.Equal("Choose the client to invoice.", AppClient.FieldError(noClient, "ClientId"));
        Assert.Equal(before, await app.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task Post_EditDraft_ReplacesLines_ThenAfterIssue_EditIsRefused()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await CreateClientAsync(client, "Editable Ltd");
        var id = await CreateDraftAsync(client, clientId, ("First", "1", "100"));

        var form = await client.GetPageAsync($"/invoices/edit/{id}");
        var response = await client.SubmitAsync(form, $"form[action='/invoices/edit/{id}']", new Dictionary<string, string>
        {
            ["Lines[0].Description"] = "Changed", ["Lines[0].Quantity"] = "2", ["Lines[0].UnitPrice"] = "75",
            ["Lines[1].Description"] = "Added", ["Lines[1].Quantity"] = "1", ["Lines[1].UnitPrice"] = "10", ["TaxRate"] = "10",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetPageAsync($"/invoices/details/{id}");
        Assert.Equal("176.00 EUR", page.QuerySelector("[data-role=total]")!.TextContent.Trim());
        Assert.Contains("Changed", page.QuerySelector("[data-role=lines]")!.TextContent);
        Assert.DoesNotContain("First", page.QuerySelector("[data-role=lines]")!.TextContent);

        // Issue, then post the edit form that was open in another tab: refused, nothing changed.
        var staleForm = await client.GetPageAsync($"/invoices/edit/{id}");
        await IssueAsync(client, id);
        var refused = await client.SubmitAsync(staleForm, $"form[action='/invoices/edit/{id}']", new Dictionary<string, string>
        {
            ["Lines[0].Description"] = "Sneaky change", ["Lines[0].UnitPrice"] = "1",
        });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("locked", (await AppClient.ParseAsync(refused)).QuerySelector("[role=alert]")!.TextContent);
        var after = await client.GetPageAsync($"/invoices/details/{id}");
        Assert.Equal("176.00 EUR", after.QuerySelector("[data-role=total]")!.TextContent.Trim());
        Assert.Equal("Sent", after.QuerySelector("[data-role=status]")!.TextContent.Trim());
        Assert.Null(after.QuerySelector($"a[href='/invoices/edit/{id}']"));

        // The edit page itself sends the user back to the invoice with the reason.
        var redirect = await client.Http.GetAsync($"/invoices/edit/{id}");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
    }

    [Fact]
    public async Task Post_EditDraftFromTwoTabs_SecondGetsConflictMessage()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await CreateClientAsync(client, "Two Tabs Ltd");
        var id = await CreateDraftAsync(client, clientId);
        var tab1 = await client.GetPageAsync($"/invoices/edit/{id}");
        var tab2 = await client.GetPageAsync($"/invoices/edit/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(tab1, $"form[action='/invoices/edit/{id}']", new Dictionary<string, string> { ["Notes"] = "tab 1" })).StatusCode);
        var second = await client.SubmitAsync(tab2, $"form[action='/invoices/edit/{id}']", new Dictionary<string, string> { ["Notes"] = "tab 2" });
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("changed in another tab", (await AppClient.ParseAsync(second)).QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal("tab 1", await app.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().Where(i => i.Id == id).Select(i => i.Notes).SingleAsync()));
    }

    [Fact]
    public async Task Post_DeleteDraft_RemovesIt_ButAnIssuedInvoiceCannotBeDeleted()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await CreateClientAsync(client, "Delete Ltd");
        var draft = await CreateDraftAsync(client, clientId);
        var page = await client.GetPageAsync($"/invoices/details/{draft}");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(page, $"form[action='/invoices/delete/{draft}']")).StatusCode);
        await client.GetPageAsync($"/invoices/details/{draft}", HttpStatusCode.NotFound);
        Assert.False(await app.WithDbAsync(db => db.InvoiceLines.AnyAsync(l => l.InvoiceId == draft)));

        var issued = await CreateDraftAsync(client, clientId);
        var issuedPage = await client.GetPageAsync($"/invoices/details/{issued}");
        await IssueAsync(client, issued);
        var response = await client.SubmitAsync(issuedPage, $"form[action='/invoices/delete/{issued}']");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await client.GetPageAsync($"/invoices/details/{issued}");
        Assert.Contains("Only a draft can be deleted", after.QuerySelector("[data-role=error]")!.TextContent);
    }

    [Fact]
    public async Task Post_IssueThenVoid_KeepsNumber_AndRecordsHistory()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await CreateClientAsync(client, "Lifecycle Ltd");
        var id = await CreateDraftAsync(client, clientId);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await IssueAsync(client, id);
        var page = await client.GetPageAsync($"/invoices/details/{id}");
        Assert.Equal("INV-2026-0001", page.QuerySelector("[data-role=number]")!.TextContent.Trim());
        Assert.Equal("Sent", page.QuerySelector("[data-role=status]")!.TextContent.Trim());

        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(page, $"form[action='/invoices/void/{id}']")).StatusCode);
        var voided = await client.GetPageAsync($"/invoices/details/{id}");
        Assert.Equal("Void", voided.QuerySelector("[data-role=status]")!.TextContent.Trim());
        Assert.Equal("INV-2026-0001", voided.QuerySelector("[data-role=number]")!.TextContent.Trim());
        var history = voided.QuerySelectorAll("[data-role=history] li").Select(li => li.TextContent).ToList();
        Assert.Equal(3, history.Count);
        Assert.Contains("Draft → Sent", history[1]);
        Assert.Contains("Sent → Void", history[2]);

        // The next invoice takes the next number: a void one stays used.
        var next = await CreateDraftAsync(client, clientId);
        await IssueAsync(client, next);
        Assert.Equal("INV-2026-0002", (await client.GetPageAsync($"/invoices/details/{next}")).QuerySelector("[data-role=number]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Get_EditDraft_PrefillsUnitPricesWithTheCurrencysDecimals()
    {
        var client = await app.SignedInClientAsync();
        var euros = await CreateClientAsync(client, "Decimals Ltd");
        var yen = await CreateClientAsync(client, "Yen KK", "JPY");
        var draft = await CreateDraftAsync(client, euros, ("Design", "2", "90"), ("Hosting", "1", "290.4"));
        var yenDraft = await CreateDraftAsync(client, yen, ("Design", "1", "15000"));

        var form = await client.GetPageAsync($"/invoices/edit/{draft}");
        Assert.Equal("90.00", form.QuerySelector("#Lines_0__UnitPrice")!.GetAttribute("value"));
        Assert.Equal("290.40", form.QuerySelector("#Lines_1__UnitPrice")!.GetAttribute("value"));
        var yenForm = await client.GetPageAsync($"/invoices/edit/{yenDraft}");
        Assert.Equal("15000", yenForm.QuerySelector("#Lines_0__UnitPrice")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Get_Details_ListsEventsBetweenStatusChanges_InTheOrderTheyHappened()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await CreateClientAsync(client, "Events Ltd");
        var id = await CreateDraftAsync(client, clientId);
        var other = await CreateDraftAsync(client, clientId);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await IssueAsync(client, id);
        var sentAt = app.Clock.GetUtcNow().AddMinutes(1);
        await app.WithDbAsync(async db =>
        {
            db.InvoiceEvents.Add(new InvoiceEvent(id, InvoiceEventKind.SendFailed, sentAt, "Connection refused"));
            db.InvoiceEvents.Add(new InvoiceEvent(id, InvoiceEventKind.Sent, sentAt.AddMinutes(2), "ap@events.example"));
            db.InvoiceEvents.Add(new InvoiceEvent(other, InvoiceEventKind.Sent, sentAt, "someone@else.example"));
            return await db.SaveChangesAsync();
        });

        var page = await client.GetPageAsync($"/invoices/details/{id}");
        var history = page.QuerySelectorAll("[data-role=history] li").ToList();
        Assert.Equal(4, history.Count);
        Assert.Contains("Draft → Sent", history[1].TextContent);
        Assert.Contains("Sending failed: Connection refused", history[2].TextContent);
        Assert.Contains("text-danger", history[2].ClassName);
        Assert.Contains("Sent: ap@events.example", history[3].TextContent);
        Assert.DoesNotContain("someone@else.example", page.QuerySelector("[data-role=history]")!.TextContent);
    }

    [Fact]
    public async Task Post_IssueEmptyDraft_IsRefusedWithMessage()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await CreateClientAsync(client, "Empty Ltd");
        var id = AppClient.IdFromRedirect(await PostDraftAsync(client, clientId, []));
        await IssueAsync(client, id);
        var page = await client.GetPageAsync($"/invoices/details/{id}");
        Assert.Contains("Add at least one line", page.QuerySelector("[data-role=error]")!.TextContent);
        Assert.Equal("Draft", page.QuerySelector("[data-role=status]")!.TextContent.Trim());
    }

    [Fact]
    public async Task AnotherAccountsInvoice_IsA404_ForPageEditPdfIssueVoidAndDelete()
    {
        var owner = await app.SignedInClientAsync();
        var clientId = await CreateClientAsync(owner, "Private Ltd");
        var id = await CreateDraftAsync(owner, clientId);
        var ownerPage = await owner.GetPageAsync($"/invoices/details/{id}");

        var other = await app.SignedInClientAsync();
        await other.GetPageAsync($"/invoices/details/{id}", HttpStatusCode.NotFound);
        await other.GetPageAsync($"/invoices/edit/{id}", HttpStatusCode.NotFound);
        await other.GetPageAsync($"/invoices/pdf/{id}", HttpStatusCode.NotFound);
        var otherBoard = await other.GetPageAsync("/invoices");
        foreach (var action in new[] { "issue", "delete" })
        {
            var token = otherBoard.QuerySelector("meta[name=csrf-token]")!.GetAttribute("content")!;
            var request = new HttpRequestMessage(HttpMethod.Post, $"/invoices/{action}/{id}") { Content = new FormUrlEncodedContent([]) };
            request.Headers.Add("RequestVerificationToken", token);
            Assert.Equal(HttpStatusCode.NotFound, (await other.Http.SendAsync(request)).StatusCode);
        }
        var move = await other.HtmxPostAsync(otherBoard, "/invoices/sort", [new("status", "Sent"), new("ids", id.ToString())]);
        Assert.Equal(HttpStatusCode.OK, move.StatusCode);
        Assert.DoesNotContain("Private Ltd", await move.Content.ReadAsStringAsync());
        // Their own client list does not offer the owner's client, and posting its id is refused.
        var refused = await AppClient.ParseAsync(await PostDraftAsync(other, clientId, [("Work", "1", "1")], forged: true));
        Assert.Equal("Choose one of your clients.", AppClient.FieldError(refused, "ClientId"));

        // Still a draft with no number for its owner.
        var again = await owner.GetPageAsync($"/invoices/details/{id}");
        Assert.Equal("Draft", again.QuerySelector("[data-role=status]")!.TextContent.Trim());
        Assert.NotNull(ownerPage);
    }

    [Fact]
    public async Task Board_DragDraftToSent_IssuesAndNumbers_AndHeadersShowTotalsAndCounts()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await CreateClientAsync(client, "Board Ltd");
        var a = await CreateDraftAsync(client, clientId, ("A", "1", "100"));
        var b = await CreateDraftAsync(client, clientId, ("B", "2", "250"));

        var board = await client.GetPageAsync("/invoices");
        Assert.Equal("2", board.QuerySelector("section[data-status=Draft] [data-role=count]")!.TextContent.Trim());
        Assert.Contains("600.00 EUR", board.QuerySelector("section[data-status=Draft] [data-role=total]")!.TextContent);

        var response = await client.HtmxPostAsync(board, "/invoices/sort", [new("status", "Sent"), new("ids", b.ToString())]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var swapped = await AppClient.ParseAsync(response);
        var sent = swapped.QuerySelector("section[data-status=Sent]")!;
        Assert.Equal("1", sent.QuerySelector("[data-role=count]")!.TextContent.Trim());
        Assert.Contains("500.00 EUR", sent.QuerySelector("[data-role=total]")!.TextContent);
        Assert.Equal("INV-2026-0001", sent.QuerySelector($"#invoice-{b} [data-role=number]")!.TextContent.Trim());
        Assert.Contains("100.00 EUR", swapped.QuerySelector("section[data-status=Draft] [data-role=total]")!.TextContent);
        Assert.NotNull(swapped.QuerySelector($"section[data-status=Draft] #invoice-{a}"));
    }

    [Fact]
    public async Task Board_RefusedMoves_Answer409WithTheReason_AndChangeNothing()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await CreateClientAsync(client, "Refused Ltd");
        var draft = await CreateDraftAsync(client, clientId);
        var issued = await CreateDraftAsync(client, clientId);
        await IssueAsync(client, issued);
        var board = await client.GetPageAsync("/invoices");

        async Task<string> RefusalAsync(string status, int id)
        {
            var response = await client.HtmxPostAsync(board, "/invoices/sort", [new("status", status), new("ids", id.ToString())]);
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            return Uri.UnescapeDataString(response.Headers.GetValues("X-Message").Single());
        }

        Assert.Contains("issued (moved to Sent) before it can be paid", await RefusalAsync("Paid", draft));
        Assert.Contains("locked", await RefusalAsync("Draft", issued));
        Assert.Contains("by itself", await RefusalAsync("Overdue", issued));

        var stored = await app.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().Where(i => i.Id == draft || i.Id == issued)
            .OrderBy(i => i.Id).Select(i => i.Status).ToListAsync());
        Assert.Equal([InvoiceStatus.Draft, InvoiceStatus.Sent], stored);

        // The keyboard way says the same without script.
        var select = await client.SubmitAsync(board, $"#move-{issued}", new Dictionary<string, string> { ["status"] = "Draft" });
        Assert.Equal(HttpStatusCode.Redirect, select.StatusCode);
        Assert.Contains("locked", (await client.GetPageAsync("/invoices")).QuerySelector("[data-role=error]")!.TextContent);
    }

    [Fact]
    public async Task Board_ShowVoid_AddsTheVoidColumn()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await CreateClientAsync(client, "Void Ltd");
        var id = await CreateDraftAsync(client, clientId);
        await IssueAsync(client, id);
        var page = await client.GetPageAsync($"/invoices/details/{id}");
        await client.SubmitAsync(page, $"form[action='/invoices/void/{id}']");

        Assert.Null((await client.GetPageAsync("/invoices")).QuerySelector("section[data-status=Void]"));
        var withVoid = await client.GetPageAsync("/invoices?showVoid=true");
        Assert.NotNull(withVoid.QuerySelector($"section[data-status=Void] #invoice-{id}"));
        Assert.Equal("1", withVoid.QuerySelector("section[data-status=Void] [data-role=count]")!.TextContent.Trim());
    }

    [Fact]
    public async Task List_FiltersByStatusAndClient_AndPages()
    {
        var client = await app.SignedInClientAsync();
        var acme = await CreateClientAsync(client, "List Acme");
        var globex = await CreateClientAsync(client, "List Globex");
        var ids = new List<int>();
        for (var k = 0; k < 52; k++) ids.Add(await CreateDraftAsync(client, acme, ($"Line {k}", "1", "10")));
        var globexInvoice = await CreateDraftAsync(client, globex);
        await IssueAsync(client, globexInvoice);

        var first = await client.GetPageAsync("/invoices/list");
        Assert.Equal(50, first.QuerySelectorAll("[data-role=invoice-list] tbody tr").Length);
        Assert.Contains("53 in all", first.QuerySelector("nav[aria-label=Pages]")!.TextContent);
        var second = await client.GetPageAsync("/invoices/list?page=2");
        Assert.Equal(3, second.QuerySelectorAll("[data-role=invoice-list] tbody tr").Length);

        var sent = await client.GetPageAsync("/invoices/list?status=Sent");
        Assert.Equal([globexInvoice.ToString()], sent.QuerySelectorAll("[data-role=invoice-list] tbody tr").Select(r => r.GetAttribute("data-id")));
        var byClient = await client.GetPageAsync($"/invoices/list?clientId={globex}");
        Assert.Single(byClient.QuerySelectorAll("[data-role=invoice-list] tbody tr"));
        var byNumber = await client.GetPageAsync("/invoices/list?q=INV-2026-0001");
        Assert.Single(byNumber.QuerySelectorAll("[data-role=invoice-list] tbody tr"));
    }

    [Fact]
    public async Task Client_InvoicedAmount_CountsSentOverduePaidSubtotals_NotDraftsOrVoid()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await CreateClientAsync(client, "Invoiced Ltd");
        var sent = AppClient.IdFromRedirect(await PostDraftAsync(client, clientId, [("Sent work", "1", "1000")], taxRate: "21"));
        await IssueAsync(client, sent);
        await CreateDraftAsync(client, clientId, ("Draft work", "1", "500"));
        var voided = await CreateDraftAsync(client, clientId, ("Voided work", "1", "300"));
        await IssueAsync(client, voided);
        await client.SubmitAsync(await client.GetPageAsync($"/invoices/details/{voided}"), $"form[action='/invoices/void/{voided}']");

        var details = await client.GetPageAsync($"/clients/details/{clientId}");
        Assert.Equal("1,000.00 EUR (10%)", details.QuerySelector("[data-role=invoiced]")!.TextContent.Trim());
        Assert.Equal(3, details.QuerySelectorAll("[data-role=client-invoices] tbody tr").Length);
        var board = await client.GetPageAsync("/clients");
        Assert.Contains("1,000.00 EUR · 10%", board.QuerySelector($"#client-{clientId} [data-role=invoiced]")!.TextContent);
    }

    [Fact]
    public async Task InvoicesNav_IsNoLongerAPlaceholder()
    {
        var client = await app.SignedInClientAsync();
        var page = await client.GetPageAsync("/invoices");
        Assert.Equal("Invoices", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Null(page.QuerySelector(".coming-soon"));
        Assert.NotNull(page.QuerySelector("#invoice-board"));
    }
}

public sealed class InvoiceBadRequestTests(TestApp app) : IClassFixture<TestApp>
{
    [Theory]
    [InlineData("Sent", "abc")]
    [InlineData("Sent", "-4")]
    [InlineData("Void", "1")]
    [InlineData("Nonsense", "1")]
    public async Task Post_SortWithGarbage_IsABadRequest_NeverA500(string status, string ids)
    {
        var client = await app.SignedInClientAsync();
        var board = await client.GetPageAsync("/invoices");
        var response = await client.HtmxPostAsync(board, "/invoices/sort", [new("status", status), new("ids", ids)]);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Post_VoidADraft_IsRefusedWithTheReason()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await CreateClientAsync(client, "Void Draft Ltd");
        var id = await CreateDraftAsync(client, clientId);
        var board = await client.GetPageAsync("/invoices");
        var token = board.QuerySelector("meta[name=csrf-token]")!.GetAttribute("content")!;
        var request = new HttpRequestMessage(HttpMethod.Post, $"/invoices/void/{id}") { Content = new FormUrlEncodedContent([]) };
        request.Headers.Add("RequestVerificationToken", token);
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.SendAsync(request)).StatusCode);
        var page = await client.GetPageAsync($"/invoices/details/{id}");
        Assert.Contains("delete it instead", page.QuerySelector("[data-role=error]")!.TextContent);
        Assert.Equal("Draft", page.QuerySelector("[data-role=status]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Get_MissingInvoice_IsA404()
    {
        var client = await app.SignedInClientAsync();
        await client.GetPageAsync("/invoices/details/424242", HttpStatusCode.NotFound);
        await client.GetPageAsync("/invoices/edit/424242", HttpStatusCode.NotFound);
    }
}
