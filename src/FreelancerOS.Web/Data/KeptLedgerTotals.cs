using System.Linq.Expressions;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace FreelancerOS.Web.Data;

/// <summary>The row of <see cref="LedgerMonthTotal"/> an entry counts in.</summary>
public readonly record struct TotalKey(string OwnerId, int Period, LedgerKind Kind, int PaymentModeId, int CategoryId, string Currency);

/// <summary>What to add to one row of kept totals (negative when entries leave it).</summary>
public readonly record struct TotalDelta(TotalKey Key, int Count, long HomeAmountMinor, long AmountMinor);

/// <summary>What to add to one row of <see cref="LedgerModeTotal"/>.</summary>
public readonly record struct ModeDelta(string OwnerId, LedgerKind Kind, int PaymentModeId, int Count, long HomeAmountMinor);

/// <summary>
/// Keeps <see cref="LedgerMonthTotal"/> and <see cref="LedgerModeTotal"/> in step with the entries. Each change is an atomic "add to the row,
/// or create it" in the database (never a read-modify-write in the app), so two requests adding to the
/// same month at once both count: INSERT … ON CONFLICT DO UPDATE SET x = x + excluded.x on SQLite and
/// PostgreSQL, MERGE WITH (HOLDLOCK) on SQL Server.
/// </summary>
public static class KeptLedgerTotals
{
    public const string Table = "LedgerMonthTotals";

    public const string ModeTable = "LedgerModeTotals";

    private static readonly string[] Columns = ["OwnerId", "Period", "Kind", "PaymentModeId", "CategoryId", "Currency", "Count", "HomeAmountMinor", "AmountMinor"];
    private static readonly string[] KeyColumns = Columns[..6];

    private static readonly DeltaUpsert<TotalDelta> Upsert = new(Table, Columns, KeyColumns, ["Count", "HomeAmountMinor", "AmountMinor"],
        d => [d.Key.OwnerId, d.Key.Period, (int)d.Key.Kind, d.Key.PaymentModeId, d.Key.CategoryId, d.Key.Currency, d.Count, d.HomeAmountMinor, d.AmountMinor]);

    private static readonly DeltaUpsert<ModeDelta> ModeUpsert = new(ModeTable, ["OwnerId", "Kind", "PaymentModeId", "Count", "HomeAmountMinor"],
        ["OwnerId", "Kind", "PaymentModeId"], ["Count", "HomeAmountMinor"], d => [d.OwnerId, (int)d.Kind, d.PaymentModeId, d.Count, d.HomeAmountMinor]);

    /// <summary>The ledger's part of every SaveChanges (<see cref="KeptFigures"/>).</summary>
    public static readonly IKeptFigures Keeper = new LedgerKeeper();

    private sealed class LedgerKeeper : IKeptFigures, IKeptChange
    {
        public IKeptChange? Collect(ChangeTracker tracker) =>
            tracker.Entries<LedgerEntry>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted) ? this : null;

        public Task FillIfMissingAsync(AppDbContext db, CancellationToken ct = default) => KeptLedgerTotals.FillIfMissingAsync(db, ct);

        public string FillNeeded(FillCheck sql) => $"(NOT {sql.Any<LedgerMonthTotal>()} OR NOT {sql.Any<LedgerModeTotal>()}) AND {sql.Any<LedgerEntry>()}";

        public Task AfterAsync(AppDbContext db, CancellationToken ct) => ApplyAsync(db.Database, KeptLedgerTotals.Collect(db.ChangeTracker), ct);

        public void After(AppDbContext db) => Apply(db.Database, KeptLedgerTotals.Collect(db.ChangeTracker));
    }

    public static int OrNone(int? id) => id ?? LedgerMonthTotal.None;

    public static int? FromNone(int id) => id == LedgerMonthTotal.None ? null : id;

    /// <summary>
    /// The changes to the totals made by the ledger entries the tracker has just written (called after
    /// SaveChanges without accepting, so generated keys of new modes and categories are known and the
    /// original values of edited and deleted entries are still there). Summed per row; rows that do not
    /// change are left out, so editing a description writes nothing here.
    /// </summary>
    public static List<TotalDelta> Collect(ChangeTracker tracker)
    {
        var sums = new Dictionary<TotalKey, (int Count, long Minor, long Own)>();
        void Add(TotalKey key, int count, long minor, long own)
        {
            var (c, m, o) = sums.GetValueOrDefault(key);
            sums[key] = (c + count, m + minor, o + own);
        }
        foreach (var entry in tracker.Entries<LedgerEntry>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    Add(Current(entry), 1, entry.Entity.HomeAmountMinor, CurrentOwnMinor(entry));
                    break;
                case EntityState.Deleted:
                    Add(Original(entry), -1, -OriginalMinor(entry), -OriginalOwnMinor(entry));
                    break;
                case EntityState.Modified:
                    var (before, after) = (Original(entry), Current(entry));
                    var (beforeMinor, afterMinor) = (OriginalMinor(entry), entry.Entity.HomeAmountMinor);
                    var (beforeOwn, afterOwn) = (OriginalOwnMinor(entry), CurrentOwnMinor(entry));
                    if (before == after && beforeMinor == afterMinor && beforeOwn == afterOwn) break;
                    Add(before, -1, -beforeMinor, -beforeOwn);
                    Add(after, 1, afterMinor, afterOwn);
                    break;
            }
        }
        return sums.Where(s => s.Value != (0, 0L, 0L)).Select(s => new TotalDelta(s.Key, s.Value.Count, s.Value.Minor, s.Value.Own)).ToList();
    }

    private static TotalKey Current(EntityEntry<LedgerEntry> e) => new(e.Entity.OwnerId, e.Entity.Period, e.Entity.Kind,
        OrNone(e.Entity.PaymentModeId), OrNone(e.Entity.CategoryId), e.Entity.Currency);

    private static TotalKey Original(EntityEntry<LedgerEntry> e)
    {
        var o = e.OriginalValues;
        return new(o.GetValue<string>(nameof(LedgerEntry.OwnerId)), o.GetValue<int>(nameof(LedgerEntry.Period)), e.Entity.Kind,
            OrNone(o.GetValue<int?>(nameof(LedgerEntry.PaymentModeId))), OrNone(o.GetValue<int?>(nameof(LedgerEntry.CategoryId))),
            o.GetValue<string>(nameof(LedgerEntry.Currency)));
    }

    private static long OriginalMinor(EntityEntry<LedgerEntry> e) => e.OriginalValues.GetValue<long>(nameof(LedgerEntry.HomeAmountMinor));

    private static long CurrentOwnMinor(EntityEntry<LedgerEntry> e) => LedgerEntry.ToMinor(e.Entity.Amount, e.Entity.Currency);

    private static long OriginalOwnMinor(EntityEntry<LedgerEntry> e) => LedgerEntry.ToMinor(
        e.OriginalValues.GetValue<decimal>(nameof(LedgerEntry.Amount)), e.OriginalValues.GetValue<string>(nameof(LedgerEntry.Currency)));

    /// <summary>Adds the deltas to the month totals and, summed per kind and payment mode, to the all-time mode totals.</summary>
    public static async Task ApplyAsync(DatabaseFacade database, IReadOnlyList<TotalDelta> deltas, CancellationToken ct = default)
    {
        await Upsert.ApplyAsync(database, deltas, ct);
        await ModeUpsert.ApplyAsync(database, ModeDeltas(deltas), ct);
    }

    /// <inheritdoc cref="ApplyAsync"/>
    public static void Apply(DatabaseFacade database, IReadOnlyList<TotalDelta> deltas)
    {
        Upsert.Apply(database, deltas);
        ModeUpsert.Apply(database, ModeDeltas(deltas));
    }

    /// <summary>The month deltas summed per account, kind and payment mode; rows that do not change are left out (an entry moved to another month or category).</summary>
    public static List<ModeDelta> ModeDeltas(IEnumerable<TotalDelta> deltas) => deltas
        .GroupBy(d => (d.Key.OwnerId, d.Key.Kind, d.Key.PaymentModeId))
        .Select(g => new ModeDelta(g.Key.OwnerId, g.Key.Kind, g.Key.PaymentModeId, g.Sum(d => d.Count), g.Sum(d => d.HomeAmountMinor)))
        .Where(d => d.Count != 0 || d.HomeAmountMinor != 0)
        .ToList();

    /// <summary>One statement adding every delta to its row (creating the rows that do not exist yet); {n} are parameters.</summary>
    public static (string Sql, object[] Args) UpsertSql(bool sqlServer, IReadOnlyList<TotalDelta> deltas) => Upsert.Sql(sqlServer, deltas);

    /// <summary>The same for the all-time totals per kind and payment mode.</summary>
    public static (string Sql, object[] Args) ModeUpsertSql(bool sqlServer, IReadOnlyList<ModeDelta> deltas) => ModeUpsert.Sql(sqlServer, deltas);

    /// <summary>The totals as they should be, computed from every entry of every account (the start-up fill and the tests' check).</summary>
    public static async Task<List<LedgerMonthTotal>> RecomputeAsync(AppDbContext db, CancellationToken ct = default) =>
        (await db.LedgerEntries.IgnoreQueryFilters().AsNoTracking()
            .GroupBy(e => new { e.OwnerId, e.Period, e.Kind, e.PaymentModeId, e.CategoryId, e.Currency })
            .Select(g => new { g.Key, Count = g.Count(), Minor = g.Sum(e => e.HomeAmountMinor), Own = g.Sum(e => e.Amount) })
            .ToListAsync(ct))
        .Select(g => new LedgerMonthTotal
        {
            OwnerId = g.Key.OwnerId, Period = g.Key.Period, Kind = g.Key.Kind, PaymentModeId = OrNone(g.Key.PaymentModeId),
            CategoryId = OrNone(g.Key.CategoryId), Currency = g.Key.Currency, Count = g.Count, HomeAmountMinor = g.Minor,
            AmountMinor = LedgerEntry.ToMinor(g.Own, g.Key.Currency),
        }).ToList();

    /// <summary>The all-time totals per kind and payment mode as they should be, from every entry of every account.</summary>
    public static async Task<List<LedgerModeTotal>> RecomputeModesAsync(AppDbContext db, CancellationToken ct = default) =>
        (await db.LedgerEntries.IgnoreQueryFilters().AsNoTracking()
            .GroupBy(e => new { e.OwnerId, e.Kind, e.PaymentModeId })
            .Select(g => new { g.Key, Count = g.Count(), Minor = g.Sum(e => e.HomeAmountMinor) })
            .ToListAsync(ct))
        .Select(g => new LedgerModeTotal { OwnerId = g.Key.OwnerId, Kind = g.Key.Kind, PaymentModeId = OrNone(g.Key.PaymentModeId), Count = g.Count, HomeAmountMinor = g.Minor })
        .ToList();

    /// <summary>
    /// Fills the totals of a database that has entries but no totals yet (the first start after the upgrade
    /// that added them, or after one that emptied them to add a column), under the same lock as the first sign-up so two instances starting together fill once.
    /// </summary>
    public static async Task FillIfMissingAsync(AppDbContext db, CancellationToken ct = default)
    {
        await FillIfMissingAsync(db, db.LedgerMonthTotals, RecomputeAsync, ct);
        await FillIfMissingAsync(db, db.LedgerModeTotals, RecomputeModesAsync, ct);
    }

    private static async Task FillIfMissingAsync<T>(AppDbContext db, DbSet<T> kept, Func<AppDbContext, CancellationToken, Task<List<T>>> recompute, CancellationToken ct)
        where T : class
    {
        if (await kept.IgnoreQueryFilters().AnyAsync(ct) || !await db.LedgerEntries.IgnoreQueryFilters().AnyAsync(ct)) return;
        await using var tx = await Infrastructure.Database.BeginExclusiveAsync(db, FillLock);
        if (await kept.IgnoreQueryFilters().AnyAsync(ct)) return;
        kept.AddRange(await recompute(db, ct));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

    private const long FillLock = 0x4C65646765725474; // "LedgerTt"

    /// <summary>
    /// After a bulk update moved every entry of one payment mode (or category) to another, moves their
    /// totals the same way, in the caller's transaction: added to the target's rows, the old rows removed (a category's
    /// expense series too, <see cref="KeptExpenseSeries"/>).
    /// A category's entries keep their payment mode, so the mode totals move only with a payment mode.
    /// </summary>
    public static async Task MoveAsync(AppDbContext db, bool paymentMode, int from, int to)
    {
        Expression<Func<LedgerMonthTotal, bool>> moved = paymentMode ? t => t.PaymentModeId == from : t => t.CategoryId == from;
        var rows = await db.LedgerMonthTotals.AsNoTracking().Where(moved).ToListAsync();
        var deltas = rows
            .GroupBy(r => new TotalKey(r.OwnerId, r.Period, r.Kind, paymentMode ? to : r.PaymentModeId, paymentMode ? r.CategoryId : to, r.Currency))
            .Select(g => new TotalDelta(g.Key, g.Sum(r => r.Count), g.Sum(r => r.HomeAmountMinor), g.Sum(r => r.AmountMinor)))
            .ToList();
        await Upsert.ApplyAsync(db.Database, deltas);
        await db.LedgerMonthTotals.Where(moved).ExecuteDeleteAsync();
        if (!paymentMode)
        {
            await KeptExpenseSeries.MoveCategoryAsync(db, from, to);
            return;
        }
        var modes = await db.LedgerModeTotals.AsNoTracking().Where(t => t.PaymentModeId == from).ToListAsync();
        var modeDeltas = modes.Select(t => new ModeDelta(t.OwnerId, t.Kind, to, t.Count, t.HomeAmountMinor)).ToList();
        await ModeUpsert.ApplyAsync(db.Database, modeDeltas);
        await db.LedgerModeTotals.Where(t => t.PaymentModeId == from).ExecuteDeleteAsync();
    }
}
