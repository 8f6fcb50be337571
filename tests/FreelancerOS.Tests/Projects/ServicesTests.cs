using System.Net;
using AngleSharp.Dom;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Tests.Projects;

public sealed class ServicesTests(TestApp app) : IClassFixture<TestApp>
{
    private static List<int> CardIds(IDocument board, string status) =>
        board.QuerySelector($"section.board-column[data-status='{status}']")!.QuerySelectorAll(".board-card")
            .Select(c => int.Parse(c.GetAttribute("data-id")!)).ToList();

    [Fact]
    public async Task Post_CreateService_SavesEveryField_AndShowsTotalValue()
    {
        var client = await app.SignedInClientAsync();
        var project = await Work.ProjectAsync(client, await Work.ClientAsync(client), "Site");
        var hourly = await Work.ServiceAsync(client, project, "Design", "Hourly", "95.50", "12");
        var flat = await Work.ServiceAsync(client, project, "Logo", "Flat", "1500", "1");

        var s = await app.WithDbAsync(db => db.Services.IgnoreQueryFilters().SingleAsync(x => x.Id == hourly));
        Assert.Equal(("Design", project, ServicePricing.Hourly, 95.50m, 12m, WorkStatus.NotStarted), (s.Name, s.ProjectId, s.Pricing, s.Rate, s.Quantity, s.Status));
        var board = await client.GetPageAsync("/services");
        Assert.Equal("1,146.00 EUR", board.QuerySelector($"#service-{hourly} [data-role=total]")!.TextContent);
        Assert.Equal("1,500.00 EUR", board.QuerySelector($"#service-{flat} [data-role=total]")!.TextContent);
        Assert.Equal([hourly, flat], CardIds(board, "NotStarted"));
    }

    [Fact]
    public async Task Post_MoveServiceOnStatusBoard_PersistsStatus()
    {
        var client = await app.SignedInClientAsync();
        var project = await Work.ProjectAsync(client, await Work.ClientAsync(client), "Site");
        var a = await Work.ServiceAsync(client, project, "A");
        var b = await Work.ServiceAsync(client, project, "B");

        var board = await client.GetPageAsync("/services");
        var response = await client.HtmxPostAsync(board, "/services/sort", [new("status", "InProgress"), new("ids", b.ToString())]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([b], CardIds(await AppClient.ParseAsync(response), "InProgress"));
        var reloaded = await client.GetPageAsync("/services");
        Assert.Equal([a], CardIds(reloaded, "NotStarted"));
        Assert.Equal([b], CardIds(reloaded, "InProgress"));

        var moved = await client.SubmitAsync(reloaded, $"#move-{a}", new Dictionary<string, string> { ["status"] = "Completed" });
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(WorkStatus.Completed, (await app.WithDbAsync(db => db.Services.IgnoreQueryFilters().SingleAsync(s => s.Id == a))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.HtmxPostAsync(board, "/services/sort", [new("status", "Done"), new("ids", a.ToString())])).StatusCode);
    }

    [Fact]
    public async Task Post_InvalidService_NegativeRate_ShowsErrorAndSavesNothing()
    {
        var client = await app.SignedInClientAsync();
        var project = await Work.ProjectAsync(client, await Work.ClientAsync(client), "Site");
        var form = await client.GetPageAsync($"/services/create?projectId={project}");
        var response = await client.SubmitAsync(form, "form[action='/services/create']", new Dictionary<string, string>
        {
            ["Name"] = "Bad", ["Rate"] = "-5", ["Quantity"] = "0",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Equal("The rate cannot be negative.", AppClient.FieldError(page, "Rate"));
        Assert.NotEmpty(AppClient.FieldError(page, "Quantity"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Services.IgnoreQueryFilters().CountAsync(s => s.ProjectId == project)));
    }

    [Fact]
    public async Task Service_OnAnInvoice_CannotBeEditedOrDeleted()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await Work.ClientAsync(client);
        var project = await Work.ProjectAsync(client, clientId, "Site");
        var id = await Work.ServiceAsync(client, project, "Logo", "Flat", "1500", "1");
        await FreelancerOS.Tests.Invoices.BillingSteps.BillAsync(client, clientId, $"#service-{id}");

        var edit = await client.GetPageAsync($"/services/edit/{id}");
        var response = await client.SubmitAsync(edit, $"form[action='/services/edit/{id}']", new Dictionary<string, string> { ["Rate"] = "1" });
        Assert.Contains("on an invoice", await response.Content.ReadAsStringAsync());
        await client.SubmitAsync(edit, $"form[action='/services/delete/{id}']");
        var stored = await app.WithDbAsync(db => db.Services.IgnoreQueryFilters().SingleAsync(s => s.Id == id));
        Assert.Equal(1500m, stored.Rate);
    }

    [Fact]
    public async Task Service_WhoseTimeIsOnAnInvoice_CannotBeDeleted()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await Work.ClientAsync(client);
        var project = await Work.ProjectAsync(client, clientId, "Site");
        var id = await Work.ServiceAsync(client, project, "Build", "Hourly", "100", "10");
        await Work.LogAsync(client, project, "2", serviceId: id);
        var entry = await app.WithDbAsync(db => db.TimeEntries.IgnoreQueryFilters().SingleAsync(t => t.ServiceId == id));
        await FreelancerOS.Tests.Invoices.BillingSteps.BillAsync(client, clientId, $"#time-entry-{entry.Id}");

        var edit = await client.GetPageAsync($"/services/edit/{id}");
        var refused = await client.SubmitAsync(edit, $"form[action='/services/delete/{id}']");
        Assert.Equal($"/services/edit/{id}", refused.Headers.Location!.OriginalString, ignoreCase: true);
        var page = await client.GetPageAsync(refused.Headers.Location!.OriginalString);
        Assert.Contains("This service or its time is on an invoice, so it cannot be deleted.", page.QuerySelector("[data-role=error]")!.TextContent);
        Assert.Equal(1, await app.WithDbAsync(db => db.Services.IgnoreQueryFilters().CountAsync(s => s.Id == id)));
    }

    /// <summary>A new service starts at the rate its time would get without it: HourlyRates, the rule time entries use.</summary>
    [Fact]
    public async Task NewServiceForm_StartsAtTheProjectsRate_ElseTheClients_ElseTheDefault()
    {
        var client = await app.SignedInClientAsync();
        var settings = await client.GetPageAsync("/settings");
        await client.SubmitAsync(settings, "form[action='/settings']", new Dictionary<string, string> { ["DefaultHourlyRate"] = "70" });
        var plain = await Work.ClientAsync(client, "Plain");
        var rated = await Work.ClientAsync(client, "Rated", rate: "90");

        async Task<string> PrefilledAsync(int projectId) =>
            (await client.GetPageAsync($"/services/create?projectId={projectId}")).QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=Rate]")!.Value;

        Assert.Equal("110.00", await PrefilledAsync(await Work.ProjectAsync(client, rated, "Own rate", rate: "110")));
        Assert.Equal("90.00", await PrefilledAsync(await Work.ProjectAsync(client, rated, "Client's rate")));
        Assert.Equal("70.00", await PrefilledAsync(await Work.ProjectAsync(client, plain, "Default rate")));
    }

    [Fact]
    public async Task Post_DeleteService_KeepsItsTimeOnTheProject()
    {
        var client = await app.SignedInClientAsync();
        var project = await Work.ProjectAsync(client, await Work.ClientAsync(client), "Site");
        var id = await Work.ServiceAsync(client, project, "Dropped", "Hourly", "120", "5");
        await Work.LogAsync(client, project, "2", serviceId: id);
        var edit = await client.GetPageAsync($"/services/edit/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(edit, $"form[action='/services/delete/{id}']")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/services/edit/{id}")).StatusCode);
        var entry = await app.WithDbAsync(db => db.TimeEntries.IgnoreQueryFilters().SingleAsync(t => t.ProjectId == project));
        Assert.Equal(((int?)null, 120m, 240m), (entry.ServiceId, entry.HourlyRate, entry.Amount));
    }

    [Fact]
    public async Task AnotherAccountsService_Is404()
    {
        var owner = await app.SignedInClientAsync();
        var project = await Work.ProjectAsync(owner, await Work.ClientAsync(owner), "Site");
        var id = await Work.ServiceAsync(owner, project, "Private");
        var other = await app.SignedInClientAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/services/edit/{id}")).StatusCode);
        var board = await other.GetPageAsync("/services");
        Assert.DoesNotContain("Private", board.Body!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await other.HtmxPostAsync(board, "/services/sort", [new("status", "Completed"), new("ids", id.ToString())])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.HtmxPostAsync(board, $"/services/move/{id}", [new("status", "Completed")])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.HtmxPostAsync(board, $"/services/delete/{id}", [])).StatusCode);
        // Nor can one be added to another account's project.
        var form = await other.GetPageAsync("/services/create");
        var create = await other.SubmitForgedAsync(form, "form[action='/services/create']", new Dictionary<string, string> { ["Name"] = "X", ["ProjectId"] = project.ToString(), ["Rate"] = "1" });
        Assert.Equal("Choose the project.", AppClient.FieldError(await AppClient.ParseAsync(create), "ProjectId"));
        Assert.Equal(WorkStatus.NotStarted, (await app.WithDbAsync(db => db.Services.IgnoreQueryFilters().SingleAsync(s => s.Id == id))).Status);
    }
}
