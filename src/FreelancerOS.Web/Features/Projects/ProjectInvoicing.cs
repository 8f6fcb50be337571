using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Projects;

/// <summary>
/// A project's invoiced amount: the sum of its lines on issued invoices (Sent, Overdue, Paid), before
/// tax, in the client's currency. It feeds completion "by invoicing" and the "billed" figure of
/// profitability, and it is computed here only, in one grouped query for any number of projects.
/// Drafts and void invoices do not count; free lines belong to no project. Rechargeable expenses billed at
/// cost are not counted either: they pass a cost on, so they neither advance completion nor raise the
/// effective hourly rate.
/// </summary>
public static class ProjectInvoicing
{
    public static async Task<Dictionary<int, decimal>> InvoicedAmountsAsync(AppDbContext db, IReadOnlyCollection<int> projectIds)
    {
        if (projectIds.Count == 0) return [];
        var invoiced = InvoiceStatuses.Invoiced.ToList();
        // Joined through Invoices, whose owner filter scopes the lines (lines are not owned entities themselves).
        return await db.InvoiceLines.AsNoTracking()
            .Where(l => l.ProjectId != null && projectIds.Contains(l.ProjectId.Value) && l.SourceKind != InvoiceLineSourceKind.Expense)
            // In the client's currency only: the value and completion are in it, and an invoice from before the client's
            // currency was fixed is not added to them.
            .Join(db.Invoices.Where(i => invoiced.Contains(i.Status) && i.Currency == i.Client!.Currency), l => l.InvoiceId, i => i.Id, (l, i) => l)
            .GroupBy(l => l.ProjectId!.Value)
            .Select(g => new { ProjectId = g.Key, Amount = g.Sum(l => l.Amount) })
            .ToDictionaryAsync(x => x.ProjectId, x => x.Amount);
    }
}
