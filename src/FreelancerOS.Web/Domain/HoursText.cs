using System.Globalization;
using System.Text.RegularExpressions;

namespace FreelancerOS.Web.Domain;

/// <summary>
/// Hours as people type them: "2:30", "2h30", "2h 30m", "45m", "2.5" or "2,5". One parser for the entry
/// form and the timesheet, so a format accepted in one place is accepted in the other. A comma is read as
/// the decimal separator whatever the display culture: nobody logs a thousand hours in one day.
/// </summary>
public static partial class HoursText
{
    public const string Hint = "Enter hours as 2:30, 2h30, 2h 30m or 2.5.";

    [GeneratedRegex(@"^(?<h>\d{1,3})\s*:\s*(?<m>\d{1,2})$|^(?<h>\d{1,3})\s*h(?:\s*(?<m>\d{1,2})\s*(?:m|min)?)?$|^(?<m>\d{1,4})\s*(?:m|min)$|^(?<d>\d{0,3}(?:[.,]\d+)?)\s*h?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex Pattern();

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what is wrong. Empty text parses as 0.</summary>
    public static bool TryParse(string? text, out decimal hours, out string? error)
    {
        hours = 0;
        error = null;
        var s = (text ?? "").Trim();
        if (s.Length == 0) return true;
        var match = s.Length <= 20 ? Pattern().Match(s) : Match.Empty;
        if (!match.Success || (match.Groups["d"].Success && match.Groups["d"].Value.Length == 0))
        {
            error = s.StartsWith('-') ? "Enter more than 0 hours." : Hint;
            return false;
        }
        if (match.Groups["d"].Success)
        {
            var digits = match.Groups["d"].Value.Replace(',', '.');
            hours = decimal.Parse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        }
        else
        {
            var h = match.Groups["h"].Success ? int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture) : 0;
            var m = match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
            if (match.Groups["h"].Success && m >= 60)
            {
                error = "Minutes go up to 59: write 1:30 rather than 0:90.";
                return false;
            }
            // Minutes become hundredths of an hour, as every entry stores two decimals (20 minutes is 0.33 h).
            hours = h + Math.Round(m / 60m, TimeEntry.HoursDecimals, MidpointRounding.AwayFromZero);
        }
        // 0 is not an entry, but it is a valid answer here: a timesheet cell emptied to 0 deletes its entry.
        if (hours != 0 && TimeEntry.HoursError(hours) is { } rule)
        {
            error = rule;
            return false;
        }
        return true;
    }

    /// <summary>Hours as the forms show them back ("2.5"), in the display culture.</summary>
    public static string Format(decimal hours) => hours.ToString("0.##", CultureInfo.CurrentCulture);
}
