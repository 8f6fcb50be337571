using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Settings;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Time;

/// <summary>The timer rounding section of Settings: its own form, so it merges with the other sections.</summary>
public sealed class TimerRoundingViewComponent(CurrentAccount account) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var settings = await account.SettingsAsync();
        return View("~/Features/Time/_TimerRoundingSettings.cshtml", new TimerRoundingForm { Minutes = settings.TimerRoundingMinutes, Mode = settings.TimerRoundingMode });
    }
}

public sealed class TimerRoundingForm
{
    public int Minutes { get; set; }
    public TimerRoundingMode Mode { get; set; }
}

public sealed class TimerRoundingController(AppDbContext db, CurrentAccount account) : Controller
{
    [HttpPost("/settings/timer-rounding")]
    public async Task<IActionResult> Save(int? minutes, string? mode)
    {
        var settings = await db.Settings.SingleOrDefaultAsync();
        if (settings is null)
        {
            settings = new AccountSettings();
            db.Settings.Add(settings);
        }
        try
        {
            settings.SetTimerRounding(minutes ?? -1, Enum.TryParse<TimerRoundingMode>(mode, ignoreCase: true, out var m) && Enum.IsDefined(m) ? m : (TimerRoundingMode)(-1));
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("TimerRounding", e.Message);
            return View("~/Features/Settings/Index.cshtml", SettingsForm.From(await account.SettingsAsync()));
        }
        await db.SaveChangesAsync();
        TempData["Flash"] = settings.TimerRoundingMinutes == 0 ? "Timer rounding is off." : $"A stopped timer is now rounded {(settings.TimerRoundingMode == TimerRoundingMode.Up ? "up" : "to the nearest")} {settings.TimerRoundingMinutes} minutes.";
        return Redirect("/settings#timer-rounding");
    }
}
