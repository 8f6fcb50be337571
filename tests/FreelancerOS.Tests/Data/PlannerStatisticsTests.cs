using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Tests.Data;

/// <summary>SQLite's planner statistics: stored at start-up, refreshed by the nightly job as the data grows.</summary>
public sealed class PlannerStatisticsTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task StartUp_StoresStatistics_AndARefreshCountsTheRowsAddedSince()
    {
        await app.SignedInClientAsync($"stats-{Guid.NewGuid():N}@example.com");
        var tables = await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT DISTINCT tbl AS Value FROM sqlite_stat1").ToListAsync());
        Assert.Contains("__EFMigrationsHistory", tables);

        // Every account's ledger lists are rows of LedgerCategories: a refresh must see the new ones.
        static Task<string?> CategoriesStat(Web.Data.AppDbContext db) => db.Database
            .SqlQueryRaw<string>("SELECT stat AS Value FROM sqlite_stat1 WHERE tbl = 'LedgerCategories' AND idx IS NOT NULL").FirstOrDefaultAsync();
        var before = await app.WithDbAsync(CategoriesStat);
        await app.SignedInClientAsync($"stats-{Guid.NewGuid():N}@example.com");
        await app.WithDbAsync(async db => { await PlannerStatistics.RefreshAsync(db); return 0; });
        var after = await app.WithDbAsync(CategoriesStat);

        Assert.NotNull(after);
        Assert.NotEqual(before, after);
        Assert.True(int.Parse(after!.Split(' ')[0]) > int.Parse(before?.Split(' ')[0] ?? "0"));
    }
}
