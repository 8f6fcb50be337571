using System.Text;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Invoices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FreelancerOS.Web.Features.Dashboard;

/// <summary>
/// Keeps the dashboard's figures that do not depend on the day (<see cref="DashboardTotal"/>: unbilled work and the pipeline
/// value per currency, and the pipeline board's column totals) for each account. Unlike the ledger's month totals these are not moved by deltas: unbilled work
/// depends on a project's pricing, a client's currency, a milestone's state and an item's invoice, so the account's rows are
/// recomputed whole, with the very queries the invoice form and the pipeline use, in the transaction of any write that can
/// move them. A write costs one or two more statements; the dashboard reads a handful of rows instead of every unbilled item.
/// </summary>
public sealed class KeptDashboardTotals : IKeptFigures, IKeptPerAccount
{
    /// <summary>Claimed work is no longer unbilled; released work is again.</summary>
    public bool MovedByBilling => true;

    public IKeptChange? Collect(ChangeTracker tracker) => OwnersMovedBy(tracker) is { Count: > 0 } owners ? new Change(this, owners) : null;

    /// <summary>After the write: the figures of the accounts it moved, recomputed.</summary>
    private sealed class Change(KeptDashboardTotals keeper, IReadOnlyList<string> owners) : IKeptChange
    {
        public async Task AfterAsync(AppDbContext db, CancellationToken ct)
        {
            foreach (var owner in owners) await keeper.RecomputeAsync(db, owner, ct);
        }

        public void After(AppDbContext db)
        {
            foreach (var owner in owners) keeper.Recompute(db, owner);
        }
    }

    public const string Table = "DashboardTotals";

    private static readonly string[] Columns = ["OwnerId", "Figure", "Currency", "Hours", "Value", "Count"];

    private const long FillLock = 0x4461736842547474; // "DashBTtt"

    /// <summary>
    /// The accounts whose figures the tracker's pending changes can move: any change to time, services, milestones, scope
    /// changes, projects (pricing, client) or clients (stage, value, currency), and deleted invoices (their items come back).
    /// </summary>
    private static IReadOnlyList<string> OwnersMovedBy(ChangeTracker tracker) =>
        tracker.Entries<OwnedEntity>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Where(e => e.Entity is TimeEntry or Service or Milestone or ScopeChange or Project or Client
                        || (e.Entity is Invoice && e.State == EntityState.Deleted))
            .Select(e => e.Entity.OwnerId).Where(o => o.Length > 0).Distinct().ToList();

    /// <summary>The board's columns: contract values and clients per stage and currency (the pipeline is the leads' and negotiations').</summary>
    private static IQueryable<ColumnSum> BoardColumns(AppDbContext db, string owner) =>
        db.Clients.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.OwnerId == owner && (c.Stage == ClientStage.Lead || c.Stage == ClientStage.Negotiation || c.Stage == ClientStage.Client))
            .GroupBy(c => new { c.Stage, c.Currency })
            .Select(g => new ColumnSum { Stage = g.Key.Stage, Currency = g.Key.Currency, Value = g.Sum(c => c.ContractValue), Count = g.Count() });

    /// <summary>The account's rows as they should be, from its items (the write paths' recomputation and the tests' check).</summary>
    public static async Task<List<DashboardTotal>> ComputeAsync(AppDbContext db, string owner, CancellationToken ct = default) =>
        Rows(owner, await new BilledWork(db).UnbilledSums(owner).ToListAsync(ct), await BoardColumns(db, owner).ToListAsync(ct));

    private static List<DashboardTotal> Compute(AppDbContext db, string owner) =>
        Rows(owner, new BilledWork(db).UnbilledSums(owner).ToList(), BoardColumns(db, owner).ToList());

    private static List<DashboardTotal> Rows(string owner, IEnumerable<UnbilledSum> unbilled, List<ColumnSum> columns) =>
        BilledWork.PerCurrency(unbilled)
            .Select(u => new DashboardTotal { OwnerId = owner, Figure = DashboardFigure.Unbilled, Currency = u.Currency, Hours = u.Hours, Value = u.Value, Count = u.OtherItems })
            .Concat(columns.Where(c => c.Stage is ClientStage.Lead or ClientStage.Negotiation).GroupBy(c => c.Currency).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new DashboardTotal { OwnerId = owner, Figure = DashboardFigure.Pipeline, Currency = g.Key, Value = g.Sum(c => c.Value), Count = g.Sum(c => c.Count) }))
            .Concat(columns.Select(c => new DashboardTotal { OwnerId = owner, Figure = DashboardFigures.ColumnOf(c.Stage), Currency = c.Currency, Value = c.Value, Count = c.Count }))
            .ToList();

    /// <summary>
    /// Replaces the account's rows by a recomputation; must run inside the transaction of the write. The account's lock comes
    /// first, so of two writers the second recomputes after the first has committed (PostgreSQL and SQL Server read each
    /// statement's committed data; SQLite has one writer at a time anyway).
    /// </summary>
    public async Task RecomputeAsync(AppDbContext db, string owner, CancellationToken ct = default)
    {
        if (LockSql(db) is { } lockSql) await db.Database.ExecuteSqlRawAsync(lockSql, [owner], ct);
        var rows = await ComputeAsync(db, owner, ct);
        await db.DashboardTotals.IgnoreQueryFilters().Where(t => t.OwnerId == owner).ExecuteDeleteAsync(ct);
        if (rows.Count == 0) return;
        var (sql, args) = InsertSql(db, rows);
        await db.Database.ExecuteSqlRawAsync(sql, args, ct);
    }

    /// <inheritdoc cref="RecomputeAsync"/>
    private void Recompute(AppDbContext db, string owner)
    {
        if (LockSql(db) is { } lockSql) db.Database.ExecuteSqlRaw(lockSql, [owner]);
        var rows = Compute(db, owner);
        db.DashboardTotals.IgnoreQueryFilters().Where(t => t.OwnerId == owner).ExecuteDelete();
        if (rows.Count == 0) return;
        var (sql, args) = InsertSql(db, rows);
        db.Database.ExecuteSqlRaw(sql, args);
    }

    private static string? LockSql(AppDbContext db) =>
        db.Database.IsNpgsql() ? "SELECT pg_advisory_xact_lock(1145132104, hashtext({0}))"
        : db.Database.IsSqlServer() ? "EXEC sp_getapplock @Resource = {0}, @LockMode = 'Exclusive', @LockOwner = 'Transaction'"
        : null;

    private static (string Sql, object[] Args) InsertSql(AppDbContext db, IReadOnlyList<DashboardTotal> rows)
    {
        string Q(string name) => db.Database.IsSqlServer() ? $"[{name}]" : $"\"{name}\"";
        var args = new List<object>(rows.Count * Columns.Length);
        var values = new StringBuilder();
        foreach (var r in rows)
        {
            if (values.Length > 0) values.Append(", ");
            values.Append('(').AppendJoin(", ", Enumerable.Range(args.Count, Columns.Length).Select(i => "{" + i + "}")).Append(')');
            args.AddRange([r.OwnerId, (int)r.Figure, r.Currency, r.Hours, r.Value, r.Count]);
        }
        return ($"INSERT INTO {Q(Table)} ({string.Join(", ", Columns.Select(Q))}) VALUES {values}", args.ToArray());
    }

    public string FillNeeded(FillCheck sql) => sql.EmptyBeside<DashboardTotal, Client>();

    /// <summary>
    /// Fills the figures of a database that has clients but no kept figures (the first start after the upgrade that added
    /// them), under a lock so two instances starting together fill once.
    /// </summary>
    public async Task FillIfMissingAsync(AppDbContext db, CancellationToken ct = default)
    {
        if (await db.DashboardTotals.IgnoreQueryFilters().AnyAsync(ct) || !await db.Clients.IgnoreQueryFilters().AnyAsync(ct)) return;
        await using var tx = await Infrastructure.Database.BeginExclusiveAsync(db, FillLock);
        if (await db.DashboardTotals.IgnoreQueryFilters().AnyAsync(ct)) return;
        foreach (var owner in await db.Clients.IgnoreQueryFilters().Select(c => c.OwnerId).Distinct().ToListAsync(ct))
            await RecomputeAsync(db, owner, ct);
        await tx.CommitAsync(ct);
    }

    private sealed class ColumnSum
    {
        public ClientStage Stage { get; init; }
        public string Currency { get; init; } = "";
        public decimal Value { get; init; }
        public int Count { get; init; }
    }
}

internal sealed class DashboardTotalConfiguration : IEntityTypeConfiguration<DashboardTotal>
{
    public void Configure(EntityTypeBuilder<DashboardTotal> b)
    {
        b.ToTable(KeptDashboardTotals.Table);
        b.Property(t => t.OwnerId).IsRequired().HasMaxLength(450);
        b.Property(t => t.Currency).IsRequired().HasMaxLength(3);
        // One row per account, figure and currency: the dashboard's read is a range of this index.
        b.HasIndex(t => new { t.OwnerId, t.Figure, t.Currency }).IsUnique();
        b.HasOne<AppUser>().WithMany().HasForeignKey(t => t.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
