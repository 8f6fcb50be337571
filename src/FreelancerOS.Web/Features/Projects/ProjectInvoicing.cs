using System.Linq.Expressions;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
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
        return await CountedLines(db)
            .Where(l => projectIds.Contains(l.ProjectId!.Value))
            .GroupBy(l => l.ProjectId!.Value)
            .Select(g => new { ProjectId = g.Key, Amount = g.Sum(l => l.Amount) })
            .ToDictionaryAsync(x => x.ProjectId, x => x.Amount);
    }

    /// <summary>
    /// The lines that count as invoiced for their project, to sum per project, also inside a larger query (a correlated
    /// subquery per shown project, so a page asks once however many projects it shows).
    /// </summary>
    public static IQueryable<InvoiceLine> CountedLines(AppDbContext db) =>
        // Joined through Invoices, whose owner filter scopes the lines (lines are not owned entities themselves).
        KeptProjectFigures.CountedLines(db.InvoiceLines.AsNoTracking(), db.Invoices);
}
