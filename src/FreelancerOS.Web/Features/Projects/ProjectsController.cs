using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Projects;

public sealed class ProjectsController(AppDbContext db, TimeProvider clock) : Controller
{
    private const string ConflictMessage = "This project was changed in another tab or window since you opened this form. " +
                                           "Reload the page to see the current details, then make your change again.";

    [HttpGet]
    public async Task<IActionResult> Index() => View("Board", await ProjectBoardQueries.LoadBoardAsync(db, focus: null));

    [HttpGet]
    public async Task<IActionResult> List(int? clientId, WorkStatus? status, Priority? priority, string? sort, string? dir, int? size, int page = 1)
    {
        var rows = await ProjectBoardQueries.ListAsync(db, clientId, status, priority, sort, dir, Paging.Size(size), page);
        return View(new ProjectList(rows, await ClientOptionsAsync(), clientId, status, priority));
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id, int page = 1)
    {
        var project = await db.Projects.AsNoTracking().Include(p => p.Client).SingleOrDefaultAsync(p => p.Id == id);
        if (project is null) return NotFound();
        return View(await LoadDetailsAsync(project, page, new ScopeChangeForm()));
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
        var project = new Project { CreatedAt = clock.GetUtcNow() };
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
        if (ModelState.IsValid && form.ClientId != project.ClientId && await HasInvoicedWorkAsync(id))
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
        ViewData["Invoiced"] = await HasInvoicedWorkAsync(id);
        return View(project);
    }

    /// <summary>Deletes the project with its services, milestones, scope changes and time entries, unless any of them is on an invoice.</summary>
    [HttpPost, ActionName("Delete")]
    public async Task<IActionResult> DeleteConfirmed(int id)
    {
        var project = await db.Projects.SingleOrDefaultAsync(p => p.Id == id);
        if (project is null) return NotFound();
        if (await HasInvoicedWorkAsync(id))
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

    // --- milestones -------------------------------------------------------------------------------

    /// <summary>The project page's one click: a pending milestone is reached, so it can be invoiced.</summary>
    [HttpPost]
    public async Task<IActionResult> ReachMilestone(int id, int milestoneId)
    {
        var milestone = await db.Milestones.SingleOrDefaultAsync(m => m.Id == milestoneId && m.ProjectId == id);
        if (milestone is null) return NotFound();
        try
        {
            milestone.MarkReached();
            await db.SaveChangesAsync();
            TempData["Flash"] = $"Milestone {milestone.Name} is reached: it is ready to invoice.";
        }
        catch (DomainException e)
        {
            TempData["Error"] = e.Message;
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Error"] = "This milestone was changed meanwhile; nothing was changed. Look at it again.";
        }
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet]
    public async Task<IActionResult> Milestones(int id, string? preset)
    {
        var project = await db.Projects.AsNoTracking().Include(p => p.Client).SingleOrDefaultAsync(p => p.Id == id);
        if (project is null) return NotFound();
        if (project.Pricing != ProjectPricing.FixedPrice || project.Value is null)
        {
            TempData["Flash"] = "Milestones are for fixed-price projects: set a fixed price first.";
            return RedirectToAction(nameof(Details), new { id });
        }
        var existing = await db.Milestones.AsNoTracking().Where(m => m.ProjectId == id).OrderBy(m => m.SortOrder).ThenBy(m => m.Id).ToListAsync();
        var form = new MilestoneScheduleForm { Version = project.Version };
        if (preset is not null && MilestoneSchedule.Presets.TryGetValue(preset, out var shares))
        {
            form.Mode = ShareMode.Percent;
            form.Rows = shares.Select((s, i) => new MilestoneRowForm { Name = $"Milestone {i + 1}", Share = s }).ToList();
            form.Rows.InsertRange(0, existing.Where(m => m.IsLocked).Select(ToRow));
        }
        else
        {
            var byPercent = existing.Count > 0 && existing.All(m => m.Percent is not null);
            form.Mode = existing.Count == 0 || byPercent ? ShareMode.Percent : ShareMode.Amount;
            form.Rows = existing.Select(m => ToRow(m) is var row && byPercent ? row.WithShare(m.Percent) : row.WithShare(m.Amount)).ToList();
        }
        while (form.Rows.Count < existing.Count + 2 && form.Rows.Count < 50) form.Rows.Add(new MilestoneRowForm());
        return View(new MilestoneEditor(id, project.Name, project.Value.Value, project.Client!.Currency, form, existing));
    }

    /// <summary>Saves the whole schedule at once: it must add up to the agreed value, or nothing is saved.</summary>
    [HttpPost]
    public async Task<IActionResult> Milestones(int id, MilestoneScheduleForm form)
    {
        var project = await db.Projects.Include(p => p.Client).SingleOrDefaultAsync(p => p.Id == id);
        if (project is null) return NotFound();
        if (project.Pricing != ProjectPricing.FixedPrice || project.Value is null) return BadRequest();
        var value = project.Value.Value;
        var currency = project.Client!.Currency;
        var existing = await db.Milestones.Where(m => m.ProjectId == id).ToListAsync();
        var rows = form.FilledRows();

        if (ModelState.IsValid)
        {
            if (rows.Any(r => r.Id != 0 && existing.All(m => m.Id != r.Id))) return NotFound();
            CheckInvoicedMilestonesKept(existing, rows, form.Mode);
            if (rows.Count > 0 && MilestoneSchedule.Mismatch(value, currency, form.Mode, rows.Select(r => r.Share!.Value).ToList()) is { } mismatch)
                ModelState.AddModelError("Rows", mismatch);
        }
        if (!ModelState.IsValid)
        {
            while (form.Rows.Count < rows.Count + 1 && form.Rows.Count < 50) form.Rows.Add(new MilestoneRowForm());
            return View(new MilestoneEditor(id, project.Name, value, currency, form, existing));
        }

        var amounts = MilestoneSchedule.Amounts(value, currency, form.Mode, rows.Select(r => r.Share!.Value).ToList());
        ApplySchedule(id, existing, rows, amounts, form.Mode);
        await db.SaveChangesAsync();
        TempData["Flash"] = rows.Count == 0 ? "The milestones were removed." : $"Milestones saved: {rows.Count}, adding up to {Currency.Format(value, currency)}.";
        return RedirectToAction(nameof(Details), new { id });
    }

    /// <summary>A milestone on an invoice stays, with its share: the invoice was issued for it.</summary>
    private void CheckInvoicedMilestonesKept(List<Milestone> existing, List<MilestoneRowForm> rows, ShareMode mode)
    {
        foreach (var locked in existing.Where(m => m.IsLocked))
        {
            var row = rows.FirstOrDefault(r => r.Id == locked.Id);
            if (row is null)
                ModelState.AddModelError("", $"{locked.Name} is on an invoice and cannot be removed.");
            else if (row.Share is { } s && (mode == ShareMode.Amount ? s != locked.Amount : locked.Percent != s))
                ModelState.AddModelError("", $"{locked.Name} is on an invoice: its share cannot change.");
        }
    }

    /// <summary>The rows become the project's milestones, in their order; invoiced ones only move.</summary>
    private void ApplySchedule(int projectId, List<Milestone> existing, List<MilestoneRowForm> rows, IReadOnlyList<decimal> amounts, ShareMode mode)
    {
        db.Milestones.RemoveRange(existing.Where(m => rows.All(r => r.Id != m.Id)));
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var milestone = existing.SingleOrDefault(m => m.Id == row.Id && row.Id != 0);
            if (milestone is null)
            {
                milestone = new Milestone { ProjectId = projectId };
                db.Milestones.Add(milestone);
            }
            milestone.SortOrder = i;
            if (milestone.IsLocked) continue;
            milestone.Name = row.Name!.Trim();
            milestone.Amount = amounts[i];
            milestone.Percent = mode == ShareMode.Percent ? row.Share : null;
            milestone.DueDate = row.DueDate;
            // Invoiced is the invoices feature's to set: a milestone not on an invoice is Pending or Reached.
            milestone.State = row.State == MilestoneState.Reached ? MilestoneState.Reached : MilestoneState.Pending;
        }
    }

    private static MilestoneRowForm ToRow(Milestone m) => new()
    {
        Id = m.Id, Name = m.Name, Share = m.Percent ?? m.Amount, DueDate = m.DueDate, State = m.State,
    };

    // --- scope changes ----------------------------------------------------------------------------

    [HttpPost]
    public async Task<IActionResult> AddScopeChange(int id, ScopeChangeForm form)
    {
        var project = await db.Projects.AsNoTracking().Include(p => p.Client).SingleOrDefaultAsync(p => p.Id == id);
        if (project is null) return NotFound();
        if (form.EstimateAmount is { } amount && !Limits.HasCurrencyDecimals(amount, project.Client!.Currency))
            ModelState.AddModelError(nameof(form.EstimateAmount), Limits.DecimalsMessage(project.Client!.Currency));
        if (!ModelState.IsValid) return View("Details", await LoadDetailsAsync(project, 1, form));
        var settings = await db.Settings.AsNoTracking().SingleOrDefaultAsync();
        db.ScopeChanges.Add(new ScopeChange
        {
            ProjectId = id, Description = form.Description!.Trim(), EstimateHours = form.EstimateHours, EstimateAmount = form.EstimateAmount,
            State = ScopeChangeState.Proposed, RequestedOn = (settings ?? new AccountSettings()).Today(clock),
        });
        await db.SaveChangesAsync();
        TempData["Flash"] = "Scope change proposed.";
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost]
    public async Task<IActionResult> DecideScopeChange(int id, int changeId, string decision)
    {
        var project = await db.Projects.SingleOrDefaultAsync(p => p.Id == id);
        var change = await db.ScopeChanges.SingleOrDefaultAsync(s => s.Id == changeId && s.ProjectId == id);
        if (project is null || change is null) return NotFound();
        try
        {
            if (decision == "approve") project.Approve(change);
            else if (decision == "reject") project.Reject(change);
            else return BadRequest();
            await db.SaveChangesAsync();
            TempData["Flash"] = decision == "approve"
                ? project.Pricing == ProjectPricing.FixedPrice ? "Scope change approved: the project's value went up and the change is ready to invoice."
                    : "Scope change approved: the project's estimate went up."
                : "Scope change rejected.";
        }
        catch (DomainException e)
        {
            TempData["Flash"] = e.Message;
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Flash"] = "The project changed meanwhile; nothing was saved. Try again.";
        }
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost]
    public async Task<IActionResult> DeleteScopeChange(int id, int changeId)
    {
        var change = await db.ScopeChanges.SingleOrDefaultAsync(s => s.Id == changeId && s.ProjectId == id);
        if (change is null) return NotFound();
        if (change.State == ScopeChangeState.Approved)
        {
            TempData["Error"] = "An approved change is part of the project's value or estimate and cannot be deleted.";
            return RedirectToAction(nameof(Details), new { id });
        }
        db.ScopeChanges.Remove(change);
        await db.SaveChangesAsync();
        TempData["Flash"] = "Scope change deleted.";
        return RedirectToAction(nameof(Details), new { id });
    }

    // --- loading ----------------------------------------------------------------------------------

    private async Task<ProjectDetails> LoadDetailsAsync(Project project, int page, ScopeChangeForm scopeForm)
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

    private async Task<IActionResult> FormViewAsync(ProjectForm form)
    {
        form.Clients = await ClientOptionsAsync();
        return View(form);
    }

    private Task<List<ClientOption>> ClientOptionsAsync() =>
        db.Clients.AsNoTracking().Where(c => c.Stage != ClientStage.Archived).OrderBy(c => c.Name)
            .Select(c => new ClientOption(c.Id, c.Name, c.Currency)).ToListAsync();

    private async Task<bool> HasInvoicedWorkAsync(int projectId) =>
        await db.TimeEntries.AnyAsync(t => t.ProjectId == projectId && t.InvoiceId != null)
        || await db.Milestones.AnyAsync(m => m.ProjectId == projectId && m.InvoiceId != null)
        || await db.Services.AnyAsync(s => s.ProjectId == projectId && s.InvoiceId != null)
        || await db.ScopeChanges.AnyAsync(s => s.ProjectId == projectId && s.InvoiceId != null);

    private async Task<int> NextSortOrderAsync(Priority priority) =>
        (await db.Projects.Where(p => p.Priority == priority).MaxAsync(p => (int?)p.SortOrder) ?? -1) + 1;
}

internal static class MilestoneRowExtensions
{
    public static MilestoneRowForm WithShare(this MilestoneRowForm row, decimal? share)
    {
        row.Share = share;
        return row;
    }
}
