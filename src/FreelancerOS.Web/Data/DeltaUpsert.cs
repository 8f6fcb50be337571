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
internal sealed class DeltaUpsert<TDelta>(string table, string[] columns, string[] key, string[] added, Func<TDelta, object[]> values)
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
        var sql = sqlServer
            ? $"MERGE {Q(table)} WITH (HOLDLOCK) AS t USING (VALUES {rows}) AS d ({list}) " +
              $"ON {string.Join(" AND ", key.Select(c => $"t.{Q(c)} = d.{Q(c)}"))} " +
              $"WHEN MATCHED THEN UPDATE SET {string.Join(", ", added.Select(c => $"t.{Q(c)} = t.{Q(c)} + d.{Q(c)}"))} " +
              $"WHEN NOT MATCHED THEN INSERT ({list}) VALUES ({string.Join(", ", columns.Select(c => "d." + Q(c)))});"
            : $"INSERT INTO {Q(table)} ({list}) VALUES {rows} " +
              $"ON CONFLICT ({string.Join(", ", key.Select(Q))}) DO UPDATE SET " +
              string.Join(", ", added.Select(c => $"{Q(c)} = {Q(table)}.{Q(c)} + excluded.{Q(c)}"));
        return (sql, args.ToArray());
    }
}
