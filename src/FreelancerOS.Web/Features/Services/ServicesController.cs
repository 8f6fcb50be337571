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
            // A new service starts at the rate its time would get without it (the project's, the client's, the default).
            var rates = await db.Projects.Where(x => x.Id == p).Select(x => new { x.HourlyRate, Client = x.Client!.DefaultHourlyRate }).FirstOrDefaultAsync();
            var fallback = await db.Settings.Select(s => s.DefaultHourlyRate).FirstOrDefaultAsync();
            form.Rate = HourlyRates.Resolve(null, rates?.HourlyRate, rates?.Client, fallback);
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
        ViewData["Locked"] = service.IsLocked;
        return View(form);
    }

    [HttpPost]
    public async Task<IActionResult> Edit(int id, ServiceForm form)
    {
        var service = await db.Services.SingleOrDefaultAsync(s => s.Id == id);
        if (service is null) return NotFound();
        if (service.EditRefusal() is { } refusal) ModelState.AddModelError("", refusal);
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
        if (await InvoicedWork.OfServiceAsync(db, id))
        {
            TempData["Error"] = "This service or its time is on an invoice, so it cannot be deleted.";
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

    /// <summary>The next cards of a column, for its "show more" link.</summary>
    [HttpGet]
    public async Task<IActionResult> Column(WorkStatus status, int? projectId, int skip = 0)
    {
        if (!ModelState.IsValid || !Enum.IsDefined(status) || skip < 0) return BadRequest();
        var cards = await CardsAsync(Ordered(status, projectId).Skip(skip).Take(Boards.CardsPerColumn));
        var count = await OnBoard(projectId).CountAsync(s => s.Status == status);
        return PartialView("_ServiceCards", new StatusCards(status, projectId, cards, skip + cards.Count, count));
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
        var changed = BoardOrder.Apply(cards, order, status);
        await db.SaveChangesAsync();
        if (!Request.IsHtmx()) return RedirectToAction(nameof(Index), new { projectId });
        Response.Saved(changed.Count > 1 ? $"Moved to {status.Label().ToLowerInvariant()}." : $"Order of {status.Label().ToLowerInvariant()} saved.");
        return PartialView("_Columns", await LoadBoardAsync(projectId, focus: null, changed));
    }

    [HttpPost]
    public async Task<IActionResult> Move(int id, WorkStatus status, int? projectId)
    {
        var service = await db.Services.SingleOrDefaultAsync(s => s.Id == id);
        if (service is null) return NotFound();
        if (!ModelState.IsValid || !Enum.IsDefined(status)) return BadRequest();
        var from = service.Status;
        if (service.Status != status)
        {
            service.MoveTo(status, await NextSortOrderAsync(status));
            await db.SaveChangesAsync();
        }
        var message = $"{service.Name} is now {service.Status.Label().ToLowerInvariant()}.";
        if (Request.IsHtmx())
        {
            Response.Saved(message);
            return PartialView("_Columns", await LoadBoardAsync(projectId, focus: id, [status, from]));
        }
        TempData["Flash"] = message;
        return RedirectToAction(nameof(Index), new { projectId });
    }

    // The board shows the services of open projects (or of the one chosen), so it stays small as years pass.
    private IQueryable<Service> OnBoard(int? projectId)
    {
        var query = db.Services.AsNoTracking();
        return projectId is { } p ? query.Where(s => s.ProjectId == p) : query.Where(s => s.Project!.Status != WorkStatus.Completed);
    }

    private IQueryable<Service> Ordered(WorkStatus status, int? projectId) =>
        OnBoard(projectId).Where(s => s.Status == status).OrderBy(s => s.SortOrder).ThenBy(s => s.Id);

    /// <summary>The board, or only the given columns: counts in one grouped query, the first cards of each column in one more.</summary>
    private async Task<StatusBoard> LoadBoardAsync(int? projectId, int? focus, IReadOnlyList<WorkStatus>? only = null)
    {
        var statuses = WorkLabels.Statuses.Where(s => only is null || only.Contains(s)).ToList();
        if (only is null && projectId is null) return await LoadFullBoardAsync(focus);
        var counts = await OnBoard(projectId).Where(InlineSet.In<Service, WorkStatus>(s => s.Status, statuses)).GroupBy(s => s.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Status, x => x.Count);
        var cards = await CardsAsync(Boards.FirstOfEach(statuses.Select(st => Ordered(st, projectId))));
        var columns = statuses.Select(st => new StatusColumn(st, projectId, cards.Where(c => c.Status == st).ToList(), counts.GetValueOrDefault(st))
            { OutOfBand = only is not null, FocusServiceId = focus }).ToList();
        return new StatusBoard(columns, only is null ? await FilterOptionsAsync(projectId) : [], projectId, focus);
    }

    /// <summary>The board as it opens (every open project): the same three statements, compiled.</summary>
    private async Task<StatusBoard> LoadFullBoardAsync(int? focus)
    {
        var counts = new Dictionary<WorkStatus, int>();
        await foreach (var c in FullBoardCounts.For(db)(db)) counts[c.Status] = c.Count;
        var rows = new List<CardRow>();
        await foreach (var r in FullBoardCards.For(db)(db)) rows.Add(r);
        var cards = Cards(rows);
        var options = new List<ProjectOption>();
        await foreach (var o in OpenProjectOptions.For(db)(db)) options.Add(o);
        var columns = WorkLabels.Statuses.Select(st => new StatusColumn(st, null, cards.Where(c => c.Status == st).ToList(), counts.GetValueOrDefault(st))
            { FocusServiceId = focus }).ToList();
        return new StatusBoard(columns, options, null, focus);
    }

    private sealed record StatusCount(WorkStatus Status, int Count);

    private sealed record CardRow(ServiceCard Card, int SortOrder);

    // The full board's statements have one shape: compiled once, so a request neither rebuilds nor looks up their
    // expression trees. The same queries as OnBoard, Ordered and FilterOptionsAsync, the statuses written as constants.
    private static readonly CompiledPerModel<Func<AppDbContext, IAsyncEnumerable<StatusCount>>> FullBoardCounts = new(() => EF.CompileAsyncQuery(
        (AppDbContext db) => db.Services.Where(s => s.Project!.Status != WorkStatus.Completed)
            .GroupBy(s => s.Status).Select(g => new StatusCount(g.Key, g.Count()))));

    private static readonly CompiledPerModel<Func<AppDbContext, IAsyncEnumerable<CardRow>>> FullBoardCards = new(() => EF.CompileAsyncQuery(
        (AppDbContext db) => db.Services.Where(s => s.Project!.Status != WorkStatus.Completed && s.Status == WorkStatus.NotStarted)
                .OrderBy(s => s.SortOrder).ThenBy(s => s.Id).Take(Boards.CardsPerColumn)
            .Concat(db.Services.Where(s => s.Project!.Status != WorkStatus.Completed && s.Status == WorkStatus.InProgress)
                .OrderBy(s => s.SortOrder).ThenBy(s => s.Id).Take(Boards.CardsPerColumn))
            .Concat(db.Services.Where(s => s.Project!.Status != WorkStatus.Completed && s.Status == WorkStatus.Completed)
                .OrderBy(s => s.SortOrder).ThenBy(s => s.Id).Take(Boards.CardsPerColumn))
            .Select(s => new CardRow(new ServiceCard(s.Id, s.Name, s.ProjectId, s.Project!.Name, s.Project.Client!.Name, s.Pricing, s.Rate, s.Quantity,
                s.Status, s.Project.Client.Currency), s.SortOrder))));

    private static readonly CompiledPerModel<Func<AppDbContext, IAsyncEnumerable<ProjectOption>>> OpenProjectOptions = new(() => EF.CompileAsyncQuery(
        (AppDbContext db) => db.Projects.Where(p => p.Status != WorkStatus.Completed).OrderBy(p => p.Name)
            .Select(p => new ProjectOption(p.Id, p.Name, p.Client!.Name, p.Client.Currency))));

    private static List<ServiceCard> Cards(List<CardRow> rows) =>
        rows.OrderBy(r => r.Card.Status).ThenBy(r => r.SortOrder).ThenBy(r => r.Card.Id).Select(r => r.Card).ToList();

    private async Task<List<ServiceCard>> CardsAsync(IQueryable<Service> query)
    {
        return Cards(await query
            .Select(s => new CardRow(new ServiceCard(s.Id, s.Name, s.ProjectId, s.Project!.Name, s.Project.Client!.Name, s.Pricing, s.Rate, s.Quantity, s.Status, s.Project.Client.Currency), s.SortOrder))
            .ToListAsync());
    }

    private async Task<IActionResult> FormViewAsync(ServiceForm form)
    {
        form.Projects = await ProjectOptionsAsync();
        return View(form);
    }

    private Task<List<ProjectOption>> ProjectOptionsAsync() =>
        db.Projects.AsNoTracking().OrderBy(p => p.Status == WorkStatus.Completed).ThenBy(p => p.Name)
            .Select(p => new ProjectOption(p.Id, p.Name, p.Client!.Name, p.Client.Currency)).ToListAsync();

    /// <summary>The board's project filter: open projects (the board's own), and the chosen one even when completed.</summary>
    private Task<List<ProjectOption>> FilterOptionsAsync(int? projectId) =>
        db.Projects.AsNoTracking().Where(p => p.Status != WorkStatus.Completed || p.Id == projectId).OrderBy(p => p.Name)
            .Select(p => new ProjectOption(p.Id, p.Name, p.Client!.Name, p.Client.Currency)).ToListAsync();

    private async Task<int> NextSortOrderAsync(WorkStatus status) =>
        (await db.Services.Where(s => s.Status == status).MaxAsync(s => (int?)s.SortOrder) ?? -1) + 1;
}
