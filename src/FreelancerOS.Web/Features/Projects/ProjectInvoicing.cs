using FreelancerOS.Web.Data;

namespace FreelancerOS.Web.Features.Projects;

/// <summary>
/// A project's invoiced amount: the sum of its lines on issued invoices (Sent, Overdue, Paid), before
/// tax, in the client's currency. It feeds completion "by invoicing" and the "billed" figure of
/// profitability, and it is computed here only. There are no invoices yet, so every project reads 0;
/// the invoices feature replaces the body with one grouped query over its lines.
/// </summary>
public static class ProjectInvoicing
{
    public static Task<Dictionary<int, decimal>> InvoicedAmountsAsync(AppDbContext db, IReadOnlyCollection<int> projectIds) =>
        Task.FromResult(new Dictionary<int, decimal>());
}
