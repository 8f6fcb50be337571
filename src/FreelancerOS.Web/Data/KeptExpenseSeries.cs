using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace FreelancerOS.Web.Data;

/// <summary>The row of <see cref="ExpenseSeriesMonth"/> an expense counts in.</summary>
public readonly record struct SeriesKey(string OwnerId, int Period, int CategoryId, string Description, string Vendor);

/// <summary>What to add to one row of <see cref="ExpenseSeriesMonth"/>, and the latest date of the expenses it adds (MinValue when none).</summary>
public readonly record struct SeriesDelta(SeriesKey Key, int Count, long HomeAmountMinor, DateOnly LastDate);

/// <summary>
/// Keeps <see cref="ExpenseSeriesMonth"/> in step with the expenses, the way <see cref="KeptLedgerTotals"/> keeps the month
/// totals: the count and sum by an atomic "add to the row, or create it" (the latest date kept as the greater of the
/// row's and the added expenses'), in the transaction of the write. When an expense leaves a row (deleted, or moved to
/// another month, series or date), the latest date of that month's series is read again from the expenses and the rows
/// left empty are removed: a latest date cannot be taken back by a delta.
/// </summary>
public static class KeptExpenseSeries
{
    public const string Table = "ExpenseSeriesMonths";

    /// <summary>The expense series' part of every SaveChanges (<see cref="KeptFigures"/>).</summary>
    public static readonly IKeptFigures Keeper = new SeriesKeeper();

    private static readonly DeltaUpsert<SeriesDelta> Upsert = new(Table,
        ["OwnerId", "Period", "CategoryId", "Description", "Vendor", "Count", "HomeAmountMinor", "LastDate"],
        ["OwnerId", "Period", "CategoryId", "Description", "Vendor"], ["Count", "HomeAmountMinor"],
        d => [d.Key.OwnerId, d.Key.Period, d.Key.CategoryId, d.Key.Description, d.Key.Vendor, d.Count, d.HomeAmountMinor, d.LastDate],
        latest: ["LastDate"]);

    private sealed class SeriesKeeper : IKeptFigures, IKeptChange
    {
        public IKeptChange? Collect(ChangeTracker tracker) =>
            tracker.Entries<Expense>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted) ? this : null;

        public Task FillIfMissingAsync(AppDbContext db, CancellationToken ct = default) => KeptExpenseSeries.FillIfMissingAsync(db, ct);

        public string FillNeeded(FillCheck sql) =>
            $"NOT {sql.Any<ExpenseSeriesMonth>()} AND EXISTS (SELECT 1 FROM {sql.Table<LedgerEntry>()} WHERE {sql.Column<LedgerEntry>(nameof(LedgerEntry.Kind))} = {(int)LedgerKind.Expense})";

        public async Task AfterAsync(AppDbContext db, CancellationToken ct)
        {
            var (deltas, left) = KeptExpenseSeries.Collect(db.ChangeTracker);
            await Upsert.ApplyAsync(db.Database, deltas, ct);
            foreach (var (owner, periods) in left)
            {
                await db.ExpenseSeriesMonths.IgnoreQueryFilters().Where(Emptied(owner, periods)).ExecuteDeleteAsync(ct);
                await db.ExpenseSeriesMonths.IgnoreQueryFilters().Where(In(owner, periods)).ExecuteUpdateAsync(LatestDate(db), ct);
            }
        }

        public void After(AppDbContext db)
        {
            var (deltas, left) = KeptExpenseSeries.Collect(db.ChangeTracker);
            Upsert.Apply(db.Database, deltas);
            foreach (var (owner, periods) in left)
            {
                db.ExpenseSeriesMonths.IgnoreQueryFilters().Where(Emptied(owner, periods)).ExecuteDelete();
                db.ExpenseSeriesMonths.IgnoreQueryFilters().Where(In(owner, periods)).ExecuteUpdate(LatestDate(db));
            }
        }
    }

    private static System.Linq.Expressions.Expression<Func<ExpenseSeriesMonth, bool>> In(string owner, int[] periods) =>
        t => t.OwnerId == owner && periods.Contains(t.Period);

    private static System.Linq.Expressions.Expression<Func<ExpenseSeriesMonth, bool>> Emptied(string owner, int[] periods) =>
        t => t.OwnerId == owner && periods.Contains(t.Period) && t.Count == 0;

    private static Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<ExpenseSeriesMonth>> LatestDate(AppDbContext db) =>
        s => s.SetProperty(t => t.LastDate, t => db.Expenses.IgnoreQueryFilters()
            .Where(e => e.OwnerId == t.OwnerId && e.Period == t.Period && (e.CategoryId ?? LedgerMonthTotal.None) == t.CategoryId
                        && e.Description == t.Description && (e.Vendor ?? ExpenseSeriesMonth.NoVendor) == t.Vendor)
            .Max(e => e.Date));

    /// <summary>
    /// The changes made by the expenses the tracker has just written (after SaveChanges without accepting: the values
    /// before an edit or a delete are still there), summed per row; and, per account, the months a row of which an
    /// expense left, whose latest dates are to be read again.
    /// </summary>
    public static (List<SeriesDelta> Deltas, List<(string Owner, int[] Periods)> Left) Collect(ChangeTracker tracker)
    {
        var sums = new Dictionary<SeriesKey, (int Count, long Minor, DateOnly Last)>();
        var left = new HashSet<(string Owner, int Period)>();
        void Add(SeriesKey key, int count, long minor, DateOnly date)
        {
            var (c, m, l) = sums.GetValueOrDefault(key, (0, 0L, DateOnly.MinValue));
            sums[key] = (c + count, m + minor, date > l ? date : l);
        }
        void Leave(SeriesKey key, long minor)
        {
            Add(key, -1, -minor, DateOnly.MinValue);
            left.Add((key.OwnerId, key.Period));
        }
        foreach (var entry in tracker.Entries<Expense>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    Add(Current(entry), 1, entry.Entity.HomeAmountMinor, entry.Entity.Date);
                    break;
                case EntityState.Deleted:
                    Leave(Original(entry), OriginalMinor(entry));
                    break;
                case EntityState.Modified:
                    var (before, after) = (Original(entry), Current(entry));
                    var (beforeMinor, afterMinor) = (OriginalMinor(entry), entry.Entity.HomeAmountMinor);
                    var beforeDate = entry.OriginalValues.GetValue<DateOnly>(nameof(LedgerEntry.Date));
                    if (before == after && beforeMinor == afterMinor && beforeDate == entry.Entity.Date) break;
                    if (before == after && beforeDate <= entry.Entity.Date) Add(before, -1, -beforeMinor, DateOnly.MinValue);
                    else Leave(before, beforeMinor);
                    Add(after, 1, afterMinor, entry.Entity.Date);
                    break;
            }
        }
        var deltas = sums.Where(s => s.Value.Count != 0 || s.Value.Minor != 0 || s.Value.Last != DateOnly.MinValue)
            .Select(s => new SeriesDelta(s.Key, s.Value.Count, s.Value.Minor, s.Value.Last)).ToList();
        var months = left.GroupBy(l => l.Owner).Select(g => (g.Key, g.Select(l => l.Period).Order().ToArray())).ToList();
        return (deltas, months);
    }

    private static SeriesKey Current(EntityEntry<Expense> e) => new(e.Entity.OwnerId, e.Entity.Period,
        KeptLedgerTotals.OrNone(e.Entity.CategoryId), e.Entity.Description, ExpenseSeriesMonth.VendorKey(e.Entity.Vendor));

    private static SeriesKey Original(EntityEntry<Expense> e)
    {
        var o = e.OriginalValues;
        return new(o.GetValue<string>(nameof(LedgerEntry.OwnerId)), o.GetValue<int>(nameof(LedgerEntry.Period)),
            KeptLedgerTotals.OrNone(o.GetValue<int?>(nameof(LedgerEntry.CategoryId))), o.GetValue<string>(nameof(LedgerEntry.Description)),
            ExpenseSeriesMonth.VendorKey(o.GetValue<string?>(nameof(Expense.Vendor))));
    }

    private static long OriginalMinor(EntityEntry<Expense> e) => e.OriginalValues.GetValue<long>(nameof(LedgerEntry.HomeAmountMinor));

    /// <summary>One statement adding every delta to its row (creating the rows that do not exist yet); {n} are parameters.</summary>
    public static (string Sql, object[] Args) UpsertSql(bool sqlServer, IReadOnlyList<SeriesDelta> deltas) => Upsert.Sql(sqlServer, deltas);

    /// <summary>The rows as they should be, computed from every expense of every account (the start-up fill and the tests' check).</summary>
    public static async Task<List<ExpenseSeriesMonth>> RecomputeAsync(AppDbContext db, CancellationToken ct = default) =>
        (await db.Expenses.IgnoreQueryFilters().AsNoTracking()
            .GroupBy(e => new { e.OwnerId, e.Period, e.CategoryId, e.Description, e.Vendor })
            .Select(g => new { g.Key, Count = g.Count(), Minor = g.Sum(e => e.HomeAmountMinor), Last = g.Max(e => e.Date) })
            .ToListAsync(ct))
        .Select(g => new ExpenseSeriesMonth
        {
            OwnerId = g.Key.OwnerId, Period = g.Key.Period, CategoryId = KeptLedgerTotals.OrNone(g.Key.CategoryId), Description = g.Key.Description,
            Vendor = ExpenseSeriesMonth.VendorKey(g.Key.Vendor), Count = g.Count, HomeAmountMinor = g.Minor, LastDate = g.Last,
        }).ToList();

    /// <summary>
    /// Fills the rows of a database that has expenses but no kept series yet (the first start after the upgrade that
    /// added them), under a lock so two instances starting together fill once.
    /// </summary>
    public static async Task FillIfMissingAsync(AppDbContext db, CancellationToken ct = default)
    {
        if (await db.ExpenseSeriesMonths.IgnoreQueryFilters().AnyAsync(ct) || !await db.Expenses.IgnoreQueryFilters().AnyAsync(ct)) return;
        await using var tx = await Infrastructure.Database.BeginExclusiveAsync(db, FillLock);
        if (await db.ExpenseSeriesMonths.IgnoreQueryFilters().AnyAsync(ct)) return;
        db.ExpenseSeriesMonths.AddRange(await RecomputeAsync(db, ct));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

    private const long FillLock = 0x4578705365726965; // "ExpSerie"

    /// <summary>
    /// After a bulk update moved every expense of one category to another, moves their rows the same way, in the
    /// caller's transaction: added to the target's rows (the later of the two latest dates kept), the old rows removed.
    /// </summary>
    public static async Task MoveCategoryAsync(AppDbContext db, int from, int to)
    {
        var rows = await db.ExpenseSeriesMonths.IgnoreQueryFilters().AsNoTracking().Where(t => t.CategoryId == from).ToListAsync();
        var deltas = rows.Select(r => new SeriesDelta(new SeriesKey(r.OwnerId, r.Period, to, r.Description, r.Vendor), r.Count, r.HomeAmountMinor, r.LastDate)).ToList();
        await Upsert.ApplyAsync(db.Database, deltas);
        await db.ExpenseSeriesMonths.IgnoreQueryFilters().Where(t => t.CategoryId == from).ExecuteDeleteAsync();
    }
}
