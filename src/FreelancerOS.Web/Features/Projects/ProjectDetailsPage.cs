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
        var services = await ListAsync(Services.For(db)(db, id));
        var milestones = await ListAsync(Milestones.For(db)(db, id));
        var changes = await ListAsync(Changes.For(db)(db, id));
        var (hours, invoiced, entryCount) = await ProjectFigures.OfProjectAsync(db, project);
        var entries = await ProjectFigures.EntriesAsync(db, id, entryCount, page);
        var currency = project.Client!.Currency;
        var profit = new Profitability(project.TotalEstimatedHours, hours.Hours, invoiced, hours.UnbilledHours, hours.UnbilledValue, currency,
            await ProjectFigures.UnbilledExpensesAsync(db, id));
        return new ProjectDetails(project, project.Client.Name, currency, project.CompletionPercent(hours.Hours, invoiced), hours.Hours, invoiced,
            services, milestones, changes, entries, profit, scopeForm);
    }

    /// <summary>The project with its client, as the page and its scope-change form read it.</summary>
    public static Task<Project?> FindAsync(AppDbContext db, int id, CancellationToken ct = default) => ProjectById.For(db)(db, id, ct);

    private static async Task<List<T>> ListAsync<T>(IAsyncEnumerable<T> rows)
    {
        var list = new List<T>();
        await foreach (var row in rows) list.Add(row);
        return list;
    }

    // Each read compiled once: building and looking up their expressions on every view cost about as much as running them.
    private static readonly CompiledPerModel<Func<AppDbContext, int, CancellationToken, Task<Project?>>> ProjectById = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, int id, CancellationToken ct) => db.Projects.AsNoTracking().Include(p => p.Client).SingleOrDefault(p => p.Id == id)));

    private static readonly CompiledPerModel<Func<AppDbContext, int, IAsyncEnumerable<ServiceRow>>> Services = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, int id) => db.Services.AsNoTracking().Where(s => s.ProjectId == id).OrderBy(s => s.Name).ThenBy(s => s.Id)
            .Select(s => new ServiceRow(s.Id, s.Name, s.Pricing, s.Rate, s.Quantity, s.Status, s.InvoiceId != null))));

    private static readonly CompiledPerModel<Func<AppDbContext, int, IAsyncEnumerable<Milestone>>> Milestones = new(() => EF.CompileAsyncQuery<AppDbContext, int, Milestone>(
        (AppDbContext db, int id) => db.Milestones.AsNoTracking().Where(m => m.ProjectId == id).OrderBy(m => m.SortOrder).ThenBy(m => m.Id)));

    private static readonly CompiledPerModel<Func<AppDbContext, int, IAsyncEnumerable<ScopeChange>>> Changes = new(() => EF.CompileAsyncQuery<AppDbContext, int, ScopeChange>(
        (AppDbContext db, int id) => db.ScopeChanges.AsNoTracking().Where(s => s.ProjectId == id).OrderByDescending(s => s.RequestedOn).ThenByDescending(s => s.Id)));
}
