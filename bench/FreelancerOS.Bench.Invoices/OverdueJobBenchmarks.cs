using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Invoices;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Bench.Invoices;

/// <summary>
/// The overdue job over 100,000 invoices on SQLite (a file, WAL, as the app runs): all 100,000 Sent
/// and past due (the worst case: 100,000 rows updated and 100,000 history rows written), and the
/// steady state where they are already overdue and the job finds nothing to do.
/// </summary>
[Config(typeof(Config))]
public class OverdueJobBenchmarks
{
    private const int Invoices = 100_000;

    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1)
            .WithIterationCount(5).WithToolchain(InProcessEmitToolchain.Instance));
    }

    private sealed class User(string? id) : ICurrentUser { public string? UserId => id; }
    private sealed class Clock(DateTimeOffset now) : TimeProvider { public override DateTimeOffset GetUtcNow() => now; }

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"freelanceros-bench-overdue-{Guid.NewGuid():N}.db");
    private readonly Clock _clock = new(new DateTimeOffset(2026, 11, 22, 0, 5, 0, TimeSpan.Zero));

    private SqliteAppDbContext Db() => new(
        new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={_file}").AddInterceptors(new BenchPragmas()).Options,
        new User(null));

    [GlobalSetup]
    public void Setup()
    {
        using var db = Db();
        db.Database.Migrate();
        var userId = Guid.NewGuid().ToString();
        db.Users.Add(new AppUser { Id = userId, UserName = "bench", Email = "bench@example.com" });
        db.SaveChanges();
        db.Database.ExecuteSql($"""
            INSERT INTO "AccountSettings" ("HomeCurrency","Culture","TimeZoneId","InvoicePrefix","InvoiceNumberDigits","PaymentTermsDays","DefaultHourlyRate","OwnerId","Version")
            VALUES ('EUR','en-GB','Europe/Amsterdam','INV-',4,30,'85.0',{userId},0)
            """);
        db.Database.ExecuteSql($"""
            INSERT INTO "Clients" ("Name","Stage","SortOrder","Currency","ContractValue","CreatedAt","OwnerId","Version")
            VALUES ('Acme Ltd',2,0,'EUR','0.0','2026-01-01 00:00:00+00:00',{userId},0)
            """);
        // 100,000 issued invoices due between 2020 and 2026-11-20, each with its Draft and Sent history rows.
        db.Database.ExecuteSql($"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {Invoices})
            INSERT INTO "Invoices" ("ClientId","IssueDate","DueDate","Currency","Status","StatusChangedAt","Number","NumberYear","NumberSequence",
                                    "Subtotal","Tax","Total","AmountPaid","CreatedAt","OwnerId","Version")
            SELECT 1, date('2026-10-21', '-' || (i % 2000) || ' days'), date('2026-11-20', '-' || (i % 2000) || ' days'), 'EUR', 1,
                   '2026-01-01 00:00:00+00:00', 'INV-' || i, 2000 + (i % 27), i, '100.0', '21.0', '121.0', '0.0', '2026-01-01 00:00:00+00:00', {userId}, 1
            FROM n
            """);
        db.Database.ExecuteSql($"""
            INSERT INTO "InvoiceStatusChanges" ("InvoiceId","From","To","At") SELECT "Id", NULL, 0, '2026-01-01 00:00:00+00:00' FROM "Invoices"
            """);
        db.Database.ExecuteSql($"""
            INSERT INTO "InvoiceStatusChanges" ("InvoiceId","From","To","At") SELECT "Id", 0, 1, '2026-01-01 00:00:00+00:00' FROM "Invoices"
            """);
        db.Database.ExecuteSql($"ANALYZE");
    }

    [IterationSetup(Target = nameof(MarkAllOverdue))]
    public void ResetToSent()
    {
        using var db = Db();
        db.Database.ExecuteSql($"""DELETE FROM "InvoiceStatusChanges" WHERE "To" = 2""");
        db.Database.ExecuteSql($"""UPDATE "Invoices" SET "Status" = 1""");
    }

    [IterationSetup(Target = nameof(NothingToDo))]
    public void MarkedAlready()
    {
        using var db = Db();
        OverdueInvoices.MarkAsync(db, _clock).GetAwaiter().GetResult();
    }

    [Benchmark(Description = "100,000 Sent past due -> Overdue (+100,000 history rows)")]
    public async Task<int> MarkAllOverdue()
    {
        await using var db = Db();
        var marked = await OverdueInvoices.MarkAsync(db, _clock);
        if (marked != Invoices) throw new InvalidOperationException($"Marked {marked}, expected {Invoices}.");
        return marked;
    }

    [Benchmark(Description = "second run over 100,000 overdue: nothing to do")]
    public async Task<int> NothingToDo()
    {
        await using var db = Db();
        return await OverdueInvoices.MarkAsync(db, _clock);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_file + suffix);
    }
}

/// <summary>The app's own SQLite settings (WAL, foreign keys, busy timeout), as in Infrastructure/Database.cs.</summary>
internal sealed class BenchPragmas : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
{
    public override void ConnectionOpened(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000; PRAGMA synchronous=NORMAL;";
        cmd.ExecuteNonQuery();
    }

    public override Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ConnectionOpened(connection, eventData);
        return Task.CompletedTask;
    }
}
