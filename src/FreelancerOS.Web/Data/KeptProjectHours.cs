using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FreelancerOS.Web.Data;

/// <summary>The row of <see cref="ProjectMonthHours"/> an entry counts in, and what to add to it.</summary>
public readonly record struct HoursDelta(string OwnerId, int ProjectId, int Period, int Count, long HourUnits);

/// <summary>
/// Keeps <see cref="ProjectMonthHours"/> in step with the time entries, the way <see cref="KeptLedgerTotals"/> keeps the
/// ledger's: each change an atomic "add to the row, or create it" in the database, in the transaction of the write.
/// The bulk updates of time entries (billing, a service removed) change neither date, project nor hours, so they need
/// nothing here; a project deleted takes its rows with it (cascade, as its entries).
/// </summary>
public static class KeptProjectHours
{
    public const string Table = "ProjectMonthHours";

    /// <summary>The projects' hours in every SaveChanges (<see cref="KeptFigures"/>).</summary>
    public static readonly IKeptFigures Keeper = new HoursKeeper();

    private sealed class HoursKeeper : IKeptFigures, IKeptChange
    {
        public IKeptChange? Collect(ChangeTracker tracker) =>
            tracker.Entries<TimeEntry>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted) ? this : null;

        public Task FillIfMissingAsync(AppDbContext db, CancellationToken ct = default) => KeptProjectHours.FillIfMissingAsync(db, ct);

        public string FillNeeded(FillCheck sql) => sql.EmptyBeside<ProjectMonthHours, TimeEntry>();

        public Task AfterAsync(AppDbContext db, CancellationToken ct) => ApplyAsync(db.Database, KeptProjectHours.Collect(db.ChangeTracker), ct);

        public void After(AppDbContext db) => Apply(db.Database, KeptProjectHours.Collect(db.ChangeTracker));
    }

    /// <summary>
    /// The changes made by the time entries the tracker has just written (called after SaveChanges without accepting:
    /// new projects' keys are known, edited and deleted entries' values before the change still there).
    /// </summary>
    public static List<HoursDelta> Collect(ChangeTracker tracker)
    {
        var sums = new Dictionary<(string, int, int), (int Count, long Units)>();
        void Add((string Owner, int Project, int Period) key, int count, long units)
        {
            var (c, u) = sums.GetValueOrDefault(key);
            sums[key] = (c + count, u + units);
        }
        foreach (var entry in tracker.Entries<TimeEntry>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    Add(Current(entry), 1, ProjectMonthHours.UnitsOf(entry.Entity.Hours));
                    break;
                case EntityState.Deleted:
                    Add(Original(entry), -1, -OriginalUnits(entry));
                    break;
                case EntityState.Modified:
                    var (before, after) = (Original(entry), Current(entry));
                    var (beforeUnits, afterUnits) = (OriginalUnits(entry), ProjectMonthHours.UnitsOf(entry.Entity.Hours));
                    if (before == after && beforeUnits == afterUnits) break;
                    Add(before, -1, -beforeUnits);
                    Add(after, 1, afterUnits);
                    break;
            }
        }
        return sums.Where(s => s.Value != (0, 0L))
            .Select(s => new HoursDelta(s.Key.Item1, s.Key.Item2, s.Key.Item3, s.Value.Count, s.Value.Units)).ToList();
    }

    private static (string, int, int) Current(EntityEntry<TimeEntry> e) =>
        (e.Entity.OwnerId, e.Entity.ProjectId, LedgerEntry.PeriodOf(e.Entity.Date));

    private static (string, int, int) Original(EntityEntry<TimeEntry> e)
    {
        var o = e.OriginalValues;
        return (o.GetValue<string>(nameof(TimeEntry.OwnerId)), o.GetValue<int>(nameof(TimeEntry.ProjectId)),
            LedgerEntry.PeriodOf(o.GetValue<DateOnly>(nameof(TimeEntry.Date))));
    }

    private static long OriginalUnits(EntityEntry<TimeEntry> e) =>
        ProjectMonthHours.UnitsOf(e.OriginalValues.GetValue<decimal>(nameof(TimeEntry.Hours)));

    private static readonly DeltaUpsert<HoursDelta> Upsert = new(Table, ["OwnerId", "ProjectId", "Period", "Count", "HourUnits"],
        ["OwnerId", "Period", "ProjectId"], ["Count", "HourUnits"], d => [d.OwnerId, d.ProjectId, d.Period, d.Count, d.HourUnits]);

    public static Task ApplyAsync(DatabaseFacade database, IReadOnlyList<HoursDelta> deltas, CancellationToken ct = default) => Upsert.ApplyAsync(database, deltas, ct);

    public static void Apply(DatabaseFacade database, IReadOnlyList<HoursDelta> deltas) => Upsert.Apply(database, deltas);

    /// <summary>One statement adding every delta to its row (creating the rows that do not exist yet); {n} are parameters.</summary>
    public static (string Sql, object[] Args) UpsertSql(bool sqlServer, IReadOnlyList<HoursDelta> deltas) => Upsert.Sql(sqlServer, deltas);

    /// <summary>The rows as they should be, computed from every time entry of every account (the start-up fill and the tests' check).</summary>
    public static async Task<List<ProjectMonthHours>> RecomputeAsync(AppDbContext db, CancellationToken ct = default) =>
        (await db.TimeEntries.IgnoreQueryFilters().AsNoTracking()
            .Select(e => new { e.OwnerId, e.ProjectId, e.Date, e.Hours })
            .ToListAsync(ct))
        .GroupBy(e => (e.OwnerId, e.ProjectId, Period: LedgerEntry.PeriodOf(e.Date)))
        .Select(g => new ProjectMonthHours
        {
            OwnerId = g.Key.OwnerId, ProjectId = g.Key.ProjectId, Period = g.Key.Period, Count = g.Count(),
            HourUnits = g.Sum(e => ProjectMonthHours.UnitsOf(e.Hours)),
        }).ToList();

    /// <summary>
    /// Fills the rows of a database that has time entries but no kept hours yet (the first start after the upgrade that
    /// added them), under a lock so two instances starting together fill once.
    /// </summary>
    public static async Task FillIfMissingAsync(AppDbContext db, CancellationToken ct = default)
    {
        if (await db.ProjectMonthHours.IgnoreQueryFilters().AnyAsync(ct) || !await db.TimeEntries.IgnoreQueryFilters().AnyAsync(ct)) return;
        await using var tx = await Infrastructure.Database.BeginExclusiveAsync(db, FillLock);
        if (await db.ProjectMonthHours.IgnoreQueryFilters().AnyAsync(ct)) return;
        db.ProjectMonthHours.AddRange(await RecomputeAsync(db, ct));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

    private const long FillLock = 0x50726F6A48727321; // "ProjHrs!"
}

internal sealed class ProjectMonthHoursConfiguration : IEntityTypeConfiguration<ProjectMonthHours>
{
    public void Configure(EntityTypeBuilder<ProjectMonthHours> b)
    {
        b.ToTable(KeptProjectHours.Table);
        b.Property(t => t.OwnerId).IsRequired().HasMaxLength(450);
        // The row an entry's change adds to (the upsert's conflict target), and profitability's read: a period's
        // months grouped per project, answered from this index with the hours beside it.
        b.HasIndex(t => new { t.OwnerId, t.Period, t.ProjectId }).IsUnique();
        b.HasIndex(t => new { t.OwnerId, t.Period, t.ProjectId, t.HourUnits });
        b.HasIndex(t => t.ProjectId);
        // Only through the project: an account's rows go with its projects (a second cascade path from the account
        // is one SQL Server refuses).
        b.HasOne<Project>().WithMany().HasForeignKey(t => t.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
