using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Invoices;

/// <summary>The invoice page's reads.</summary>
public static class InvoiceDetailsQuery
{
    /// <summary>
    /// The invoice with its client, lines and status history, in one statement: an invoice has a few lines and
    /// fewer status changes, so their joined rows cost less than a statement per collection.
    /// </summary>
    public static Task<Invoice?> InvoiceAsync(AppDbContext db, int id, CancellationToken ct = default) =>
        db.Invoices.AsNoTracking().Include(i => i.Lines).Include(i => i.History).Include(i => i.Client)
            .AsSingleQuery().SingleOrDefaultAsync(i => i.Id == id, ct);

    /// <summary>The invoice with its client, lines and history, tracked when it is to be changed (the forms and payments).</summary>
    public static Task<Invoice?> WholeAsync(AppDbContext db, int id, bool tracking)
    {
        var query = db.Invoices.Include(i => i.Lines).Include(i => i.History).Include(i => i.Client).AsSplitQuery();
        return (tracking ? query : query.AsNoTracking()).SingleOrDefaultAsync(i => i.Id == id);
    }
}
