using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using FreelancerOS.Tests.Goals;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Tests.Invoices;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Invoices;
using FreelancerOS.Web.Infrastructure;
using FreelancerOS.Web.Infrastructure.DemoData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FreelancerOS.Tests.Boards;

/// <summary>The four boards with many cards: the first cards per column, "show more", totals of every card, closed work hidden.</summary>
public sealed class BoardsTests(CommandCountingApp app) : IClassFixture<CommandCountingApp>
{
    private static readonly string[] Boards = ["/clients", "/invoices", "/projects", "/services"];

    private static IElement Column(IDocument board, string attribute, string value) =>
        board.QuerySelector($"section.board-column[data-{attribute}='{value}']") ?? throw new InvalidOperationException($"No column {value}.");

    private static List<int> CardIds(IElement root) =>
        root.QuerySelectorAll(".board-card").Select(c => int.Parse(c.GetAttribute("data-id")!, CultureInfo.InvariantCulture)).ToList();

    private async Task<(AppClient Client, string UserId)> SignedInAsync()
    {
        var client = await app.SignedInClientAsync();
        return (client, await InvoiceSteps.UserIdAsync(app, client.Email!));
    }

    private async Task AddLeadsAsync(string userId, int count, decimal value) => await app.WithDbAsync(async db =>
    {
        for (var i = 0; i < count; i++)
        {
            var client = new Client { Name = $"Lead {i:000}", Currency = "EUR", ContractValue = value };
            client.MoveTo(ClientStage.Lead, i);
            db.Clients.Add(client);
        }
        return await db.SaveChangesAsync();
    }, userId);

    private async Task SeedDemoAsync(string userId, int years)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(userId);
        await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(years, seed: 7);
    }

    private async Task<int> StatementsForAsync(AppClient client, string url)
    {
        await client.GetPageAsync(url);
        app.Counter.Reset();
        await client.GetPageAsync(url);
        return app.Counter.Count;
    }

    [Fact]
    public async Task Pipeline_ShowsTwentyCardsPerColumn_ShowMoreLoadsTheRest_AndTheTotalCountsEveryCard()
    {
        var (client, userId) = await SignedInAsync();
        await AddLeadsAsync(userId, 45, 100m);

        var board = await client.GetPageAsync("/clients");
        var lead = Column(board, "stage", "Lead");
        var firstIds = CardIds(lead);
        Assert.Equal(20, firstIds.Count);
        Assert.Equal("45", lead.QuerySelector("[data-role=count]")!.TextContent.Trim());
        Assert.Contains("4,500.00 EUR", lead.QuerySelector("[data-role=total]")!.TextContent);

        // Without script the link opens the list of that stage; htmx loads the next cards in place.
        var more = lead.QuerySelector("a[data-role=more]")!;
        Assert.Equal("/clients/list?stage=Lead", more.GetAttribute("href"));
        Assert.Contains("20 of 45", more.TextContent);
        var second = await client.GetPageAsync(more.GetAttribute("hx-get")!);
        var secondIds = CardIds(second.Body!);
        Assert.Equal(20, secondIds.Count);
        Assert.Empty(firstIds.Intersect(secondIds));
        var third = await client.GetPageAsync(second.QuerySelector("a[data-role=more]")!.GetAttribute("hx-get")!);
        Assert.Equal(5, CardIds(third.Body!).Count);
        Assert.Null(third.QuerySelector("a[data-role=more]"));
        var all = await app.WithDbAsync(db => db.Clients.Where(c => c.Stage == ClientStage.Lead).OrderBy(c => c.SortOrder).Select(c => c.Id).ToListAsync(), userId);
        Assert.Equal(all, firstIds.Concat(secondIds).Concat(CardIds(third.Body!)).ToList());

        Assert.Equal(HttpStatusCode.BadRequest, (await client.Http.GetAsync("/clients/column?stage=Archived")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.Http.GetAsync("/clients/column?stage=Lead&skip=-1")).StatusCode);
    }

    [Fact]
    public async Task InvoiceBoard_OpensEachColumnWithTenCards_ShowMoreBringsTheRestInOrder_AndTheCountIsTheWholeColumn()
    {
        var (client, userId) = await SignedInAsync();
        var clientId = await InvoiceSteps.CreateClientAsync(client, "Busy client");
        for (var i = 0; i < InvoiceBoard.FirstCards + Web.Infrastructure.Boards.CardsPerColumn + 3; i++)
            await InvoiceSteps.CreateDraftAsync(client, clientId, ($"Work {i}", "1", "10"));
        var drafts = await app.WithDbAsync(db => db.Invoices.Where(i => i.Status == InvoiceStatus.Draft)
            .OrderBy(i => i.DueDate).ThenBy(i => i.Id).Select(i => i.Id).ToListAsync(), userId);

        var board = await client.GetPageAsync("/invoices");
        var column = Column(board, "status", "Draft");
        Assert.All(board.QuerySelectorAll(".board-list"), list => Assert.True(list.QuerySelectorAll(".board-card").Length <= InvoiceBoard.FirstCards));
        Assert.Equal(drafts.Take(InvoiceBoard.FirstCards).ToList(), CardIds(column));
        Assert.Equal(drafts.Count.ToString(CultureInfo.InvariantCulture), column.QuerySelector("[data-role=count]")!.TextContent.Trim());

        // Without script the link opens the list of that status; htmx loads the next cards in place, until the column is whole.
        var more = column.QuerySelector("a[data-role=more]")!;
        Assert.Equal("/invoices/list?status=Draft", more.GetAttribute("href"));
        Assert.Contains($"{InvoiceBoard.FirstCards} of {drafts.Count}", more.TextContent);
        var shown = CardIds(column);
        while (more is not null)
        {
            var next = await client.GetPageAsync(more.GetAttribute("hx-get")!);
            shown.AddRange(CardIds(next.Body!));
            more = next.QuerySelector("a[data-role=more]");
        }
        Assert.Equal(drafts, shown);
    }

    [Fact]
    public async Task Pipeline_DropOnALongColumn_KeepsTheHiddenCardsAfterTheShownOnes_AndAnswersWithTheChangedColumnsOnly()
    {
        var (client, userId) = await SignedInAsync();
        await AddLeadsAsync(userId, 25, 10m);
        var board = await client.GetPageAsync("/clients");
        var shown = CardIds(Column(board, "stage", "Lead"));
        var moved = shown[5];

        var response = await client.HtmxPostAsync(board, "/clients/sort", [new("stage", "Negotiation"), new("ids", moved.ToString(CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("board-saved", response.Headers.GetValues("HX-Trigger").Single());
        var answer = await AppClient.ParseAsync(response);
        var columns = answer.QuerySelectorAll("section.board-column");
        Assert.Equal(["Lead", "Negotiation"], columns.Select(c => c.GetAttribute("data-stage")!).ToList());
        Assert.All(columns, c => Assert.Equal("true", c.GetAttribute("hx-swap-oob")));
        Assert.Equal("24", Column(answer, "stage", "Lead").QuerySelector("[data-role=count]")!.TextContent.Trim());

        // Reordering the 20 shown cards leaves the 4 hidden ones after them, in their order.
        var reversed = CardIds(Column(await client.GetPageAsync("/clients"), "stage", "Lead")).AsEnumerable().Reverse().ToList();
        var hiddenBefore = await app.WithDbAsync(db => db.Clients.Where(c => c.Stage == ClientStage.Lead).OrderBy(c => c.SortOrder).Select(c => c.Id).Skip(20).ToListAsync(), userId);
        await client.HtmxPostAsync(board, "/clients/sort", [new("stage", "Lead"), new("ids", string.Join(",", reversed))]);
        var order = await app.WithDbAsync(db => db.Clients.Where(c => c.Stage == ClientStage.Lead).OrderBy(c => c.SortOrder).Select(c => c.Id).ToListAsync(), userId);
        Assert.Equal(reversed.Concat(hiddenBefore).ToList(), order);
    }

    [Fact]
    public async Task Boards_WithYearsOfData_ShowAtMostTwentyCardsPerColumn_TotalsOfAllCards_AndUseAtMostTenStatements()
    {
        var (client, userId) = await SignedInAsync();
        await SeedDemoAsync(userId, years: 1);
        var fewStatements = new Dictionary<string, int>();
        foreach (var url in Boards) fewStatements[url] = await StatementsForAsync(client, url);
        await SeedDemoAsync(userId, years: 6);

        foreach (var url in Boards)
        {
            var statements = await StatementsForAsync(client, url);
            Assert.True(statements <= 10, $"{url}: {statements} statements\n{string.Join("\n", app.Counter.Statements)}");
            Assert.True(statements == fewStatements[url], $"{url}: {statements} statements with years of data, {fewStatements[url]} with one year");
            var page = await client.GetPageAsync(url);
            Assert.All(page.QuerySelectorAll(".board-list"), list => Assert.True(list.QuerySelectorAll(".board-card").Length <= 20, url));
        }

        // The invoice columns: counts and totals are the database's, over every card of the column, not the 20 shown.
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var invoices = await app.WithDbAsync(db => db.Invoices.Select(i => new { i.Status, i.Currency, i.Total, i.IssueDate }).ToListAsync(), userId);
        var board = await client.GetPageAsync("/invoices");
        foreach (var status in new[] { InvoiceStatus.Draft, InvoiceStatus.Sent, InvoiceStatus.Overdue, InvoiceStatus.Paid })
        {
            var expected = invoices.Where(i => i.Status == status && (status != InvoiceStatus.Paid || i.IssueDate >= today.AddMonths(-3))).ToList();
            var column = Column(board, "status", status.ToString());
            Assert.Equal(expected.Count.ToString(CultureInfo.InvariantCulture), column.QuerySelector("[data-role=count]")!.TextContent.Trim());
            foreach (var currency in expected.GroupBy(i => i.Currency))
                Assert.Contains(Currency.Format(currency.Sum(i => i.Total), currency.Key), column.QuerySelector("[data-role=total]")!.TextContent);
        }

        var projects = await app.WithDbAsync(db => db.Projects.Select(p => new { p.Priority, p.Status }).ToListAsync(), userId);
        var projectBoard = await client.GetPageAsync("/projects");
        foreach (var priority in WorkLabels.Priorities)
            Assert.Equal(projects.Count(p => p.Priority == priority && p.Status != WorkStatus.Completed).ToString(CultureInfo.InvariantCulture),
                Column(projectBoard, "priority", priority.ToString()).QuerySelector("[data-role=count]")!.TextContent.Trim());
    }

    [Fact]
    public async Task ProjectsBoard_LeavesCompletedProjectsOff_WithALinkToThem()
    {
        var (client, userId) = await SignedInAsync();
        await SeedDemoAsync(userId, years: 3);
        var completed = await app.WithDbAsync(db => db.Projects.Where(p => p.Status == WorkStatus.Completed).Select(p => p.Id).ToListAsync(), userId);
        Assert.NotEmpty(completed);

        var board = await client.GetPageAsync("/projects");
        Assert.Empty(CardIds(board.QuerySelector("#projects-board")!).Intersect(completed));
        var link = board.QuerySelector("a[data-role=closed]")!;
        Assert.Contains($"{completed.Count} completed", link.TextContent);
        var list = await client.GetPageAsync(link.GetAttribute("href")!);
        Assert.Contains("Completed", list.Body!.TextContent);
    }

    [Fact]
    public async Task RefusedMove_Answers409WithTheReason_AndASavedMoveSaysSo()
    {
        var (client, userId) = await SignedInAsync();
        await SeedDemoAsync(userId, years: 1);
        var paid = await app.WithDbAsync(db => db.Invoices.Where(i => i.Status == InvoiceStatus.Paid).Select(i => i.Id).FirstAsync(), userId);
        var board = await client.GetPageAsync("/invoices");

        var refused = await client.HtmxPostAsync(board, "/invoices/sort", [new("status", "Draft"), new("ids", paid.ToString(CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var reason = Uri.UnescapeDataString(refused.Headers.GetValues("X-Message").Single());
        Assert.False(string.IsNullOrWhiteSpace(reason));
        Assert.Equal(reason, await refused.Content.ReadAsStringAsync());
        Assert.Equal(InvoiceStatus.Paid, await app.WithDbAsync(db => db.Invoices.Where(i => i.Id == paid).Select(i => i.Status).SingleAsync(), userId));

        // Without script, the same refusal lands in the red banner, not the green one.
        var page = await client.GetPageAsync("/invoices");
        var id = page.QuerySelector("section[data-status=Sent] form.card-move, section[data-status=Overdue] form.card-move")!.Id!;
        var response = await client.SubmitAsync(page, $"#{id}", new Dictionary<string, string> { ["status"] = "Draft" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await client.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.NotNull(after.QuerySelector(".alert-danger[data-role=error]"));
        Assert.Null(after.QuerySelector(".alert-success"));

        // A saved keyboard move answers with the two columns and a line to announce.
        var lead = await app.WithDbAsync(db => db.Clients.Where(c => c.Stage == ClientStage.Lead).Select(c => c.Id).FirstAsync(), userId);
        var moved = await client.HtmxPostAsync(board, $"/clients/move/{lead}", [new("stage", "Client")]);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Contains("moved to Client", moved.Headers.GetValues("HX-Trigger").Single());
        var columns = (await AppClient.ParseAsync(moved)).QuerySelectorAll("section.board-column").Select(c => c.GetAttribute("data-stage")!).ToList();
        Assert.Equal(["Lead", "Client"], columns);
    }

    [Fact]
    public async Task ProjectAndInvoiceDrops_AnswerWithTheChangedColumnsOnly_IncludingWhereAnIssuedDraftLands()
    {
        var (client, userId) = await SignedInAsync();
        await SeedDemoAsync(userId, years: 1);

        var project = await app.WithDbAsync(db => db.Projects.Where(p => p.Status != WorkStatus.Completed && p.Priority != Priority.High)
            .Select(p => new { p.Id, p.Priority }).FirstAsync(), userId);
        var projects = await client.GetPageAsync("/projects");
        var moved = await client.HtmxPostAsync(projects, "/projects/sort", [new("priority", "High"), new("ids", project.Id.ToString(CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var answer = await AppClient.ParseAsync(moved);
        Assert.Equal(new[] { "High", project.Priority.ToString() }.Order(), answer.QuerySelectorAll("section.board-column").Select(c => c.GetAttribute("data-priority")!).Order());
        Assert.All(answer.QuerySelectorAll("section.board-column"), c => Assert.Equal("true", c.GetAttribute("hx-swap-oob")));
        Assert.Contains(project.Id, CardIds(Column(answer, "priority", "High")));

        // A draft dated back past its due date (the account's first, so its date may be anything): dropped on Sent,
        // it is issued straight into Overdue, so that column changes too.
        var (fresh, freshUserId) = await SignedInAsync();
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var late = await InvoiceSteps.CreateClientAsync(fresh, "Late Ltd");
        var draft = AppClient.IdFromRedirect(await InvoiceSteps.PostDraftAsync(fresh, late, [("Work", "1", "100")],
            issueDate: today.AddDays(-40).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), dueDate: today.AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        var invoices = await fresh.GetPageAsync("/invoices");
        var issued = await fresh.HtmxPostAsync(invoices, "/invoices/sort", [new("status", "Sent"), new("ids", draft.ToString(CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var board = await AppClient.ParseAsync(issued);
        var columns = board.QuerySelectorAll("section.board-column");
        Assert.Equal(["Draft", "Overdue", "Sent"], columns.Select(c => c.GetAttribute("data-status")!).Order().ToList());
        Assert.All(columns, c => Assert.Equal("true", c.GetAttribute("hx-swap-oob")));
        Assert.Contains(draft, CardIds(Column(board, "status", "Overdue")));
        Assert.Equal(InvoiceStatus.Overdue, await app.WithDbAsync(db => db.Invoices.Where(i => i.Id == draft).Select(i => i.Status).SingleAsync(), freshUserId));
    }

    [Fact]
    public async Task IrreversibleActions_AskFirst_WithWhatWillHappen()
    {
        var (client, userId) = await SignedInAsync();
        await SeedDemoAsync(userId, years: 1);
        var draft = await app.WithDbAsync(db => db.Invoices.Where(i => i.Status == InvoiceStatus.Draft).Select(i => i.Id).FirstAsync(), userId);
        var sent = await app.WithDbAsync(db => db.Invoices.Where(i => i.Status == InvoiceStatus.Sent).Select(i => i.Id).FirstAsync(), userId);
        var clientId = await app.WithDbAsync(db => db.Clients.Select(c => c.Id).FirstAsync(), userId);

        var draftPage = await client.GetPageAsync($"/invoices/details/{draft}");
        Assert.Contains("next invoice number", draftPage.QuerySelector($"form[action='/invoices/issue/{draft}']")!.GetAttribute("data-confirm"));
        Assert.Contains("Delete", draftPage.QuerySelector($"form[action='/invoices/delete/{draft}']")!.GetAttribute("data-confirm"));
        var sentPage = await client.GetPageAsync($"/invoices/details/{sent}");
        Assert.Contains("Void", sentPage.QuerySelector($"form[action='/invoices/void/{sent}']")!.GetAttribute("data-confirm"));
        var clientPage = await client.GetPageAsync($"/clients/details/{clientId}");
        Assert.Contains("Archive", clientPage.QuerySelector($"form[action='/clients/archive/{clientId}']")!.GetAttribute("data-confirm"));

        var board = await client.GetPageAsync("/invoices");
        Assert.Contains("next invoice number", Column(board, "status", "Sent").QuerySelector(".board-list")!.GetAttribute("data-confirm-drop"));
        Assert.Contains("next invoice number", board.QuerySelector($"#move-{draft} button[value=Sent]")!.GetAttribute("data-confirm"));
        Assert.Empty(board.QuerySelectorAll("script:not([src])"));
    }
}

/// <summary>Closed work on the invoice board, with a clock of its own (it is moved on).</summary>
public sealed class InvoiceBoardClosedWorkTests(TestApp app) : IClassFixture<TestApp>
{
    private static IElement Column(IDocument board, string value) => board.QuerySelector($"section.board-column[data-status='{value}']")!;

    private static List<int> CardIds(IElement root) =>
        root.QuerySelectorAll(".board-card").Select(c => int.Parse(c.GetAttribute("data-id")!, CultureInfo.InvariantCulture)).ToList();

    [Fact]
    public async Task InvoiceBoard_HidesPaidInvoicesOlderThanAQuarter_UntilAskedFor()
    {
        var client = await app.SignedInClientAsync();
        var email = client.Email!;
        var userId = await InvoiceSteps.UserIdAsync(app, email);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(userId);
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(3, seed: 11);
        }
        // Half a year on, the invoices paid by then are older than a quarter (this class has its own clock).
        app.Clock.Set(app.Clock.GetUtcNow().AddDays(200));
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        client = app.NewClient(); // the sign-in of half a year ago has expired
        await client.LoginAsync(email);
        var paid = await app.WithDbAsync(db => db.Invoices.Where(i => i.Status == InvoiceStatus.Paid).Select(i => new { i.Id, i.IssueDate }).ToListAsync(), userId);
        var old = paid.Where(p => p.IssueDate < today.AddMonths(-3)).Select(p => p.Id).ToList();
        Assert.NotEmpty(old);

        var board = await client.GetPageAsync("/invoices");
        Assert.Empty(CardIds(Column(board, "Paid")).Intersect(old));
        var toggle = board.QuerySelector("a[data-role=closed]")!;
        Assert.Contains($"({old.Count})", toggle.TextContent);

        var all = await client.GetPageAsync(toggle.GetAttribute("href")!);
        var paidColumn = Column(all, "Paid");
        Assert.Equal(paid.Count.ToString(CultureInfo.InvariantCulture), paidColumn.QuerySelector("[data-role=count]")!.TextContent.Trim());
        Assert.Contains("Recent paid only", all.QuerySelector("a[data-role=closed]")!.TextContent);
    }

}
