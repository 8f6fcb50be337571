using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Domain;

namespace FreelancerOS.Tests.Projects;

/// <summary>
/// The project list's client filter holds the clients of the page's rows and the chosen one; every client comes from its
/// own address, which the page's script asks for when the filter is about to be used. The page does not grow with the
/// clients of a long-running business, and filtering by any client works as before.
/// </summary>
public sealed class ProjectListFilterTests(TestApp app) : IClassFixture<TestApp>
{
    private static List<string> FilterValues(IDocument page) =>
        page.QuerySelector<IHtmlSelectElement>("#clientId")!.Options.Select(o => o.Value).Where(v => v != "").ToList();

    [Fact]
    public async Task ClientFilter_ListsThePagesClients_TheChosenOne_AndEveryClientFromItsAddress()
    {
        var client = await app.SignedInClientAsync();
        var zulu = await Work.ClientAsync(client, "Zulu Filter");
        var alpha = await Work.ClientAsync(client, "Alpha Filter");
        var idle = await Work.ClientAsync(client, "Idle Filter");
        var archived = await Work.ClientAsync(client, "Archived Filter");
        await Work.ProjectAsync(client, zulu, "Zulu work");
        await Work.ProjectAsync(client, alpha, "Alpha work");
        var userId = await Invoices.InvoiceSteps.UserIdAsync(app, client.Email!);
        await app.WithDbAsync(async db =>
        {
            var c = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Clients, c => c.Id == archived);
            c.MoveTo(ClientStage.Archived, 1);
            return await db.SaveChangesAsync();
        }, userId);
        var intruder = await app.SignedInClientAsync();
        var foreign = await Work.ClientAsync(intruder, "Foreign Filter");

        var page = await client.GetPageAsync("/projects/list");
        Assert.Equal([alpha.ToString(), zulu.ToString()], FilterValues(page));
        var select = page.QuerySelector<IHtmlSelectElement>("#clientId")!;
        Assert.DoesNotContain(select.Options, o => o.IsSelected && o.Value != "");

        // Every client that is not archived, in name order, from the address the filter names; never another account's.
        var url = select.GetAttribute("data-fill-url")!;
        var all = await client.GetPageAsync(url);
        var values = all.QuerySelectorAll("option").Select(o => o.GetAttribute("value")!).ToList();
        Assert.Equal([alpha.ToString(), idle.ToString(), zulu.ToString()], values);
        Assert.DoesNotContain(foreign.ToString(), values);
        Assert.Equal([foreign.ToString()], (await intruder.GetPageAsync(url)).QuerySelectorAll("option").Select(o => o.GetAttribute("value")!).ToList());

        // A client chosen with no project is listed and chosen; filtering by a client still shows only their projects.
        var byIdle = await client.GetPageAsync($"/projects/list?clientId={idle}");
        Assert.Equal([idle.ToString()], FilterValues(byIdle));
        Assert.Equal(idle.ToString(), byIdle.QuerySelector<IHtmlSelectElement>("#clientId")!.Value);
        Assert.Equal("No projects match.", byIdle.QuerySelector("tbody td")!.TextContent);
        var byZulu = await client.GetPageAsync($"/projects/list?clientId={zulu}");
        Assert.Equal([zulu.ToString()], FilterValues(byZulu));
        Assert.Equal(["Zulu work"], byZulu.QuerySelectorAll("tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList());

        // Another account's client as the filter: nothing of theirs, not even their name.
        var byForeign = await client.GetPageAsync($"/projects/list?clientId={foreign}");
        Assert.Empty(FilterValues(byForeign));
        Assert.DoesNotContain("Foreign Filter", byForeign.Body!.TextContent);
    }
}
