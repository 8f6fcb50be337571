using System.Net;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Tests.Projects;

namespace FreelancerOS.Tests.DailyUse;

public sealed class ListsAndFormatsTests(TestApp app) : IClassFixture<TestApp>
{
    private static List<string> Column(AngleSharp.Dom.IDocument page, int index) =>
        page.QuerySelectorAll("main table tbody tr").Select(r => r.QuerySelectorAll("td,th")[index].TextContent.Trim()).ToList();

    [Fact]
    public async Task ClientsList_SortsByAClickedHeader_BothWays_KeepingFilterAndSizeInThePager()
    {
        var client = await app.SignedInClientAsync();
        foreach (var name in new[] { "Bravo", "Alpha", "Charlie" }) await Work.ClientAsync(client, name);

        var list = await client.GetPageAsync("/clients/list");
        Assert.Equal(["Alpha", "Bravo", "Charlie"], Column(list, 0));
        var asc = await client.GetPageAsync(list.QuerySelector("th > a[data-sort=name]")!.GetAttribute("href")!);
        Assert.Equal("ascending", asc.QuerySelector("th[aria-sort]")!.GetAttribute("aria-sort"));
        Assert.Equal(["Alpha", "Bravo", "Charlie"], Column(asc, 0));
        var desc = await client.GetPageAsync(asc.QuerySelector("th > a[data-sort=name]")!.GetAttribute("href")!);
        Assert.Equal("descending", desc.QuerySelector("th[aria-sort]")!.GetAttribute("aria-sort"));
        Assert.Equal(["Charlie", "Bravo", "Alpha"], Column(desc, 0));
        var byStage = await client.GetPageAsync(desc.QuerySelector("th > a[data-sort=stage]")!.GetAttribute("href")!);
        Assert.Equal("ascending", byStage.QuerySelector("th > a[data-sort=stage]")!.ParentElement!.GetAttribute("aria-sort"));

        // Many clients: the page size applies and the pager keeps sort and size.
        for (var i = 0; i < 26; i++) await Work.ClientAsync(client, $"Zulu {i:00}");
        var page = await client.GetPageAsync("/clients/list?sort=name&dir=desc&size=25");
        Assert.Equal(25, page.QuerySelectorAll("main table tbody tr").Length);
        var next = page.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        Assert.Contains("sort=name", next);
        Assert.Contains("dir=desc", next);
        Assert.Contains("size=25", next);
        var second = await client.GetPageAsync("/clients/list" + next);
        Assert.Equal(["Charlie", "Bravo", "Alpha"], Column(second, 0).TakeLast(3).ToList());
        Assert.Equal("25", page.QuerySelector("[data-role=page-size] option[selected]")!.GetAttribute("value"));
        Assert.Equal("name", page.QuerySelector("[data-role=page-size] input[name=sort]")!.GetAttribute("value"));
        Assert.Equal("name", page.QuerySelector("form[role=search] input[name=sort]")!.GetAttribute("value"));
    }

    [Theory]
    [InlineData("/clients/list")]
    [InlineData("/projects/list")]
    [InlineData("/invoices/list")]
    [InlineData("/ledger")]
    [InlineData("/contacts")]
    public async Task Lists_BadSortOrSize_FallBackToTheDefault(string url)
    {
        var client = await app.SignedInClientAsync();
        foreach (var query in new[] { "?sort=Id;DROP TABLE Clients&dir=sideways", "?sort=name&dir=desc&size=7", "?size=-1&page=-3", "?size=99999999999", "?sort=&dir=" })
        {
            var response = await client.Http.GetAsync(url + query);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}{query}: {response.StatusCode}");
        }
        var sorted = await client.GetPageAsync(url + "?size=100");
        Assert.NotEmpty(sorted.QuerySelectorAll("th > a.sort-link"));
    }

    [Theory]
    [InlineData("/projects/list", "client")]
    [InlineData("/invoices/list", "due")]
    [InlineData("/ledger", "home")]
    [InlineData("/contacts", "company")]
    public async Task Lists_EachSortableColumn_Answers(string url, string column)
    {
        var client = await app.SignedInClientAsync();
        var clientId = await Work.ClientAsync(client, "Sorted");
        await Work.ProjectAsync(client, clientId, "P");
        foreach (var dir in new[] { "asc", "desc" })
        {
            var page = await client.GetPageAsync($"{url}?sort={column}&dir={dir}");
            Assert.Equal(dir == "asc" ? "ascending" : "descending", page.QuerySelector($"th > a[data-sort={column}]")!.ParentElement!.GetAttribute("aria-sort"));
        }
    }

    [Fact]
    public async Task DatesAndAmounts_UseTheAccountsFormat_AndTheCurrencysDecimals()
    {
        var client = await app.SignedInClientAsync();
        var eur = await Work.ClientAsync(client, "Euro client", rate: "90");
        var jpy = await Work.ClientAsync(client, "Yen client", rate: "1500", currency: "JPY");

        var eurForm = await client.GetPageAsync($"/clients/edit/{eur}");
        Assert.Equal("90.00", eurForm.QuerySelector("input[name=DefaultHourlyRate]")!.GetAttribute("value"));
        Assert.Equal("10000.00", eurForm.QuerySelector("input[name=ContractValue]")!.GetAttribute("value"));
        var jpyForm = await client.GetPageAsync($"/clients/edit/{jpy}");
        Assert.Equal("1500", jpyForm.QuerySelector("input[name=DefaultHourlyRate]")!.GetAttribute("value"));

        var project = await Work.ProjectAsync(client, eur, "Dated", rate: "90.5");
        var projectForm = await client.GetPageAsync($"/projects/edit/{project}");
        Assert.Equal("90.50", projectForm.QuerySelector("input[name=HourlyRate]")!.GetAttribute("value"));

        // A German account sees German numbers in the form and German dates on the pages.
        var settings = await client.GetPageAsync("/settings");
        await client.SubmitAsync(settings, "form[action='/settings']", new Dictionary<string, string> { ["Culture"] = "de-DE", ["DefaultHourlyRate"] = "75.5" });
        settings = await client.GetPageAsync("/settings");
        Assert.Equal("75,50", settings.QuerySelector("input[name=DefaultHourlyRate]")!.GetAttribute("value"));
        await Work.LogAsync(client, project, "2", date: "2026-11-20");
        var week = await client.GetPageAsync("/time?week=2026-11-16");
        Assert.Contains("16.11.2026", week.QuerySelector("[data-role=week]")!.TextContent);
    }
}
