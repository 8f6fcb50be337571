using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Invoices;

/// <summary>Flat-fee services, billed at quantity × rate in the client's currency (an hourly service's time is billed as time).</summary>
public sealed class ServiceBillables(AppDbContext db) : ItemBillables<Service>(db, InvoiceLineSourceKind.Service,
    s => s.Pricing == ServicePricing.Flat && s.InvoiceId == null, s => s.InvoiceId, pick => pick.ServiceIds, "is hourly: bill its time instead")
{
    protected override IQueryable<BillableRow<Service>> WithProject(IQueryable<Service> items) =>
        items.Select(s => new BillableRow<Service>
        {
            Item = s, ProjectId = s.ProjectId, ProjectName = s.Project!.Name, ClientId = s.Project.ClientId, Currency = s.Project.Client!.Currency,
            Amount = s.Rate * s.Quantity,
        });

    protected override IComparable LineOrder(Service item) => item.Name;

    protected override string Name(BillableRow<Service> row) => $"Service {row.Item.Name} ({row.ProjectName})";

    protected override PickedLine Line(BillableRow<Service> row, string currency) => new(
        new InvoiceLineItem(Kind, row.Item.Id, $"{row.ProjectName} – {row.Item.Name} (flat fee)", row.Item.Quantity, row.Item.Rate, currency, row.ProjectId),
        [row.Item.Id], $"service {row.Item.Name}");

    public override async Task<IReadOnlyList<UnbilledItem>> UnbilledAsync(int clientId, int? projectId, CancellationToken ct) =>
        await Offered(clientId, projectId).OrderBy(r => r.ProjectName).ThenBy(r => r.Item.Name)
            .Select(r => new UnbilledItem(r.Item.Id, r.ProjectName!, r.Item.Name, r.Item.Quantity, r.Item.Rate, r.Currency!)).ToListAsync(ct);
}
