using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Infrastructure;
using FreelancerOS.Web.Infrastructure.DemoData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FreelancerOS.Tests.Data;

public sealed class DemoDataTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task SeedDemo_FillsTheAccount_AndEveryPageStillAnswers()
    {
        var client = await app.SignedInClientAsync("demo@example.com");
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "demo@example.com").Select(u => u.Id).SingleAsync());

        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(userId);
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(years: 2, seed: 7);
        }

        Assert.Equal(24, await app.WithDbAsync(db => db.Clients.CountAsync(), userId));
        var home = await client.GetPageAsync("/");
        foreach (var link in home.QuerySelectorAll("nav a[href^='/']").Select(a => a.GetAttribute("href")!).Distinct())
        {
            var response = await client.Http.GetAsync(link);
            Assert.True(response.IsSuccessStatusCode, $"{link}: {response.StatusCode}");
        }
        var board = await client.GetPageAsync("/clients");
        Assert.True(board.QuerySelectorAll(".board-card").Length > 10);
    }
}
