using FreelancerOS.Tests.Workflow;
using FreelancerOS.Web.Infrastructure;
using FreelancerOS.Web.Infrastructure.DemoData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FreelancerOS.Tests.Performance;

/// <summary>
/// The workflow grid and the invoice board, list and page held to at most 10 SQL statements per request, the same
/// number on one year of demo data and after three more years were added (the grid: one more once foreign-currency incomes exist).
/// </summary>
public sealed class WorkflowInvoicePageStatementTests(CountingApp app) : IClassFixture<CountingApp>
{
    private static readonly string[] Pages = ["/workflow", "/workflow?period=year", "/invoices", "/invoices?allPaid=true", "/invoices/list"];

    [Fact]
    public async Task WorkflowAndInvoicePages_RunAtMostTenStatements_WhateverTheData()
    {
        var client = await app.SignedInClientAsync("counted-workflow@example.com");
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "counted-workflow@example.com").Select(u => u.Id).SingleAsync());
        var small = await CountAsync(client, userId, years: 1);
        var large = await CountAsync(client, userId, years: 3);

        foreach (var (page, count) in small.Concat(large))
            Assert.True(count <= 10, $"{page}: {count} statements");
        // The grid sums foreign-currency incomes in their own currency with one more statement, once there are any
        // (the demo's first year has none); otherwise the number does not follow the data.
        foreach (var (page, count) in large)
            Assert.True(count <= small[page] + (page.StartsWith("/workflow", StringComparison.Ordinal) ? 1 : 0),
                $"{page}: {small[page]} statements on one year, {count} on four");
    }

    private async Task<Dictionary<string, int>> CountAsync(Infrastructure.AppClient client, string userId, int years)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(userId);
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(years, seed: years + 10);
        }
        var invoice = await app.WithDbAsync(db => db.Invoices.OrderByDescending(i => i.Lines.Count).Select(i => i.Id).FirstAsync(), userId);
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
