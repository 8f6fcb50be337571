using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Calendar;

/// <summary>
/// Creating and changing a meeting: its times from the account's zone to UTC, its attendees checked to
/// be the user's own clients and contacts, all saved at once.
/// </summary>
public sealed class MeetingEditor(AppDbContext db, CurrentAccount account)
{
    public async Task<TimeZoneInfo> ZoneAsync() =>
        Zones.Find((await account.SettingsAsync()).TimeZoneId);

    public Task<Meeting?> LoadAsync(int id) =>
        db.Meetings.Include(m => m.Clients).Include(m => m.Contacts).AsSplitQuery().SingleOrDefaultAsync(m => m.Id == id);

    public async Task<MeetingChoices> ChoicesAsync()
    {
        var clients = await db.Clients.AsNoTracking().Where(c => c.Stage != ClientStage.Archived)
            .OrderBy(c => c.Name).Take(500).Select(c => new Choice(c.Id, c.Name)).ToListAsync();
        var contacts = await db.Contacts.AsNoTracking().OrderBy(c => c.Name).Take(500).Select(c => new Choice(c.Id, c.Name)).ToListAsync();
        var used = await db.Meetings.AsNoTracking().Where(m => m.Medium != null).Select(m => m.Medium!).Distinct()
            .OrderBy(m => m).Take(200).ToListAsync();
        return new MeetingChoices(clients, contacts,
            Meeting.BuiltInMediums.Concat(used).Distinct(StringComparer.OrdinalIgnoreCase).ToList());
    }

    /// <summary>Copies a valid form onto the meeting and saves it. Throws <see cref="DomainException"/> for what only the database or the zone can tell.</summary>
    public async Task SaveAsync(Meeting meeting, MeetingForm form)
    {
        var zone = await ZoneAsync();
        var start = Zones.ToUtc(form.Start!.Value, zone)
                    ?? throw new DomainException("That time does not exist in your time zone: the clocks move forward then.", nameof(form.Start));
        var end = Zones.ToUtc(form.End!.Value, zone)
                  ?? throw new DomainException("That time does not exist in your time zone: the clocks move forward then.", nameof(form.End));
        meeting.Schedule(start, end);

        var clientIds = form.ClientIds.Distinct().ToList();
        var contactIds = form.ContactIds.Distinct().ToList();
        var clients = await db.Clients.Where(c => clientIds.Contains(c.Id)).ToListAsync();
        var contacts = await db.Contacts.Where(c => contactIds.Contains(c.Id)).ToListAsync();
        if (clients.Count != clientIds.Count)
            throw new DomainException("One of the chosen clients no longer exists. Choose again.", nameof(form.ClientIds));
        if (contacts.Count != contactIds.Count)
            throw new DomainException("One of the chosen contacts no longer exists. Choose again.", nameof(form.ContactIds));

        meeting.Title = form.Title!.Trim();
        meeting.Agenda = Blank(form.Agenda);
        meeting.Medium = Blank(form.Medium);
        meeting.Links = MeetingForm.LinkLines(form.Links).ToList() is { Count: > 0 } links ? string.Join('\n', links) : null;
        meeting.Priority = form.Priority;
        meeting.Clients.RemoveAll(c => !clientIds.Contains(c.Id));
        meeting.Clients.AddRange(clients.Where(c => meeting.Clients.All(x => x.Id != c.Id)));
        meeting.Contacts.RemoveAll(c => !contactIds.Contains(c.Id));
        meeting.Contacts.AddRange(contacts.Where(c => meeting.Contacts.All(x => x.Id != c.Id)));

        if (meeting.Id == 0)
        {
            db.Meetings.Add(meeting);
        }
        else
        {
            db.Entry(meeting).Property(m => m.Version).OriginalValue = form.Version;
            // A change of attendees only touches join rows; the version still has to move so another tab notices.
            db.Entry(meeting).State = EntityState.Modified;
        }
        await db.SaveChangesAsync();
    }

    /// <summary>Meetings overlapping a span of wall-clock time, as the pages show them.</summary>
    public async Task<List<CalendarItem>> BetweenAsync(DateTime localFrom, DateTime localTo, TimeZoneInfo zone)
    {
        // A day either side, so the zone's offset cannot push a meeting out; the exact overlap is decided on local times.
        var from = Zones.ToUtcLenient(localFrom, zone).AddDays(-1);
        var to = Zones.ToUtcLenient(localTo, zone).AddDays(1);
        var rows = await db.Meetings.AsNoTracking().Where(m => m.StartUtc < to && m.EndUtc > from)
            .OrderBy(m => m.StartUtc).Take(2000)
            .Select(m => new { m.Id, m.Title, m.StartUtc, m.EndUtc, m.Priority, m.Medium }).ToListAsync();
        return rows.Select(m => new CalendarItem(m.Id, m.Title, Zones.ToLocal(m.StartUtc, zone), Zones.ToLocal(m.EndUtc, zone), m.Priority, m.Medium))
            .Where(m => m.LocalStart < localTo && m.LocalEnd > localFrom).ToList();
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
