using System.Text.RegularExpressions;
using FreelancerOS.Tests.Goals;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Tests.Invoices;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using FreelancerOS.Web.Infrastructure.DemoData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FreelancerOS.Tests.Boards;

/// <summary>
/// The boards, lists and detail pages test their fixed sets of statuses and stages as constants, never as a list of parameters: EF Core
/// builds the SQL of a statement with a parameter list anew on every run (one parameter per element), which cost more
/// than running the statement on these pages.
/// </summary>
public sealed partial class BoardSqlTextTests(CommandCountingApp app) : IClassFixture<CommandCountingApp>
{
    [GeneratedRegex(@"IN \(@\w+")]
    private static partial Regex ParameterList();

    [Fact]
    public async Task BoardsAndLists_AskNoListOfParameters()
    {
        var client = await app.SignedInClientAsync();
        var userId = await InvoiceSteps.UserIdAsync(app, client.Email!);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(userId);
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(1, seed: 5);
        }

        var clientId = await app.WithDbAsync(db => db.Invoices.GroupBy(i => i.ClientId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync(), userId);
        var projectId = await app.WithDbAsync(db => db.TimeEntries.GroupBy(t => t.ProjectId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync(), userId);

        foreach (var url in new[] { "/clients", "/projects", "/projects/list", "/services", "/time", "/invoices", $"/clients/details/{clientId}", $"/projects/details/{projectId}" })
        {
            app.Counter.Reset();
            await client.GetPageAsync(url);
            Assert.NotEmpty(app.Counter.Statements);
            Assert.All(app.Counter.Statements, sql => Assert.False(ParameterList().IsMatch(sql), $"{url}:\n{sql}"));
        }
    }

    [Fact]
    public void InlineSet_IsTheSetAsConstants_AndFalseWhenEmpty()
    {
        var odd = InlineSet.In<int, int>(x => x, [1, 3, 3]);
        Assert.Equal([false, true, false, true], Enumerable.Range(0, 4).Select(odd.Compile()).ToArray());
        Assert.Equal("x => ((x == 1) OrElse (x == 3))", odd.ToString());
        Assert.False(InlineSet.In<int, int>(x => x, []).Compile()(1));
        Assert.Equal(InvoiceStatuses.Invoiced.Count, Regex.Matches(InlineSet.In<Invoice, InvoiceStatus>(i => i.Status, InvoiceStatuses.Invoiced).ToString(), "==").Count);
    }
}
