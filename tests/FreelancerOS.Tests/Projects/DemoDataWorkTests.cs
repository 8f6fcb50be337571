using System.Net;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Infrastructure;
using FreelancerOS.Web.Infrastructure.DemoData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FreelancerOS.Tests.Projects;

public sealed class DemoDataWorkTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task SeedDemo_FillsProjectsServicesMilestonesAndAYearOfTime_AndThePagesShowThem()
    {
        var client = await app.SignedInClientAsync();
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == client.Email).Select(u => u.Id).SingleAsync());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(userId);
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(years: 1, seed: 7);
        }

        var (projects, services, milestones, entries, first, last) = await app.WithDbAsync(async db => (
            await db.Projects.CountAsync(), await db.Services.CountAsync(), await db.Milestones.CountAsync(), await db.TimeEntries.CountAsync(),
            await db.TimeEntries.MinAsync(t => t.Date), await db.TimeEntries.MaxAsync(t => t.Date)), userId);
        Assert.Equal(10, projects);
        Assert.True(services >= 10, $"{services} services");
        Assert.True(milestones > 0 && milestones % 3 == 0, $"{milestones} milestones");
        Assert.True(entries > 100, $"{entries} entries");
        Assert.True(last.DayNumber - first.DayNumber > 180, $"entries from {first} to {last}");

        Assert.NotEmpty((await client.GetPageAsync("/projects/list")).QuerySelectorAll("tbody tr[data-id]"));
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/projects")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/services")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync($"/time?week={first:yyyy-MM-dd}")).StatusCode);
    }
}
