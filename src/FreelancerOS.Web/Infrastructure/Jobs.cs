using System.Runtime.CompilerServices;
using FreelancerOS.Web.Data;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;
using Microsoft.EntityFrameworkCore;
using System.Security.Claims;

namespace FreelancerOS.Web.Infrastructure;

/// <summary>What a feature schedules when the app starts (recurring jobs, a first run); registered in DI by the feature.</summary>
public interface IJobSchedule
{
    Task ScheduleAsync(IRecurringJobManager recurring, IBackgroundJobClient jobs, IServiceProvider services, CancellationToken ct);
}

/// <summary>
/// Hangfire: its storage follows the app's database provider, so every instance on one server database
/// shares one queue. The storage and the job activator are registered in DI rather than through
/// Hangfire's process-wide <c>JobStorage.Current</c>/<c>JobActivator.Current</c>, so that two hosts in
/// one process (the tests) never run each other's jobs.
/// </summary>
public static class Jobs
{
    public const string DashboardPath = "/jobs";
    private const string AdministratorChecked = "FreelancerOS.JobsAdministrator";

    public static IServiceCollection AddBackgroundJobs(this IServiceCollection services, IConfiguration config, string dataFolder)
    {
        var poll = TimeSpan.FromSeconds(config.GetValue("Jobs:PollSeconds", 1.0));
        services.AddSingleton<JobStorage>(_ => CreateStorage(config, dataFolder, poll));
        services.AddSingleton<JobActivator>(sp => new ScopedJobActivator(sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<DatabaseReadiness>()));
        services.AddHangfire((sp, c) => c
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.AddHangfireServer((_, o) =>
        {
            // Few workers: the jobs are short or rare, and each worker polls the database.
            o.WorkerCount = config.GetValue("Jobs:Workers", 2);
            o.SchedulePollingInterval = TimeSpan.FromSeconds(15);
        });
        services.AddHostedService<JobSchedules>();
        return services;
    }

    // One method per storage, so that only the chosen one's assembly is loaded (a method's types load before it runs).
    private static JobStorage CreateStorage(IConfiguration config, string dataFolder, TimeSpan poll) => Database.Provider(config) switch
    {
        DatabaseProvider.Postgres => PostgresStorage(config.GetConnectionString("Default"), poll),
        DatabaseProvider.SqlServer => SqlServerStorage(config.GetConnectionString("Default"), poll),
        // A file of its own beside the app's database: Hangfire's polling never waits on the app's writer lock.
        _ => SqliteStorage(Path.Combine(dataFolder, "jobs.db"), poll),
    };

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static JobStorage PostgresStorage(string? connection, TimeSpan poll) =>
#pragma warning disable CS0618 // The non-obsolete way (UsePostgreSqlStorage) sets the process-wide JobStorage.Current.
        new PostgreSqlStorage(connection, new PostgreSqlStorageOptions
        {
            QueuePollInterval = poll,
            PrepareSchemaIfNecessary = true,
            UseSlidingInvisibilityTimeout = true,
        });
#pragma warning restore CS0618

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static JobStorage SqlServerStorage(string? connection, TimeSpan poll) =>
        new SqlServerStorage(connection, new SqlServerStorageOptions { QueuePollInterval = poll, PrepareSchemaIfNecessary = true });

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static JobStorage SqliteStorage(string path, TimeSpan poll) =>
        new SQLiteStorage(path, new SQLiteStorageOptions { QueuePollInterval = poll });

    /// <summary>
    /// The dashboard at /jobs, for the instance's administrator only; anyone else (anonymous included)
    /// gets a plain 404, so the page does not even admit it exists.
    /// </summary>
    public static WebApplication UseJobsDashboard(this WebApplication app)
    {
        app.UseWhen(c => c.Request.Path.StartsWithSegments(DashboardPath), branch => branch.Use(async (context, next) =>
        {
            if (!await IsAdministratorAsync(context))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            context.Items[AdministratorChecked] = true;
            await next();
        }));
        app.UseHangfireDashboard(DashboardPath, new DashboardOptions
        {
            AppPath = "/",
            DashboardTitle = "FreelancerOS jobs",
            DisplayStorageConnectionString = false,
            Authorization = [new AdministratorOnly()],
        }, app.Services.GetRequiredService<JobStorage>());
        return app;
    }

    /// <summary>
    /// The administrator is the first account created. Registration writes the account's settings row
    /// straight after the user, so the lowest settings id is the first account (creation times can tie).
    /// </summary>
    public static async Task<bool> IsAdministratorAsync(HttpContext context)
    {
        if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId) return false;
        var db = context.RequestServices.GetRequiredService<AppDbContext>();
        var first = await db.Settings.IgnoreQueryFilters().AsNoTracking().OrderBy(s => s.Id).Select(s => s.OwnerId).FirstOrDefaultAsync();
        return first == userId;
    }

    private sealed class AdministratorOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) =>
            context.GetHttpContext().Items.ContainsKey(AdministratorChecked);
    }

    /// <summary>Runs each feature's <see cref="IJobSchedule"/> once the database is migrated and the host starts.</summary>
    private sealed class JobSchedules(IServiceProvider services, IEnumerable<IJobSchedule> schedules, DatabaseReadiness readiness) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            // Hangfire's storage calls are synchronous: off the thread that starts the host, so that the server listens
            // meanwhile (the host starts its services together and waits for all of them before it calls itself started).
            await Task.Yield();
            // Some schedules read the database first (the ledger's start-up sweep).
            await readiness.Ready.WaitAsync(cancellationToken);
            var recurring = services.GetRequiredService<IRecurringJobManager>();
            var jobs = services.GetRequiredService<IBackgroundJobClient>();
            foreach (var schedule in schedules) await schedule.ScheduleAsync(recurring, jobs, services, cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>
    /// Hangfire's log provider is process-wide: in a process with several hosts (the tests), a host that
    /// stopped leaves its disposed logger factory behind, which must not break the jobs of the others.
    /// </summary>
    private sealed class HostLogProvider(ILoggerFactory factory) : Hangfire.Logging.ILogProvider
    {
        public Hangfire.Logging.ILog GetLogger(string name) => new HostLog(factory, name);

        private sealed class HostLog(ILoggerFactory factory, string name) : Hangfire.Logging.ILog
        {
            public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
            {
                try
                {
                    var logger = factory.CreateLogger(name);
                    var level = logLevel switch
                    {
                        Hangfire.Logging.LogLevel.Trace => LogLevel.Trace,
                        Hangfire.Logging.LogLevel.Debug => LogLevel.Debug,
                        Hangfire.Logging.LogLevel.Info => LogLevel.Information,
                        Hangfire.Logging.LogLevel.Warn => LogLevel.Warning,
                        Hangfire.Logging.LogLevel.Error => LogLevel.Error,
                        _ => LogLevel.Critical,
                    };
                    if (messageFunc is null) return logger.IsEnabled(level);
                    if (!logger.IsEnabled(level)) return false;
#pragma warning disable CA2254 // Hangfire hands over a finished message, not a template.
                    logger.Log(level, exception, messageFunc());
#pragma warning restore CA2254
                    return true;
                }
                catch (ObjectDisposedException)
                {
                    return false;
                }
            }
        }
    }

    /// <summary>
    /// Each job runs in a DI scope of its own (a fresh DbContext), created from this host's container, once the database is
    /// ready (the job server starts with the host, before the start-up's migrations are done).
    /// </summary>
    private sealed class ScopedJobActivator(IServiceScopeFactory scopes, DatabaseReadiness readiness) : JobActivator
    {
        public override JobActivatorScope BeginScope(JobActivatorContext context)
        {
            readiness.Wait();
            return new Scope(scopes.CreateScope());
        }

        private sealed class Scope(IServiceScope scope) : JobActivatorScope
        {
            public override object Resolve(Type type) => ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, type);
            public override void DisposeScope() => scope.Dispose();
        }
    }
}
