using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Invoices;

/// <summary>
/// Rechargeable expenses of a project, billed at cost, one line each, in the expense's own currency (the
/// invoice refuses an item in another currency than its own, by name). They pass a cost on, so they are
/// not in the dashboard's unbilled figure.
/// </summary>
public sealed class ExpenseBillables(AppDbContext db) : ItemBillables<Expense>(db, InvoiceLineSourceKind.Expense,
    e => e.Rechargeable && e.ProjectId != null && e.InvoiceId == null, e => e.InvoiceId, pick => pick.Expenses, "is not a rechargeable expense of a project")
{
    // A left join: an expense of no project (or of a project this account cannot see) is refused by name, not "not found".
    protected override IQueryable<BillableRow<Expense>> WithProject(IQueryable<Expense> items) =>
        items.LeftJoin(Db.Projects, e => e.ProjectId, p => (int?)p.Id, (e, p) => new BillableRow<Expense>
        {
            Item = e, ProjectId = p == null ? null : p.Id, ProjectName = p == null ? null : p.Name, ClientId = p == null ? null : p.ClientId,
            Currency = e.Currency, Amount = e.Amount,
        });

    protected override IComparable LineOrder(Expense item) => (item.Date, item.Id);

    protected override string Name(BillableRow<Expense> row) => $"the expense {BilledWork.ExpenseName(row.Item.Description, row.Item.Vendor, row.Item.Date)}";

    protected override string WhyNot(BillableRow<Expense> row, int clientId)
    {
        var name = BilledWork.Capital(Name(row));
        if (!row.Item.Rechargeable || row.ProjectId is null) return $"{name} {NotBillable}.";
        return row.ClientId != clientId ? $"{name} belongs to {row.ProjectName}, a project of another client." : $"{name} is already on an invoice.";
    }

    protected override PickedLine Line(BillableRow<Expense> row, string currency) => new(
        new InvoiceLineItem(Kind, row.Item.Id, $"{row.ProjectName} – {BilledWork.ExpenseName(row.Item.Description, row.Item.Vendor, row.Item.Date)}", 1m,
            row.Item.Amount, row.Item.Currency, row.ProjectId),
        [row.Item.Id], Name(row));

    // The amount and currency are part of the condition: an expense edited since the form was read is not taken at a stale price.
    protected override IQueryable<Expense> Unchanged(IQueryable<Expense> items, InvoiceLineItem picked)
    {
        var (price, currency) = (picked.UnitPrice, picked.Currency);
        return items.Where(e => e.Amount == price && e.Currency == currency);
    }

    public override IQueryable<UnbilledSum>? Totals(string? owner = null) => null;

    // Expenses in another currency are listed too (with their currency): ticking one is refused by name.
    public override async Task<IReadOnlyList<UnbilledItem>> UnbilledAsync(int clientId, int? projectId, CancellationToken ct) =>
        (await Offered(clientId, projectId)
            .Select(r => new { r.Item.Id, r.ProjectName, r.Item.Description, r.Item.Vendor, r.Item.Date, r.Amount, r.Currency }).ToListAsync(ct))
        .OrderBy(x => x.ProjectName).ThenBy(x => x.Date).ThenBy(x => x.Id)
        .Select(x => new UnbilledItem(x.Id, x.ProjectName!, BilledWork.ExpenseName(x.Description, x.Vendor, x.Date), 1m, x.Amount, x.Currency!)).ToList();
}
