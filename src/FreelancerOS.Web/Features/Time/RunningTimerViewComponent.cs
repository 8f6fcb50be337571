using FreelancerOS.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Time;

/// <summary>The running timer in the top bar of every page, with its stop button (one small query per page).</summary>
public sealed class RunningTimerViewComponent(AppDbContext db, TimeProvider clock) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var timer = await db.Timers.AsNoTracking()
            .Select(t => new { t.ProjectId, ProjectName = t.Project!.Name, ServiceName = t.Service != null ? t.Service.Name : null, t.StartedAt })
            .SingleOrDefaultAsync();
        if (timer is null) return Content("");
        // Back to the page the stop was pressed on; a page shown after a POST has no GET address to return to.
        var request = HttpContext.Request;
        var back = HttpMethods.IsGet(request.Method) ? request.Path + request.QueryString : null;
        return View("~/Features/Time/_TopBarTimer.cshtml",
            new TopBarTimer(timer.ProjectId, timer.ProjectName, timer.ServiceName, timer.StartedAt, clock.GetUtcNow() - timer.StartedAt, back));
    }
}

public sealed record TopBarTimer(int ProjectId, string ProjectName, string? ServiceName, DateTimeOffset StartedAt, TimeSpan Elapsed, string? ReturnUrl)
{
    /// <summary>"1:05:09", the format site.js ticks on with.</summary>
    public string ElapsedText
    {
        get
        {
            var e = Elapsed < TimeSpan.Zero ? TimeSpan.Zero : Elapsed;
            return $"{(int)e.TotalHours}:{e.Minutes:00}:{e.Seconds:00}";
        }
    }
}
