using System.Net;
using AngleSharp.Dom;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;
using static FreelancerOS.Tests.Ledger.LedgerTestHelpers;

namespace FreelancerOS.Tests.Goals;

/// <summary>The fake clock reads 2026-11-22: "this year" is 2026.</summary>
public sealed class GoalsTests(TestApp app) : IClassFixture<TestApp>
{
    /// <summary>Posts the new-goal form; <paramref name="forged"/> lets a value the form does not offer through (a hand-made request).</summary>
    private static async Task<HttpResponseMessage> PostCreateAsync(AppClient client, Dictionary<string, string> values, bool forged = false) =>
        forged
            ? await client.SubmitForgedAsync(await client.GetPageAsync("/goals/create"), "#goal-form", values)
            : await client.SubmitAsync(await client.GetPageAsync("/goals/create"), "#goal-form", values);

    private static async Task<int> CreateAsync(AppClient client, Dictionary<string, string> values)
    {
        var response = await PostCreateAsync(client, values);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return AppClient.IdFromRedirect(response);
    }

    private static string Progress(IDocument page) => Text(page, "[data-role=progress]") + " of " + Text(page, "[data-role=target]") + " " + Text(page, "[data-role=percent]");

    [Fact]
    public async Task Post_CreateEditDelete_ThroughTheForms_WithCompletion()
    {
        var client = await app.SignedInClientAsync();
        var id = await CreateAsync(client, new() { ["Name"] = "Run 10 km", ["Category"] = "Health", ["TargetValue"] = "10", ["Unit"] = "km", ["Progress"] = "3", ["TargetDate"] = "2027-03-01" });

        var page = await client.GetPageAsync($"/goals/details/{id}");
        Assert.Equal("Run 10 km", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("3 km of 10 km · 30%", Progress(page));
        Assert.Equal("30", page.QuerySelector("progress.goal-progress")!.GetAttribute("value"));
        Assert.Null(page.QuerySelector("[data-role=follows]"));

        var edit = await client.GetPageAsync($"/goals/edit/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(edit, "#goal-form", new Dictionary<string, string> { ["Progress"] = "12.5", ["Category"] = "Fitness" })).StatusCode);
        page = await client.GetPageAsync($"/goals/details/{id}");
        Assert.Equal("12.5 km of 10 km · 125% · exceeded", Progress(page));
        Assert.Equal("100", page.QuerySelector("progress.goal-progress")!.GetAttribute("value"));

        var list = await client.GetPageAsync("/goals");
        Assert.Contains("Fitness", list.QuerySelector($"#goal-{id}")!.TextContent);
        var categories = (await client.GetPageAsync("/goals/create")).QuerySelectorAll("#goal-categories option").Select(o => o.GetAttribute("value"));
        Assert.Equal(["Health", "Wealth", "Relationship", "Fitness"], categories);

        var stale = await client.SubmitAsync(edit, "#goal-form", new Dictionary<string, string> { ["Progress"] = "1" });
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("changed in another tab", (await AppClient.ParseAsync(stale)).QuerySelector(".validation-summary-errors")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(await client.GetPageAsync($"/goals/delete/{id}"), "#delete-form")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/goals/details/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("3", "10", "· 30%")]
    [InlineData("10", "10", "· 100% · reached")]
    [InlineData("15", "10", "· 150% · exceeded")]
    [InlineData("5", "0", "· no target")]
    public async Task Get_Completion_IsShownAsPercentReachedExceededOrNone(string progress, string target, string expected)
    {
        var client = await app.SignedInClientAsync();
        var id = await CreateAsync(client, new() { ["Name"] = "Books", ["Category"] = "Relationship", ["TargetValue"] = target, ["Progress"] = progress });
        Assert.Equal(expected, Text(await client.GetPageAsync($"/goals/details/{id}"), "[data-role=percent]"));
        Assert.Equal(expected, Text(await client.GetPageAsync("/goals"), $"#goal-{id} [data-role=percent]"));
    }

    [Theory]
    [InlineData("Name", "", "Enter a name.")]
    [InlineData("Category", "", "Enter a category")]
    [InlineData("TargetValue", "", "Enter the target")]
    [InlineData("TargetValue", "-1", "cannot be negative")]
    [InlineData("TargetValue", "ten", "not valid")]
    [InlineData("TargetValue", "99999999999999", "too large")]
    [InlineData("Progress", "-2", "cannot be negative")]
    [InlineData("Progress", "1.23456", "four decimals")]
    [InlineData("TargetDate", "31/02/2026", "not valid")]
    [InlineData("Tracking", "Lottery", "not valid")]
    [InlineData("TrackedClientId", "", "Choose the client")]
    [InlineData("TrackedPaymentModeId", "", "Choose the payment mode")]
    [InlineData("TrackedClientId", "999999", "Choose one of your clients")]
    public async Task Post_BadInput_ShowsTheMessageBesideTheField_KeepsWhatWasTyped_AndSavesNothing(string field, string value, string message)
    {
        var client = await app.SignedInClientAsync();
        var values = new Dictionary<string, string> { ["Name"] = "Save more", ["Category"] = "Wealth", ["TargetValue"] = "1000", ["Progress"] = "10", [field] = value };
        if (field == "TrackedClientId") values["Tracking"] = "ClientIncomeThisYear";
        if (field == "TrackedPaymentModeId") values["Tracking"] = "PaymentModeBalance";
        // Some bad values (a tracking kind or a client the selects do not offer) only come in a hand-made request.
        var response = await PostCreateAsync(client, values, forged: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Contains(message, AppClient.FieldError(page, field));
        if (field != "Name") Assert.Equal("Save more", page.QuerySelector("input[name=Name]")!.GetAttribute("value"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Goals.CountAsync(), await UserIdAsync(app, client)));
    }

    [Fact]
    public async Task LedgerTrackedGoals_ChangeWhenAnIncomeIsAdded_WithNoEditOfTheGoal()
    {
        var client = await app.SignedInClientAsync();
        await CreateEntryAsync(app, client, "income", "Last year's fee", "9000", "2025-12-20", mode: "Bank");
        var form = await client.GetPageAsync("/goals/create");
        var bank = form.QuerySelectorAll("select[name=TrackedPaymentModeId] option").First(o => o.TextContent.Trim() == "Bank").GetAttribute("value")!;

        var income = await CreateAsync(client, new() { ["Name"] = "Earn 50k", ["Category"] = "Wealth", ["TargetValue"] = "50000", ["Tracking"] = "IncomeThisYear" });
        var net = await CreateAsync(client, new() { ["Name"] = "Net 20k", ["Category"] = "Wealth", ["TargetValue"] = "20000", ["Tracking"] = "NetThisYear" });
        var saved = await CreateAsync(client, new() { ["Name"] = "Bank 10k", ["Category"] = "Wealth", ["TargetValue"] = "10000", ["Tracking"] = "PaymentModeBalance", ["TrackedPaymentModeId"] = bank });

        var page = await client.GetPageAsync($"/goals/details/{income}");
        Assert.Equal("0.00 EUR of 50,000.00 EUR · 0%", Progress(page));
        Assert.Contains("income in 2026", Text(page, "[data-role=follows]"));
        Assert.Equal("9,000.00 EUR of 10,000.00 EUR · 90%", Progress(await client.GetPageAsync($"/goals/details/{saved}")));
        Assert.Contains("balance of Bank", Text(await client.GetPageAsync($"/goals/details/{saved}"), "[data-role=follows]"));

        // Money in and out through the ledger's own form; the goals are not touched.
        await CreateEntryAsync(app, client, "income", "Website", "12500", "2026-11-10", mode: "Bank");
        await CreateEntryAsync(app, client, "income", "Open invoice", "2500", "2026-11-12");
        await CreateEntryAsync(app, client, "expense", "Laptop", "2000", "2026-11-15", mode: "Bank");

        Assert.Equal("15,000.00 EUR of 50,000.00 EUR · 30%", Progress(await client.GetPageAsync($"/goals/details/{income}")));
        Assert.Equal("13,000.00 EUR of 20,000.00 EUR · 65%", Progress(await client.GetPageAsync($"/goals/details/{net}")));
        Assert.Equal("19,500.00 EUR of 10,000.00 EUR · 195% · exceeded", Progress(await client.GetPageAsync($"/goals/details/{saved}")));

        var list = await client.GetPageAsync("/goals");
        Assert.Contains("30%", list.QuerySelector($"#goal-{income}")!.TextContent);
        Assert.Contains("65%", list.QuerySelector($"#goal-{net}")!.TextContent);
        Assert.Contains("exceeded", list.QuerySelector($"#goal-{saved}")!.TextContent);
        var userId = await UserIdAsync(app, client);
        Assert.All(await app.WithDbAsync(db => db.Goals.Select(g => g.Version).ToListAsync(), userId), v => Assert.Equal(0, v));
    }

    [Fact]
    public async Task ClientTrackedGoal_CountsThisYearsIncomeFromThatClientOnly()
    {
        var client = await app.SignedInClientAsync();
        var acme = AppClient.IdFromRedirect(await client.SubmitAsync(await client.GetPageAsync("/clients/create"), "form[action='/clients/create']", new Dictionary<string, string> { ["Name"] = "Acme" }));
        var other = AppClient.IdFromRedirect(await client.SubmitAsync(await client.GetPageAsync("/clients/create"), "form[action='/clients/create']", new Dictionary<string, string> { ["Name"] = "Other" }));
        var goal = await CreateAsync(client, new() { ["Name"] = "Acme 5k", ["Category"] = "Wealth", ["TargetValue"] = "5000", ["Tracking"] = "ClientIncomeThisYear", ["TrackedClientId"] = acme.ToString() });
        Assert.Contains("income from Acme in 2026", Text(await client.GetPageAsync($"/goals/details/{goal}"), "[data-role=follows]"));

        async Task IncomeAsync(int clientId, string amount, string date)
        {
            var page = await client.GetPageAsync("/ledger/create?kind=income");
            var response = await client.SubmitAsync(page, "#entry-form", new Dictionary<string, string> { ["Description"] = "Fee", ["Amount"] = amount, ["Date"] = date, ["ClientId"] = clientId.ToString() });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        await IncomeAsync(acme, "1000", "2026-02-01");
        await IncomeAsync(acme, "700", "2025-06-01");
        await IncomeAsync(other, "3000", "2026-03-01");
        Assert.Equal("1,000.00 EUR of 5,000.00 EUR · 20%", Progress(await client.GetPageAsync($"/goals/details/{goal}")));
    }

    [Fact]
    public async Task DeletingTheFollowedPaymentMode_KeepsTheGoal_AndSaysTheFigureIsGone()
    {
        var client = await app.SignedInClientAsync();
        var lists = await client.GetPageAsync("/ledger/lists");
        var form = await client.GetPageAsync("/goals/create");
        var cash = form.QuerySelectorAll("select[name=TrackedPaymentModeId] option").First(o => o.TextContent.Trim() == "Cash").GetAttribute("value")!;
        var goal = await CreateAsync(client, new() { ["Name"] = "Cash 1k", ["Category"] = "Wealth", ["TargetValue"] = "1000", ["Tracking"] = "PaymentModeBalance", ["TrackedPaymentModeId"] = cash });

        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(lists, $"#delete-mode-{cash}")).StatusCode);
        var page = await client.GetPageAsync($"/goals/details/{goal}");
        Assert.Contains("no longer exists", Text(page, "[data-role=follows]"));
        Assert.Equal("0.00 EUR of 1,000.00 EUR · 0%", Progress(page));
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/goals")).StatusCode);
    }

    [Fact]
    public async Task Dashboard_ShowsTheGoalsDueSoonest()
    {
        var client = await app.SignedInClientAsync();
        await CreateAsync(client, new() { ["Name"] = "Past goal", ["Category"] = "Health", ["TargetValue"] = "1", ["TargetDate"] = "2026-11-01" });
        await CreateAsync(client, new() { ["Name"] = "Later goal", ["Category"] = "Health", ["TargetValue"] = "10", ["Progress"] = "5", ["TargetDate"] = "2027-06-01" });
        await CreateAsync(client, new() { ["Name"] = "Soon goal", ["Category"] = "Health", ["TargetValue"] = "4", ["Progress"] = "1", ["TargetDate"] = "2026-12-01" });
        await CreateAsync(client, new() { ["Name"] = "Someday", ["Category"] = "Health", ["TargetValue"] = "4" });

        var dashboard = await client.GetPageAsync("/");
        var due = dashboard.QuerySelectorAll("[data-role=goal-due]");
        Assert.Equal(["Soon goal", "Later goal"], due.Select(d => d.QuerySelector("a")!.TextContent.Trim()));
        Assert.Contains("25%", due[0].TextContent);
    }

    [Fact]
    public async Task Get_SearchFilterAndPaging()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client);
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < 52; i++) db.Goals.Add(new Goal { Name = $"Goal {i:00}", Category = i == 7 ? "Reading" : "Health", TargetValue = 10 });
            return await db.SaveChangesAsync();
        }, userId);
        Assert.Equal(50, (await client.GetPageAsync("/goals")).QuerySelectorAll("tbody tr[id]").Length);
        Assert.Equal(2, (await client.GetPageAsync("/goals?page=2")).QuerySelectorAll("tbody tr[id]").Length);
        Assert.Equal("Goal 07", Text(await client.GetPageAsync("/goals?category=Reading"), "tbody tr[id] a"));
        Assert.Equal("Goal 07", Text(await client.GetPageAsync("/goals?q=READING"), "tbody tr[id] a"));
        Assert.Single((await client.GetPageAsync("/goals?q=goal 51")).QuerySelectorAll("tbody tr[id]"));
    }

    [Fact]
    public async Task AnotherAccount_Gets404_OnEveryUrlOfAGoal_AndCannotFollowAnotherAccountsClient()
    {
        var owner = await app.SignedInClientAsync();
        var acme = AppClient.IdFromRedirect(await owner.SubmitAsync(await owner.GetPageAsync("/clients/create"), "form[action='/clients/create']", new Dictionary<string, string> { ["Name"] = "Acme" }));
        var id = await CreateAsync(owner, new() { ["Name"] = "Private goal", ["Category"] = "Health", ["TargetValue"] = "10" });
        var other = await app.SignedInClientAsync();

        foreach (var url in new[] { $"/goals/details/{id}", $"/goals/edit/{id}", $"/goals/delete/{id}" })
            Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync(url)).StatusCode);
        var form = await other.GetPageAsync("/goals/create");
        var fields = AppClient.FormFields(form.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("#goal-form")!);
        fields.RemoveAll(f => f.Key is "Name" or "Category" or "TargetValue");
        fields.AddRange([new("Name", "Hijack"), new("Category", "x"), new("TargetValue", "1")]);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.PostAsync($"/goals/edit/{id}", new FormUrlEncodedContent(fields))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.HtmxPostAsync(form, $"/goals/delete/{id}", [])).StatusCode);
        Assert.DoesNotContain("Private goal", (await other.GetPageAsync("/goals")).Body!.TextContent);

        var refused = await PostCreateAsync(other, new() { ["Name"] = "Spy", ["Category"] = "Wealth", ["TargetValue"] = "1", ["Tracking"] = "ClientIncomeThisYear", ["TrackedClientId"] = acme.ToString() }, forged: true);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Choose one of your clients", AppClient.FieldError(await AppClient.ParseAsync(refused), "TrackedClientId"));
        Assert.Equal("Private goal", await app.WithDbAsync(db => db.Goals.Where(g => g.Id == id).Select(g => g.Name).SingleAsync(), await UserIdAsync(app, owner)));
    }
}
