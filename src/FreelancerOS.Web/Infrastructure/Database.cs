using System.Data.Common;
using FreelancerOS.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FreelancerOS.Web.Infrastructure;

public enum DatabaseProvider { Sqlite, Postgres, SqlServer }

public static class Database
{
    public static DatabaseProvider Provider(IConfiguration config) =>
        Enum.TryParse<DatabaseProvider>(config["Database:Provider"], ignoreCase: true, out var p) ? p : DatabaseProvider.Sqlite;

    /// <summary>The data folder: the SQLite database, receipts, logs. Created on start.</summary>
    public static string DataFolder(IConfiguration config, IHostEnvironment env)
    {
        var folder = config["Data:Folder"] is { Length: > 0 } f ? f : "data";
        var full = Path.GetFullPath(Path.Combine(env.ContentRootPath, folder));
        Directory.CreateDirectory(full);
        PrivateFiles.Secure(full);
        return full;
    }

    public static IServiceCollection AddAppDatabase(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var connection = config.GetConnectionString("Default");
        // EF Core's check that no two threads use one context sets an async-local value on entering and leaving every
        // read of a row (a copy of the request's async-local map each time, a fifth of what a list page allocated). It
        // finds mistakes in the code, not in the data: on wherever the code is run to be checked (development, the
        // tests), off in production.
        var checks = !env.IsProduction();
        services.AddSingleton<DatabaseReadiness>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseReadiness>());
        switch (Provider(config))
        {
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(connection))
                    throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Default is empty.");
                services.AddPooledContext<PostgresAppDbContext>(o => o.UseNpgsql(connection).CountingStatements().EnableThreadSafetyChecks(checks));
                break;
            case DatabaseProvider.SqlServer:
                if (string.IsNullOrWhiteSpace(connection))
                    throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:Default is empty.");
                services.AddPooledContext<SqlServerAppDbContext>(o => o.UseSqlServer(connection).CountingStatements().EnableThreadSafetyChecks(checks));
                break;
            default:
                if (string.IsNullOrWhiteSpace(connection))
                    connection = $"Data Source={Path.Combine(DataFolder(config, env), "freelanceros.db")}";
                services.AddSingleton(sp => new SqliteConnections(connection, sp.GetRequiredService<DbContextOptions<SqliteAppDbContext>>()));
                services.AddScoped<SqliteLease>();
                services.AddPooledContext<SqliteAppDbContext>(o => o
                    .UseSqlite(connection)
                    .AddInterceptors(new SqlitePragmas(), SqliteStatements.Instance)
                    .CountingStatements()
                    .EnableThreadSafetyChecks(checks),
                    (sp, db) => db.UseKeptConnection(sp.GetRequiredService<SqliteLease>().Connection));
                break;
        }
        return services;
    }

    /// <summary>
    /// The request's (or job's) <see cref="AppDbContext"/>, taken from a pool of contexts and told whose it is.
    /// A new context pays for setting up its internal services on first use, a twelfth of a board page's time;
    /// a pooled one has them. Only the abstract type is registered: registering the provider's type too would
    /// have the scope dispose the same context twice, the second time possibly while another request holds it.
    /// </summary>
    private static void AddPooledContext<TContext>(this IServiceCollection services, Action<DbContextOptionsBuilder> options,
        Action<IServiceProvider, TContext>? onLease = null)
        where TContext : AppDbContext
    {
        services.AddPooledDbContextFactory<TContext>(options);
        services.AddScoped<AppDbContext>(sp =>
        {
            var db = sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext();
            onLease?.Invoke(sp, db);
            return db.For(sp.GetRequiredService<ICurrentUser>(), sp.GetService<TimeProvider>());
        });
    }

    /// <summary>
    /// A transaction that holds the database's write lock from its first statement, so a check-then-insert
    /// inside it (is there an account yet?) cannot interleave with another request's: BEGIN IMMEDIATE on
    /// SQLite (the Microsoft.Data.Sqlite default for a non-deferred transaction), a transaction-scoped
    /// advisory lock on PostgreSQL.
    /// </summary>
    public static async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginExclusiveAsync(AppDbContext db, long lockKey)
    {
        var tx = await db.Database.BeginTransactionAsync();
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({lockKey})");
        return tx;
    }

    /// <summary>The first middleware: a request waits until the database is ready (once it is, an already completed task).</summary>
    public static WebApplication UseDatabaseReadiness(this WebApplication app)
    {
        var ready = app.Services.GetRequiredService<DatabaseReadiness>().Ready;
        app.Use(async (context, next) =>
        {
            if (!ready.IsCompletedSuccessfully) await ready.WaitAsync(context.RequestAborted);
            await next(context);
        });
        return app;
    }

    public static async Task MigrateAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // Migrate compares the model with the last migration's snapshot and takes the migrations lock (a write) even when
        // every migration is applied: a quarter of a second of each start for nothing. Asking first costs one read.
        if ((await db.Database.GetPendingMigrationsAsync()).Any())
            await db.Database.MigrateAsync();
        await KeptFigures.FillIfMissingAsync(db);
        await PlannerStatistics.RefreshAsync(db);
    }
}

/// <summary>
/// WAL for concurrent readers alongside a writer, foreign keys on, and a busy timeout; and the fast decimal
/// sum and product (<see cref="SqliteDecimalSum"/>, <see cref="SqliteDecimalMultiply"/>) in place of EF's.
/// The pragmas belong to the native connection, which Microsoft.Data.Sqlite's pool keeps open between
/// requests, so they run once per native connection rather than on every open (a statement on every
/// signed-in page otherwise). The sum and product are registered on every open: each open registers EF's
/// functions again, EF's ef_sum and ef_multiply among them.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000; PRAGMA synchronous=NORMAL;";

    // Native connections already set up; an entry goes with its handle once the pool closes it.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> SetUpDone = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        SetUp((Microsoft.Data.Sqlite.SqliteConnection)connection);

    /// <summary>The pragmas (once per native connection) and the exact decimal functions, on an open connection.</summary>
    public static void SetUp(Microsoft.Data.Sqlite.SqliteConnection connection)
    {
        if (NeedsPragmas(connection))
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = Pragmas;
            cmd.ExecuteNonQuery();
            SetUpDone.AddOrUpdate(connection.Handle!, SetUpDone);
        }
        RegisterFunctions(connection);
    }

    /// <summary>The exact sum and product in place of EF's, which EF registers again whenever it sets a connection up.</summary>
    private static void RegisterFunctions(Microsoft.Data.Sqlite.SqliteConnection connection)
    {
        SqliteDecimalSum.Register(connection);
        SqliteDecimalMultiply.Register(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        var sqlite = (Microsoft.Data.Sqlite.SqliteConnection)connection;
        if (NeedsPragmas(sqlite))
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = Pragmas;
            await cmd.ExecuteNonQueryAsync(cancellationToken);
            SetUpDone.AddOrUpdate(sqlite.Handle!, SetUpDone);
        }
        RegisterFunctions(sqlite);
    }

    private static bool NeedsPragmas(Microsoft.Data.Sqlite.SqliteConnection connection) => !SetUpDone.TryGetValue(connection.Handle!, out _);
}
