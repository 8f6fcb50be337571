using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Projects;
using FreelancerOS.Web.Infrastructure;
using FreelancerOS.Web.Infrastructure.DemoData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FreelancerOS.Tests.Projects;

/// <summary>
/// The board and list queries read their indexes (SQLite's EXPLAIN QUERY PLAN of the very queries the pages run): a
/// board column walks the open projects only, never the completed ones of past years, and the list's default order is
/// read off an index instead of sorting every project.
/// </summary>
public sealed class ProjectQueryPlanTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task BoardColumn_ReadsTheOpenProjectsIndex_AndTheListsDefaultOrderNeedsNoSort()
    {
        await app.SignedInClientAsync("plans@example.com");
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "plans@example.com").Select(u => u.Id).SingleAsync());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(userId);
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(2, seed: 16);
        }

        var column = await app.WithDbAsync(db =>
            PlanAsync(db, ProjectBoardQueries.Ordered(db, Priority.High).Take(global::FreelancerOS.Web.Infrastructure.Boards.CardsPerColumn)), userId);
        var list = await app.WithDbAsync(db =>
            PlanAsync(db, ProjectBoardQueries.Ordered(ProjectBoardQueries.Filtered(db, null, null, null), null, null).Take(Paging.DefaultPageSize)), userId);

        Assert.Contains("IX_Projects_Open_OwnerId_Priority_SortOrder", column);
        Assert.DoesNotContain("TEMP B-TREE", column);
        Assert.Contains("IX_Projects_OwnerId_Priority_Name_Id", list);
        Assert.DoesNotContain("TEMP B-TREE", list);
    }

    private static async Task<string> PlanAsync<T>(AppDbContext db, IQueryable<T> query)
    {
        await db.Database.OpenConnectionAsync();
        await using var command = query.CreateDbCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(3));
        return string.Join("\n", lines);
    }
}
