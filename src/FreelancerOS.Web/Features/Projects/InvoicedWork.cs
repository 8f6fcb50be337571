using FreelancerOS.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Projects;

/// <summary>
/// "Has billed work": whether anything of a project (or of one service) is on an invoice, a draft included. Such a
/// project keeps its client and is not deleted, such a service is not deleted: the invoice lines point at them. The
/// one copy of the rule, asked in one statement; it counts rechargeable expenses billed on to the client too.
/// </summary>
public static class InvoicedWork
{
    public static Task<bool> OfProjectAsync(AppDbContext db, int projectId) =>
        db.Projects.AsNoTracking().Where(p => p.Id == projectId).AnyAsync(p =>
            db.TimeEntries.Any(t => t.ProjectId == p.Id && t.InvoiceId != null)
            || db.Milestones.Any(m => m.ProjectId == p.Id && m.InvoiceId != null)
            || db.Services.Any(s => s.ProjectId == p.Id && s.InvoiceId != null)
            || db.ScopeChanges.Any(s => s.ProjectId == p.Id && s.InvoiceId != null)
            || db.Expenses.Any(e => e.ProjectId == p.Id && e.InvoiceId != null));

    /// <summary>The flat service itself, or time logged on it, is on an invoice.</summary>
    public static Task<bool> OfServiceAsync(AppDbContext db, int serviceId) =>
        db.Services.AsNoTracking().Where(s => s.Id == serviceId).AnyAsync(s =>
            s.InvoiceId != null || db.TimeEntries.Any(t => t.ServiceId == s.Id && t.InvoiceId != null));
}
