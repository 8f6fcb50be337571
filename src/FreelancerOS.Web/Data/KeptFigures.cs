using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace FreelancerOS.Web.Data;

/// <summary>
/// Figures a feature keeps per account and recomputes in the transaction of every write that can move them (the dashboard's
/// unbilled work and pipeline value). The feature says which pending changes move whose figures; <see cref="AppDbContext"/>
/// calls it from SaveChanges, and a bulk update that bypasses the tracker calls <see cref="KeptFigures.RecomputeAsync"/>.
/// </summary>
public interface IKeptFigures
{
    /// <summary>The accounts whose figures the tracker's pending changes can move (called before they are written).</summary>
    IReadOnlyList<string> OwnersMovedBy(ChangeTracker tracker);

    /// <summary>Recomputes the account's figures; runs inside the write's transaction, after the write.</summary>
    Task RecomputeAsync(AppDbContext db, string owner, CancellationToken ct = default);

    /// <inheritdoc cref="RecomputeAsync"/>
    void Recompute(AppDbContext db, string owner);

    /// <summary>At start-up, after the migrations: computes the figures of a database that has none yet (the upgrade that added them).</summary>
    Task FillIfMissingAsync(AppDbContext db, CancellationToken ct = default);
}

/// <summary>
/// The kept figures registered by the composition root (Program.cs): the data layer cannot name the features that keep
/// them. Registered once per process; the same instance serves every host (tests start several).
/// </summary>
public static class KeptFigures
{
    private static IKeptFigures[] registered = [];
    private static readonly Lock Gate = new();

    public static void Register(IKeptFigures figures)
    {
        lock (Gate)
        {
            if (registered.All(r => r.GetType() != figures.GetType())) registered = [.. registered, figures];
        }
    }

    internal static IReadOnlyList<IKeptFigures> All => registered;

    public static async Task FillIfMissingAsync(AppDbContext db, CancellationToken ct = default)
    {
        foreach (var figures in registered) await figures.FillIfMissingAsync(db, ct);
    }

    /// <summary>After a bulk update (ExecuteUpdate) of what kept figures depend on, in its transaction: recomputes the account's figures.</summary>
    public static async Task RecomputeAsync(AppDbContext db, string owner, CancellationToken ct = default)
    {
        foreach (var figures in registered) await figures.RecomputeAsync(db, owner, ct);
    }
}
