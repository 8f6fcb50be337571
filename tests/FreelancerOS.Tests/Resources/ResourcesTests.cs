using System.Net;
using AngleSharp.Dom;
using FreelancerOS.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static FreelancerOS.Tests.Ledger.LedgerTestHelpers;

namespace FreelancerOS.Tests.Resources;

public sealed class ResourcesTests(TestApp app) : IClassFixture<TestApp>
{
    /// <summary>Posts the new-resource form; <paramref name="forged"/> lets values it does not offer through (a hand-made request).</summary>
    private static async Task<HttpResponseMessage> PostCreateAsync(AppClient client, Dictionary<string, string> values, bool forged = false) =>
        forged
            ? await client.SubmitForgedAsync(await client.GetPageAsync("/resources/create"), "#resource-form", values)
            : await client.SubmitAsync(await client.GetPageAsync("/resources/create"), "#resource-form", values);

    private static async Task<int> CreateAsync(AppClient client, string name, string body = "", string kind = "Checklist", string topic = "Taxes", string link = "") =>
        AppClient.IdFromRedirect(await PostCreateAsync(client, new() { ["Name"] = name, ["Kind"] = kind, ["Topic"] = topic, ["Link"] = link, ["Body"] = body }));

    private async Task<string> BodyAsync(AppClient client, int id)
    {
        var userId = await UserIdAsync(app, client);
        return await app.WithDbAsync(db => db.Resources.Where(r => r.Id == id).Select(r => r.Body).SingleAsync(), userId);
    }

    [Fact]
    public async Task Post_CreateEditDelete_ThroughTheForms()
    {
        var client = await app.SignedInClientAsync();
        var id = await CreateAsync(client, "Year-end taxes", "# Before 31 December\n\n- [ ] Send invoices", topic: "Taxes", link: "https://example.com/tax");

        var page = await client.GetPageAsync($"/resources/details/{id}");
        Assert.Equal("Year-end taxes", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Before 31 December", page.QuerySelector("#resource-body h1")!.TextContent.Trim());
        Assert.Equal("https://example.com/tax", page.QuerySelector("[data-role=link]")!.GetAttribute("href"));
        Assert.Equal("noopener noreferrer", page.QuerySelector("[data-role=link]")!.GetAttribute("rel"));

        var edit = await client.GetPageAsync($"/resources/edit/{id}");
        Assert.Equal("Year-end taxes", edit.QuerySelector("input[name=Name]")!.GetAttribute("value"));
        var saved = await client.SubmitAsync(edit, "#resource-form", new Dictionary<string, string> { ["Name"] = "Taxes 2026", ["Kind"] = "Guide", ["Topic"] = "Freelance admin" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var list = await client.GetPageAsync("/resources");
        var row = list.QuerySelector($"#resource-{id}")!;
        Assert.Contains("Taxes 2026", row.TextContent);
        Assert.Contains("Guide", row.TextContent);
        Assert.Contains("Freelance admin", row.TextContent);

        // The user's own topic is now offered next to the built-in ones.
        var form = await client.GetPageAsync("/resources/create");
        var topics = form.QuerySelectorAll("#resource-topics option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal(["Taxes", "Budgeting", "Investments", "Savings", "Freelance admin"], topics);

        // A stale edit form is refused, not silently applied.
        var stale = await client.SubmitAsync(edit, "#resource-form", new Dictionary<string, string> { ["Name"] = "Old tab" });
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("changed in another tab", (await AppClient.ParseAsync(stale)).QuerySelector(".validation-summary-errors")!.TextContent);

        var deleted = await client.SubmitAsync(await client.GetPageAsync($"/resources/delete/{id}"), "#delete-form");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/resources/details/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("Name", "", "Enter a name.")]
    [InlineData("Topic", "", "Enter a topic")]
    [InlineData("Link", "javascript:alert(1)", "https://")]
    [InlineData("Link", "ftp://example.com", "https://")]
    [InlineData("Link", "not a url", "https://")]
    [InlineData("Kind", "Poem", "not valid")]
    public async Task Post_BadInput_ShowsTheMessageBesideTheField_KeepsWhatWasTyped_AndSavesNothing(string field, string value, string message)
    {
        var client = await app.SignedInClientAsync();
        var values = new Dictionary<string, string> { ["Name"] = "Checklist", ["Topic"] = "Taxes", ["Body"] = "- [ ] kept text", [field] = value };
        // Some bad values (a kind the select does not offer) only come in a hand-made request.
        var response = await PostCreateAsync(client, values, forged: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Contains(message, AppClient.FieldError(page, field));
        Assert.Equal("- [ ] kept text", page.QuerySelector("textarea[name=Body]")!.TextContent.Trim());
        Assert.Equal(0, await app.WithDbAsync(db => db.Resources.CountAsync(), await UserIdAsync(app, client)));
    }

    [Fact]
    public async Task Post_TooDeeplyNestedBody_IsRefusedBesideTheField()
    {
        var client = await app.SignedInClientAsync();
        var response = await PostCreateAsync(client, new() { ["Name"] = "Deep", ["Topic"] = "Taxes", ["Body"] = string.Concat(Enumerable.Repeat("- ", 5_000)) + "x" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("nested too deeply", AppClient.FieldError(await AppClient.ParseAsync(response), "Body"));
    }

    [Fact]
    public async Task Post_TooLongBody_IsRefusedBesideTheField()
    {
        var client = await app.SignedInClientAsync();
        var response = await PostCreateAsync(client, new() { ["Name"] = "Long", ["Topic"] = "Taxes", ["Body"] = new string('a', 50_001) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("50,000", AppClient.FieldError(await AppClient.ParseAsync(response), "Body"));
    }

    [Fact]
    public async Task Get_BodyWithScriptImgOnerrorAndJavascriptLinks_RendersInert()
    {
        var client = await app.SignedInClientAsync();
        var id = await CreateAsync(client, "Hostile", "<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n[click me](javascript:alert(1)) and ![p](javascript:alert(2))\n\n<a href=\"javascript:alert(3)\">raw</a>\n\n[fine](https://example.com)");
        var page = await client.GetPageAsync($"/resources/details/{id}");
        var body = page.QuerySelector("#resource-body")!;
        Assert.Empty(body.QuerySelectorAll("script, img, iframe"));
        Assert.DoesNotContain(body.QuerySelectorAll("*"), e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(body.QuerySelectorAll("[href], [src]"), e => (e.GetAttribute("href") ?? e.GetAttribute("src"))!.Contains("javascript", StringComparison.OrdinalIgnoreCase));
        var link = Assert.Single(body.QuerySelectorAll("a"));
        Assert.Equal("https://example.com", link.GetAttribute("href"));
        Assert.Equal("noopener noreferrer", link.GetAttribute("rel"));
        Assert.Contains("<script>alert('x')</script>", body.TextContent); // shown as text, as typed
        Assert.Contains("click me", body.TextContent);
    }

    [Fact]
    public async Task Post_TickTheThirdOfFive_ChangesExactlyThatLineOfTheStoredMarkdown()
    {
        var client = await app.SignedInClientAsync();
        var lines = new[] { "# Month end", "", "- [ ] one", "- [x] two", "- [ ] three", "- [ ] four", "", "```", "- [ ] code, not a to-do", "```", "", "- [ ] five" };
        var id = await CreateAsync(client, "Month end", string.Join("\n", lines));
        // Browsers send a textarea's line breaks as CRLF, so that is what is stored.
        var stored = await BodyAsync(client, id);
        var eol = stored.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";

        var page = await client.GetPageAsync($"/resources/details/{id}");
        var forms = page.QuerySelectorAll("#resource-body form.task-tick");
        Assert.Equal(5, forms.Length);
        Assert.Equal("three", forms[2].QuerySelector("input[type=checkbox]")!.GetAttribute("aria-label"));
        var response = await client.SubmitAsync(page, "#task-form-2", new Dictionary<string, string> { ["done"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var after = (await BodyAsync(client, id)).Split(eol);
        var expected = lines.ToArray();
        expected[4] = "- [x] three";
        Assert.Equal(expected, after);

        var reloaded = await client.GetPageAsync($"/resources/details/{id}");
        Assert.True(reloaded.QuerySelector("#task-2")!.HasAttribute("checked"));
        Assert.Equal("2 of 5 to-dos done", reloaded.QuerySelector("[data-role=task-count]")!.TextContent.Trim());

        // Unticking the second (the checkbox is left empty) puts back its space, and only that.
        var untickForm = reloaded.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("#task-form-1")!;
        ((AngleSharp.Html.Dom.IHtmlInputElement)untickForm.QuerySelector("input[type=checkbox]")!).IsChecked = false;
        var untick = await client.Http.PostAsync(untickForm.Action, new FormUrlEncodedContent(AppClient.FormFields(untickForm)));
        Assert.Equal(HttpStatusCode.Redirect, untick.StatusCode);
        expected[3] = "- [ ] two";
        Assert.Equal(expected, (await BodyAsync(client, id)).Split(eol));
    }

    [Fact]
    public async Task Post_TickFromAStalePage_IsRefusedWithAMessage_AndChangesNothing()
    {
        var client = await app.SignedInClientAsync();
        var id = await CreateAsync(client, "Stale", "- [ ] a\n- [ ] b");
        var old = await client.GetPageAsync($"/resources/details/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(old, "#task-form-0", new Dictionary<string, string> { ["done"] = "true" })).StatusCode);
        var before = await BodyAsync(client, id);

        var refused = await client.SubmitAsync(old, "#task-form-1", new Dictionary<string, string> { ["done"] = "true" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("changed in another tab", (await AppClient.ParseAsync(refused)).QuerySelector("[data-role=tick-error]")!.TextContent);
        Assert.Equal(before, await BodyAsync(client, id));

        // Through htmx the refusal comes back as a message for the page's toast.
        var htmx = await client.HtmxPostAsync(old, $"/resources/tick/{id}", [new("index", "1"), new("done", "true"), new("version", "0")]);
        Assert.Equal(HttpStatusCode.Conflict, htmx.StatusCode);
        Assert.Contains("changed", Uri.UnescapeDataString(htmx.Headers.GetValues("X-Message").Single()));
    }

    [Fact]
    public async Task Post_TickThroughHtmx_ReturnsTheBodyWithTheNewVersion()
    {
        var client = await app.SignedInClientAsync();
        var id = await CreateAsync(client, "Htmx", "- [ ] a\n- [ ] b");
        var page = await client.GetPageAsync($"/resources/details/{id}");
        var version = page.QuerySelector("#resource-body input[name=version]")!.GetAttribute("value")!;
        var response = await client.HtmxPostAsync(page, $"/resources/tick/{id}", [new("index", "1"), new("done", "true"), new("version", version)]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fragment = await AppClient.ParseAsync(response);
        Assert.True(fragment.QuerySelector("#task-1")!.HasAttribute("checked"));
        Assert.NotEqual(version, fragment.QuerySelector("#resource-body input[name=version]")!.GetAttribute("value"));
        Assert.Equal("- [ ] a\n- [x] b", (await BodyAsync(client, id)).ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Post_TickOfAMissingTodo_IsRefusedWithAMessage()
    {
        var client = await app.SignedInClientAsync();
        var id = await CreateAsync(client, "One", "- [ ] a");
        var page = await client.GetPageAsync($"/resources/details/{id}");
        var response = await client.SubmitAsync(page, "#resource-body form.task-tick", new Dictionary<string, string> { ["index"] = "7", ["done"] = "true" });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("no longer in this resource", (await AppClient.ParseAsync(response)).QuerySelector("[data-role=tick-error]")!.TextContent);
    }

    [Fact]
    public async Task Get_FilterByKindAndTopic_AndSearchText()
    {
        var client = await app.SignedInClientAsync();
        var vat = await CreateAsync(client, "VAT return", "Quarterly **VAT** steps", kind: "Checklist", topic: "Taxes");
        var budget = await CreateAsync(client, "Monthly budget", "Envelope method", kind: "Strategy", topic: "Budgeting");
        var tip = await CreateAsync(client, "Index funds", "Buy and hold", kind: "Tip", topic: "Investments");

        string[] Ids(AngleSharp.Dom.IDocument d) => d.QuerySelectorAll("tbody tr[id]").Select(r => r.Id!).ToArray();
        Assert.Equal([$"resource-{tip}", $"resource-{budget}", $"resource-{vat}"], Ids(await client.GetPageAsync("/resources")));
        Assert.Equal([$"resource-{budget}"], Ids(await client.GetPageAsync("/resources?kind=Strategy")));
        Assert.Equal([$"resource-{vat}"], Ids(await client.GetPageAsync("/resources?topic=Taxes")));
        Assert.Equal([$"resource-{vat}"], Ids(await client.GetPageAsync("/resources?q=vat")));
        Assert.Equal([$"resource-{budget}"], Ids(await client.GetPageAsync("/resources?q=ENVELOPE")));
        Assert.Empty(Ids(await client.GetPageAsync("/resources?kind=Tip&topic=Taxes")));
        Assert.Empty(Ids(await client.GetPageAsync("/resources?q=%25")));
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/resources?kind=Nonsense&page=-3")).StatusCode);
    }

    [Fact]
    public async Task Get_List_IsPaged()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client);
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < 55; i++)
            {
                var r = new FreelancerOS.Web.Domain.Resource { Name = $"R{i:00}", Topic = "Savings" };
                db.Resources.Add(r);
            }
            return await db.SaveChangesAsync();
        }, userId);
        var first = await client.GetPageAsync("/resources");
        Assert.Equal(50, first.QuerySelectorAll("tbody tr[id]").Length);
        var second = await client.GetPageAsync("/resources?page=2");
        Assert.Equal(5, second.QuerySelectorAll("tbody tr[id]").Length);
    }

    [Fact]
    public async Task AnotherAccount_Gets404_OnEveryUrlOfAResource()
    {
        var owner = await app.SignedInClientAsync();
        var id = await CreateAsync(owner, "Private", "- [ ] secret");
        var other = await app.SignedInClientAsync();

        foreach (var url in new[] { $"/resources/details/{id}", $"/resources/edit/{id}", $"/resources/delete/{id}" })
            Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync(url)).StatusCode);
        var page = await other.GetPageAsync("/resources/create");
        var fields = AppClient.FormFields(page.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("#resource-form")!);
        fields.RemoveAll(f => f.Key is "Name" or "Topic");
        fields.Add(new("Name", "Hijack"));
        fields.Add(new("Topic", "x"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.PostAsync($"/resources/edit/{id}", new FormUrlEncodedContent(fields))).StatusCode);
        foreach (var url in new[] { $"/resources/delete/{id}", $"/resources/tick/{id}" })
            Assert.Equal(HttpStatusCode.NotFound, (await other.HtmxPostAsync(page, url, [new("index", "0"), new("done", "true"), new("version", "0")])).StatusCode);
        Assert.DoesNotContain("Private", (await other.GetPageAsync("/resources")).Body!.TextContent);
        Assert.Equal("- [ ] secret", await BodyAsync(owner, id));
    }
}
