using FreelancerOS.Web.Data;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Goals;

/// <summary>The dashboard's card of goals due soonest: those whose target date is today or later, with their progress.</summary>
public sealed class GoalsDueViewComponent(AppDbContext db, CurrentAccount account) : ViewComponent
{
    public const int Shown = 5;

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var settings = await account.SettingsAsync();
        var today = await account.TodayAsync();
        var due = await GoalProgress.Select(db, db.Goals.AsNoTracking()
                .Where(g => g.TargetDate != null && g.TargetDate >= today)
                .OrderBy(g => g.TargetDate).ThenBy(g => g.Name).ThenBy(g => g.Id)
                .Take(Shown))
            .ToListAsync();
        var rows = await GoalProgress.RowsAsync(db, due, settings.HomeCurrency, today);
        return View("~/Features/Goals/_GoalsDue.cshtml", rows);
    }
}
