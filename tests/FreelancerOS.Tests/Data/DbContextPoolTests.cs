using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FreelancerOS.Tests.Data;

/// <summary>The contexts are pooled: a context given back forgets whose it was, and the next scope says whose it is.</summary>
public sealed class DbContextPoolTests(TestApp app) : IClassFixture<TestApp>
{
    private sealed class Someone(string id) : ICurrentUser { public string? UserId => id; }

    [Fact]
    public async Task AContextGivenBack_ForgetsItsUser_AndTheNextScopeGetsItsOwn()
    {
        var email = $"pool-{Guid.NewGuid():N}@example.com";
        await app.SignedInClientAsync(email);
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        await app.WithDbAsync(async db =>
        {
            db.Clients.Add(new Web.Domain.Client { Name = "Pooled Ltd", Currency = "EUR" });
            return await db.SaveChangesAsync();
        }, userId);
        AppDbContext first;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            first = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            first.For(new Someone(userId));
            Assert.Equal(1, await first.Clients.CountAsync());
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // Given back to the pool, the first context forgot its user; the next is told by its scope (no signed-in user here).
            Assert.Null(first.CurrentUserId);
            var second = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Null(second.CurrentUserId);
            Assert.Equal(0, await second.Clients.CountAsync());
        }
        // Taken from the pool without a scope's user: nobody's records.
        var factory = app.Services.GetRequiredService<IDbContextFactory<SqliteAppDbContext>>();
        Assert.Contains("Pooled", factory.GetType().Name);
        await using var bare = await factory.CreateDbContextAsync();
        Assert.Null(bare.CurrentUserId);
        Assert.Equal(0, await bare.Clients.CountAsync());
    }
}
