using System.Data;
using System.Linq.Expressions;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FreelancerOS.Tests.Data;

/// <summary>
/// The SQLite connections kept open between requests, and the compiled statements they keep: a query run again runs
/// on its kept command with the new run's parameters, a connection is only lent again when it is fit to be, and each
/// keeps a bounded number of statements.
/// </summary>
public sealed class SqliteConnectionsTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task AQueryRunAgain_RunsOnItsKeptStatement_WithTheNewParameters()
    {
        var userId = await NewAccountAsync();
        var ids = await app.WithDbAsync(async db =>
        {
            db.Clients.AddRange(new Client { Name = "Kept A", Currency = "EUR" }, new Client { Name = "Kept B", Currency = "USD" });
            await db.SaveChangesAsync();
            return await db.Clients.OrderBy(c => c.Name).Select(c => c.Id).ToListAsync();
        }, userId);

        // Count of kept statements per connection after the first run on it (a job may take another connection meanwhile).
        var keptAfterFirstRun = new Dictionary<SqliteConnection, int>(ReferenceEqualityComparer.Instance);
        foreach (var id in ids.Concat(ids))
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.For(new Someone(userId));
            var client = await db.Clients.Where(c => c.Id == id).Select(c => new { c.Name, c.Currency }).SingleAsync();
            Assert.Equal(id == ids[0] ? ("Kept A", "EUR") : ("Kept B", "USD"), (client.Name, client.Currency));
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            Assert.Equal(ConnectionState.Open, connection.State);
            var kept = SqliteStatements.KeptOn(connection);
            Assert.True(kept > 0);
            // The query is kept once, not once per run.
            if (!keptAfterFirstRun.TryAdd(connection, kept)) Assert.Equal(keptAfterFirstRun[connection], kept);
        }
        Assert.Contains(keptAfterFirstRun.Keys, c => c.State == ConnectionState.Open);
    }

    [Fact]
    public void ANewConnection_SetUpWithTheAppsOptions_HasEfsFunctionsAndTheExactSum()
    {
        // The app's own options (the ones its contexts are made with) set a new connection up, as at start-up.
        var options = app.Services.GetRequiredService<DbContextOptions<SqliteAppDbContext>>();
        using var connections = new SqliteConnections($"Data Source={Path.Combine(app.DataFolder, "app.db")};Pooling=False", options);
        var connection = connections.Take();
        using (var cmd = connection.CreateCommand())
        {
            // EF's decimal comparison, and the app's exact sum in place of EF's (which would give 0.30000000000000004).
            cmd.CommandText = "SELECT ef_compare('10.0', '9.5'), (SELECT ef_sum(x) FROM (SELECT '0.1' AS x UNION ALL SELECT '0.2'))";
            using var reader = cmd.ExecuteReader();
            Assert.True(reader.Read());
            Assert.Equal(1L, reader.GetInt64(0));
            Assert.Equal(0.3m, decimal.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture));
        }
        connections.Return(connection);
        Assert.Same(connection, connections.Take());
    }

    [Fact]
    public void AConnectionLeftInATransaction_IsNotLentAgain()
    {
        using var connections = new SqliteConnections($"Data Source={Path.Combine(app.DataFolder, "app.db")};Pooling=False",
            app.Services.GetRequiredService<DbContextOptions<SqliteAppDbContext>>());
        var first = connections.Take();
        using (var tx = first.BeginTransaction())
        {
            connections.Return(first);
            // Closed (which rolls the transaction back) rather than lent with it.
            Assert.Equal(ConnectionState.Closed, first.State);
        }
        var second = connections.Take();
        Assert.NotSame(first, second);
        connections.Return(second);
        Assert.Same(second, connections.Take());
    }

    [Fact]
    public async Task AConnection_KeepsAtMostItsShareOfStatements_TheOldestGoingFirst()
    {
        var userId = await NewAccountAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.For(new Someone(userId));
        // Each id a constant in the SQL: as many different statements.
        for (var i = 1; i <= SqliteStatements.PerConnection + 20; i++) await db.Clients.Where(IdIs(i)).CountAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        Assert.Equal(SqliteStatements.PerConnection, SqliteStatements.KeptOn(connection));
        Assert.Equal(0, await db.Clients.Where(IdIs(1)).CountAsync());
    }

    private static Expression<Func<Client, bool>> IdIs(int id)
    {
        var c = Expression.Parameter(typeof(Client), "c");
        return Expression.Lambda<Func<Client, bool>>(Expression.Equal(Expression.Property(c, nameof(Client.Id)), Expression.Constant(id)), c);
    }

    private async Task<string> NewAccountAsync()
    {
        var email = $"kept-{Guid.NewGuid():N}@example.com";
        await app.SignedInClientAsync(email);
        return await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
    }

    private sealed class Someone(string id) : ICurrentUser { public string? UserId => id; }
}
