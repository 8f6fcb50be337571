using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace FreelancerOS.Tests.Data;

/// <summary>
/// Existing data survives an upgrade. On SQLite, adding a foreign key rebuilds the table (copy, drop,
/// rename); were foreign keys enforced during that drop, it would null or delete the rows pointing at
/// the table. The BillWorkItems migration rebuilds Services, so time entries logged on a service are
/// the canary; the test guards every later migration the same way.
/// </summary>
public sealed class UpgradeTests : IDisposable
{
    private readonly TestApp _app = new();

    private sealed class NoUser : ICurrentUser
    {
        public string? UserId => null;
    }

    [Fact]
    public async Task Migrate_FromBeforeTableRebuilds_KeepsEveryRowAndReference()
    {
        Directory.CreateDirectory(_app.DataFolder);
        var file = Path.Combine(_app.DataFolder, "app.db");
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options;
        await using (var old = new SqliteAppDbContext(options, new NoUser()))
        {
            var migrations = old.Database.GetMigrations().ToList();
            var before = migrations.Last(m => string.CompareOrdinal(m, migrations.Single(x => x.EndsWith("_BillWorkItems"))) < 0);
            await old.GetService<IMigrator>().MigrateAsync(before);
            await old.Database.ExecuteSqlRawAsync("""
                PRAGMA foreign_keys = ON;
                INSERT INTO AspNetUsers (Id, UserName, NormalizedUserName, Email, NormalizedEmail, CreatedAt, EmailConfirmed, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount, SecurityStamp)
                  VALUES ('u1', 'old@example.com', 'OLD@EXAMPLE.COM', 'old@example.com', 'OLD@EXAMPLE.COM', '2026-01-01 00:00:00+00:00', 0, 0, 0, 1, 0, 'stamp');
                INSERT INTO Clients (Id, Name, Stage, SortOrder, Currency, ContractValue, CreatedAt, OwnerId, Version)
                  VALUES (1, 'Old Client', 2, 0, 'EUR', '1000.0', '2026-01-01 00:00:00+00:00', 'u1', 0);
                INSERT INTO Projects (Id, Name, ClientId, Pricing, Priority, SortOrder, Status, CompletionBasis, ApprovedExtraValue, ApprovedExtraHours, CreatedAt, OwnerId, Version)
                  VALUES (1, 'Old Project', 1, 1, 1, 0, 1, 0, '0.0', '0.0', '2026-01-01 00:00:00+00:00', 'u1', 0);
                INSERT INTO Services (Id, Name, ProjectId, Pricing, Rate, Quantity, Status, SortOrder, OwnerId, Version)
                  VALUES (1, 'Old Service', 1, 0, '80.0', '10.0', 1, 0, 'u1', 0);
                INSERT INTO TimeEntries (Id, Date, ProjectId, ServiceId, Hours, Billable, HourlyRate, Currency, Amount, CreatedAt, OwnerId, Version)
                  VALUES (1, '2026-01-02', 1, 1, '2.5', 1, '80.0', 'EUR', '200.0', '2026-01-02 00:00:00+00:00', 'u1', 0);
                """);
        }

        // Starting the app applies the remaining migrations, as an upgrade would.
        _app.NewClient().Dispose();
        var entry = await _app.WithDbAsync(db => db.TimeEntries.IgnoreQueryFilters().SingleAsync());
        Assert.Equal((1, 1, 2.5m), (entry.ProjectId, entry.ServiceId!.Value, entry.Hours));
        Assert.Equal(1, await _app.WithDbAsync(db => db.Services.IgnoreQueryFilters().CountAsync()));
        Assert.Empty(await _app.WithDbAsync(db => db.Database.GetPendingMigrationsAsync()));
    }

    public void Dispose() => _app.Dispose();
}
