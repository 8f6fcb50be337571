namespace FreelancerOS.Web.Features.Calendar;

/// <summary>Wall-clock times in the account's time zone to and from the stored UTC instants.</summary>
public static class Zones
{
    public static TimeZoneInfo Find(string? id) =>
        id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    public static DateTime ToLocal(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    /// <summary>
    /// A wall-clock time as UTC. A time skipped by a daylight-saving change (02:30 on the spring-forward
    /// night) does not exist: null, so the caller can say so; an ambiguous one takes standard time.
    /// </summary>
    public static DateTime? ToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local)) return null;
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    /// <summary>
    /// Like <see cref="ToUtc"/>, but a skipped time moves forward to the first one that exists: for day
    /// boundaries of zones whose clocks change at midnight.
    /// </summary>
    public static DateTime ToUtcLenient(DateTime local, TimeZoneInfo zone)
    {
        for (var i = 0; i < 16; i++)
        {
            if (ToUtc(local.AddMinutes(15 * i), zone) is { } utc) return utc;
        }
        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Utc), TimeZoneInfo.Utc);
    }
}
