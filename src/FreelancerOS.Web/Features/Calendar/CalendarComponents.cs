using FreelancerOS.Web.Infrastructure;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
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
        var (upcoming, past) = (new List<MeetingRead>(), new List<MeetingRead>());
        if (clientId is { } c)
        {
            await foreach (var m in ClientUpcoming.For(db)(db, c, now)) upcoming.Add(m);
            await foreach (var m in ClientPast.For(db)(db, c, now)) past.Add(m);
        }
        else
        {
            var contact = contactId ?? 0;
            await foreach (var m in ContactUpcoming.For(db)(db, contact, now)) upcoming.Add(m);
            await foreach (var m in ContactPast.For(db)(db, contact, now)) past.Add(m);
        }
        var rows = upcoming.Concat(past).Select(m => new MeetingListRow(m.Id, m.Title, Zones.ToLocal(m.StartUtc, zone),
            Zones.ToLocal(m.EndUtc, zone), m.Priority, m.Medium)).ToList();
        var newLink = clientId is { } id ? $"/calendar/create?clientId={id}" : $"/calendar/create?contactId={contactId}";
        return View("/Features/Calendar/_AttendeeMeetings.cshtml", new AttendeeMeetings(rows, upcoming.Count, newLink));
    }

    // Compiled once each (coming and past, of a client or of a contact): building and looking up the expressions on
    // every client page cost more than running them.
    private static readonly CompiledPerModel<Func<AppDbContext, int, DateTime, IAsyncEnumerable<MeetingRead>>> ClientUpcoming = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, int id, DateTime now) => db.Meetings.AsNoTracking().Where(m => m.Clients.Any(x => x.Id == id))
            .Where(m => m.EndUtc > now).OrderBy(m => m.StartUtc).Take(Shown).Select(m => new MeetingRead(m.Id, m.Title, m.StartUtc, m.EndUtc, m.Priority, m.Medium))));

    private static readonly CompiledPerModel<Func<AppDbContext, int, DateTime, IAsyncEnumerable<MeetingRead>>> ClientPast = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, int id, DateTime now) => db.Meetings.AsNoTracking().Where(m => m.Clients.Any(x => x.Id == id))
            .Where(m => m.EndUtc <= now).OrderByDescending(m => m.StartUtc).Take(Shown).Select(m => new MeetingRead(m.Id, m.Title, m.StartUtc, m.EndUtc, m.Priority, m.Medium))));

    private static readonly CompiledPerModel<Func<AppDbContext, int, DateTime, IAsyncEnumerable<MeetingRead>>> ContactUpcoming = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, int id, DateTime now) => db.Meetings.AsNoTracking().Where(m => m.Contacts.Any(x => x.Id == id))
            .Where(m => m.EndUtc > now).OrderBy(m => m.StartUtc).Take(Shown).Select(m => new MeetingRead(m.Id, m.Title, m.StartUtc, m.EndUtc, m.Priority, m.Medium))));

    private static readonly CompiledPerModel<Func<AppDbContext, int, DateTime, IAsyncEnumerable<MeetingRead>>> ContactPast = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, int id, DateTime now) => db.Meetings.AsNoTracking().Where(m => m.Contacts.Any(x => x.Id == id))
            .Where(m => m.EndUtc <= now).OrderByDescending(m => m.StartUtc).Take(Shown).Select(m => new MeetingRead(m.Id, m.Title, m.StartUtc, m.EndUtc, m.Priority, m.Medium))));
}

/// <summary>A meeting as a list reads it, in UTC (shown in the account's time zone).</summary>
public sealed record MeetingRead(int Id, string Title, DateTime StartUtc, DateTime EndUtc, Priority Priority, string? Medium);

public sealed record AttendeeMeetings(IReadOnlyList<MeetingListRow> Rows, int UpcomingCount, string NewLink);

/// <summary>The dashboard's "Next meetings" card.</summary>
public sealed class NextMeetingsViewComponent(AppDbContext db, MeetingEditor meetings, TimeProvider clock) : ViewComponent
{
    public const int Shown = 5;

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var zone = await meetings.ZoneAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        var next = new List<MeetingRead>(Shown);
        await foreach (var m in Next.For(db)(db, now)) next.Add(m);
        var rows = next.Select(m => new MeetingListRow(m.Id, m.Title, Zones.ToLocal(m.StartUtc, zone), Zones.ToLocal(m.EndUtc, zone), m.Priority, m.Medium)).ToList();
        return View("/Features/Calendar/_NextMeetings.cshtml", rows);
    }

    // Compiled once: on every dashboard view, building and looking up the expression cost more than running it.
    private static readonly CompiledPerModel<Func<AppDbContext, DateTime, IAsyncEnumerable<MeetingRead>>> Next = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, DateTime now) => db.Meetings.AsNoTracking().Where(m => m.EndUtc > now).OrderBy(m => m.StartUtc).ThenBy(m => m.Id).Take(Shown)
            .Select(m => new MeetingRead(m.Id, m.Title, m.StartUtc, m.EndUtc, m.Priority, m.Medium))));
}

/// <summary>The calendar subscription section of the Settings page.</summary>
public sealed class CalendarFeedViewComponent(CalendarFeeds feeds) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() =>
        View("/Features/Calendar/_CalendarFeed.cshtml", await feeds.ActiveSinceAsync());
}
