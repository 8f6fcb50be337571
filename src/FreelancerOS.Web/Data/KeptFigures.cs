using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace FreelancerOS.Web.Data;

/// <summary>
/// Figures kept in the database in step with the rows they come from (the ledger's month totals, its expense series per month, a project's hours per month, its logged hours and invoiced amount), so
/// that a page reads a few kept rows instead of summing every row. The one way they are kept: <see cref="AppDbContext"/>'s
/// SaveChanges asks every keeper, before the write, what the pending changes move; then writes, and lets each keeper
/// update its figures in the same transaction, before the changes are accepted (so the values before an edit or a
/// delete, and the keys of new rows, are both known). Whichever code path wrote the rows, the figures follow.
/// </summary>
public interface IKeptFigures
{
    /// <summary>What the tracker's pending changes move, noted before the write; null when they move nothing of these figures.</summary>
    IKeptChange? Collect(ChangeTracker tracker);

    /// <summary>At start-up, after the migrations: computes the figures of a database that has none yet (the upgrade that added them).</summary>
    Task FillIfMissingAsync(AppDbContext db, CancellationToken ct = default);

    /// <summary>
    /// A SQL condition, true when <see cref="FillIfMissingAsync"/> has work to do: every keeper's is asked in one statement
    /// at start-up, so that an up-to-date database costs one query instead of a few per keeper. Null: always call it.
    /// </summary>
    string? FillNeeded(FillCheck sql) => null;
}

/// <summary>The parts of a start-up fill check, named and quoted as the database provider wants them.</summary>
public sealed class FillCheck(AppDbContext db)
{
    private readonly ISqlGenerationHelper quote = db.GetService<ISqlGenerationHelper>();

    private IEntityType Entity<T>() => db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");

    public string Table<T>()
    {
        var e = Entity<T>();
        return quote.DelimitIdentifier(e.GetTableName()!, e.GetSchema());
    }

    public string Column<T>(string property)
    {
        var e = Entity<T>();
        return quote.DelimitIdentifier(e.GetProperty(property).GetColumnName(StoreObjectIdentifier.Table(e.GetTableName()!, e.GetSchema()))!);
    }

    public string Any<T>() => $"EXISTS (SELECT 1 FROM {Table<T>()})";

    /// <summary>The usual case: the kept table is empty while the rows it comes from are not.</summary>
    public string EmptyBeside<TKept, TSource>() => $"NOT {Any<TKept>()} AND {Any<TSource>()}";
}

/// <summary>One keeper's part of a write, run inside the write's transaction.</summary>
public interface IKeptChange
{
    /// <summary>Before the write: reads what the database knows only until then (the lines of an invoice about to be deleted).</summary>
    Task BeforeAsync(AppDbContext db, CancellationToken ct) => Task.CompletedTask;

    /// <inheritdoc cref="BeforeAsync"/>
    void Before(AppDbContext db) { }

    /// <summary>After the write, before its changes are accepted: updates the figures.</summary>
    Task AfterAsync(AppDbContext db, CancellationToken ct);

    /// <inheritdoc cref="AfterAsync"/>
    void After(AppDbContext db);
}

/// <summary>
/// Figures that can be recomputed whole for one account: a bulk load defers them and recomputes them once at its end
/// (<see cref="KeptFigures.LoadingAsync"/>); those that billed work's bulk claims and releases move (updates the change
/// tracker never sees) are also recomputed after them, in their transaction (<see cref="KeptFigures.AfterBillingAsync"/>).
/// </summary>
public interface IKeptPerAccount
{
    Task RecomputeAsync(AppDbContext db, string owner, CancellationToken ct = default);

    /// <summary>Whether claiming or releasing billed work (an item's invoice) moves these figures.</summary>
    bool MovedByBilling { get; }
}

/// <summary>
/// Every keeper: the data layer's own, and those a feature registers from the composition root (Program.cs), as the data
/// layer cannot name the features. Registered once per process; the same instance serves every host (tests start several).
/// </summary>
public static class KeptFigures
{
    private static IKeptFigures[] all = [KeptLedgerTotals.Keeper, KeptExpenseSeries.Keeper, KeptProjectHours.Keeper, KeptProjectFigures.Keeper, KeptInvoiceTotals.Keeper, KeptBilledMonths.Keeper];
    private static readonly Lock Gate = new();
    private static readonly AsyncLocal<bool> PerAccountDeferred = new();

    public static void Register(IKeptFigures figures)
    {
        lock (Gate)
        {
            if (all.All(r => r.GetType() != figures.GetType())) all = [.. all, figures];
        }
    }

    /// <summary>What the pending changes move, keeper by keeper (changes already detected: one pass, however many keepers ask).</summary>
    internal static List<IKeptChange> Collect(ChangeTracker tracker)
    {
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            var changes = new List<IKeptChange>();
            foreach (var keeper in all)
                if (!(PerAccountDeferred.Value && keeper is IKeptPerAccount) && keeper.Collect(tracker) is { } change) changes.Add(change);
            return changes;
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    public static async Task FillIfMissingAsync(AppDbContext db, CancellationToken ct = default)
    {
        var keepers = all;
        var conditions = FillConditions(db, keepers);
        // One statement for every keeper's check, by plain ADO.NET: at start-up each LINQ query would be compiled
        // first, and there is one start-up per process.
        var needed = conditions.All(c => c is null) ? 0 : await ScalarAsync(db, FillCheckSql(conditions), ct);
        for (var i = 0; i < keepers.Length; i++)
            if (conditions[i] is null || (needed & (1 << i)) != 0) await keepers[i].FillIfMissingAsync(db, ct);
    }

    private static string?[] FillConditions(AppDbContext db, IKeptFigures[] keepers)
    {
        var check = new FillCheck(db);
        return keepers.Select(k => k.FillNeeded(check)).ToArray();
    }

    /// <summary>The start-up check: one integer, bit i set when keeper i has figures to fill.</summary>
    private static string FillCheckSql(IReadOnlyList<string?> conditions) =>
        "SELECT " + string.Join(" + ", conditions.Select((c, i) => c is null ? "0" : $"CASE WHEN {c} THEN {1 << i} ELSE 0 END"));

    /// <summary>The start-up check of every keeper as the database provider of <paramref name="db"/> would get it.</summary>
    internal static string FillCheckSql(AppDbContext db) => FillCheckSql(FillConditions(db, all));

    private static async Task<int> ScalarAsync(AppDbContext db, string sql, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>After bulk claims or releases of billed work, in their transaction: recomputes the account's figures they move.</summary>
    public static async Task AfterBillingAsync(AppDbContext db, string owner, CancellationToken ct = default)
    {
        if (PerAccountDeferred.Value) return;
        foreach (var keeper in all.OfType<IKeptPerAccount>().Where(k => k.MovedByBilling)) await keeper.RecomputeAsync(db, owner, ct);
    }

    /// <summary>
    /// A bulk load of one account (the demo data): its per-account figures are recomputed once at the end instead of
    /// after each of its thousands of writes (each would read all of the account's rows again). Only this flow of
    /// calls defers (an async-local flag): requests served meanwhile keep their figures as always.
    /// </summary>
    public static async Task<T> LoadingAsync<T>(AppDbContext db, string owner, Func<Task<T>> load)
    {
        T result;
        PerAccountDeferred.Value = true;
        try
        {
            result = await load();
        }
        finally
        {
            PerAccountDeferred.Value = false;
        }
        await using var tx = await db.Database.BeginTransactionAsync();
        foreach (var keeper in all.OfType<IKeptPerAccount>()) await keeper.RecomputeAsync(db, owner);
        await tx.CommitAsync();
        return result;
    }
}

/// <summary>What the keepers read of a pending change in the tracker (called with change detection already done).</summary>
internal static class TrackedChanges
{
    /// <summary>Whether a modified entry's value of any of these properties differs from the one it was read with.</summary>
    public static bool Changed(EntityEntry entry, params string[] properties) =>
        properties.Any(p => !Equals(entry.Property(p).OriginalValue, entry.Property(p).CurrentValue));

    /// <summary>Adds a key the entry pointed to before the change and the one it points to after (a deleted entry: only before; a new one: only after).</summary>
    public static void AddBoth(EntityEntry entry, string property, HashSet<int> into)
    {
        var p = entry.Property(property);
        if (entry.State != EntityState.Added && p.OriginalValue is int before) into.Add(before);
        if (entry.State != EntityState.Deleted && p.CurrentValue is int after) into.Add(after);
    }
}
