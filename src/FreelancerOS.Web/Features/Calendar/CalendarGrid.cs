using System.Globalization;

namespace FreelancerOS.Web.Features.Calendar;

/// <summary>
/// Lays meetings out on days and hours of wall-clock time in the account's zone. A meeting shows in
/// every day (and hour) it overlaps, so 23:30–00:30 is on both days, and overlapping meetings share
/// a cell side by side. Hours skipped or repeated by a daylight-saving change are marked as such.
/// </summary>
public static class CalendarGrid
{
    public static MonthView Month(int year, int month, DayOfWeek firstDay, IReadOnlyList<CalendarItem> items, DateOnly today)
    {
        var first = new DateOnly(year, month, 1);
        var gridStart = first.AddDays(-(((int)first.DayOfWeek - (int)firstDay + 7) % 7));
        var weeks = new List<IReadOnlyList<MonthDay>>();
        for (var day = gridStart; weeks.Count < 6 && (weeks.Count < 4 || day.Month == month); )
        {
            var week = new List<MonthDay>();
            for (var i = 0; i < 7; i++, day = day.AddDays(1))
                week.Add(new MonthDay(day, day.Month == month, day == today, OnDay(items, day)));
            weeks.Add(week);
        }
        return new MonthView(first, weeks, today);
    }

    public static (DateTime From, DateTime To) MonthRange(int year, int month, DayOfWeek firstDay)
    {
        var first = new DateOnly(year, month, 1);
        var start = first.AddDays(-(((int)first.DayOfWeek - (int)firstDay + 7) % 7));
        return (start.ToDateTime(TimeOnly.MinValue), start.AddDays(42).ToDateTime(TimeOnly.MinValue));
    }

    public static DateOnly WeekStart(DateOnly date, DayOfWeek firstDay) =>
        date.AddDays(-(((int)date.DayOfWeek - (int)firstDay + 7) % 7));

    public static WeekView Week(DateOnly start, IReadOnlyList<CalendarItem> items, TimeZoneInfo zone, DateOnly today)
    {
        var days = Enumerable.Range(0, 7).Select(i =>
        {
            var date = start.AddDays(i);
            var midday = date.ToDateTime(new TimeOnly(12, 0));
            var hours = Enumerable.Range(0, 24).Select(h => Hour(date, h, items, zone)).ToList();
            return new WeekDay(date, date == today, Offset(zone.GetUtcOffset(midday)), hours);
        }).ToList();
        return new WeekView(start, days, today);
    }

    private static WeekHour Hour(DateOnly date, int hour, IReadOnlyList<CalendarItem> items, TimeZoneInfo zone)
    {
        var from = date.ToDateTime(new TimeOnly(hour, 0));
        var to = from.AddHours(1);
        var state = zone.IsInvalidTime(from) && zone.IsInvalidTime(to.AddTicks(-TimeSpan.TicksPerMinute)) ? HourState.Skipped
            : zone.IsAmbiguousTime(from) ? HourState.Repeated
            : HourState.Normal;
        var cells = items.Where(m => m.LocalStart < to && m.LocalEnd > from)
            .OrderBy(m => m.LocalStart).ThenBy(m => m.Id)
            .Select(m => new DayItem(m, StartsHere: m.LocalStart >= from || hour == 0, ContinuesFromBefore: m.LocalStart < from))
            .ToList();
        return new WeekHour(hour, state, cells);
    }

    private static IReadOnlyList<DayItem> OnDay(IReadOnlyList<CalendarItem> items, DateOnly day)
    {
        var from = day.ToDateTime(TimeOnly.MinValue);
        var to = from.AddDays(1);
        return items.Where(m => m.LocalStart < to && m.LocalEnd > from)
            .OrderBy(m => m.LocalStart < from ? from : m.LocalStart).ThenBy(m => m.Id)
            .Select(m => new DayItem(m, StartsHere: m.LocalStart >= from, ContinuesFromBefore: m.LocalStart < from))
            .ToList();
    }

    private static string Offset(TimeSpan offset) =>
        "UTC" + (offset < TimeSpan.Zero ? "−" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}

public sealed record DayItem(CalendarItem Meeting, bool StartsHere, bool ContinuesFromBefore);

public sealed record MonthDay(DateOnly Date, bool InMonth, bool IsToday, IReadOnlyList<DayItem> Items);

public sealed record MonthView(DateOnly Month, IReadOnlyList<IReadOnlyList<MonthDay>> Weeks, DateOnly Today);

public enum HourState { Normal, Skipped, Repeated }

public sealed record WeekHour(int Hour, HourState State, IReadOnlyList<DayItem> Items);

public sealed record WeekDay(DateOnly Date, bool IsToday, string UtcOffset, IReadOnlyList<WeekHour> Hours);

public sealed record WeekView(DateOnly Start, IReadOnlyList<WeekDay> Days, DateOnly Today);
