using System.Text.RegularExpressions;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Infrastructure;
using FreelancerOS.Web.Infrastructure.DemoData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FreelancerOS.Tests.Projects;

/// <summary>
/// The project page reads its project's time entries twice at most (the figures once, grouped, and the shown page of
/// entries), however long the project's history, and runs no more statements than before.
/// </summary>
public sealed class ProjectDetailsStatementTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task DetailsPage_ReadsTheEntriesOnceForItsFigures()
    {
        var client = await app.SignedInClientAsync("details-sql@example.com");
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "details-sql@example.com").Select(u => u.Id).SingleAsync());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(userId);
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(2, seed: 21);
        }
        var id = await app.WithDbAsync(db => db.TimeEntries.GroupBy(t => t.ProjectId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync(), userId);
        await client.GetPageAsync($"/projects/details/{id}");

        using var counter = new SqlCounter(app.DataFolder);
        await client.GetPageAsync($"/projects/details/{id}");

        var reads = counter.Statements.Sum(s => Regex.Matches(s, "FROM \"TimeEntries\"").Count);
        Assert.True(reads <= 2, string.Join("\n---\n", counter.Statements));
        Assert.True(counter.Count <= 9, $"{counter.Count} statements");
    }
}
