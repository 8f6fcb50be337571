using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Projects;

/// <summary>A project's scope changes: proposed, approved or rejected, deleted while not approved.</summary>
[UrlSegment("Projects")]
public sealed class ProjectScopeChangesController(AppDbContext db, TimeProvider clock) : Controller
{
    [HttpPost]
    public async Task<IActionResult> AddScopeChange(int id, ScopeChangeForm form)
    {
        var project = await ProjectDetailsPage.FindAsync(db, id);
        if (project is null) return NotFound();
        if (form.EstimateAmount is { } amount && !Limits.HasCurrencyDecimals(amount, project.Client!.Currency))
            ModelState.AddModelError(nameof(form.EstimateAmount), Limits.DecimalsMessage(project.Client!.Currency));
        if (!ModelState.IsValid) return View("Details", await ProjectDetailsPage.LoadAsync(db, project, 1, form));
        var settings = await db.Settings.AsNoTracking().SingleOrDefaultAsync();
        db.ScopeChanges.Add(new ScopeChange
        {
            ProjectId = id, Description = form.Description!.Trim(), EstimateHours = form.EstimateHours, EstimateAmount = form.EstimateAmount,
            State = ScopeChangeState.Proposed, RequestedOn = (settings ?? new AccountSettings()).Today(clock),
        });
        await db.SaveChangesAsync();
        TempData["Flash"] = "Scope change proposed.";
        return RedirectToAction(nameof(ProjectsController.Details), new { id });
    }

    [HttpPost]
    public async Task<IActionResult> DecideScopeChange(int id, int changeId, string decision)
    {
        var project = await db.Projects.SingleOrDefaultAsync(p => p.Id == id);
        var change = await db.ScopeChanges.SingleOrDefaultAsync(s => s.Id == changeId && s.ProjectId == id);
        if (project is null || change is null) return NotFound();
        if (decision is not ("approve" or "reject")) return BadRequest();
        await this.ChangeAsync(async () =>
        {
            if (decision == "approve") project.Approve(change);
            else project.Reject(change);
            await db.SaveChangesAsync();
            return decision == "approve"
                ? project.Pricing == ProjectPricing.FixedPrice ? "Scope change approved: the project's value went up and the change is ready to invoice."
                    : "Scope change approved: the project's estimate went up."
                : "Scope change rejected.";
        }, "The project changed meanwhile; nothing was saved. Try again.", errorKey: "Flash");
        return RedirectToAction(nameof(ProjectsController.Details), new { id });
    }

    [HttpPost]
    public async Task<IActionResult> DeleteScopeChange(int id, int changeId)
    {
        var change = await db.ScopeChanges.SingleOrDefaultAsync(s => s.Id == changeId && s.ProjectId == id);
        if (change is null) return NotFound();
        try
        {
            change.EnsureDeletable();
            db.ScopeChanges.Remove(change);
            await db.SaveChangesAsync();
            TempData["Flash"] = "Scope change deleted.";
        }
        catch (DomainException e)
        {
            TempData["Error"] = e.Message;
        }
        return RedirectToAction(nameof(ProjectsController.Details), new { id });
    }
}
