using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Infrastructure;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace FreelancerOS.Tests.Data;

/// <summary>
/// A SQL Server context that never reaches a server (none can run here): opening the connection and
/// starting a transaction are suppressed, and every command EF creates is a stand-in that records its
/// text and answers with <see cref="Affected"/> rows or the rows <see cref="Rows"/> gives. So the app's
/// own code runs against the SQL Server provider and the T-SQL it would send can be read and parsed.
/// </summary>
internal sealed class SqlServerCapture : IDisposable
{
    /// <summary>A signed-in user, so the owner filter is part of every statement as it is in the app.</summary>
    private sealed class SomeUser : ICurrentUser
    {
        public string? UserId => "8d0c6a4e-sqlserver-test-user";
    }

    public const string DummyConnection = "Server=sqlserver.invalid;Database=freelanceros;User Id=sa;Password=not-used;TrustServerCertificate=True";

    public List<string> Statements { get; } = [];
    public int Affected { get; set; } = 1;
    public Func<string, DataTable> Rows { get; set; } = _ => new DataTable();
    public SqlServerAppDbContext Db { get; }

    public SqlServerCapture(ICurrentUser? user = null)
    {
        var options = new DbContextOptionsBuilder<SqlServerAppDbContext>()
            .UseSqlServer(DummyConnection)
            .AddInterceptors(new Interceptor(this))
            .Options;
        Db = new SqlServerAppDbContext(options, user ?? new SomeUser());
    }

    public void Dispose() => Db.Dispose();

    /// <summary>Parse errors of <paramref name="sql"/> as T-SQL (SQL Server 2022), empty when it parses.</summary>
    public static IList<ParseError> ParseErrors(string sql)
    {
        new TSql160Parser(initialQuotedIdentifiers: false).Parse(new StringReader(sql), out var errors);
        return errors;
    }

    private sealed class Interceptor(SqlServerCapture capture) : IDbConnectionInterceptor, IDbCommandInterceptor, IDbTransactionInterceptor
    {
        public InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            InterceptionResult.Suppress();

        public ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result,
            CancellationToken cancellationToken = default) => ValueTask.FromResult(InterceptionResult.Suppress());

        public InterceptionResult<DbCommand> CommandCreating(CommandCorrelatedEventData eventData, InterceptionResult<DbCommand> result) =>
            InterceptionResult<DbCommand>.SuppressWithResult(new RecordingCommand(capture));

        public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData,
            InterceptionResult<DbTransaction> result) => InterceptionResult<DbTransaction>.SuppressWithResult(new NoTransaction(connection));

        public ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
            InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(InterceptionResult<DbTransaction>.SuppressWithResult(new NoTransaction(connection)));
    }

    private sealed class NoTransaction(DbConnection connection) : DbTransaction
    {
        protected override DbConnection DbConnection => connection;
        public override System.Data.IsolationLevel IsolationLevel => System.Data.IsolationLevel.ReadCommitted;
        public override void Commit() { }
        public override void Rollback() { }
    }

    private sealed class RecordingCommand(SqlServerCapture capture) : DbCommand
    {
        // Real SqlClient parameters, since the provider's type mappings configure them as such.
        private readonly SqlCommand _parameters = new();

        [AllowNull] public override string CommandText { get; set; } = "";
        public override int CommandTimeout { get; set; }
        public override CommandType CommandType { get; set; }
        public override UpdateRowSource UpdatedRowSource { get; set; }
        protected override DbConnection? DbConnection { get; set; }
        protected override DbParameterCollection DbParameterCollection => _parameters.Parameters;
        protected override DbTransaction? DbTransaction { get; set; }
        public override bool DesignTimeVisible { get; set; }
        public override void Cancel() { }
        public override void Prepare() { }
        protected override DbParameter CreateDbParameter() => new SqlParameter();

        public override int ExecuteNonQuery()
        {
            capture.Statements.Add(CommandText);
            return capture.Affected;
        }

        public override object? ExecuteScalar()
        {
            capture.Statements.Add(CommandText);
            var table = capture.Rows(CommandText);
            return table.Rows.Count > 0 ? table.Rows[0][0] : null;
        }

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
        {
            capture.Statements.Add(CommandText);
            return capture.Rows(CommandText).CreateDataReader();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _parameters.Dispose();
            base.Dispose(disposing);
        }
    }
}
