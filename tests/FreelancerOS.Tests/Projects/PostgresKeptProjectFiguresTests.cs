using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Tests.Projects;

/// <summary>
/// The kept project figures on PostgreSQL: the recomputing UPDATE runs there too, after added, edited, moved and
/// deleted entries, and the start-up fill computes rows that have none (./test.sh starts the server).
/// </summary>
public sealed class PostgresKeptProjectFiguresTests : IAsyncLifetime
{
    private sealed class User(string? id) : ICurrentUser
    {
        public string? UserId => id;
    }

    private readonly PostgresDatabase _database = new();

    public async Task InitializeAsync()
    {
        await using var db = Db(null);
        await db.Database.MigrateAsync();
    }

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    private PostgresAppDbContext Db(string? userId) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(_database.ConnectionString).Options, new User(userId));

    private static TimeEntry Entry(int projectId, decimal hours)
    {
        var entry = new TimeEntry { Date = new DateOnly(2026, 10, 5), ProjectId = projectId, Billable = true };
        entry.SnapshotRate(100m, "EUR");
        entry.SetHours(hours);
        return entry;
    }

    [Fact]
    public async Task KeptHours_FollowEntriesAddedEditedMovedAndDeleted_AndTheFillComputesMissingRows()
    {
        var userId = Guid.NewGuid().ToString();
        await using (var db = Db(null))
        {
            db.Users.Add(new AppUser { Id = userId, UserName = userId, Email = $"{userId}@example.com" });
            await db.SaveChangesAsync();
        }
        await using var owned = Db(userId);
        var client = new Client { Name = "Kept Ltd", Currency = "EUR" };
        var site = new Project { Name = "Site", Client = client, Pricing = ProjectPricing.Hourly };
        var shop = new Project { Name = "Shop", Client = client, Pricing = ProjectPricing.Hourly };
        owned.Projects.AddRange(site, shop);
        await owned.SaveChangesAsync();
        var a = Entry(site.Id, 2m);
        var b = Entry(site.Id, 1.5m);
        owned.TimeEntries.AddRange(a, b);
        await owned.SaveChangesAsync();
        a.SetHours(3m);
        b.ProjectId = shop.Id;
        await owned.SaveChangesAsync();
        owned.TimeEntries.Remove(a);
        owned.TimeEntries.Add(Entry(site.Id, 0.25m));
        await owned.SaveChangesAsync();

        async Task<(decimal?, decimal?)[]> KeptAsync()
        {
            await using var check = Db(userId);
            var rows = await check.Projects.OrderBy(p => p.Name).Select(p => new { p.LoggedHours, p.InvoicedAmount }).ToListAsync();
            return rows.Select(r => (r.LoggedHours, r.InvoicedAmount)).ToArray();
        }
        Assert.Equal([(1.5m, 0m), (0.25m, 0m)], await KeptAsync());

        await owned.Projects.ExecuteUpdateAsync(s => s.SetProperty(p => p.LoggedHours, (decimal?)null));
        await KeptProjectFigures.FillIfMissingAsync(owned);
        Assert.Equal([(1.5m, 0m), (0.25m, 0m)], await KeptAsync());
    }
}
