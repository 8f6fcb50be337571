using Microsoft.AspNetCore.Mvc;

namespace FreelancerOS.Web.Features.Time;

/// <summary>The running timer in the top bar of every page, with its stop button.</summary>
public sealed class RunningTimerViewComponent(CurrentWork work, TimeProvider clock) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var timer = await work.TimerAsync();
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
