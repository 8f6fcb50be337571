using System.Linq.Expressions;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace FreelancerOS.Web.Features.Invoices;

/// <summary>
/// A kind billed one line per item (milestones, flat services, scope changes, expenses): the item carries
/// its invoice, and the kind says only its rule, how an item reads on the invoice and why one is refused.
/// </summary>
/// <param name="isBillable">The kind's one "is billable" rule (not yet on an invoice included).</param>
/// <param name="invoiceOf">The item's invoice: set by the claim, cleared by the release.</param>
/// <param name="pickedIds">The items of this kind ticked on the form.</param>
/// <param name="notBillable">What a refusal says of an item of the client, not billed yet, that the rule still leaves out ("is not reached yet").</param>
public abstract class ItemBillables<T>(
    AppDbContext db, InvoiceLineSourceKind kind, Expression<Func<T, bool>> isBillable, Expression<Func<T, int?>> invoiceOf,
    Func<WorkPick, IReadOnlyList<int>> pickedIds, string notBillable) : IBillableSource where T : OwnedEntity
{
    // Compiled once per kind: the same rule checks a pick in memory that conditions the SQL.
    private static Func<T, bool>? _isBillable;
    private static Func<T, int?>? _invoiceOf;

    protected AppDbContext Db => db;

    public InvoiceLineSourceKind Kind => kind;

    protected string NotBillable => notBillable;

    /// <summary>The items with their project, client and billed amount (a left join where the project may be missing).</summary>
    protected abstract IQueryable<BillableRow<T>> WithProject(IQueryable<T> items);

    /// <summary>Orders a kind's lines after their project.</summary>
    protected abstract IComparable LineOrder(T item);

    protected abstract PickedLine Line(BillableRow<T> row, string currency);

    /// <summary>"Milestone Kick-off (Shop)": how a refusal names the item.</summary>
    protected abstract string Name(BillableRow<T> row);

    /// <summary>Extra conditions of the claim (an expense edited since the form was read is not taken at a stale price).</summary>
    protected virtual IQueryable<T> Unchanged(IQueryable<T> items, InvoiceLineItem picked) => items;

    protected virtual void OnClaim(UpdateSettersBuilder<T> set) { }

    protected virtual void OnRelease(UpdateSettersBuilder<T> set) { }

    /// <summary>The client's billable items (of one project when given), for the form.</summary>
    public IQueryable<BillableRow<T>> Offered(int clientId, int? projectId) =>
        WithProject(db.Set<T>().AsNoTracking().Where(isBillable)).Where(r => r.ClientId == clientId && (projectId == null || r.ProjectId == projectId));

    /// <summary>The client's billable items as the form lists them, in one query.</summary>
    public abstract Task<IReadOnlyList<UnbilledItem>> UnbilledAsync(int clientId, int? projectId, CancellationToken ct);

    public virtual IQueryable<UnbilledSum>? Totals(string? owner = null) =>
        WithProject(BilledWork.OfOwner(db.Set<T>().AsNoTracking(), owner).Where(isBillable)).GroupBy(r => r.Currency)
            .Select(g => new UnbilledSum { Currency = g.Key!, Hours = 0m, Value = g.Sum(r => r.Amount), Items = g.Count() });

    public async Task<PickResult> ResolveAsync(WorkPick pick, int clientId, string currency, CancellationToken ct)
    {
        var ids = pickedIds(pick).Distinct().ToList();
        if (ids.Count == 0) return PickResult.Nothing;
        var rows = await WithProject(db.Set<T>().AsNoTracking().Where(x => ids.Contains(x.Id))).ToListAsync(ct);
        if (rows.Count != ids.Count) return PickResult.Missing;
        var billable = _isBillable ??= isBillable.Compile();
        var lines = new List<PickedLine>();
        foreach (var row in rows.OrderBy(r => r.ProjectName ?? "").ThenBy(r => LineOrder(r.Item)))
        {
            if (row.ClientId != clientId || !billable(row.Item)) return PickResult.Refused(WhyNot(row, clientId));
            lines.Add(Line(row, currency));
        }
        return new PickResult(lines, null, false);
    }

    /// <summary>Why an item failed the rule or belongs to another client, named as the user knows it.</summary>
    protected virtual string WhyNot(BillableRow<T> row, int clientId)
    {
        var name = BilledWork.Capital(Name(row));
        if (row.ClientId != clientId) return $"{name} is work for another client.";
        return (_invoiceOf ??= invoiceOf.Compile())(row.Item) is not null ? $"{name} is already on an invoice." : $"{name} {NotBillable}.";
    }

    public Task<int> ClaimAsync(int invoiceId, InvoiceLine line, PickedLine pick, CancellationToken ct)
    {
        var ids = pick.ItemIds;
        return Unchanged(db.Set<T>().Where(x => ids.Contains(x.Id)).Where(isBillable), pick.Item)
            .ExecuteUpdateAsync(set =>
            {
                set.SetProperty(invoiceOf, (int?)invoiceId).SetProperty(x => x.Version, x => x.Version + 1);
                OnClaim(set);
            }, ct);
    }

    public async Task ReleaseAsync(int invoiceId, IReadOnlyCollection<InvoiceLine>? lines, CancellationToken ct)
    {
        var ids = lines?.Where(l => l.SourceKind == Kind && l.SourceId is not null).Select(l => l.SourceId!.Value).ToList();
        if (ids is { Count: 0 }) return;
        Expression<Func<int?>> invoice = () => invoiceId;
        var onInvoice = Expression.Lambda<Func<T, bool>>(Expression.Equal(invoiceOf.Body, invoice.Body), invoiceOf.Parameters);
        await db.Set<T>().Where(onInvoice).Where(x => ids == null || ids.Contains(x.Id))
            .ExecuteUpdateAsync(set =>
            {
                set.SetProperty(invoiceOf, (int?)null).SetProperty(x => x.Version, x => x.Version + 1);
                OnRelease(set);
            }, ct);
    }
}
