using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Projects;

/// <summary>A fixed-price project's milestones: the whole schedule edited at once, and a milestone marked reached.</summary>
[UrlSegment("Projects")]
public sealed class ProjectMilestonesController(AppDbContext db) : Controller
{
    /// <summary>The project page's one click: a pending milestone is reached, so it can be invoiced.</summary>
    [HttpPost]
    public async Task<IActionResult> ReachMilestone(int id, int milestoneId)
    {
        var milestone = await db.Milestones.SingleOrDefaultAsync(m => m.Id == milestoneId && m.ProjectId == id);
        if (milestone is null) return NotFound();
        await this.ChangeAsync(async () =>
        {
            milestone.MarkReached();
            await db.SaveChangesAsync();
            return $"Milestone {milestone.Name} is reached: it is ready to invoice.";
        }, "This milestone was changed meanwhile; nothing was changed. Look at it again.");
        return RedirectToAction(nameof(ProjectsController.Details), new { id });
    }

    [HttpGet]
    public async Task<IActionResult> Milestones(int id, string? preset)
    {
        var project = await db.Projects.AsNoTracking().Include(p => p.Client).SingleOrDefaultAsync(p => p.Id == id);
        if (project is null) return NotFound();
        if (project.Pricing != ProjectPricing.FixedPrice || project.Value is null)
        {
            TempData["Flash"] = "Milestones are for fixed-price projects: set a fixed price first.";
            return RedirectToAction(nameof(ProjectsController.Details), new { id });
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
            foreach (var locked in MilestoneSchedule.LockedChanges(existing, Shares(rows), form.Mode)) ModelState.AddModelError("", locked);
            if (rows.Count > 0 && MilestoneSchedule.Mismatch(value, currency, form.Mode, Shares(rows).Select(r => r.Share).ToList()) is { } mismatch)
                ModelState.AddModelError("Rows", mismatch);
        }
        if (!ModelState.IsValid)
        {
            while (form.Rows.Count < rows.Count + 1 && form.Rows.Count < 50) form.Rows.Add(new MilestoneRowForm());
            return View(new MilestoneEditor(id, project.Name, value, currency, form, existing));
        }

        var (removed, added) = MilestoneSchedule.Replace(id, existing, Shares(rows), value, currency, form.Mode);
        db.Milestones.RemoveRange(removed);
        db.Milestones.AddRange(added);
        await db.SaveChangesAsync();
        TempData["Flash"] = rows.Count == 0 ? "The milestones were removed." : $"Milestones saved: {rows.Count}, adding up to {Currency.Format(value, currency)}.";
        return RedirectToAction(nameof(ProjectsController.Details), new { id });
    }

    /// <summary>The filled rows as the schedule's shares (the validator made sure each has a name and a share).</summary>
    private static List<MilestoneShare> Shares(List<MilestoneRowForm> rows) =>
        rows.Select(r => new MilestoneShare(r.Id, r.Name!, r.Share!.Value, r.DueDate, r.State)).ToList();

    private static MilestoneRowForm ToRow(Milestone m) => new()
    {
        Id = m.Id, Name = m.Name, Share = m.Percent ?? m.Amount, DueDate = m.DueDate, State = m.State,
    };
}

internal static class MilestoneRowExtensions
{
    public static MilestoneRowForm WithShare(this MilestoneRowForm row, decimal? share)
    {
        row.Share = share;
        return row;
    }
}
