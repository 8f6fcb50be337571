using FreelancerOS.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

// Kept in the namespace where the tests first declared it, which many test classes name.
namespace FreelancerOS.Tests.Ledger;

/// <summary>The app on a fresh PostgreSQL database (the server set-up), which ./test.sh starts.</summary>
public class PostgresTestApp : TestApp
{
    private PostgresDatabase? _database;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        _database = new PostgresDatabase();
        builder.UseSetting("Database:Provider", "Postgres");
        builder.UseSetting("ConnectionStrings:Default", _database.ConnectionString);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _database?.Dispose();
        _database = null;
    }
}
