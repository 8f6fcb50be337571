using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace FreelancerOS.Web.Data;

/// <summary>
/// Figures kept in the database in step with the rows they come from (the ledger's month totals, a project's hours per month, its logged hours and invoiced amount), so
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
    private static IKeptFigures[] all = [KeptLedgerTotals.Keeper, KeptProjectHours.Keeper, KeptProjectFigures.Keeper];
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
        foreach (var keeper in all) await keeper.FillIfMissingAsync(db, ct);
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
