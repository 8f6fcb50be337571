using FreelancerOS.Web.Domain;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace FreelancerOS.Web.Features.Calendar;

/// <summary>
/// Meetings as iCalendar (RFC 5545): times written in the account's zone with its VTIMEZONE, so a
/// calendar app shows them at the same wall-clock times, across daylight-saving changes too.
/// </summary>
public static class MeetingIcs
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static string Build(IReadOnlyList<Meeting> meetings, TimeZoneInfo zone, DateTimeOffset now, string name)
    {
        var tzId = IanaId(zone);
        var calendar = new Ical.Net.Calendar { ProductId = "-//FreelancerOS//Calendar//EN" };
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("X-WR-TIMEZONE", tzId);
        var utc = tzId is "UTC" or "Etc/UTC";
        if (!utc)
        {
            var earliest = meetings.Count == 0 ? now.UtcDateTime : meetings.Min(m => m.StartUtc);
            calendar.AddTimeZone(tzId, Zones.ToLocal(earliest, zone).AddDays(-1), false);
        }
        var stamp = new CalDateTime(now.UtcDateTime, "UTC", true);
        foreach (var m in meetings)
        {
            var e = new CalendarEvent
            {
                Uid = $"meeting-{m.Id}@freelanceros",
                Summary = m.Title,
                Description = Description(m),
                Location = m.Medium,
                Priority = m.Priority switch { Priority.High => 1, Priority.Medium => 5, _ => 9 },
                DtStamp = stamp,
                DtStart = utc ? new CalDateTime(m.StartUtc, "UTC", true) : new CalDateTime(Zones.ToLocal(m.StartUtc, zone), tzId, true),
                DtEnd = utc ? new CalDateTime(m.EndUtc, "UTC", true) : new CalDateTime(Zones.ToLocal(m.EndUtc, zone), tzId, true),
            };
            if (m.LinkList().FirstOrDefault() is { } first && Uri.TryCreate(first, UriKind.Absolute, out var url)) e.Url = url;
            calendar.Events.Add(e);
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static string? Description(Meeting m)
    {
        var links = m.LinkList().ToList();
        if (m.Agenda is null && links.Count == 0) return null;
        return string.Join("\n\n", new[] { m.Agenda, links.Count > 0 ? string.Join('\n', links) : null }.Where(s => s is not null));
    }

    /// <summary>Calendar apps and Ical.Net know zones by their IANA names; on Windows the system uses others.</summary>
    public static string IanaId(TimeZoneInfo zone) =>
        zone.HasIanaId ? zone.Id
        : TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana
        : "UTC";
}
