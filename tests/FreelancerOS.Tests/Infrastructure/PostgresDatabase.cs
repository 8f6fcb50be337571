using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace FreelancerOS.Tests.Infrastructure;

/// <summary>
/// A fresh database of its own on the PostgreSQL server that ./test.sh starts (FREELANCEROS_TEST_POSTGRES),
/// dropped on dispose. The one way PostgreSQL tests get a database: as a class fixture, inside
/// <see cref="FreelancerOS.Tests.Ledger.PostgresTestApp"/>, or with <c>using</c> in a test.
/// </summary>
public sealed class PostgresDatabase : IDisposable
{
    private readonly string _server;
    private readonly string _name = $"freelanceros_{Guid.NewGuid():N}";

    public PostgresDatabase()
    {
        _server = Environment.GetEnvironmentVariable("FREELANCEROS_TEST_POSTGRES") ?? "";
        Assert.False(string.IsNullOrEmpty(_server), "FREELANCEROS_TEST_POSTGRES is not set: run ./test.sh, which starts PostgreSQL for the tests.");
        Execute($"CREATE DATABASE {_name}");
        ConnectionString = new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ConnectionString;
    }

    public string ConnectionString { get; }

    public void Dispose()
    {
        // Pooled connections of the app or the test would keep the database busy.
        NpgsqlConnection.ClearAllPools();
        Execute($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
    }

    private void Execute(string sql)
    {
        using var admin = new NpgsqlConnection(_server);
        admin.Open();
        using var command = new NpgsqlCommand(sql, admin);
        command.ExecuteNonQuery();
    }
}
