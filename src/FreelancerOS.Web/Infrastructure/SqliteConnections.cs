using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using FreelancerOS.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace FreelancerOS.Web.Infrastructure;

/// <summary>
/// Open SQLite connections kept between requests, each with the queries it has already compiled. SQLite compiles
/// (parses and plans) a statement before running it, and Microsoft.Data.Sqlite keeps a compiled statement only for the
/// life of its command, which EF creates for every query and the connection drops when it closes: a page compiled each
/// of its queries again on every view, a tenth to a fifth of its time. A request (or job) leases one open connection for
/// its scope (<see cref="SqliteLease"/>) and gives it back at the end; its context runs on it without opening or closing
/// it, and <see cref="SqliteStatements"/> keeps the commands of its LINQ queries, compiled, for the next request.
/// </summary>
/// <param name="appOptions">
/// The options of the app's contexts, which the context that sets a new connection up takes but for the connection: with
/// options of its own it would have EF services of its own, and build the model a second time at start (half a second).
/// </param>
public sealed class SqliteConnections(string connectionString, DbContextOptions<SqliteAppDbContext> appOptions) : IDisposable
{
    /// <summary>Idle connections kept beyond this many are closed: enough for the requests and jobs of one person at once.</summary>
    private const int MaxIdle = 4;

    // Last in, first out: the connection used last has the most useful statements and pages in its cache.
    private readonly ConcurrentStack<SqliteConnection> _idle = new();
    private bool _disposed;

    public SqliteConnection Take()
    {
        if (_idle.TryPop(out var kept)) return kept;
        var connection = new SqliteConnection(connectionString);
        // A context built on this connection registers EF's SQL functions on it (decimal comparison and arithmetic), as
        // it does on the connections it creates itself; the app's exact sum and product then take the place of two.
        var setUp = (DbContextOptions<SqliteAppDbContext>)appOptions.WithExtension(
            RelationalOptionsExtension.Extract(appOptions).WithConnectionString(null).WithConnection(connection));
        using (var db = new SqliteAppDbContext(setUp))
            _ = db.Database.GetDbConnection();
        connection.Open();
        SqlitePragmas.SetUp(connection);
        SqliteStatements.Attach(connection);
        return connection;
    }

    /// <summary>
    /// Back to the idle ones, unless it is no longer fit to lend: closed, or inside a transaction left open (which
    /// closing rolls back), or one too many.
    /// </summary>
    public void Return(SqliteConnection connection)
    {
        if (!_disposed && connection.State == System.Data.ConnectionState.Open && connection.Handle is { } handle
            && SQLitePCL.raw.sqlite3_get_autocommit(handle) != 0 && _idle.Count < MaxIdle)
        {
            _idle.Push(connection);
            if (_disposed) Dispose();
            return;
        }
        connection.Dispose();
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryPop(out var connection)) connection.Dispose();
    }
}

/// <summary>The open connection a scope's context runs on, given back when the scope ends.</summary>
public sealed class SqliteLease(SqliteConnections connections) : IDisposable
{
    private SqliteConnection? _connection;

    public SqliteConnection Connection => _connection ??= connections.Take();

    public void Dispose()
    {
        if (_connection is { } c)
        {
            _connection = null;
            connections.Return(c);
        }
    }
}

/// <summary>
/// Keeps the commands of LINQ queries, with their compiled statements, on the kept connections (<see cref="SqliteConnections"/>):
/// a query whose SQL the connection has run before runs on the kept command, with this run's parameters, instead of a new
/// one that SQLite would compile again. EF gets the command in a <see cref="KeptCommand"/>, whose disposal puts it back
/// instead of disposing it. A connection holds at most <see cref="PerConnection"/> of them, the least recently used going
/// first. Only reads are kept: writes vary with what is saved and would only push reads out.
/// </summary>
public sealed class SqliteStatements : DbCommandInterceptor
{
    public const int PerConnection = 200;

    public static readonly SqliteStatements Instance = new();

    private static readonly ConditionalWeakTable<SqliteConnection, Kept> OnConnection = new();

    internal static void Attach(SqliteConnection connection) => OnConnection.AddOrUpdate(connection, new Kept());

    /// <summary>How many commands a connection keeps (for the tests).</summary>
    public static int KeptOn(SqliteConnection connection) => OnConnection.TryGetValue(connection, out var kept) ? kept.Count : 0;

    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        if (eventData.CommandSource != CommandSource.LinqQuery || result is not SqliteCommand fresh || fresh.Connection is not { } connection
            || !OnConnection.TryGetValue(connection, out var kept))
            return result;
        if (kept.Take(fresh.CommandText) is not { } compiled) return new KeptCommand(fresh, kept);
        compiled.Transaction = fresh.Transaction;
        compiled.CommandTimeout = fresh.CommandTimeout;
        var parameters = fresh.Parameters.Cast<SqliteParameter>().ToArray();
        fresh.Parameters.Clear();
        fresh.Dispose();
        compiled.Parameters.AddRange(parameters);
        return new KeptCommand(compiled, kept);
    }

    /// <summary>One connection's idle commands by SQL, least recently used first; a connection serves one scope at a time.</summary>
    internal sealed class Kept
    {
        private readonly Dictionary<string, LinkedListNode<SqliteCommand>> _bySql = new(StringComparer.Ordinal);
        private readonly LinkedList<SqliteCommand> _order = new();

        public int Count => _bySql.Count;

        /// <summary>The idle command of this SQL, taken out until EF is done with it (two readers of one query never share it).</summary>
        public SqliteCommand? Take(string sql)
        {
            if (!_bySql.Remove(sql, out var node)) return null;
            _order.Remove(node);
            return node.Value;
        }

        public void Put(SqliteCommand command)
        {
            command.Parameters.Clear();
            command.Transaction = null;
            if (command.CommandText.Length == 0 || _bySql.ContainsKey(command.CommandText))
            {
                command.Dispose();
                return;
            }
            _bySql[command.CommandText] = _order.AddLast(command);
            if (_bySql.Count > PerConnection && _order.First is { } oldest)
            {
                _order.RemoveFirst();
                _bySql.Remove(oldest.Value.CommandText);
                oldest.Value.Dispose();
            }
        }
    }
}

/// <summary>A kept SQLite command as EF sees it: everything goes to the command, except that disposing it keeps it.</summary>
internal sealed class KeptCommand(SqliteCommand command, SqliteStatements.Kept kept) : DbCommand
{
    private bool _done;

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string CommandText { get => command.CommandText; set => command.CommandText = value; }

    public override int CommandTimeout { get => command.CommandTimeout; set => command.CommandTimeout = value; }

    public override System.Data.CommandType CommandType { get => command.CommandType; set => command.CommandType = value; }

    public override bool DesignTimeVisible { get => command.DesignTimeVisible; set => command.DesignTimeVisible = value; }

    public override System.Data.UpdateRowSource UpdatedRowSource { get => command.UpdatedRowSource; set => command.UpdatedRowSource = value; }

    protected override DbConnection? DbConnection { get => command.Connection; set => command.Connection = (SqliteConnection?)value; }

    protected override DbParameterCollection DbParameterCollection => command.Parameters;

    protected override DbTransaction? DbTransaction { get => command.Transaction; set => command.Transaction = (SqliteTransaction?)value; }

    public override void Cancel() => command.Cancel();

    public override int ExecuteNonQuery() => command.ExecuteNonQuery();

    public override object? ExecuteScalar() => command.ExecuteScalar();

    public override void Prepare() => command.Prepare();

    protected override DbParameter CreateDbParameter() => command.CreateParameter();

    protected override DbDataReader ExecuteDbDataReader(System.Data.CommandBehavior behavior) => command.ExecuteReader(behavior);

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_done)
        {
            _done = true;
            kept.Put(command);
        }
        base.Dispose(disposing);
    }
}
