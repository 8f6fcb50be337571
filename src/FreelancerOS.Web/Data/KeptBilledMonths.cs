using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FreelancerOS.Web.Data;

/// <summary>
/// Keeps <see cref="ProjectMonthBilled"/> and <see cref="ClientMonthBilled"/> in step with the invoices and their lines,
/// the way <see cref="KeptProjectFigures"/> keeps a project's invoiced amount: before a save it notes the projects and
/// clients a change can move (a line's project or amount, an invoice's status, issue date, currency, client or subtotal);
/// after the save, in the same transaction, it recomputes their rows from the invoices. A recomputation of the few keys
/// touched rather than a running delta: an invoice moving from draft to issued brings lines the tracker may never have
/// loaded. The bulk updates of invoices outside the tracker (the overdue job's Sent → Overdue) move nothing here; a
/// project or client deleted takes its rows with it (cascade, as its lines lose their project). A bulk load (the demo
/// data) defers them and recomputes the account's rows once at its end (<see cref="IKeptPerAccount"/>).
/// </summary>
public static class KeptBilledMonths
{
    // SQL Server takes at most 2,100 parameters a statement.
    private const int KeysPerStatement = 500;

    /// <summary>The billed months in every SaveChanges (<see cref="KeptFigures"/>).</summary>
    public static readonly IKeptFigures Keeper = new BilledKeeper();

    private sealed class BilledKeeper : IKeptFigures, IKeptPerAccount
    {
        public IKeptChange? Collect(ChangeTracker tracker) => KeptBilledMonths.Collect(tracker);

        // A bulk load (the demo data) defers them and recomputes the account's rows once at its end.
        public Task RecomputeAsync(AppDbContext db, string owner, CancellationToken ct = default) => RecomputeAccountAsync(db, owner, ct);

        // A claim sets an item's invoice, a draft's: only issued invoices count, and issuing goes through the tracker.
        public bool MovedByBilling => false;

        public Task FillIfMissingAsync(AppDbContext db, CancellationToken ct = default) => KeptBilledMonths.FillIfMissingAsync(db, ct);

        // Every issued invoice has its client's row, so no client row while an issued invoice exists is the upgrade's case.
        public string FillNeeded(FillCheck sql) =>
            $"NOT {sql.Any<ClientMonthBilled>()} AND EXISTS (SELECT 1 FROM {sql.Table<Invoice>()} WHERE {sql.Column<Invoice>(nameof(Invoice.Status))} IN " +
            $"({string.Join(", ", InvoiceStatuses.Invoiced.Select(s => (int)s))}))";
    }

    /// <summary>What a save is about to change (the projects of a deleted or re-dated invoice's lines are read before it).</summary>
    public sealed class Pending : IKeptChange
    {
        internal readonly HashSet<int> Projects = [];
        internal readonly HashSet<int> Clients = [];
        internal readonly HashSet<int> Invoices = [];

        public async Task BeforeAsync(AppDbContext db, CancellationToken ct)
        {
            if (Invoices.Count > 0) Projects.UnionWith(await LinesOf(db).ToListAsync(ct));
        }

        public void Before(AppDbContext db)
        {
            if (Invoices.Count > 0) Projects.UnionWith(LinesOf(db).ToList());
        }

        private IQueryable<int> LinesOf(AppDbContext db)
        {
            var ids = Invoices.ToList();
            return db.InvoiceLines.AsNoTracking().Where(l => ids.Contains(l.InvoiceId) && l.ProjectId != null).Select(l => l.ProjectId!.Value).Distinct();
        }

        public async Task AfterAsync(AppDbContext db, CancellationToken ct)
        {
            foreach (var chunk in Projects.Chunk(KeysPerStatement))
            {
                await OfProjects(db, chunk).ExecuteDeleteAsync(ct);
                await ProjectUpsert.ApplyAsync(db.Database, Sum(await ProjectLines(db, chunk).ToListAsync(ct)), ct);
            }
            foreach (var chunk in Clients.Chunk(KeysPerStatement))
            {
                await OfClients(db, chunk).ExecuteDeleteAsync(ct);
                await ClientUpsert.ApplyAsync(db.Database, Sum(await ClientInvoices(db, chunk).ToListAsync(ct)), ct);
            }
        }

        public void After(AppDbContext db)
        {
            foreach (var chunk in Projects.Chunk(KeysPerStatement))
            {
                OfProjects(db, chunk).ExecuteDelete();
                ProjectUpsert.Apply(db.Database, Sum(ProjectLines(db, chunk).ToList()));
            }
            foreach (var chunk in Clients.Chunk(KeysPerStatement))
            {
                OfClients(db, chunk).ExecuteDelete();
                ClientUpsert.Apply(db.Database, Sum(ClientInvoices(db, chunk).ToList()));
            }
        }
    }

    /// <summary>The projects and clients whose rows the tracker's pending changes can move; null for none.</summary>
    public static Pending? Collect(ChangeTracker tracker)
    {
        var pending = new Pending();
        // Drafts and void invoices count nowhere: a draft's edits (most of the writes of invoices) move nothing here.
        var neverIssued = new HashSet<int>();
        foreach (var entry in tracker.Entries<Invoice>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            var was = entry.State != EntityState.Added && Issued(entry.Property(i => i.Status).OriginalValue);
            var now = entry.State != EntityState.Deleted && Issued(entry.Entity.Status);
            if (!was && !now)
            {
                neverIssued.Add(entry.Entity.Id);
                continue;
            }
            if (entry.State == EntityState.Modified && !TrackedChanges.Changed(entry, nameof(Invoice.Status), nameof(Invoice.IssueDate),
                    nameof(Invoice.Currency), nameof(Invoice.ClientId), nameof(Invoice.Subtotal))) continue;
            TrackedChanges.AddBoth(entry, nameof(Invoice.ClientId), pending.Clients);
            // A new invoice's lines are new too, and noted as such.
            if (entry.State != EntityState.Added) pending.Invoices.Add(entry.Entity.Id);
        }
        foreach (var entry in tracker.Entries<InvoiceLine>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (neverIssued.Contains(entry.Entity.InvoiceId)) continue;
            if (entry.State == EntityState.Modified && !TrackedChanges.Changed(entry, nameof(InvoiceLine.ProjectId), nameof(InvoiceLine.Amount))) continue;
            TrackedChanges.AddBoth(entry, nameof(InvoiceLine.ProjectId), pending.Projects);
        }
        return pending.Projects.Count == 0 && pending.Clients.Count == 0 && pending.Invoices.Count == 0 ? null : pending;
    }

    private static bool Issued(InvoiceStatus status) => InvoiceStatuses.Invoiced.Contains(status);

    private static IQueryable<ProjectMonthBilled> OfProjects(AppDbContext db, int[] ids) =>
        db.ProjectMonthBilled.IgnoreQueryFilters().Where(b => ids.Contains(b.ProjectId));

    private static IQueryable<ClientMonthBilled> OfClients(AppDbContext db, int[] ids) =>
        db.ClientMonthBilled.IgnoreQueryFilters().Where(b => ids.Contains(b.ClientId));

    private sealed record Billed(string OwnerId, int Id, DateOnly IssueDate, string Currency, decimal Amount);

    // Without the owner filter: a job may write with no signed-in user, and an invoice's lines are its owner's.
    private static IQueryable<Invoice> Issued(AppDbContext db) =>
        db.Invoices.IgnoreQueryFilters().AsNoTracking().Where(InlineSet.In<Invoice, InvoiceStatus>(i => i.Status, InvoiceStatuses.Invoiced));

    private static IQueryable<Billed> ProjectLines(AppDbContext db, int[] ids) =>
        ProjectLines(db.InvoiceLines.AsNoTracking().Where(l => ids.Contains(l.ProjectId!.Value)), Issued(db));

    /// <summary>The one definition of what a project was billed: its lines on issued invoices, by the invoice's issue date and currency.</summary>
    private static IQueryable<Billed> ProjectLines(IQueryable<InvoiceLine> lines, IQueryable<Invoice> issued) =>
        lines.Where(l => l.ProjectId != null).Join(issued, l => l.InvoiceId, i => i.Id, (l, i) => new Billed(i.OwnerId, l.ProjectId!.Value, i.IssueDate, i.Currency, l.Amount));

    private static IQueryable<Billed> ClientInvoices(AppDbContext db, int[] ids) => ClientInvoices(Issued(db).Where(i => ids.Contains(i.ClientId)));

    /// <summary>The one definition of what a client was billed: its issued invoices' subtotals, by issue date and currency.</summary>
    private static IQueryable<Billed> ClientInvoices(IQueryable<Invoice> issued) =>
        issued.Select(i => new Billed(i.OwnerId, i.ClientId, i.IssueDate, i.Currency, i.Subtotal));

    private readonly record struct Row(string OwnerId, int Id, int Period, string Currency, int Count, long Units);

    private static List<Row> Sum(IEnumerable<Billed> billed) => billed
        .GroupBy(b => (b.OwnerId, b.Id, Period: LedgerEntry.PeriodOf(b.IssueDate), b.Currency))
        .Select(g => new Row(g.Key.OwnerId, g.Key.Id, g.Key.Period, g.Key.Currency, g.Count(), g.Sum(b => InvoiceStatusTotal.UnitsOf(b.Amount))))
        .ToList();

    private static readonly DeltaUpsert<Row> ProjectUpsert = new("ProjectMonthBilled", ["OwnerId", "ProjectId", "Period", "Currency", "Count", "AmountUnits"],
        ["OwnerId", "Period", "ProjectId", "Currency"], ["Count", "AmountUnits"], r => [r.OwnerId, r.Id, r.Period, r.Currency, r.Count, r.Units]);

    private static readonly DeltaUpsert<Row> ClientUpsert = new("ClientMonthBilled", ["OwnerId", "ClientId", "Period", "Currency", "Count", "SubtotalUnits"],
        ["OwnerId", "Period", "ClientId", "Currency"], ["Count", "SubtotalUnits"], r => [r.OwnerId, r.Id, r.Period, r.Currency, r.Count, r.Units]);

    /// <summary>The rows as they should be, from every issued invoice of every account (the start-up fill and the tests' check).</summary>
    public static async Task<(List<ProjectMonthBilled> Projects, List<ClientMonthBilled> Clients)> RecomputeAsync(AppDbContext db, CancellationToken ct = default)
    {
        var lines = Sum(await ProjectLines(db.InvoiceLines.AsNoTracking(), Issued(db)).ToListAsync(ct));
        var invoices = Sum(await ClientInvoices(Issued(db)).ToListAsync(ct));
        return (lines.Select(r => new ProjectMonthBilled { OwnerId = r.OwnerId, ProjectId = r.Id, Period = r.Period, Currency = r.Currency, Count = r.Count, AmountUnits = r.Units }).ToList(),
            invoices.Select(r => new ClientMonthBilled { OwnerId = r.OwnerId, ClientId = r.Id, Period = r.Period, Currency = r.Currency, Count = r.Count, SubtotalUnits = r.Units }).ToList());
    }

    /// <summary>One account's rows recomputed whole, in the caller's transaction (the end of a bulk load).</summary>
    public static async Task RecomputeAccountAsync(AppDbContext db, string owner, CancellationToken ct = default)
    {
        await db.ProjectMonthBilled.IgnoreQueryFilters().Where(b => b.OwnerId == owner).ExecuteDeleteAsync(ct);
        await db.ClientMonthBilled.IgnoreQueryFilters().Where(b => b.OwnerId == owner).ExecuteDeleteAsync(ct);
        var issued = Issued(db).Where(i => i.OwnerId == owner);
        await ProjectUpsert.ApplyAsync(db.Database, Sum(await ProjectLines(db.InvoiceLines.AsNoTracking(), issued).ToListAsync(ct)), ct);
        await ClientUpsert.ApplyAsync(db.Database, Sum(await ClientInvoices(issued).ToListAsync(ct)), ct);
    }

    /// <summary>
    /// Fills the rows of a database that has issued invoices but no kept months yet (the first start after the upgrade that
    /// added them), under a lock so two instances starting together fill once.
    /// </summary>
    public static async Task FillIfMissingAsync(AppDbContext db, CancellationToken ct = default)
    {
        if (await db.ClientMonthBilled.IgnoreQueryFilters().AnyAsync(ct) || !await Issued(db).AnyAsync(ct)) return;
        await using var tx = await Database.BeginExclusiveAsync(db, FillLock);
        if (await db.ClientMonthBilled.IgnoreQueryFilters().AnyAsync(ct)) return;
        var (projects, clients) = await RecomputeAsync(db, ct);
        await db.ProjectMonthBilled.IgnoreQueryFilters().ExecuteDeleteAsync(ct);
        db.ProjectMonthBilled.AddRange(projects);
        db.ClientMonthBilled.AddRange(clients);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

    private const long FillLock = 0x42696C6C4D6F6E73; // "BillMons"
}

internal sealed class ProjectMonthBilledConfiguration : IEntityTypeConfiguration<ProjectMonthBilled>
{
    public void Configure(EntityTypeBuilder<ProjectMonthBilled> b)
    {
        b.ToTable("ProjectMonthBilled");
        b.Property(t => t.OwnerId).IsRequired().HasMaxLength(450);
        b.Property(t => t.Currency).IsRequired().HasMaxLength(3);
        // The row a recomputation writes (the upsert's conflict target), and profitability's read: a period's months,
        // grouped per project and currency, from this index.
        b.HasIndex(t => new { t.OwnerId, t.Period, t.ProjectId, t.Currency }).IsUnique();
        b.HasIndex(t => new { t.OwnerId, t.Period, t.ProjectId, t.Currency, t.AmountUnits });
        b.HasIndex(t => t.ProjectId);
        // Only through the project (a second cascade path from the account is one SQL Server refuses).
        b.HasOne<Project>().WithMany().HasForeignKey(t => t.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ClientMonthBilledConfiguration : IEntityTypeConfiguration<ClientMonthBilled>
{
    public void Configure(EntityTypeBuilder<ClientMonthBilled> b)
    {
        b.ToTable("ClientMonthBilled");
        b.Property(t => t.OwnerId).IsRequired().HasMaxLength(450);
        b.Property(t => t.Currency).IsRequired().HasMaxLength(3);
        // The upsert's conflict target, and profitability's read with the subtotals beside it.
        b.HasIndex(t => new { t.OwnerId, t.Period, t.ClientId, t.Currency }).IsUnique();
        b.HasIndex(t => new { t.OwnerId, t.Period, t.ClientId, t.Currency, t.SubtotalUnits });
        // A client's invoiced amount in its currency (the pipeline's cards): its few rows, summed from the index alone.
        b.HasIndex(t => new { t.ClientId, t.Currency, t.OwnerId, t.SubtotalUnits });
        b.HasOne<Client>().WithMany().HasForeignKey(t => t.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}
