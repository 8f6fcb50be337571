using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using FreelancerOS.Tests.Infrastructure;

namespace FreelancerOS.Tests.Invoices;

/// <summary>
/// The invoice list's client filter, as the project list's: the clients of the page's rows and the chosen one, every client
/// from the list's own address (asked by the page's script when the filter is about to be used), never another account's.
/// </summary>
public sealed class InvoiceListFilterTests(TestApp app) : IClassFixture<TestApp>
{
    private static List<string> FilterValues(IDocument page) =>
        page.QuerySelector<IHtmlSelectElement>("#clientId")!.Options.Select(o => o.Value).Where(v => v != "").ToList();

    [Fact]
    public async Task ClientFilter_ListsThePagesClients_TheChosenOne_AndEveryClientFromItsAddress()
    {
        var client = await app.SignedInClientAsync();
        var zulu = await InvoiceSteps.CreateClientAsync(client, "Zulu Invoiced");
        var alpha = await InvoiceSteps.CreateClientAsync(client, "Alpha Invoiced");
        var idle = await InvoiceSteps.CreateClientAsync(client, "Idle Uninvoiced");
        await InvoiceSteps.CreateDraftAsync(client, zulu, ("Zulu design", "1", "100"));
        await InvoiceSteps.CreateDraftAsync(client, alpha, ("Alpha design", "2", "50"));
        var intruder = await app.SignedInClientAsync();
        var foreign = await InvoiceSteps.CreateClientAsync(intruder, "Foreign Invoiced");

        var page = await client.GetPageAsync("/invoices/list");
        Assert.Equal([alpha.ToString(), zulu.ToString()], FilterValues(page));
        var url = page.QuerySelector<IHtmlSelectElement>("#clientId")!.GetAttribute("data-fill-url")!;
        Assert.NotNull(page.QuerySelector("script[src^='/js/filter-clients.js']"));

        var values = (await client.GetPageAsync(url)).QuerySelectorAll("option").Select(o => o.GetAttribute("value")!).ToList();
        Assert.Equal([alpha.ToString(), idle.ToString(), zulu.ToString()], values);
        Assert.Equal([foreign.ToString()], (await intruder.GetPageAsync(url)).QuerySelectorAll("option").Select(o => o.GetAttribute("value")!).ToList());

        // A client chosen with no invoice is listed and chosen; another account's client as the filter shows nothing of theirs.
        var byIdle = await client.GetPageAsync($"/invoices/list?clientId={idle}");
        Assert.Equal([idle.ToString()], FilterValues(byIdle));
        Assert.Equal(idle.ToString(), byIdle.QuerySelector<IHtmlSelectElement>("#clientId")!.Value);
        Assert.Contains("No invoices match.", byIdle.QuerySelector("tbody")!.TextContent);
        var byForeign = await client.GetPageAsync($"/invoices/list?clientId={foreign}");
        Assert.Empty(FilterValues(byForeign));
        Assert.DoesNotContain("Foreign Invoiced", byForeign.Body!.TextContent);
    }
}
