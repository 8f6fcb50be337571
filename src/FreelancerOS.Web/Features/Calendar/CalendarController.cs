using System.Globalization;
using System.Text;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Calendar;

public sealed class CalendarController(AppDbContext db, MeetingEditor meetings, CalendarFeeds feeds, TimeProvider clock) : Controller
{
    private static DayOfWeek FirstDay => CultureInfo.CurrentCulture.DateTimeFormat.FirstDayOfWeek;

    /// <summary>The month view; <paramref name="year"/> and <paramref name="month"/> default to today's.</summary>
    [HttpGet]
    public async Task<IActionResult> Index(int? year, int? month)
    {
        var zone = await meetings.ZoneAsync();
        var today = Today(zone);
        var (y, m) = year is >= 1900 and <= 2200 && month is >= 1 and <= 12 ? (year.Value, month.Value) : (today.Year, today.Month);
        var (from, to) = CalendarGrid.MonthRange(y, m, FirstDay);
        var items = await meetings.BetweenAsync(from, to, zone);
        ViewData["Zone"] = zone.Id;
        return View("Month", CalendarGrid.Month(y, m, FirstDay, items, today));
    }

    [HttpGet]
    public async Task<IActionResult> Week(DateOnly? date)
    {
        var zone = await meetings.ZoneAsync();
        var today = Today(zone);
        var day = date is { Year: >= 1900 and <= 2200 } d ? d : today;
        var start = CalendarGrid.WeekStart(day, FirstDay);
        var from = start.ToDateTime(TimeOnly.MinValue);
        var items = await meetings.BetweenAsync(from, from.AddDays(7), zone);
        ViewData["Zone"] = zone.Id;
        return View(CalendarGrid.Week(start, items, zone, today));
    }

    [HttpGet]
    public async Task<IActionResult> List(string? q, string? when, int page = 1)
    {
        var zone = await meetings.ZoneAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.Meetings.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            // Lower-cased on both sides: PostgreSQL's LIKE is case-sensitive, SQLite's is not.
            var text = q.Trim().ToLowerInvariant();
            query = query.Where(m => m.Title.ToLower().Contains(text) || (m.Medium != null && m.Medium.ToLower().Contains(text))
                                     || (m.Agenda != null && m.Agenda.ToLower().Contains(text)));
        }
        when = when is "past" or "all" ? when : "upcoming";
        query = when switch
        {
            "past" => query.Where(m => m.EndUtc <= now).OrderByDescending(m => m.StartUtc).ThenByDescending(m => m.Id),
            "all" => query.OrderByDescending(m => m.StartUtc).ThenByDescending(m => m.Id),
            _ => query.Where(m => m.EndUtc > now).OrderBy(m => m.StartUtc).ThenBy(m => m.Id),
        };
        var rows = await query.Select(m => new { m.Id, m.Title, m.StartUtc, m.EndUtc, m.Priority, m.Medium }).ToPagedAsync(page);
        var shown = new Paged<MeetingListRow>(rows.Items.Select(m => new MeetingListRow(m.Id, m.Title,
            Zones.ToLocal(m.StartUtc, zone), Zones.ToLocal(m.EndUtc, zone), m.Priority, m.Medium)).ToList(), rows.Page, rows.PageSize, rows.Total);
        return View(new MeetingList(shown, q, when, zone.Id));
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id)
    {
        var meeting = await meetings.LoadAsync(id);
        if (meeting is null) return NotFound();
        var zone = await meetings.ZoneAsync();
        return View(new MeetingDetails(meeting, Zones.ToLocal(meeting.StartUtc, zone), Zones.ToLocal(meeting.EndUtc, zone), zone.Id,
            SafeMarkdown.ToHtml(meeting.Agenda)));
    }

    /// <summary>The form, prefilled from the day or hour clicked in a view, or from a client or contact page.</summary>
    [HttpGet]
    public async Task<IActionResult> Create(DateTime? start, int? clientId, int? contactId)
    {
        var zone = await meetings.ZoneAsync();
        var from = start is { Year: >= 1900 and <= 2200 } s ? s
            : Today(zone).ToDateTime(new TimeOnly(Math.Clamp(Zones.ToLocal(clock.GetUtcNow().UtcDateTime, zone).Hour + 1, 8, 23), 0));
        var form = new MeetingForm
        {
            Start = from, End = from.AddHours(1),
            ClientIds = clientId is { } c ? [c] : [], ContactIds = contactId is { } k ? [k] : [],
        };
        return await FormView(form);
    }

    [HttpPost]
    public async Task<IActionResult> Create(MeetingForm form)
    {
        if (!ModelState.IsValid) return await FormView(form);
        var meeting = new Meeting();
        if (!await TrySaveAsync(meeting, form)) return await FormView(form);
        TempData["Flash"] = $"{meeting.Title} was added to the calendar.";
        return RedirectToAction(nameof(Details), new { id = meeting.Id });
    }

    [HttpGet]
    public async Task<IActionResult> Edit(int id)
    {
        var meeting = await meetings.LoadAsync(id);
        if (meeting is null) return NotFound();
        return await FormView(MeetingForm.From(meeting, await meetings.ZoneAsync()));
    }

    [HttpPost]
    public async Task<IActionResult> Edit(int id, MeetingForm form)
    {
        var meeting = await meetings.LoadAsync(id);
        if (meeting is null) return NotFound();
        if (!ModelState.IsValid) return await FormView(form);
        if (!await TrySaveAsync(meeting, form)) return await FormView(form);
        TempData["Flash"] = "Meeting saved.";
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet]
    public async Task<IActionResult> Delete(int id)
    {
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id);
        return meeting is null ? NotFound() : View(meeting);
    }

    [HttpPost, ActionName("Delete")]
    public async Task<IActionResult> DeleteConfirmed(int id)
    {
        var meeting = await db.Meetings.SingleOrDefaultAsync(m => m.Id == id);
        if (meeting is null) return NotFound();
        db.Meetings.Remove(meeting);
        await db.SaveChangesAsync();
        TempData["Flash"] = $"{meeting.Title} was deleted.";
        return RedirectToAction(nameof(Index));
    }

    /// <summary>One meeting as an .ics file, to add to another calendar.</summary>
    [HttpGet]
    public async Task<IActionResult> Ics(int id)
    {
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id);
        if (meeting is null) return NotFound();
        var ics = MeetingIcs.Build([meeting], await meetings.ZoneAsync(), clock.GetUtcNow(), meeting.Title);
        return File(Encoding.UTF8.GetBytes(ics), MeetingIcs.ContentType, $"meeting-{id}.ics");
    }

    /// <summary>
    /// The subscription feed: calendar apps fetch it without a sign-in, so the secret token is the only
    /// key. An unknown or revoked token is a plain 404, like a record of another account.
    /// </summary>
    [AllowAnonymous, HttpGet("/calendar/feed/{token}.ics")]
    public async Task<IActionResult> Feed(string token, [FromServices] CurrentUser currentUser)
    {
        var owner = await feeds.OwnerOfAsync(token);
        if (owner is null) return NotFound();
        currentUser.ActAs(owner);
        var all = await db.Meetings.AsNoTracking().OrderBy(m => m.StartUtc).ToListAsync();
        var ics = MeetingIcs.Build(all, await meetings.ZoneAsync(), clock.GetUtcNow(), "FreelancerOS meetings");
        return File(Encoding.UTF8.GetBytes(ics), MeetingIcs.ContentType);
    }

    [HttpPost]
    public async Task<IActionResult> RegenerateFeed()
    {
        var token = await feeds.RegenerateAsync();
        TempData["FeedUrl"] = $"{Request.Scheme}://{Request.Host}{Request.PathBase}/calendar/feed/{token}.ics";
        TempData["Flash"] = "A new subscription address was made; any earlier one no longer works.";
        return Redirect("/settings#calendar-feed");
    }

    [HttpPost]
    public async Task<IActionResult> RevokeFeed()
    {
        await feeds.RevokeAsync();
        TempData["Flash"] = "The calendar subscription address was revoked.";
        return Redirect("/settings#calendar-feed");
    }

    private async Task<bool> TrySaveAsync(Meeting meeting, MeetingForm form)
    {
        try
        {
            await meetings.SaveAsync(meeting, form);
            return true;
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(e.Field ?? "", e.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", "This meeting was changed in another tab or window since you opened this form. " +
                                         "Reload the page to see the current details, then make your change again.");
        }
        return false;
    }

    private async Task<IActionResult> FormView(MeetingForm form)
    {
        form.Choices = await meetings.ChoicesAsync();
        return View(form);
    }

    private DateOnly Today(TimeZoneInfo zone) => DateOnly.FromDateTime(Zones.ToLocal(clock.GetUtcNow().UtcDateTime, zone));
}
