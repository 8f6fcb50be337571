using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace FreelancerOS.Web.Data;

/// <summary>
/// "Add to the row, or create it" for figures kept by deltas (<see cref="KeptLedgerTotals"/>, <see cref="KeptProjectHours"/>):
/// one atomic statement per chunk of rows, in the transaction of the write that moved them, so two writers adding to the same
/// row at once both count. SQLite and PostgreSQL: INSERT ... ON CONFLICT DO UPDATE; SQL Server: a MERGE holding its range lock.
/// </summary>
/// <param name="table">The kept table.</param>
/// <param name="columns">Every column written, in the order <paramref name="values"/> gives them.</param>
/// <param name="key">The row's key: the columns of the unique index the conflict is on, in its order.</param>
/// <param name="added">The columns a delta adds to.</param>
/// <param name="values">A delta's values, one per column of <paramref name="columns"/>.</param>
/// <param name="latest">The columns that keep the greater of theirs and the delta's (a latest date), instead of adding.</param>
internal sealed class DeltaUpsert<TDelta>(string table, string[] columns, string[] key, string[] added, Func<TDelta, object[]> values, string[]? latest = null)
{
    // SQL Server takes at most 2,100 parameters a statement.
    private readonly int rowsPerStatement = 2000 / columns.Length;

    public async Task ApplyAsync(DatabaseFacade database, IReadOnlyList<TDelta> deltas, CancellationToken ct = default)
    {
        foreach (var chunk in deltas.Chunk(rowsPerStatement))
        {
            var (sql, args) = Sql(database.IsSqlServer(), chunk);
            await database.ExecuteSqlRawAsync(sql, args, ct);
        }
    }

    public void Apply(DatabaseFacade database, IReadOnlyList<TDelta> deltas)
    {
        foreach (var chunk in deltas.Chunk(rowsPerStatement))
        {
            var (sql, args) = Sql(database.IsSqlServer(), chunk);
            database.ExecuteSqlRaw(sql, args);
        }
    }

    /// <summary>One statement adding every delta to its row (creating the rows that do not exist yet); {n} are parameters.</summary>
    public (string Sql, object[] Args) Sql(bool sqlServer, IReadOnlyList<TDelta> deltas)
    {
        var args = new List<object>(deltas.Count * columns.Length);
        var rows = new StringBuilder();
        foreach (var d in deltas)
        {
            if (rows.Length > 0) rows.Append(", ");
            rows.Append('(').AppendJoin(", ", Enumerable.Range(args.Count, columns.Length).Select(i => "{" + i + "}")).Append(')');
            args.AddRange(values(d));
        }
        string Q(string name) => sqlServer ? $"[{name}]" : $"\"{name}\"";
        var list = string.Join(", ", columns.Select(Q));
        // The same CASE on every database: SQLite's two-argument MAX is PostgreSQL's GREATEST and not SQL Server's.
        IEnumerable<string> Set(string kept, string delta) => added.Select(c => $"{kept}.{Q(c)} + {delta}.{Q(c)}")
            .Concat((latest ?? []).Select(c => $"CASE WHEN {delta}.{Q(c)} > {kept}.{Q(c)} THEN {delta}.{Q(c)} ELSE {kept}.{Q(c)} END"))
            .Zip(added.Concat(latest ?? []), (value, c) => $"{(sqlServer ? kept + "." : "")}{Q(c)} = {value}");
        var sql = sqlServer
            ? $"MERGE {Q(table)} WITH (HOLDLOCK) AS t USING (VALUES {rows}) AS d ({list}) " +
              $"ON {string.Join(" AND ", key.Select(c => $"t.{Q(c)} = d.{Q(c)}"))} " +
              $"WHEN MATCHED THEN UPDATE SET {string.Join(", ", Set("t", "d"))} " +
              $"WHEN NOT MATCHED THEN INSERT ({list}) VALUES ({string.Join(", ", columns.Select(c => "d." + Q(c)))});"
            : $"INSERT INTO {Q(table)} ({list}) VALUES {rows} " +
              $"ON CONFLICT ({string.Join(", ", key.Select(Q))}) DO UPDATE SET " +
              string.Join(", ", Set(Q(table), "excluded"));
        return (sql, args.ToArray());
    }
}
