using FreelancerOS.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Calendar;

/// <summary>The "Meetings" section of a client's or a contact's page: coming ones first, then recent ones.</summary>
public sealed class AttendeeMeetingsViewComponent(AppDbContext db, MeetingEditor meetings, TimeProvider clock) : ViewComponent
{
    public const int Shown = 20;

    public async Task<IViewComponentResult> InvokeAsync(int? clientId, int? contactId)
    {
        var zone = await meetings.ZoneAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.Meetings.AsNoTracking();
        query = clientId is { } c ? query.Where(m => m.Clients.Any(x => x.Id == c)) : query.Where(m => m.Contacts.Any(x => x.Id == contactId));
        var upcoming = await query.Where(m => m.EndUtc > now).OrderBy(m => m.StartUtc).Take(Shown)
            .Select(m => new { m.Id, m.Title, m.StartUtc, m.EndUtc, m.Priority, m.Medium }).ToListAsync();
        var past = await query.Where(m => m.EndUtc <= now).OrderByDescending(m => m.StartUtc).Take(Shown)
            .Select(m => new { m.Id, m.Title, m.StartUtc, m.EndUtc, m.Priority, m.Medium }).ToListAsync();
        var rows = upcoming.Concat(past).Select(m => new MeetingListRow(m.Id, m.Title, Zones.ToLocal(m.StartUtc, zone),
            Zones.ToLocal(m.EndUtc, zone), m.Priority, m.Medium)).ToList();
        var newLink = clientId is { } id ? $"/calendar/create?clientId={id}" : $"/calendar/create?contactId={contactId}";
        return View("/Features/Calendar/_AttendeeMeetings.cshtml", new AttendeeMeetings(rows, upcoming.Count, newLink));
    }
}

public sealed record AttendeeMeetings(IReadOnlyList<MeetingListRow> Rows, int UpcomingCount, string NewLink);

/// <summary>The dashboard's "Next meetings" card.</summary>
public sealed class NextMeetingsViewComponent(AppDbContext db, MeetingEditor meetings, TimeProvider clock) : ViewComponent
{
    public const int Shown = 5;

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var zone = await meetings.ZoneAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        var next = await db.Meetings.AsNoTracking().Where(m => m.EndUtc > now).OrderBy(m => m.StartUtc).ThenBy(m => m.Id).Take(Shown)
            .Select(m => new { m.Id, m.Title, m.StartUtc, m.EndUtc, m.Priority, m.Medium }).ToListAsync();
        var rows = next.Select(m => new MeetingListRow(m.Id, m.Title, Zones.ToLocal(m.StartUtc, zone), Zones.ToLocal(m.EndUtc, zone), m.Priority, m.Medium)).ToList();
        return View("/Features/Calendar/_NextMeetings.cshtml", rows);
    }
}

/// <summary>The calendar subscription section of the Settings page.</summary>
public sealed class CalendarFeedViewComponent(CalendarFeeds feeds) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() =>
        View("/Features/Calendar/_CalendarFeed.cshtml", await feeds.ActiveSinceAsync());
}
