using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Goals;

public sealed class GoalsController(AppDbContext db, TimeProvider clock, CurrentAccount account) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(GoalFilter filter)
    {
        var (home, today) = await AccountAsync();
        var query = db.Goals.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            // Case-insensitive on both databases (PostgreSQL's LIKE is case-sensitive); Contains escapes % and _.
            var text = filter.Q.Trim().ToLowerInvariant();
            query = query.Where(g => g.Name.ToLower().Contains(text) || g.Category.ToLower().Contains(text));
        }
        if (!string.IsNullOrWhiteSpace(filter.Category))
        {
            var category = filter.Category.Trim();
            query = query.Where(g => g.Category == category);
        }
        // Goals with a date come first, soonest first; those without one after, by name.
        var page = await GoalProgress.Select(db, query.OrderBy(g => g.TargetDate == null).ThenBy(g => g.TargetDate).ThenBy(g => g.Name).ThenBy(g => g.Id))
            .ToPagedAsync(filter.Page);
        var rows = await GoalProgress.RowsAsync(db, page.Items, home, today);
        return View(new GoalList(new Paged<GoalRow>(rows, page.Page, page.PageSize, page.Total), filter, await CategoriesAsync()));
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id)
    {
        var (home, today) = await AccountAsync();
        var source = await GoalProgress.Select(db, db.Goals.AsNoTracking().Where(g => g.Id == id)).SingleOrDefaultAsync();
        if (source is null) return NotFound();
        return View((await GoalProgress.RowsAsync(db, [source], home, today))[0]);
    }

    [HttpGet]
    public async Task<IActionResult> Create(string? category = null) => await FormView(new GoalForm { Category = category ?? "" });

    [HttpPost]
    public async Task<IActionResult> Create(GoalForm form)
    {
        var goal = new Goal();
        if (!ModelState.IsValid || !await ApplyAsync(goal, form)) return await FormView(form);
        db.Goals.Add(goal);
        await db.SaveChangesAsync();
        TempData["Flash"] = $"{goal.Name} was added.";
        return RedirectToAction(nameof(Details), new { id = goal.Id });
    }

    [HttpGet]
    public async Task<IActionResult> Edit(int id)
    {
        var goal = await db.Goals.AsNoTracking().SingleOrDefaultAsync(g => g.Id == id);
        return goal is null ? NotFound() : await FormView(GoalForm.From(goal));
    }

    [HttpPost]
    public async Task<IActionResult> Edit(int id, GoalForm form)
    {
        var goal = await db.Goals.SingleOrDefaultAsync(g => g.Id == id);
        if (goal is null) return NotFound();
        if (!ModelState.IsValid || !await ApplyAsync(goal, form)) return await FormView(form);
        db.Entry(goal).Property(g => g.Version).OriginalValue = form.Version;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", "This goal was changed in another tab or window since you opened this form. " +
                                         "Reload the page to see the current goal, then make your change again.");
            return await FormView(form);
        }
        TempData["Flash"] = "Goal saved.";
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet]
    public async Task<IActionResult> Delete(int id)
    {
        var goal = await db.Goals.AsNoTracking().SingleOrDefaultAsync(g => g.Id == id);
        return goal is null ? NotFound() : View(goal);
    }

    [HttpPost, ActionName("Delete")]
    public async Task<IActionResult> DeleteConfirmed(int id)
    {
        var goal = await db.Goals.SingleOrDefaultAsync(g => g.Id == id);
        if (goal is null) return NotFound();
        db.Goals.Remove(goal);
        await db.SaveChangesAsync();
        TempData["Flash"] = $"{goal.Name} was deleted.";
        return RedirectToAction(nameof(Index));
    }

    /// <summary>The followed client or payment mode must be one of this account's; then the entity checks the rest.</summary>
    private async Task<bool> ApplyAsync(Goal goal, GoalForm form)
    {
        if (form.Tracking == GoalTracking.ClientIncomeThisYear && !await db.Clients.AnyAsync(c => c.Id == form.TrackedClientId))
            ModelState.AddModelError(nameof(form.TrackedClientId), "Choose one of your clients.");
        if (form.Tracking == GoalTracking.PaymentModeBalance && !await db.PaymentModes.AnyAsync(m => m.Id == form.TrackedPaymentModeId))
            ModelState.AddModelError(nameof(form.TrackedPaymentModeId), "Choose one of your payment modes.");
        if (!ModelState.IsValid) return false;
        try
        {
            form.ApplyTo(goal);
            return true;
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(e.Field ?? "", e.Message);
            return false;
        }
    }

    private async Task<IActionResult> FormView(GoalForm form)
    {
        var (home, _) = await AccountAsync();
        var clients = await db.Clients.AsNoTracking().OrderBy(c => c.Name).Select(c => new GoalOption(c.Id, c.Name)).ToListAsync();
        var modes = await db.PaymentModes.AsNoTracking().OrderBy(m => m.Name).Select(m => new GoalOption(m.Id, m.Name)).ToListAsync();
        ViewData["Choices"] = new GoalFormChoices(await CategoriesAsync(), clients, modes, home);
        return View(ControllerContext.ActionDescriptor.ActionName, form);
    }

    private async Task<(string Home, DateOnly Today)> AccountAsync()
    {
        var settings = await account.SettingsAsync();
        return (settings.HomeCurrency, settings.Today(clock));
    }

    /// <summary>The built-in categories and every category the user has typed, for the field's suggestions and the filter.</summary>
    private async Task<IReadOnlyList<string>> CategoriesAsync()
    {
        var used = await db.Goals.AsNoTracking().Select(g => g.Category).Distinct().ToListAsync();
        return Goal.BuiltInCategories.Concat(used.Order(StringComparer.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
