using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Projects;

/// <summary>A project's page: shown by the project itself and again, with the form's errors, by a refused scope change.</summary>
public static class ProjectDetailsPage
{
    public static async Task<ProjectDetails> LoadAsync(AppDbContext db, Project project, int page, ScopeChangeForm scopeForm)
    {
        var id = project.Id;
        var services = await db.Services.AsNoTracking().Where(s => s.ProjectId == id).OrderBy(s => s.Name).ThenBy(s => s.Id)
            .Select(s => new ServiceRow(s.Id, s.Name, s.Pricing, s.Rate, s.Quantity, s.Status, s.InvoiceId != null)).ToListAsync();
        var milestones = await db.Milestones.AsNoTracking().Where(m => m.ProjectId == id).OrderBy(m => m.SortOrder).ThenBy(m => m.Id).ToListAsync();
        var changes = await db.ScopeChanges.AsNoTracking().Where(s => s.ProjectId == id).OrderByDescending(s => s.RequestedOn).ThenByDescending(s => s.Id).ToListAsync();
        var (hours, invoiced, entryCount) = await ProjectFigures.OfProjectAsync(db, id);
        var entries = await ProjectFigures.EntriesAsync(db, id, entryCount, page);
        var currency = project.Client!.Currency;
        var profit = new Profitability(project.TotalEstimatedHours, hours.Hours, invoiced, hours.UnbilledHours, hours.UnbilledValue, currency,
            await ProjectFigures.UnbilledExpensesAsync(db, id));
        return new ProjectDetails(project, project.Client.Name, currency, project.CompletionPercent(hours.Hours, invoiced), hours.Hours, invoiced,
            services, milestones, changes, entries, profit, scopeForm);
    }
}
