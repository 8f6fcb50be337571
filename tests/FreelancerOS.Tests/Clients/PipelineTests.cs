using System.Net;
using AngleSharp.Dom;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Tests.Clients;

public sealed class PipelineTests(TestApp app) : IClassFixture<TestApp>
{
    private static async Task<int> CreateClientAsync(AppClient client, string name, string contractValue = "12000", string? stage = null)
    {
        var form = await client.GetPageAsync("/clients/create");
        var values = new Dictionary<string, string> { ["Name"] = name, ["Company"] = name + " Holding", ["ContractValue"] = contractValue };
        if (stage is not null) values["Stage"] = stage;
        var response = await client.SubmitAsync(form, "form[action='/clients/create']", values);
        return AppClient.IdFromRedirect(response);
    }

    private static IElement Column(IDocument board, string stage) =>
        board.QuerySelector($"section.board-column[data-stage='{stage}']")!;

    private static List<int> CardIds(IDocument board, string stage) =>
        Column(board, stage).QuerySelectorAll(".board-card").Select(c => int.Parse(c.GetAttribute("data-id")!)).ToList();

    [Fact]
    public async Task Post_CreateClient_AppearsUnderLead()
    {
        var client = await app.SignedInClientAsync();
        var id = await CreateClientAsync(client, "Acme Ltd", "12000");

        var board = await client.GetPageAsync("/clients");
        Assert.Equal([id], CardIds(board, "Lead"));
        var lead = Column(board, "Lead");
        Assert.Equal("1", lead.QuerySelector("[data-role=count]")!.TextContent.Trim());
        Assert.Contains("12,000.00 EUR", lead.QuerySelector("[data-role=total]")!.TextContent);
        var card = board.QuerySelector($"#client-{id}")!;
        Assert.Contains("Acme Ltd", card.TextContent);
        Assert.Contains("Acme Ltd Holding", card.TextContent);
        Assert.Contains("0.00 EUR · 0%", card.QuerySelector("[data-role=invoiced]")!.TextContent);
    }

    [Fact]
    public async Task Post_MoveCardToClientStage_PersistsStageAndOrder()
    {
        var client = await app.SignedInClientAsync();
        var a = await CreateClientAsync(client, "Alpha", "1000");
        var b = await CreateClientAsync(client, "Bravo", "2000");
        var c = await CreateClientAsync(client, "Charlie", "4000", stage: "Client");

        // The board's drop: the Client column posts its ids in the new order, Bravo dropped first.
        var board = await client.GetPageAsync("/clients");
        var response = await client.HtmxPostAsync(board, "/clients/sort",
            [new("stage", "Client"), new("ids", b.ToString()), new("ids", c.ToString())]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var swapped = await AppClient.ParseAsync(response);
        Assert.Equal([b, c], CardIds(swapped, "Client"));
        Assert.Contains("6,000.00 EUR", Column(swapped, "Client").QuerySelector("[data-role=total]")!.TextContent);

        var reloaded = await client.GetPageAsync("/clients");
        Assert.Equal([a], CardIds(reloaded, "Lead"));
        Assert.Equal([b, c], CardIds(reloaded, "Client"));
        Assert.Equal("2", Column(reloaded, "Client").QuerySelector("[data-role=count]")!.TextContent.Trim());
        Assert.Contains("1,000.00 EUR", Column(reloaded, "Lead").QuerySelector("[data-role=total]")!.TextContent);

        // Reorder within the column.
        await client.HtmxPostAsync(reloaded, "/clients/sort", [new("stage", "Client"), new("ids", $"{c},{b}")]);
        Assert.Equal([c, b], CardIds(await client.GetPageAsync("/clients"), "Client"));
    }

    [Fact]
    public async Task Post_MoveWithStageSelect_WorksWithoutScript()
    {
        var client = await app.SignedInClientAsync();
        var id = await CreateClientAsync(client, "Keyboard Co");
        var board = await client.GetPageAsync("/clients");
        var response = await client.SubmitAsync(board, $"#move-{id}", new Dictionary<string, string> { ["stage"] = "Negotiation" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal([id], CardIds(await client.GetPageAsync("/clients"), "Negotiation"));

        var details = await client.GetPageAsync($"/clients/details/{id}");
        var back = await client.SubmitAsync(details, $"form[action='/clients/move/{id}']", new Dictionary<string, string> { ["stage"] = "Client" });
        Assert.Equal($"/clients/details/{id}", back.Headers.Location!.OriginalString);
        Assert.Equal("Client", (await client.GetPageAsync($"/clients/details/{id}")).QuerySelector("[data-role=stage]")!.TextContent);
    }

    [Fact]
    public async Task Post_InvalidClientForm_ReturnsFieldErrorsAndSavesNothing()
    {
        var client = await app.SignedInClientAsync();
        var form = await client.GetPageAsync("/clients/create");
        var response = await client.SubmitAsync(form, "form[action='/clients/create']", new Dictionary<string, string>
        {
            ["Name"] = "", ["Email"] = "nope", ["Website"] = "not a url", ["ContractValue"] = "-5", ["Currency"] = "EURO",
            ["Company"] = "Kept Company",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.NotEmpty(AppClient.FieldError(page, "Name"));
        Assert.NotEmpty(AppClient.FieldError(page, "Email"));
        Assert.NotEmpty(AppClient.FieldError(page, "Website"));
        Assert.NotEmpty(AppClient.FieldError(page, "ContractValue"));
        Assert.NotEmpty(AppClient.FieldError(page, "Currency"));
        Assert.Equal("Kept Company", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=Company]")!.Value);

        var notNumber = await client.SubmitAsync(form, "form[action='/clients/create']", new Dictionary<string, string>
        {
            ["Name"] = "Text value", ["ContractValue"] = "twelve", ["DefaultHourlyRate"] = "99999999999999999999999999999999",
        });
        Assert.Equal(HttpStatusCode.OK, notNumber.StatusCode);
        var page2 = await AppClient.ParseAsync(notNumber);
        Assert.Equal("'twelve' is not valid here: check the number or date format.", AppClient.FieldError(page2, "ContractValue"));
        Assert.NotEmpty(AppClient.FieldError(page2, "DefaultHourlyRate"));

        Assert.Empty(CardIds(await client.GetPageAsync("/clients"), "Lead"));
    }

    [Fact]
    public async Task Post_EditClient_SavesEveryField_AndDetectsConflicts()
    {
        var client = await app.SignedInClientAsync();
        var id = await CreateClientAsync(client, "Edit Me");
        var tab1 = await client.GetPageAsync($"/clients/edit/{id}");
        var tab2 = await client.GetPageAsync($"/clients/edit/{id}");

        var saved = await client.SubmitAsync(tab1, $"form[action='/clients/edit/{id}']", new Dictionary<string, string>
        {
            ["Name"] = "Edited", ["Company"] = "Edited BV", ["ContactPerson"] = "Ann", ["Email"] = "ann@edited.example",
            ["Phone"] = "+31 6 1234 5678", ["Position"] = "CEO", ["Website"] = "edited.example", ["Currency"] = "usd",
            ["DefaultHourlyRate"] = "95.50", ["ContractValue"] = "3000", ["Notes"] = "Pays on time", ["Stage"] = "Negotiation",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await app.WithDbAsync(db => db.Clients.IgnoreQueryFilters().SingleAsync(c => c.Id == id));
        Assert.Equal(("Edited", "Edited BV", "Ann", "ann@edited.example", "https://edited.example", "USD", 95.50m, 3000m, ClientStage.Negotiation),
            (stored.Name, stored.Company, stored.ContactPerson, stored.Email, stored.Website, stored.Currency, stored.DefaultHourlyRate, stored.ContractValue, stored.Stage));

        var conflict = await client.SubmitAsync(tab2, $"form[action='/clients/edit/{id}']", new Dictionary<string, string> { ["Name"] = "Overwrite" });
        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        Assert.Contains("changed in another tab", await conflict.Content.ReadAsStringAsync());
        Assert.Equal("Edited", (await app.WithDbAsync(db => db.Clients.IgnoreQueryFilters().SingleAsync(c => c.Id == id))).Name);
    }

    [Fact]
    public async Task Post_ArchiveAndRestore_RemovesFromBoardAndBack()
    {
        var client = await app.SignedInClientAsync();
        var id = await CreateClientAsync(client, "Former", stage: "Negotiation");
        var details = await client.GetPageAsync($"/clients/details/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(details, $"form[action='/clients/archive/{id}']")).StatusCode);
        Assert.Empty(CardIds(await client.GetPageAsync("/clients"), "Negotiation"));
        var archived = await client.GetPageAsync("/clients/list?stage=Archived");
        Assert.Contains("Former", archived.QuerySelector("table")!.TextContent);

        details = await client.GetPageAsync($"/clients/details/{id}");
        await client.SubmitAsync(details, $"form[action='/clients/restore/{id}']");
        Assert.Equal([id], CardIds(await client.GetPageAsync("/clients"), "Negotiation"));
    }

    [Fact]
    public async Task AnotherAccountsClient_Is404_ForViewEditAndMove()
    {
        var owner = await app.SignedInClientAsync();
        var id = await CreateClientAsync(owner, "Private Ltd");
        var other = await app.SignedInClientAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/clients/details/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/clients/edit/{id}")).StatusCode);

        var board = await other.GetPageAsync("/clients");
        Assert.DoesNotContain("Private Ltd", board.Body!.TextContent);
        var token = board.QuerySelector("meta[name=csrf-token]")!.GetAttribute("content")!;
        Assert.Equal(HttpStatusCode.NotFound, (await other.HtmxPostAsync(board, "/clients/sort", [new("stage", "Client"), new("ids", id.ToString())])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.HtmxPostAsync(board, $"/clients/move/{id}", [new("stage", "Client")])).StatusCode);
        var edit = await other.Http.PostAsync($"/clients/edit/{id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Name"] = "Hijacked", ["Currency"] = "EUR", ["ContractValue"] = "1",
        }));
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        var archive = await other.Http.PostAsync($"/clients/archive/{id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, archive.StatusCode);

        var stored = await app.WithDbAsync(db => db.Clients.IgnoreQueryFilters().SingleAsync(c => c.Id == id));
        Assert.Equal(("Private Ltd", ClientStage.Lead), (stored.Name, stored.Stage));
    }

    [Fact]
    public async Task Post_SortWithGarbage_IsABadRequestNotAServerError()
    {
        var client = await app.SignedInClientAsync();
        var board = await client.GetPageAsync("/clients");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.HtmxPostAsync(board, "/clients/sort", [new("stage", "Nowhere"), new("ids", "1")])).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.HtmxPostAsync(board, "/clients/sort", [new("stage", "Archived"), new("ids", "1")])).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.HtmxPostAsync(board, "/clients/sort", [new("stage", "Lead"), new("ids", "x,y")])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.HtmxPostAsync(board, "/clients/sort", [new("stage", "Lead"), new("ids", "999999")])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/clients/details/abc")).StatusCode);
    }

    [Fact]
    public async Task Get_List_IsPagedAndSearchable()
    {
        var client = await app.SignedInClientAsync();
        for (var i = 0; i < 55; i++) await CreateClientAsync(client, $"Bulk {i:00}", "10");
        var first = await client.GetPageAsync("/clients/list");
        Assert.Equal(50, first.QuerySelectorAll("tbody tr").Length);
        Assert.Contains("55 in all", first.Body!.TextContent);
        var second = await client.GetPageAsync("/clients/list?page=2");
        Assert.Equal(5, second.QuerySelectorAll("tbody tr").Length);
        var search = await client.GetPageAsync("/clients/list?q=Bulk%2007");
        Assert.Single(search.QuerySelectorAll("tbody tr"));
    }
}
