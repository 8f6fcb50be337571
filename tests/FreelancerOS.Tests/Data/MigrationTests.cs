using FreelancerOS.Web.Data;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using FreelancerOS.Tests.Infrastructure;
using Npgsql;

namespace FreelancerOS.Tests.Data;

public sealed class MigrationTests
{
    private sealed class NoUser : ICurrentUser
    {
        public string? UserId => null;
    }

    [Fact]
    public async Task Sqlite_MigratesEmptyDatabase_AndHasNoPendingModelChanges()
    {
        var file = Path.Combine(Path.GetTempPath(), $"freelanceros-migrate-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options;
            await using var db = new SqliteAppDbContext(options, new NoUser());
            Assert.False(db.Database.HasPendingModelChanges(), "The SQLite model has changes without a migration: run scripts/add-migration.sh.");
            await db.Database.MigrateAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Contains("InitialCreate", string.Join(",", await db.Database.GetAppliedMigrationsAsync()));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>./test.sh starts PostgreSQL from Debian's package and sets FREELANCEROS_TEST_POSTGRES.</summary>
    [Fact]
    public async Task Postgres_MigratesEmptyDatabase_AndHasNoPendingModelChanges()
    {
        using (var database = new PostgresDatabase())
        {
            var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString;
            var options = new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connection).Options;
            await using var db = new PostgresAppDbContext(options, new NoUser());
            Assert.False(db.Database.HasPendingModelChanges(), "The PostgreSQL model has changes without a migration: run scripts/add-migration.sh.");
            await db.Database.MigrateAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.True(await db.Database.CanConnectAsync());
        }
    }
}
