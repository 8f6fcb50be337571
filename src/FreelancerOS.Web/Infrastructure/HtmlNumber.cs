using System.Globalization;

namespace FreelancerOS.Web.Infrastructure;

/// <summary>Ids written by the hand-written HTML pieces (options, timesheet cells): invariant digits, no string of their own.</summary>
public static class HtmlNumber
{
    public static void Write(TextWriter writer, int value)
    {
        Span<char> digits = stackalloc char[11];
        value.TryFormat(digits, out var n, provider: CultureInfo.InvariantCulture);
        writer.Write(digits[..n]);
    }
}
