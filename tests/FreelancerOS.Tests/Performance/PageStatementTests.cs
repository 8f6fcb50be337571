using FreelancerOS.Tests.Workflow;
using FreelancerOS.Web.Infrastructure;
using FreelancerOS.Web.Infrastructure.DemoData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FreelancerOS.Tests.Performance;

/// <summary>
/// Pages the page benchmark (bench/pages.sh) holds to at most 10 SQL statements per request: counted on one
/// year of demo data and again after three more years were added, so the number does not grow with the data.
/// (The dashboard, the workflow grid and the client and project pages run 12-13 today and are not listed yet.)
/// </summary>
public sealed class PageStatementTests(CountingApp app) : IClassFixture<CountingApp>
{
    private static readonly string[] Pages =
    [
        "/projects/list", "/reports", "/reports/receivables", "/reports/forecast", "/reports/profitability",
        "/reports/tax", "/calendar", "/calendar/week", "/contacts", "/goals", "/resources", "/time",
    ];

    [Fact]
    public async Task OwnedPages_RunAtMostTenStatements_WhateverTheData()
    {
        var client = await app.SignedInClientAsync("counted-pages@example.com");
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "counted-pages@example.com").Select(u => u.Id).SingleAsync());
        var small = await CountAsync(client, userId, years: 1);
        var large = await CountAsync(client, userId, years: 3);

        foreach (var (page, count) in small.Concat(large))
            Assert.True(count <= 10, $"{page}: {count} statements");
        foreach (var (page, count) in large)
            Assert.True(count <= small[page], $"{page}: {small[page]} statements on one year, {count} on four");
    }

    private async Task<Dictionary<string, int>> CountAsync(Infrastructure.AppClient client, string userId, int years)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(userId);
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(years, seed: years);
        }
        var invoice = await app.WithDbAsync(db => db.Invoices.OrderByDescending(i => i.Id).Select(i => i.Id).FirstAsync(), userId);
        var counts = new Dictionary<string, int>();
        foreach (var page in Pages.Append($"/invoices/details/{invoice}"))
        {
            var name = page.Contains("/details/") ? page[..page.LastIndexOf('/')] : page;
            await client.GetPageAsync(page); // first visit may create defaults (ledger lists, settings)
            app.Commands.Reset();
            await client.GetPageAsync(page);
            counts[name] = app.Commands.Count;
        }
        return counts;
    }
}
