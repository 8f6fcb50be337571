using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Workflow;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static FreelancerOS.Tests.Invoices.InvoiceSteps;
using static FreelancerOS.Tests.Workflow.WorkflowSteps;

namespace FreelancerOS.Tests.Workflow;

/// <summary>The grid's totals read from the kept monthly totals, and its client select filled from one list per page.</summary>
public sealed class WorkflowTotalsTests(TestApp app) : IClassFixture<TestApp>
{
    private static readonly string[] Filters =
    [
        "", "period=month", "period=lastmonth", "period=year", "received=yes", "received=no", "period=year&received=no",
        "period=custom&from=2026-01-15&to=2026-10-20", "period=custom&from=2025-12-01&to=2026-10-31",
        "period=custom&from=2026-10-02&to=2026-10-30", "period=custom&from=0001-01-01&to=9999-12-31", "period=lastmonth&received=yes",
        "q=dollars", "unlinked=true",
    ];

    [Fact]
    public async Task TotalsFromKeptMonths_EqualSummingEveryIncome_ForEachPeriodAndReceivedFilter_AlsoAfterChanges()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client.Email!);
        await CreateIncomeAsync(app, client, userId, "Kept this month", 120.25m, date: "2026-11-05");
        var moved = await CreateIncomeAsync(app, client, userId, "Kept last month", 80m, date: "2026-10-15", mode: "Bank");
        await CreateIncomeAsync(app, client, userId, "Kept month end", 45.5m, date: "2026-10-31");
        await CreateIncomeAsync(app, client, userId, "Kept march", 300m, date: "2026-03-01", mode: "Bank");
        await CreateIncomeAsync(app, client, userId, "Kept last year", 99.99m, date: "2025-12-31", mode: "Bank");
        var dollars = await CreateIncomeAsync(app, client, userId, "Kept dollars", 20m, date: "2026-11-10", currency: "USD", rate: "0.9");
        await CreateIncomeAsync(app, client, userId, "Kept old dollars", 33.33m, date: "2026-01-20", currency: "USD", rate: "0.95", mode: "Bank");
        await AssertKeptEqualsFullAsync(userId);

        var page = await client.GetPageAsync("/workflow");
        Assert.Equal("645.74 EUR", page.QuerySelector("[data-role=total][data-currency=EUR] strong")!.TextContent.Trim());
        Assert.Equal("53.33 USD", page.QuerySelector("[data-role=total][data-currency=USD] strong")!.TextContent.Trim());

        // One income received, another back to not received: the kept totals follow.
        await SetCellAsync(client, dollars, "mode", ModeId(page, "Bank"));
        await SetCellAsync(client, moved, "mode", "");
        await AssertKeptEqualsFullAsync(userId);
    }

    private async Task AssertKeptEqualsFullAsync(string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(userId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var category = await scope.ServiceProvider.GetRequiredService<WorkflowGrid>().ClientCategoryAsync();
        var settings = await scope.ServiceProvider.GetRequiredService<CurrentAccount>().SettingsAsync();
        var today = settings.Today(app.Clock);
        foreach (var query in Filters)
        {
            var filter = WorkflowFilter.FromQuery(new Microsoft.AspNetCore.Http.QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)));
            var filtered = filter.Apply(db.Incomes.AsNoTracking(), category, today);
            var kept = await WorkflowTotals.ForFilterAsync(db, filter, filtered, t => t.CategoryId == category, today, settings.HomeCurrency, default);
            var full = await WorkflowTotals.FromIncomesAsync(filtered, settings.HomeCurrency, default);
            Assert.True(full.SequenceEqual(kept), $"{query}: kept {string.Join("; ", kept)} but every income sums to {string.Join("; ", full)}");
            // The page's own path: the kept months read by the compiled query, the client category as its subquery.
            var compiled = await WorkflowTotals.ForFilterAsync(db, filter, filtered, today, settings.HomeCurrency, default);
            Assert.True(full.SequenceEqual(compiled), $"{query}: the compiled query keeps {string.Join("; ", compiled)} but every income sums to {string.Join("; ", full)}");
        }
    }

    [Fact]
    public async Task ArchivedClients_AreListed_OnlyWhenARowOfThePageHasOne_InNameOrder()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client.Email!);
        var kept = await CreateClientAsync(client, "Archive B Kept");
        var archivedOnPage = await CreateClientAsync(client, "Archive C On Page");
        var archivedElsewhere = await CreateClientAsync(client, "Archive A Elsewhere");
        var incomeId = await CreateIncomeAsync(app, client, userId, "Archived client income", 10m);
        await SetCellAsync(client, incomeId, "client", archivedOnPage.ToString());
        await app.WithDbAsync(async db =>
        {
            foreach (var c in await db.Clients.Where(c => c.Id == archivedOnPage || c.Id == archivedElsewhere).ToListAsync())
                c.MoveTo(ClientStage.Archived, 1);
            return await db.SaveChangesAsync();
        }, userId);

        // Every client comes with the page's lists (which workflow.js also puts in the filter); the page itself lists its rows' clients.
        var page = await client.GetPageAsync("/workflow");
        var filter = page.QuerySelector<IHtmlSelectElement>("#client")!.Options.Select(o => o.Value).Where(v => v != "").ToList();
        var lists = await WorkflowSharedListsTests.LongListsAsync(client, page);
        var shared = lists.QuerySelector<IHtmlTemplateElement>("template#workflow-clients")!.Content.QuerySelectorAll("option").Select(o => o.GetAttribute("value")!).ToList();
        Assert.Equal([kept.ToString(), archivedOnPage.ToString()], shared);
        Assert.Equal([archivedOnPage.ToString()], filter);
        Assert.Equal("workflow-clients", page.QuerySelector<IHtmlSelectElement>("#client")!.GetAttribute("data-options"));
        Assert.Equal(archivedOnPage.ToString(), page.QuerySelector<IHtmlSelectElement>($"#client-{incomeId}")!.Value);
    }

    [Fact]
    public async Task ClientCell_HoldsOnlyTheRowsClient_ThePagesListsHoldEveryClientOnce_AndTheRowEditPageListsThemAll()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client.Email!);
        var chosen = await CreateClientAsync(client, "Shared List Chosen");
        var other = await CreateClientAsync(client, "Shared List Other");
        var incomeId = await CreateIncomeAsync(app, client, userId, "Shared list income", 10m);
        var bare = await CreateIncomeAsync(app, client, userId, "Shared list bare", 11m);
        await SetCellAsync(client, incomeId, "client", chosen.ToString());

        var page = await client.GetPageAsync("/workflow");
        var cell = page.QuerySelector<IHtmlSelectElement>($"#client-{incomeId}")!;
        Assert.Equal("workflow-clients", cell.GetAttribute("data-options"));
        Assert.Equal(["", chosen.ToString()], cell.Options.Select(o => o.Value).ToArray());
        Assert.Equal(chosen.ToString(), cell.Value);
        Assert.Equal([""], page.QuerySelector<IHtmlSelectElement>($"#client-{bare}")!.Options.Select(o => o.Value).ToArray());
        var lists = await WorkflowSharedListsTests.LongListsAsync(client, page);
        var shared = lists.QuerySelector<IHtmlTemplateElement>("template#workflow-clients")!.Content.QuerySelectorAll("option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains(chosen.ToString(), shared);
        Assert.Contains(other.ToString(), shared);
        Assert.Single(lists.QuerySelectorAll("template#workflow-clients"));
        Assert.Empty(page.QuerySelectorAll("template#workflow-clients"));
        // The filter holds the clients of the page's rows without script (every client once workflow.js has the lists),
        // and a client chosen in the filter even when no row is theirs.
        Assert.Equal(["", chosen.ToString()], page.QuerySelector<IHtmlSelectElement>("#client")!.Options.Select(o => o.Value).ToArray());
        var filtered = await client.GetPageAsync($"/workflow?client={other}");
        var filterSelect = filtered.QuerySelector<IHtmlSelectElement>("#client")!;
        Assert.Equal(["", other.ToString()], filterSelect.Options.Select(o => o.Value).ToArray());
        Assert.Equal(other.ToString(), filterSelect.Value);

        var edit = await client.GetPageAsync($"/workflow/edit/{incomeId}");
        var all = edit.QuerySelector<IHtmlSelectElement>("#ClientId")!;
        Assert.Contains(other.ToString(), all.Options.Select(o => o.Value));
        Assert.Equal(chosen.ToString(), all.Value);
    }
}
