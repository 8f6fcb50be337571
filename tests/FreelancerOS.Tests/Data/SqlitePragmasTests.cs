using FreelancerOS.Web.Data;
using FreelancerOS.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Tests.Data;

/// <summary>
/// The app's SQLite connections keep their settings when Microsoft.Data.Sqlite's pool hands the same native
/// connection out again (as it does in the app; the test app turns pooling off): the pragmas run once per native
/// connection, and foreign keys, WAL and the exact decimal sum hold on every open.
/// </summary>
public sealed class SqlitePragmasTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fos-pragmas-").FullName;

    [Fact]
    public async Task APooledConnection_KeepsItsSettings_WithThePragmasRunOnce()
    {
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_folder, "pool.db")};Pooling=True")
            .AddInterceptors(new SqlitePragmas())
            .Options;
        for (var open = 0; open < 3; open++)
        {
            await using var db = new SqliteAppDbContext(options);
            await db.Database.OpenConnectionAsync();
            Assert.Equal(1L, await Scalar<long>(db, "PRAGMA foreign_keys"));
            Assert.Equal("wal", await Scalar<string>(db, "PRAGMA journal_mode"));
            // EF registers its own ef_sum on every open; the app's exact one must be back in its place each time.
            Assert.Equal("0.3", await Scalar<string>(db, "SELECT ef_sum(value) FROM json_each('[\"0.1\", \"0.2\"]')"));
            // A setting changed on the native connection survives the next open: the pragmas did not run again.
            Assert.Equal(open == 0 ? 10000L : 1234L, await Scalar<long>(db, "PRAGMA busy_timeout"));
            await Scalar<long>(db, "PRAGMA busy_timeout=1234");
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<T> Scalar<T>(DbContext db, string sql)
    {
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.CommandText = sql;
        return (T)Convert.ChangeType((await cmd.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
