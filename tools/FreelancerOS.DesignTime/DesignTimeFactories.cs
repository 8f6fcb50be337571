using FreelancerOS.Web.Data;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FreelancerOS.DesignTime;

internal sealed class NoUser : ICurrentUser
{
    public string? UserId => null;
}

internal sealed class SqliteFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=design-time.db").Options, new NoUser());
}

internal sealed class PostgresFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=design_time").Options, new NoUser());
}

internal sealed class SqlServerFactory : IDesignTimeDbContextFactory<SqlServerAppDbContext>
{
    public SqlServerAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerAppDbContext>().UseSqlServer("Server=localhost;Database=design_time;Trusted_Connection=True;TrustServerCertificate=True").Options, new NoUser());
}

internal static class Program
{
    private static void Main() => Console.WriteLine("Design-time host for `dotnet ef`; see scripts/add-migration.sh.");
}
