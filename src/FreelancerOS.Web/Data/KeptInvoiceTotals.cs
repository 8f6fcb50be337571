using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FreelancerOS.Web.Data;

/// <summary>The row of <see cref="InvoiceStatusTotal"/> an invoice counts in, and what to add to it.</summary>
public readonly record struct InvoiceTotalDelta(string OwnerId, InvoiceStatus Status, string Currency, int Count, long TotalUnits, long PaidUnits);

/// <summary>
/// Keeps <see cref="InvoiceStatusTotal"/> in step with the invoices, the way <see cref="KeptProjectHours"/> keeps a project's
/// hours: each change an atomic "add to the row, or create it", in the transaction of the write. The only bulk update of an
/// invoice's figures outside the tracker is the overdue job's Sent → Overdue, which moves nothing here (both are kept as
/// Sent); an account deleted takes its rows with it (cascade, as its invoices).
/// </summary>
public static class KeptInvoiceTotals
{
    public const string Table = "InvoiceStatusTotals";

    /// <summary>The invoices' totals in every SaveChanges (<see cref="KeptFigures"/>).</summary>
    public static readonly IKeptFigures Keeper = new TotalsKeeper();

    private sealed class TotalsKeeper : IKeptFigures, IKeptChange
    {
        public IKeptChange? Collect(ChangeTracker tracker) =>
            tracker.Entries<Invoice>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted) ? this : null;

        public Task FillIfMissingAsync(AppDbContext db, CancellationToken ct = default) => KeptInvoiceTotals.FillIfMissingAsync(db, ct);

        public string FillNeeded(FillCheck sql) => sql.EmptyBeside<InvoiceStatusTotal, Invoice>();

        public Task AfterAsync(AppDbContext db, CancellationToken ct) => Upsert.ApplyAsync(db.Database, KeptInvoiceTotals.Collect(db.ChangeTracker), ct);

        public void After(AppDbContext db) => Upsert.Apply(db.Database, KeptInvoiceTotals.Collect(db.ChangeTracker));
    }

    private readonly record struct Key(string OwnerId, InvoiceStatus Status, string Currency);

    private readonly record struct Figures(long Total, long Paid);

    /// <summary>
    /// The changes made by the invoices the tracker has just written (called after SaveChanges without accepting: new
    /// invoices' owners are set, edited and deleted invoices' values before the change still there).
    /// </summary>
    public static List<InvoiceTotalDelta> Collect(ChangeTracker tracker)
    {
        var sums = new Dictionary<Key, (int Count, long Total, long Paid)>();
        void Add(Key key, int count, Figures f)
        {
            var (c, t, p) = sums.GetValueOrDefault(key);
            sums[key] = (c + count, t + count * f.Total, p + count * f.Paid);
        }
        foreach (var entry in tracker.Entries<Invoice>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    Add(Current(entry), 1, CurrentFigures(entry));
                    break;
                case EntityState.Deleted:
                    Add(Original(entry), -1, OriginalFigures(entry));
                    break;
                case EntityState.Modified:
                    var (before, after) = (Original(entry), Current(entry));
                    var (was, now) = (OriginalFigures(entry), CurrentFigures(entry));
                    if (before == after && was == now) break;
                    Add(before, -1, was);
                    Add(after, 1, now);
                    break;
            }
        }
        return sums.Where(s => s.Value != (0, 0L, 0L))
            .Select(s => new InvoiceTotalDelta(s.Key.OwnerId, s.Key.Status, s.Key.Currency, s.Value.Count, s.Value.Total, s.Value.Paid)).ToList();
    }

    private static Key Current(EntityEntry<Invoice> e) => new(e.Entity.OwnerId, InvoiceStatusTotal.KeptAs(e.Entity.Status), e.Entity.Currency);

    private static Key Original(EntityEntry<Invoice> e)
    {
        var o = e.OriginalValues;
        return new(o.GetValue<string>(nameof(Invoice.OwnerId)), InvoiceStatusTotal.KeptAs(o.GetValue<InvoiceStatus>(nameof(Invoice.Status))),
            o.GetValue<string>(nameof(Invoice.Currency)));
    }

    private static Figures CurrentFigures(EntityEntry<Invoice> e) =>
        new(InvoiceStatusTotal.UnitsOf(e.Entity.Total), InvoiceStatusTotal.UnitsOf(e.Entity.AmountPaid));

    private static Figures OriginalFigures(EntityEntry<Invoice> e) =>
        new(InvoiceStatusTotal.UnitsOf(e.OriginalValues.GetValue<decimal>(nameof(Invoice.Total))),
            InvoiceStatusTotal.UnitsOf(e.OriginalValues.GetValue<decimal>(nameof(Invoice.AmountPaid))));

    private static readonly DeltaUpsert<InvoiceTotalDelta> Upsert = new(Table, ["OwnerId", "Status", "Currency", "Count", "TotalUnits", "PaidUnits"],
        ["OwnerId", "Status", "Currency"], ["Count", "TotalUnits", "PaidUnits"],
        d => [d.OwnerId, (int)d.Status, d.Currency, d.Count, d.TotalUnits, d.PaidUnits]);

    /// <summary>One statement adding every delta to its row (creating the rows that do not exist yet); {n} are parameters.</summary>
    public static (string Sql, object[] Args) UpsertSql(bool sqlServer, IReadOnlyList<InvoiceTotalDelta> deltas) => Upsert.Sql(sqlServer, deltas);

    /// <summary>The rows as they should be, computed from every invoice of every account (the start-up fill and the tests' check).</summary>
    public static async Task<List<InvoiceStatusTotal>> RecomputeAsync(AppDbContext db, CancellationToken ct = default) =>
        (await db.Invoices.IgnoreQueryFilters().AsNoTracking()
            .Select(i => new { i.OwnerId, i.Status, i.Currency, i.Total, i.AmountPaid })
            .ToListAsync(ct))
        .GroupBy(i => (i.OwnerId, Status: InvoiceStatusTotal.KeptAs(i.Status), i.Currency))
        .Select(g => new InvoiceStatusTotal
        {
            OwnerId = g.Key.OwnerId, Status = g.Key.Status, Currency = g.Key.Currency, Count = g.Count(),
            TotalUnits = g.Sum(i => InvoiceStatusTotal.UnitsOf(i.Total)), PaidUnits = g.Sum(i => InvoiceStatusTotal.UnitsOf(i.AmountPaid)),
        }).ToList();

    /// <summary>
    /// Fills the rows of a database that has invoices but no kept totals yet (the first start after the upgrade that added
    /// them), under a lock so two instances starting together fill once.
    /// </summary>
    public static async Task FillIfMissingAsync(AppDbContext db, CancellationToken ct = default)
    {
        if (await db.InvoiceStatusTotals.IgnoreQueryFilters().AnyAsync(ct) || !await db.Invoices.IgnoreQueryFilters().AnyAsync(ct)) return;
        await using var tx = await Infrastructure.Database.BeginExclusiveAsync(db, FillLock);
        if (await db.InvoiceStatusTotals.IgnoreQueryFilters().AnyAsync(ct)) return;
        db.InvoiceStatusTotals.AddRange(await RecomputeAsync(db, ct));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

    private const long FillLock = 0x496E765374546F74; // "InvStTot"
}

internal sealed class InvoiceStatusTotalConfiguration : IEntityTypeConfiguration<InvoiceStatusTotal>
{
    public void Configure(EntityTypeBuilder<InvoiceStatusTotal> b)
    {
        b.ToTable(KeptInvoiceTotals.Table);
        b.Property(t => t.OwnerId).IsRequired().HasMaxLength(450);
        b.Property(t => t.Currency).IsRequired().HasMaxLength(3);
        // The row an invoice's change adds to (the upsert's conflict target), and the board's read: a range of this index.
        b.HasIndex(t => new { t.OwnerId, t.Status, t.Currency }).IsUnique();
        b.HasOne<AppUser>().WithMany().HasForeignKey(t => t.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
