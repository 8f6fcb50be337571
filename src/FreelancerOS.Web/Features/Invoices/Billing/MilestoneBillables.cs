using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace FreelancerOS.Web.Features.Invoices;

/// <summary>Reached milestones, billed at their amount in the client's currency; billed ones read "invoiced".</summary>
public sealed class MilestoneBillables(AppDbContext db) : ItemBillables<Milestone>(db, InvoiceLineSourceKind.Milestone,
    m => m.State == MilestoneState.Reached && m.InvoiceId == null, m => m.InvoiceId, pick => pick.MilestoneIds, "is not reached yet")
{
    protected override IQueryable<BillableRow<Milestone>> WithProject(IQueryable<Milestone> items) =>
        items.Join(Db.Projects, m => m.ProjectId, p => p.Id, (m, p) => new BillableRow<Milestone>
        {
            Item = m, ProjectId = p.Id, ProjectName = p.Name, ClientId = p.ClientId, Currency = p.Client!.Currency, Amount = m.Amount,
        });

    protected override IComparable LineOrder(Milestone item) => item.SortOrder;

    protected override string Name(BillableRow<Milestone> row) => $"Milestone {row.Item.Name} ({row.ProjectName})";

    protected override PickedLine Line(BillableRow<Milestone> row, string currency) => new(
        new InvoiceLineItem(Kind, row.Item.Id, $"{row.ProjectName} – milestone: {row.Item.Name}", 1m, row.Item.Amount, currency, row.ProjectId),
        [row.Item.Id], $"milestone {row.Item.Name}");

    protected override void OnClaim(UpdateSettersBuilder<Milestone> set) => set.SetProperty(m => m.State, MilestoneState.Invoiced);

    protected override void OnRelease(UpdateSettersBuilder<Milestone> set) => set.SetProperty(m => m.State, MilestoneState.Reached);

    public override async Task<IReadOnlyList<UnbilledItem>> UnbilledAsync(int clientId, int? projectId, CancellationToken ct) =>
        await Offered(clientId, projectId).OrderBy(r => r.ProjectName).ThenBy(r => r.Item.SortOrder)
            .Select(r => new UnbilledItem(r.Item.Id, r.ProjectName!, r.Item.Name, 1m, r.Amount, r.Currency!)).ToListAsync(ct);
}
