using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Invoices;

/// <summary>
/// Approved scope changes that carry an amount, billed at it in the client's currency (an hourly project's
/// change raises its estimate instead, and its hours are billed as time).
/// </summary>
public sealed class ScopeChangeBillables(AppDbContext db) : ItemBillables<ScopeChange>(db, InvoiceLineSourceKind.ScopeChange,
    s => s.State == ScopeChangeState.Approved && s.InvoiceId == null && s.EstimateAmount != null, s => s.InvoiceId, pick => pick.ScopeChangeIds,
    "is not an approved change with an amount")
{
    protected override IQueryable<BillableRow<ScopeChange>> WithProject(IQueryable<ScopeChange> items) =>
        items.Join(Db.Projects, s => s.ProjectId, p => p.Id, (s, p) => new BillableRow<ScopeChange>
        {
            Item = s, ProjectId = p.Id, ProjectName = p.Name, ClientId = p.ClientId, Currency = p.Client!.Currency, Amount = s.EstimateAmount ?? 0m,
        });

    protected override IComparable LineOrder(ScopeChange item) => item.RequestedOn;

    protected override string Name(BillableRow<ScopeChange> row) => $"the scope change \"{BilledWork.Shorten(row.Item.Description)}\" ({row.ProjectName})";

    protected override PickedLine Line(BillableRow<ScopeChange> row, string currency) => new(
        new InvoiceLineItem(Kind, row.Item.Id, $"{row.ProjectName} – scope change: {BilledWork.Shorten(row.Item.Description, 400)}", 1m,
            row.Item.EstimateAmount!.Value, currency, row.ProjectId),
        [row.Item.Id], Name(row));

    public override async Task<IReadOnlyList<UnbilledItem>> UnbilledAsync(int clientId, int? projectId, CancellationToken ct) =>
        await Offered(clientId, projectId).OrderBy(r => r.ProjectName).ThenBy(r => r.Item.RequestedOn)
            .Select(r => new UnbilledItem(r.Item.Id, r.ProjectName!, r.Item.Description, 1m, r.Amount, r.Currency!)).ToListAsync(ct);
}
