using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Projects;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Services;

public sealed class ServicesController(AppDbContext db) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(int? projectId) => View("Board", await LoadBoardAsync(projectId, focus: null));

    [HttpGet]
    public async Task<IActionResult> Create(int? projectId, WorkStatus status = WorkStatus.NotStarted)
    {
        var form = new ServiceForm { ProjectId = projectId ?? 0, Status = Enum.IsDefined(status) ? status : WorkStatus.NotStarted };
        if (projectId is { } p)
        {
            var rate = await db.Projects.Where(x => x.Id == p).Select(x => x.HourlyRate ?? x.Client!.DefaultHourlyRate).FirstOrDefaultAsync();
            form.Rate = rate ?? await db.Settings.Select(s => s.DefaultHourlyRate).FirstOrDefaultAsync();
        }
        form.Projects = await ProjectOptionsAsync();
        return View(form);
    }

    [HttpPost]
    public async Task<IActionResult> Create(ServiceForm form)
    {
        if (ModelState.IsValid && !await db.Projects.AnyAsync(p => p.Id == form.ProjectId))
            ModelState.AddModelError(nameof(form.ProjectId), "Choose the project.");
        if (!ModelState.IsValid) return await FormViewAsync(form);
        var service = new Service();
        form.ApplyTo(service);
        service.MoveTo(form.Status, await NextSortOrderAsync(form.Status));
        db.Services.Add(service);
        await db.SaveChangesAsync();
        TempData["Flash"] = $"Service {service.Name} was added.";
        return Redirect($"/projects/details/{service.ProjectId}");
    }

    [HttpGet]
    public async Task<IActionResult> Edit(int id)
    {
        var service = await db.Services.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id);
        if (service is null) return NotFound();
        var form = ServiceForm.From(service);
        form.Projects = await ProjectOptionsAsync();
        ViewData["Locked"] = service.InvoiceId is not null;
        return View(form);
    }

    [HttpPost]
    public async Task<IActionResult> Edit(int id, ServiceForm form)
    {
        var service = await db.Services.SingleOrDefaultAsync(s => s.Id == id);
        if (service is null) return NotFound();
        if (service.InvoiceId is not null)
            ModelState.AddModelError("", "This service is on an invoice and cannot be changed or deleted.");
        if (ModelState.IsValid && !await db.Projects.AnyAsync(p => p.Id == form.ProjectId))
            ModelState.AddModelError(nameof(form.ProjectId), "Choose the project.");
        if (!ModelState.IsValid) return await FormViewAsync(form);

        db.Entry(service).Property(s => s.Version).OriginalValue = form.Version;
        form.ApplyTo(service);
        if (service.Status != form.Status) service.MoveTo(form.Status, await NextSortOrderAsync(form.Status));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", "This service was changed in another tab or window since you opened this form. " +
                                         "Reload the page to see the current details, then make your change again.");
            return await FormViewAsync(form);
        }
        TempData["Flash"] = "Service saved. Time already logged keeps the rate it was saved with.";
        return Redirect($"/projects/details/{service.ProjectId}");
    }

    /// <summary>Deletes the service; its time entries stay on the project without a service. Refused when it or its time is invoiced.</summary>
    [HttpPost]
    public async Task<IActionResult> Delete(int id)
    {
        var service = await db.Services.SingleOrDefaultAsync(s => s.Id == id);
        if (service is null) return NotFound();
        if (service.InvoiceId is not null || await db.TimeEntries.AnyAsync(t => t.ServiceId == id && t.InvoiceId != null))
        {
            TempData["Flash"] = "This service or its time is on an invoice, so it cannot be deleted.";
            return RedirectToAction(nameof(Edit), new { id });
        }
        await using var tx = await db.Database.BeginTransactionAsync();
        // Done here rather than left to ON DELETE SET NULL: SQL Server cannot declare those (see SqlServerModel).
        await db.TimeEntries.Where(t => t.ServiceId == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.ServiceId, (int?)null).SetProperty(t => t.Version, t => t.Version + 1));
        await db.Timers.Where(t => t.ServiceId == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.ServiceId, (int?)null).SetProperty(t => t.Version, t => t.Version + 1));
        await db.Incomes.Where(i => i.ServiceId == id).ExecuteUpdateAsync(s => s.SetProperty(i => i.ServiceId, (int?)null).SetProperty(i => i.Version, i => i.Version + 1));
        db.Services.Remove(service);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        TempData["Flash"] = $"Service {service.Name} was deleted; its time entries stay on the project.";
        return Redirect($"/projects/details/{service.ProjectId}");
    }

    [HttpPost]
    public async Task<IActionResult> Sort(WorkStatus status, List<string>? ids, int? projectId)
    {
        if (!ModelState.IsValid || !Enum.IsDefined(status)) return BadRequest();
        var order = BoardIds.Parse(ids);
        if (order is null) return BadRequest();
        var cards = await db.Services.Where(s => order.Contains(s.Id) || s.Status == status).ToListAsync();
        if (order.Any(id => cards.All(c => c.Id != id))) return NotFound();
        // Cards hidden by a project filter keep their order after the listed ones.
        var rest = cards.Where(c => !order.Contains(c.Id)).OrderBy(c => c.SortOrder).ThenBy(c => c.Id).Select(c => c.Id);
        var position = 0;
        foreach (var id in order.Concat(rest))
            cards.Single(c => c.Id == id).MoveTo(status, position++);
        await db.SaveChangesAsync();
        return Request.IsHtmx() ? PartialView("_Board", await LoadBoardAsync(projectId, focus: null)) : RedirectToAction(nameof(Index), new { projectId });
    }

    [HttpPost]
    public async Task<IActionResult> Move(int id, WorkStatus status, int? projectId)
    {
        var service = await db.Services.SingleOrDefaultAsync(s => s.Id == id);
        if (service is null) return NotFound();
        if (!ModelState.IsValid || !Enum.IsDefined(status)) return BadRequest();
        if (service.Status != status)
        {
            service.MoveTo(status, await NextSortOrderAsync(status));
            await db.SaveChangesAsync();
        }
        if (Request.IsHtmx()) return PartialView("_Board", await LoadBoardAsync(projectId, focus: id));
        TempData["Flash"] = $"{service.Name} is now {service.Status.Label().ToLowerInvariant()}.";
        return RedirectToAction(nameof(Index), new { projectId });
    }

    private async Task<StatusBoard> LoadBoardAsync(int? projectId, int? focus)
    {
        // The board shows the services of open projects (or of the one chosen), so it stays small as years pass.
        var query = db.Services.AsNoTracking();
        query = projectId is { } p ? query.Where(s => s.ProjectId == p) : query.Where(s => s.Project!.Status != WorkStatus.Completed);
        var cards = await query.OrderBy(s => s.Status).ThenBy(s => s.SortOrder).ThenBy(s => s.Id)
            .Select(s => new ServiceCard(s.Id, s.Name, s.ProjectId, s.Project!.Name, s.Project.Client!.Name, s.Pricing, s.Rate, s.Quantity, s.Status, s.Project.Client.Currency))
            .ToListAsync();
        var columns = WorkLabels.Statuses.Select(st => new StatusColumn(st, cards.Where(c => c.Status == st).ToList())).ToList();
        return new StatusBoard(columns, await ProjectOptionsAsync(), projectId, focus);
    }

    private async Task<IActionResult> FormViewAsync(ServiceForm form)
    {
        form.Projects = await ProjectOptionsAsync();
        return View(form);
    }

    private Task<List<ProjectOption>> ProjectOptionsAsync() =>
        db.Projects.AsNoTracking().OrderBy(p => p.Status == WorkStatus.Completed).ThenBy(p => p.Name)
            .Select(p => new ProjectOption(p.Id, p.Name, p.Client!.Name, p.Client.Currency)).ToListAsync();

    private async Task<int> NextSortOrderAsync(WorkStatus status) =>
        (await db.Services.Where(s => s.Status == status).MaxAsync(s => (int?)s.SortOrder) ?? -1) + 1;
}
