using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Domain;
using static FreelancerOS.Tests.Invoices.InvoiceSteps;
using static FreelancerOS.Tests.Workflow.WorkflowSteps;

namespace FreelancerOS.Tests.Workflow;

/// <summary>
/// The grid's option lists are rendered once per page (one template per kind; the long ones from their own address, asked
/// once the page is shown) and each row's selects carry only their current choice, so the page's options grow with the
/// short lists plus the rows, not with rows times lists.
/// </summary>
public sealed class WorkflowSharedListsTests(TestApp app) : IClassFixture<TestApp>
{
    private static readonly string[] Cells = ["invoice", "client", "project", "service", "mode"];

    [Fact]
    public async Task PageRows_CarryOnlyTheirCurrentChoice_EachListOnce_MarkedForTheRowsRules()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client.Email!);
        var alpha = await CreateClientAsync(client, "Lists Alpha");
        var beta = await CreateClientAsync(client, "Lists Beta");
        var projects = new List<int>();
        for (var k = 0; k < 4; k++) projects.Add(await CreateProjectAsync(app, userId, k % 2 == 0 ? alpha : beta, $"Lists project {k}"));
        var service = await app.WithDbAsync(async db =>
        {
            var s = new Service { Name = "Lists service", ProjectId = projects[0] };
            db.Services.Add(s);
            await db.SaveChangesAsync();
            return s.Id;
        }, userId);
        var alphaDraft = await CreateDraftAsync(client, alpha, ("Work", "1", "100"));
        var betaDraft = await CreateDraftAsync(client, beta, ("Work", "1", "100"));
        var incomes = new List<int>();
        for (var k = 0; k < 8; k++) incomes.Add(await CreateIncomeAsync(app, client, userId, $"Lists income {k}", 10m + k, mode: k % 2 == 0 ? "Bank" : null));
        for (var k = 0; k < 6; k++) await SetCellAsync(client, incomes[k], "client", (k % 2 == 0 ? alpha : beta).ToString());
        await SetCellAsync(client, incomes[0], "project", projects[0].ToString());
        await SetCellAsync(client, incomes[0], "service", service.ToString());
        await SetCellAsync(client, incomes[2], "invoice", alphaDraft.ToString());

        var page = await client.GetPageAsync("/workflow");
        var rows = page.QuerySelectorAll("[data-role=workflow-row]");
        Assert.Equal(8, rows.Length);
        foreach (var row in rows)
            foreach (var cell in Cells)
            {
                var select = row.QuerySelector<IHtmlSelectElement>($"select[data-role={cell}]")!;
                Assert.True(select.Options.Length <= 2, $"{row.Id} {cell}: {select.Options.Length} options");
                Assert.Equal($"wf-{row.Id!["row-".Length..]}", select.GetAttribute("form"));
                Assert.StartsWith("workflow-", select.GetAttribute("data-options"));
            }
        var first = page.QuerySelector($"#row-{incomes[0]}")!;
        Assert.Equal(projects[0].ToString(), first.QuerySelector<IHtmlSelectElement>("select[data-role=project]")!.Value);
        Assert.Equal(service.ToString(), first.QuerySelector<IHtmlSelectElement>("select[data-role=service]")!.Value);
        Assert.Equal(alphaDraft.ToString(), page.QuerySelector<IHtmlSelectElement>($"#invoice-{incomes[2]}")!.Value);
        Assert.Single(page.QuerySelectorAll("form[id^=wf-]"), f => f.GetAttribute("id") == $"wf-{incomes[0]}");

        // Each list once, its options marked with what a row is matched on (a row without a client may pick any project):
        // the short one on the page, the long ones (every client among them) from the page's lists address, which the page
        // itself does not hold.
        var lists = new Dictionary<string, IHtmlCollection<IElement>>();
        var longLists = await LongListsAsync(client, page);
        foreach (var kind in new[] { "clients", "invoices", "projects", "services", "modes" })
        {
            var holder = kind is "modes" ? page : longLists;
            Assert.Single(holder.QuerySelectorAll($"template#workflow-{kind}"));
            Assert.Empty((kind is "modes" ? longLists : page).QuerySelectorAll($"template#workflow-{kind}"));
            lists[kind] = holder.QuerySelector<IHtmlTemplateElement>($"template#workflow-{kind}")!.Content.QuerySelectorAll("option");
        }
        Assert.Equal(projects.Select(p => p.ToString()).Order(), lists["projects"].Select(o => o.GetAttribute("value")!).Order());
        Assert.Equal(beta.ToString(), lists["projects"].Single(o => o.GetAttribute("value") == projects[1].ToString()).GetAttribute("data-client"));
        var betaInvoice = lists["invoices"].Single(o => o.GetAttribute("value") == betaDraft.ToString());
        Assert.Equal((beta.ToString(), "EUR"), (betaInvoice.GetAttribute("data-client"), betaInvoice.GetAttribute("data-currency")));
        var serviceOption = Assert.Single(lists["services"]);
        Assert.Equal((projects[0].ToString(), alpha.ToString()), (serviceOption.GetAttribute("data-project"), serviceOption.GetAttribute("data-client")));
        Assert.Contains(lists["modes"], o => o.TextContent == "Bank");
        Assert.Equal(new[] { alpha, beta }.Select(c => c.ToString()).Order(), lists["clients"].Select(o => o.GetAttribute("value")!).Order());

        // Every option of the page: the lists once, at most two per cell, and the filter's own.
        var inLists = lists.Values.Sum(l => l.Length);
        var filterOptions = page.QuerySelectorAll("#workflow-filter option").Length;
        Assert.True(page.QuerySelectorAll("option").Length <= filterOptions + rows.Length * Cells.Length * 2,
            $"{page.QuerySelectorAll("option").Length} options outside the {inLists} of the shared lists");
        Assert.Equal(filterOptions + rows.Sum(r => r.QuerySelectorAll("option").Length), page.QuerySelectorAll("option").Length);
    }

    [Fact]
    public async Task HtmxRow_IsLightWhenThePagesListsHoldItsChoices_OtherwiseListsThemInFull()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client.Email!);
        var onPage = await CreateClientAsync(client, "Scope On Page");
        var elsewhere = await CreateClientAsync(client, "Scope Elsewhere");
        var elsewhereProject = await CreateProjectAsync(app, userId, elsewhere, "Elsewhere project");
        await CreateProjectAsync(app, userId, onPage, "On page project");
        var incomeId = await CreateIncomeAsync(app, client, userId, "Scope income", 42m);
        await SetCellAsync(client, incomeId, "client", onPage.ToString());

        // The page lists the projects of its rows' clients only; a change that keeps the row's client comes back light.
        var page = await client.GetPageAsync("/workflow");
        Assert.DoesNotContain((await LongListsAsync(client, page)).QuerySelector<IHtmlTemplateElement>("template#workflow-projects")!.Content.QuerySelectorAll("option"),
            o => o.GetAttribute("value") == elsewhereProject.ToString());
        var light = await AppClient.ParseAsync(await SetCellAsync(client, page, incomeId, "mode", ModeId(page, "Bank"), sendListsScope: true));
        foreach (var cell in Cells)
        {
            var select = light.QuerySelector<IHtmlSelectElement>($"#{cell}-{incomeId}")!;
            Assert.True(select.Options.Length <= 2, $"{cell}: {select.Options.Length} options");
            Assert.NotNull(select.GetAttribute("data-options"));
        }

        // Moved to a client the page's lists do not hold: the row brings that client's projects itself.
        page = await client.GetPageAsync("/workflow");
        var moved = await AppClient.ParseAsync(await SetCellAsync(client, page, incomeId, "client", elsewhere.ToString(), sendListsScope: true));
        var projectSelect = moved.QuerySelector<IHtmlSelectElement>($"#project-{incomeId}")!;
        Assert.Null(projectSelect.GetAttribute("data-options"));
        Assert.Contains(projectSelect.Options, o => o.Value == elsewhereProject.ToString());
        Assert.Equal("", await RowMessageAsync(await SetCellAsync(client, incomeId, "project", elsewhereProject.ToString())));
        Assert.Equal(elsewhereProject, (await IncomeAsync(app, userId, incomeId)).ProjectId);
    }

    [Fact]
    public async Task Lists_OfAScope_HoldOnlyThoseClientsWork_AnyScopeTextIsHarmless_AndAnotherAccountsWorkIsNeverListed()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client.Email!);
        var mine = await CreateClientAsync(client, "Scoped Mine");
        var other = await CreateClientAsync(client, "Scoped Other");
        var mineProject = await CreateProjectAsync(app, userId, mine, "Scoped mine project");
        var otherProject = await CreateProjectAsync(app, userId, other, "Scoped other project");
        var intruder = await app.SignedInClientAsync();
        var intruderId = await UserIdAsync(app, intruder.Email!);
        var foreignProject = await CreateProjectAsync(app, intruderId, await CreateClientAsync(intruder, "Scoped Foreign"), "Scoped foreign project");

        async Task<List<string>> ProjectsAsync(string scope) =>
            (await client.GetPageAsync("/workflow/lists?scope=" + Uri.EscapeDataString(scope)))
            .QuerySelector<IHtmlTemplateElement>("template#workflow-projects")!.Content.QuerySelectorAll("option").Select(o => o.GetAttribute("value")!).ToList();

        Assert.Equal([mineProject.ToString()], await ProjectsAsync(mine.ToString()));
        Assert.Equal(new[] { mineProject, otherProject }.Select(p => p.ToString()).Order(), (await ProjectsAsync($"{other} {mine}")).Order());
        var all = await ProjectsAsync("all");
        Assert.Contains(otherProject.ToString(), all);
        Assert.DoesNotContain(foreignProject.ToString(), all);
        foreach (var scope in new[] { "", "x", "-1 0", "99999999999999", "all all", $"{mine},{other}", new string('9', 3000) })
            Assert.DoesNotContain(foreignProject.ToString(), await ProjectsAsync(scope));
    }

    /// <summary>The long lists, from the address the grid's script asks (data-lists-url on the grid).</summary>
    internal static Task<IDocument> LongListsAsync(AppClient client, IDocument page) =>
        client.GetPageAsync(page.QuerySelector("#workflow-grid")!.GetAttribute("data-lists-url")!);
}
