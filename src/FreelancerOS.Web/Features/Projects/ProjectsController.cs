using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Projects;

/// <summary>
/// Projects: the priority board, the list, a project's page and its form. Its milestones and scope
/// changes have their own controllers under the same URL segment (docs/decisions/012):
/// <see cref="ProjectMilestonesController"/>, <see cref="ProjectScopeChangesController"/>.
/// </summary>
public sealed class ProjectsController(AppDbContext db) : Controller
{
    private const string ConflictMessage = "This project was changed in another tab or window since you opened this form. " +
                                           "Reload the page to see the current details, then make your change again.";

    [HttpGet]
    public async Task<IActionResult> Index() => View("Board", await ProjectBoardQueries.LoadBoardAsync(db, focus: null));

    [HttpGet]
    public async Task<IActionResult> List(int? clientId, WorkStatus? status, Priority? priority, string? sort, string? dir, int? size, int page = 1)
    {
        var rows = await ProjectBoardQueries.ListAsync(db, clientId, status, priority, sort, dir, Paging.Size(size), page);
        return View(new ProjectList(rows, await ShownClientsAsync(rows.Items, clientId), clientId, status, priority));
    }

    /// <summary>Every client that is not archived, as the options of the list's client filter (filter-clients.js asks once the filter is about to be used).</summary>
    [HttpGet]
    public async Task<IActionResult> FilterClients() =>
        Content(OptionList.Html(await ClientOptionsAsync(), c => c.Id, c => c.Name), "text/html");

    [HttpGet]
    public async Task<IActionResult> Details(int id, int page = 1)
    {
        var project = await ProjectDetailsPage.FindAsync(db, id);
        if (project is null) return NotFound();
        return View(await ProjectDetailsPage.LoadAsync(db, project, page, new ScopeChangeForm()));
    }

    [HttpGet]
    public async Task<IActionResult> Create(int? clientId)
    {
        var form = new ProjectForm { ClientId = clientId ?? 0 };
        form.Clients = await ClientOptionsAsync();
        return View(form);
    }

    [HttpPost]
    public async Task<IActionResult> Create(ProjectForm form)
    {
        if (ModelState.IsValid && !await db.Clients.AnyAsync(c => c.Id == form.ClientId))
            ModelState.AddModelError(nameof(form.ClientId), "Choose the client.");
        if (!ModelState.IsValid) return await FormViewAsync(form);
        var project = new Project();
        form.ApplyTo(project);
        project.MoveTo(form.Priority, await NextSortOrderAsync(form.Priority));
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        TempData["Flash"] = $"Project {project.Name} was created.";
        return RedirectToAction(nameof(Details), new { id = project.Id });
    }

    [HttpGet]
    public async Task<IActionResult> Edit(int id)
    {
        var project = await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id);
        if (project is null) return NotFound();
        var form = ProjectForm.From(project);
        form.Clients = await ClientOptionsAsync();
        return View(form);
    }

    [HttpPost]
    public async Task<IActionResult> Edit(int id, ProjectForm form)
    {
        var project = await db.Projects.SingleOrDefaultAsync(p => p.Id == id);
        if (project is null) return NotFound();
        if (ModelState.IsValid && !await db.Clients.AnyAsync(c => c.Id == form.ClientId))
            ModelState.AddModelError(nameof(form.ClientId), "Choose the client.");
        if (ModelState.IsValid && form.ClientId != project.ClientId && await InvoicedWork.OfProjectAsync(db, id))
            ModelState.AddModelError(nameof(form.ClientId), "Work of this project is on an invoice: its client cannot change.");
        if (!ModelState.IsValid) return await FormViewAsync(form);

        db.Entry(project).Property(p => p.Version).OriginalValue = form.Version;
        form.ApplyTo(project);
        if (project.Priority != form.Priority) project.MoveTo(form.Priority, await NextSortOrderAsync(form.Priority));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", ConflictMessage);
            return await FormViewAsync(form);
        }
        TempData["Flash"] = "Project saved.";
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet]
    public async Task<IActionResult> Delete(int id)
    {
        var project = await db.Projects.AsNoTracking().Include(p => p.Client).SingleOrDefaultAsync(p => p.Id == id);
        if (project is null) return NotFound();
        ViewData["Entries"] = await db.TimeEntries.CountAsync(t => t.ProjectId == id);
        ViewData["Services"] = await db.Services.CountAsync(s => s.ProjectId == id);
        ViewData["Invoiced"] = await InvoicedWork.OfProjectAsync(db, id);
        return View(project);
    }

    /// <summary>Deletes the project with its services, milestones, scope changes and time entries, unless any of them (or an expense billed on) is on an invoice.</summary>
    [HttpPost, ActionName("Delete")]
    public async Task<IActionResult> DeleteConfirmed(int id)
    {
        var project = await db.Projects.SingleOrDefaultAsync(p => p.Id == id);
        if (project is null) return NotFound();
        if (await InvoicedWork.OfProjectAsync(db, id))
        {
            TempData["Error"] = "This project has work on an invoice, so it cannot be deleted. Mark it completed instead.";
            return RedirectToAction(nameof(Details), new { id });
        }
        db.Projects.Remove(project);
        await db.SaveChangesAsync();
        TempData["Flash"] = $"Project {project.Name} was deleted.";
        return RedirectToAction(nameof(Index));
    }

    /// <summary>The next cards of a column, for its "show more" link.</summary>
    [HttpGet]
    public async Task<IActionResult> Column(Priority priority, int skip = 0)
    {
        if (!ModelState.IsValid || !Enum.IsDefined(priority) || skip < 0) return BadRequest();
        return PartialView("_ProjectCards", await ProjectBoardQueries.ColumnAsync(db, priority, skip));
    }

    /// <summary>The board's drop: the column's priority and its card ids in their new order; the answer is the changed columns.</summary>
    [HttpPost]
    public async Task<IActionResult> Sort(Priority priority, List<string>? ids)
    {
        if (!ModelState.IsValid || !Enum.IsDefined(priority)) return BadRequest();
        var order = BoardIds.Parse(ids);
        if (order is null) return BadRequest();

        var cards = await db.Projects.Where(p => order.Contains(p.Id) || (p.Priority == priority && p.Status != WorkStatus.Completed)).ToListAsync();
        if (order.Any(id => cards.All(c => c.Id != id))) return NotFound();
        var changed = BoardOrder.Apply(cards, order, priority);
        await db.SaveChangesAsync();
        if (!Request.IsHtmx()) return RedirectToAction(nameof(Index));
        Response.Saved(changed.Count > 1 ? $"Moved to {priority} priority." : $"Order of {priority} priority saved.");
        return PartialView("_Columns", await ProjectBoardQueries.LoadBoardAsync(db, focus: null, changed));
    }

    /// <summary>The keyboard way: the card's move menu or the project page; the card goes last in its new column.</summary>
    [HttpPost]
    public async Task<IActionResult> Move(int id, Priority priority, string? returnTo)
    {
        var project = await db.Projects.SingleOrDefaultAsync(p => p.Id == id);
        if (project is null) return NotFound();
        if (!ModelState.IsValid || !Enum.IsDefined(priority)) return BadRequest();
        var from = project.Priority;
        if (project.Priority != priority)
        {
            project.MoveTo(priority, await NextSortOrderAsync(priority));
            await db.SaveChangesAsync();
        }
        var message = $"{project.Name} is now {project.Priority} priority.";
        if (Request.IsHtmx())
        {
            Response.Saved(message);
            return PartialView("_Columns", await ProjectBoardQueries.LoadBoardAsync(db, focus: id, [priority, from]));
        }
        TempData["Flash"] = message;
        return returnTo == "details" ? RedirectToAction(nameof(Details), new { id }) : RedirectToAction(nameof(Index));
    }

    // --- loading ----------------------------------------------------------------------------------

    private async Task<IActionResult> FormViewAsync(ProjectForm form)
    {
        form.Clients = await ClientOptionsAsync();
        return View(form);
    }

    private Task<List<ClientOption>> ShownClientsAsync(IReadOnlyList<ProjectListRow> rows, int? chosen) =>
        ClientChoices.ShownAsync(db, rows.Select(r => new ClientOption(r.ClientId, r.ClientName, r.Currency)), chosen);

    private Task<List<ClientOption>> ClientOptionsAsync() => ClientChoices.AllAsync(db);

    private async Task<int> NextSortOrderAsync(Priority priority) =>
        (await db.Projects.Where(p => p.Priority == priority).MaxAsync(p => (int?)p.SortOrder) ?? -1) + 1;
}
