using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Time;

/// <summary>The running timer: started on a project (or one of its services), stopped into a time entry.</summary>
[UrlSegment("Time")]
public sealed class TimerController(AppDbContext db, TimeProvider clock, CurrentAccount account) : Controller
{
    /// <summary>
    /// Starts the timer. One runs at a time: starting another while one runs STOPS the running one
    /// first (its time is saved as an entry) and starts the new one, as when switching tasks.
    /// </summary>
    [HttpPost]
    public async Task<IActionResult> Start(TimerForm form)
    {
        if (!ModelState.IsValid || await TimeShared.CheckTargetAsync(db, ModelState, form.ProjectId, form.ServiceId) is null)
        {
            TempData["Error"] = ModelState.Values.SelectMany(v => v.Errors).FirstOrDefault()?.ErrorMessage ?? "Choose the project.";
            return Redirect("/time");
        }
        var settings = await account.SettingsAsync();
        var now = clock.GetUtcNow();
        var running = await db.Timers.Include(t => t.Project).SingleOrDefaultAsync();
        string? stopped = null;
        if (running is not null)
            stopped = await StopAsync(running, settings, now);
        db.Timers.Add(new RunningTimer
        {
            ProjectId = form.ProjectId, ServiceId = form.ServiceId, Description = TimeShared.Blank(form.Description), Billable = form.Billable, StartedAt = now,
        });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            TempData["Flash"] = "A timer was started in another tab meanwhile; it is the one shown here.";
            return Redirect("/time");
        }
        TempData["Flash"] = stopped is null ? "Timer started." : $"{stopped} Timer started on the new task.";
        return Redirect("/time");
    }

    [HttpPost]
    public async Task<IActionResult> Stop(string? returnUrl)
    {
        var running = await db.Timers.Include(t => t.Project).SingleOrDefaultAsync();
        if (running is null)
        {
            TempData["Flash"] = "No timer is running.";
            return Redirect(Url.LocalOrNull(returnUrl) ?? "/time");
        }
        var settings = await account.SettingsAsync();
        var message = await StopAsync(running, settings, clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Flash"] = "The timer was stopped in another tab meanwhile.";
            return Redirect("/time");
        }
        TempData["Flash"] = message;
        return this.BackTo(returnUrl, LocalDate(settings, running.StartedAt));
    }

    /// <summary>Turns the running timer into an entry dated the day it started, at the rate that applies now; the caller saves.</summary>
    private async Task<string> StopAsync(RunningTimer running, AccountSettings settings, DateTimeOffset now)
    {
        var hours = RunningTimer.ElapsedHours(running.StartedAt, now, settings);
        var target = await TimeShared.ResolveAsync(db, running.ProjectId, running.ServiceId) ?? await TimeShared.ResolveAsync(db, running.ProjectId, null);
        var entry = new TimeEntry
        {
            Date = LocalDate(settings, running.StartedAt), ProjectId = running.ProjectId, ServiceId = target is null ? null : running.ServiceId,
            Description = running.Description, Billable = running.Billable,
        };
        entry.SnapshotRate(target?.Rate ?? 0, target?.Currency ?? settings.HomeCurrency);
        entry.SetHours(hours);
        db.TimeEntries.Add(entry);
        db.Timers.Remove(running);
        var capped = (now - running.StartedAt).TotalHours > (double)TimeEntry.MaxHoursPerDay ? " (capped at 24 h, one day's entry)" : "";
        var rounded = settings.TimerRoundingMinutes == 0 ? "" : $" (rounded {(settings.TimerRoundingMode == TimerRoundingMode.Up ? "up" : "to the nearest")} {settings.TimerRoundingMinutes} minutes)";
        return $"Timer stopped: {HoursText.Format(hours)} h saved on {running.Project?.Name}{rounded}{capped}.";
    }

    private static DateOnly LocalDate(AccountSettings settings, DateTimeOffset instant)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(settings.TimeZoneId, out var tz) ? tz : TimeZoneInfo.Utc;
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
    }
}
