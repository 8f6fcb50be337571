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
        var due = new List<GoalSource>(Shown);
        await foreach (var goal in Due.For(db)(db, today)) due.Add(goal);
        var rows = await GoalProgress.RowsAsync(db, due, settings.HomeCurrency, today);
        return View("~/Features/Goals/_GoalsDue.cshtml", rows);
    }

    // Compiled once: on every dashboard view, building and looking up the expression cost more than running it. The
    // projection is GoalProgress.Select's, written out because a compiled query cannot call a method that builds one.
    private static readonly CompiledPerModel<Func<AppDbContext, DateOnly, IAsyncEnumerable<GoalSource>>> Due = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, DateOnly today) => db.Goals.AsNoTracking()
            .Where(g => g.TargetDate != null && g.TargetDate >= today)
            .OrderBy(g => g.TargetDate).ThenBy(g => g.Name).ThenBy(g => g.Id)
            .Take(Shown)
            .Select(g => new GoalSource(
                g.Id, g.Name, g.Category, g.TargetValue, g.Unit, g.Progress, g.TargetDate, g.Tracking, g.TrackedClientId, g.TrackedPaymentModeId,
                db.Clients.Where(c => c.Id == g.TrackedClientId).Select(c => c.Name).FirstOrDefault(),
                db.PaymentModes.Where(m => m.Id == g.TrackedPaymentModeId).Select(m => m.Name).FirstOrDefault()))));
}
