using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Resources;

public sealed class ResourcesController(AppDbContext db, TimeProvider clock) : Controller
{
    private const string ChangedMessage = "This resource was changed in another tab or window since you opened it. " +
                                          "Reload the page to see the current version, then make your change again.";

    [HttpGet]
    public async Task<IActionResult> Index(ResourceFilter filter)
    {
        var query = db.Resources.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            // Case-insensitive on both databases (PostgreSQL's LIKE is case-sensitive); Contains escapes % and _.
            var text = filter.Q.Trim().ToLowerInvariant();
            query = query.Where(r => r.Name.ToLower().Contains(text) || r.Topic.ToLower().Contains(text) || r.Body.ToLower().Contains(text));
        }
        if (filter.Kind is { } kind && Enum.IsDefined(kind)) query = query.Where(r => r.Kind == kind);
        if (!string.IsNullOrWhiteSpace(filter.Topic))
        {
            var topic = filter.Topic.Trim();
            query = query.Where(r => r.Topic == topic);
        }
        var rows = await query.OrderBy(r => r.Name).ThenBy(r => r.Id)
            .Select(r => new ResourceRow(r.Id, r.Name, r.Kind, r.Topic, r.Link, r.UpdatedAt))
            .ToPagedAsync(filter.Page);
        return View(new ResourceList(rows, filter, await TopicsAsync()));
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id)
    {
        var resource = await db.Resources.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id);
        return resource is null ? NotFound() : View(new ResourcePage(resource));
    }

    [HttpGet]
    public async Task<IActionResult> Create(ResourceKind kind = ResourceKind.Checklist, string? topic = null) =>
        await FormView(new ResourceForm { Kind = Enum.IsDefined(kind) ? kind : ResourceKind.Checklist, Topic = topic ?? "" });

    [HttpPost]
    public async Task<IActionResult> Create(ResourceForm form)
    {
        if (!ModelState.IsValid) return await FormView(form);
        var resource = new Resource();
        form.ApplyTo(resource, clock.GetUtcNow());
        db.Resources.Add(resource);
        await db.SaveChangesAsync();
        TempData["Flash"] = $"{resource.Name} was added.";
        return RedirectToAction(nameof(Details), new { id = resource.Id });
    }

    [HttpGet]
    public async Task<IActionResult> Edit(int id)
    {
        var resource = await db.Resources.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id);
        return resource is null ? NotFound() : await FormView(ResourceForm.From(resource));
    }

    [HttpPost]
    public async Task<IActionResult> Edit(int id, ResourceForm form)
    {
        var resource = await db.Resources.SingleOrDefaultAsync(r => r.Id == id);
        if (resource is null) return NotFound();
        if (!ModelState.IsValid) return await FormView(form);

        db.Entry(resource).Property(r => r.Version).OriginalValue = form.Version;
        form.ApplyTo(resource, clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", ChangedMessage);
            return await FormView(form);
        }
        TempData["Flash"] = "Resource saved.";
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet]
    public async Task<IActionResult> Delete(int id)
    {
        var resource = await db.Resources.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id);
        return resource is null ? NotFound() : View(resource);
    }

    [HttpPost, ActionName("Delete")]
    public async Task<IActionResult> DeleteConfirmed(int id)
    {
        var resource = await db.Resources.SingleOrDefaultAsync(r => r.Id == id);
        if (resource is null) return NotFound();
        db.Resources.Remove(resource);
        await db.SaveChangesAsync();
        TempData["Flash"] = $"{resource.Name} was deleted.";
        return RedirectToAction(nameof(Index));
    }

    /// <summary>
    /// Ticks (done = true) or unticks one to-do of the body. The page's version comes with it: a tick
    /// from a page that is out of date is refused, since its numbering may no longer match the text.
    /// </summary>
    [HttpPost]
    public async Task<IActionResult> Tick(int id, int index, bool done, int version)
    {
        var resource = await db.Resources.SingleOrDefaultAsync(r => r.Id == id);
        if (resource is null) return NotFound();
        if (!ModelState.IsValid) return BadRequest();
        if (resource.Version != version) return await TickRefused(id, ChangedMessage);
        db.Entry(resource).Property(r => r.Version).OriginalValue = version;
        try
        {
            resource.SetTaskDone(index, done, clock.GetUtcNow());
            await db.SaveChangesAsync();
        }
        catch (DomainException e)
        {
            return await TickRefused(id, e.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await TickRefused(id, ChangedMessage);
        }
        if (Request.IsHtmx()) return PartialView("_Body", new ResourcePage(resource, FocusTask: index));
        return Redirect($"/resources/details/{id}#task-{index}");
    }

    private async Task<IActionResult> TickRefused(int id, string message)
    {
        Response.StatusCode = StatusCodes.Status409Conflict;
        if (Request.IsHtmx())
        {
            Response.Headers["X-Message"] = Uri.EscapeDataString(message);
            return new EmptyResult();
        }
        var current = await db.Resources.AsNoTracking().SingleAsync(r => r.Id == id);
        return View("Details", new ResourcePage(current, message));
    }

    private async Task<IActionResult> FormView(ResourceForm form)
    {
        ViewData["Topics"] = await TopicsAsync();
        return View(ControllerContext.ActionDescriptor.ActionName, form);
    }

    /// <summary>The built-in topics and every topic the user has typed, for the field's suggestions and the filter.</summary>
    private async Task<IReadOnlyList<string>> TopicsAsync()
    {
        var used = await db.Resources.AsNoTracking().Select(r => r.Topic).Distinct().ToListAsync();
        return Resource.BuiltInTopics.Concat(used.Order(StringComparer.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
