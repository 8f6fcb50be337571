using FreelancerOS.Web.Data;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Projects;

/// <summary>The client page's "Projects" section, kept here so the clients feature only has to place it.</summary>
public sealed class ClientProjectsViewComponent(AppDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int clientId)
    {
        var rows = new List<ProjectListRow>();
        await foreach (var row in OfClient.For(db)(db, clientId)) rows.Add(row);
        return View("/Features/Projects/_ClientProjects.cshtml", (clientId, rows));
    }

    // Compiled once: on every client page, building and looking up the expression cost about as much as running it.
    private static readonly CompiledPerModel<Func<AppDbContext, int, IAsyncEnumerable<ProjectListRow>>> OfClient = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, int clientId) => db.Projects.AsNoTracking().Where(p => p.ClientId == clientId)
            .OrderBy(p => p.Status).ThenByDescending(p => p.Priority).ThenBy(p => p.Name).Take(50)
            .Select(p => new ProjectListRow(p.Id, p.Name, p.ClientId, p.Client!.Name, p.Client.Currency, p.Pricing, p.Priority, p.Status,
                p.StartDate, p.EndDate, p.Value, p.ApprovedExtraValue, null))));
}
