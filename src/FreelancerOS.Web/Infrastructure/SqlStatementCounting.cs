using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FreelancerOS.Web.Infrastructure;

/// <summary>
/// For the page benchmark: with FREELANCEROS_COUNT_SQL=1 every response carries X-Sql-Statements, the number
/// of SQL statements the request ran. Off by default, and then nothing is registered at all (no cost).
/// </summary>
public static class SqlStatementCounting
{
    public const string Header = "X-Sql-Statements";

    public static bool Enabled { get; } = Environment.GetEnvironmentVariable("FREELANCEROS_COUNT_SQL") == "1";

    // The request's counter flows with its async work (view components included); none outside a request.
    private static readonly AsyncLocal<StrongBox<int>?> Current = new();

    public static DbContextOptionsBuilder CountingStatements(this DbContextOptionsBuilder options) =>
        Enabled ? options.AddInterceptors(Counter.Instance) : options;

    public static IApplicationBuilder UseSqlStatementCounting(this IApplicationBuilder app) =>
        !Enabled ? app : app.Use(async (context, next) =>
        {
            var count = new StrongBox<int>();
            Current.Value = count;
            // Views render into a buffer, so the headers start after the last query of the page.
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[Header] = Volatile.Read(ref count.Value).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Task.CompletedTask;
            });
            await next(context);
        });

    private static void Count()
    {
        if (Current.Value is { } box) Interlocked.Increment(ref box.Value);
    }

    private sealed class Counter : DbCommandInterceptor
    {
        public static readonly Counter Instance = new();

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Count();
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Count();
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            Count();
            return result;
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Count();
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Count();
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Count();
            return ValueTask.FromResult(result);
        }
    }
}
