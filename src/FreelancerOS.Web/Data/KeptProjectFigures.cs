using System.Linq.Expressions;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Query;

namespace FreelancerOS.Web.Data;

/// <summary>
/// Keeps <see cref="Project.LoggedHours"/> and <see cref="Project.InvoicedAmount"/> in step with the time entries and
/// invoice lines, whichever code path wrote them. Before a save it notes the projects a change can move (an entry's
/// hours or project, a line, an invoice's status or currency, a client's currency); after the save, in the same
/// transaction, it recomputes those projects' figures from their rows in one statement. A recomputation rather than
/// a running delta: it cannot drift, and it needs no rule per kind of change beyond "which projects".
/// </summary>
public static class KeptProjectFigures
{
    // SQL Server takes at most 2,100 parameters a statement.
    private const int ProjectsPerStatement = 500;

    private static readonly Expression<Func<Invoice, bool>> Invoiced = InlineSet.In<Invoice, InvoiceStatus>(i => i.Status, InvoiceStatuses.Invoiced);

    /// <summary>
    /// The lines that count as invoiced for their project: on an issued invoice (Sent, Overdue, Paid) in its client's
    /// currency, not a rechargeable expense passed on at cost. The one definition of a project's invoiced amount.
    /// </summary>
    public static IQueryable<InvoiceLine> CountedLines(IQueryable<InvoiceLine> lines, IQueryable<Invoice> invoices) =>
        lines.Where(l => l.ProjectId != null && l.SourceKind != InvoiceLineSourceKind.Expense)
            .Join(invoices.Where(Invoiced).Where(i => i.Currency == i.Client!.Currency), l => l.InvoiceId, i => i.Id, (l, i) => l);

    /// <summary>What a save is about to change, noted before it (the values before an edit, the lines of a deleted invoice).</summary>
    public sealed class Pending : IKeptChange
    {
        public Task BeforeAsync(AppDbContext db, CancellationToken ct) => ResolveAsync(db, this, ct);

        public void Before(AppDbContext db) => Resolve(db, this);

        public Task AfterAsync(AppDbContext db, CancellationToken ct) => ApplyAsync(db, this, ct);

        public void After(AppDbContext db) => Apply(db, this);

        internal readonly HashSet<int> Projects = [];
        internal readonly HashSet<int> Invoices = [];
        internal readonly HashSet<int> Clients = [];
        internal bool IsEmpty => Projects.Count == 0 && Invoices.Count == 0 && Clients.Count == 0;
    }

    /// <summary>The projects' figures in every SaveChanges (<see cref="KeptFigures"/>).</summary>
    public static readonly IKeptFigures Keeper = new FiguresKeeper();

    private sealed class FiguresKeeper : IKeptFigures, IKeptPerAccount
    {
        public IKeptChange? Collect(ChangeTracker tracker) => KeptProjectFigures.Collect(tracker);

        public Task RecomputeAsync(AppDbContext db, string owner, CancellationToken ct = default) =>
            db.Projects.IgnoreQueryFilters().Where(p => p.OwnerId == owner).ExecuteUpdateAsync(Set(db), ct);

        // A claim sets an item's invoice, a draft's: only issued invoices count, and issuing goes through the tracker.
        public bool MovedByBilling => false;

        public Task FillIfMissingAsync(AppDbContext db, CancellationToken ct = default) => KeptProjectFigures.FillIfMissingAsync(db, ct);

        public string FillNeeded(FillCheck sql) =>
            $"EXISTS (SELECT 1 FROM {sql.Table<Project>()} WHERE {sql.Column<Project>(nameof(Project.LoggedHours))} IS NULL OR {sql.Column<Project>(nameof(Project.InvoicedAmount))} IS NULL)";
    }

    /// <summary>The projects, invoices and clients whose changes in the tracker can move a project's figures; null for none.</summary>
    public static Pending? Collect(ChangeTracker tracker)
    {
        var pending = new Pending();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            switch (entry.Entity)
            {
                case TimeEntry:
                    if (entry.State == EntityState.Modified && !TrackedChanges.Changed(entry, nameof(TimeEntry.Hours), nameof(TimeEntry.ProjectId))) break;
                    TrackedChanges.AddBoth(entry, nameof(TimeEntry.ProjectId), pending.Projects);
                    break;
                case InvoiceLine:
                    TrackedChanges.AddBoth(entry, nameof(InvoiceLine.ProjectId), pending.Projects);
                    break;
                case Invoice invoice when entry.State != EntityState.Added:
                    if (entry.State == EntityState.Modified && !TrackedChanges.Changed(entry, nameof(Invoice.Status), nameof(Invoice.Currency), nameof(Invoice.ClientId))) break;
                    pending.Invoices.Add(invoice.Id);
                    break;
                case Client client when entry.State == EntityState.Modified:
                    if (TrackedChanges.Changed(entry, nameof(Client.Currency))) pending.Clients.Add(client.Id);
                    break;
            }
        }
        return pending.IsEmpty ? null : pending;
    }

    /// <summary>Before the save: the projects of the noted invoices' and clients' lines (a deleted invoice's lines go with it).</summary>
    public static async Task ResolveAsync(AppDbContext db, Pending pending, CancellationToken ct = default)
    {
        if (pending.Invoices.Count > 0)
            pending.Projects.UnionWith(await LinesOf(db, pending).ToListAsync(ct));
        if (pending.Clients.Count > 0)
            pending.Projects.UnionWith(await ProjectsOfClients(db, pending).ToListAsync(ct));
    }

    public static void Resolve(AppDbContext db, Pending pending)
    {
        if (pending.Invoices.Count > 0) pending.Projects.UnionWith(LinesOf(db, pending).ToList());
        if (pending.Clients.Count > 0) pending.Projects.UnionWith(ProjectsOfClients(db, pending).ToList());
    }

    private static IQueryable<int> LinesOf(AppDbContext db, Pending pending)
    {
        var ids = pending.Invoices.ToList();
        return db.InvoiceLines.AsNoTracking().Where(l => ids.Contains(l.InvoiceId) && l.ProjectId != null).Select(l => l.ProjectId!.Value).Distinct();
    }

    // A client's currency decides which of its invoices count; their lines are its projects' work.
    private static IQueryable<int> ProjectsOfClients(AppDbContext db, Pending pending)
    {
        var ids = pending.Clients.ToList();
        return db.Projects.IgnoreQueryFilters().AsNoTracking().Where(p => ids.Contains(p.ClientId)).Select(p => p.Id);
    }

    /// <summary>After the save, in its transaction: the noted projects' figures recomputed from their rows.</summary>
    public static async Task ApplyAsync(AppDbContext db, Pending pending, CancellationToken ct = default)
    {
        foreach (var chunk in pending.Projects.Chunk(ProjectsPerStatement))
            await Recompute(db, chunk).ExecuteUpdateAsync(Set(db), ct);
    }

    public static void Apply(AppDbContext db, Pending pending)
    {
        foreach (var chunk in pending.Projects.Chunk(ProjectsPerStatement))
            Recompute(db, chunk).ExecuteUpdate(Set(db));
    }

    private static IQueryable<Project> Recompute(AppDbContext db, int[] ids) => db.Projects.IgnoreQueryFilters().Where(p => ids.Contains(p.Id));

    // Without the owner filter: a job may write with no signed-in user, and a project's entries and lines are its owner's.
    private static Action<UpdateSettersBuilder<Project>> Set(AppDbContext db)
    {
        var lines = CountedLines(db.InvoiceLines, db.Invoices.IgnoreQueryFilters());
        var entries = db.TimeEntries.IgnoreQueryFilters();
        return s => s
            .SetProperty(p => p.LoggedHours, p => entries.Where(t => t.ProjectId == p.Id).Sum(t => t.Hours))
            .SetProperty(p => p.InvoicedAmount, p => lines.Where(l => l.ProjectId == p.Id).Sum(l => l.Amount));
    }

    /// <summary>
    /// At start-up: the figures of projects from before they were kept (null), computed once. A new project starts at
    /// zero, so after this no project has none.
    /// </summary>
    public static async Task FillIfMissingAsync(AppDbContext db, CancellationToken ct = default)
    {
        var missing = db.Projects.IgnoreQueryFilters().Where(p => p.LoggedHours == null || p.InvoicedAmount == null);
        if (!await missing.AnyAsync(ct)) return;
        await missing.ExecuteUpdateAsync(Set(db), ct);
    }
}
