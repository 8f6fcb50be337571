
namespace FreelancerOS.Web.Features.Ledger;

/// <summary>
/// What keeps a CSV safe both ways. Out: a text cell a spreadsheet would run as a formula (starting with
/// = + - @, a tab or a carriage return) gets a leading apostrophe, which spreadsheets hide; numbers and dates
/// are written as they are (-12.50 is a number, not a formula). A text cell that already starts with an
/// apostrophe gets one more, so the import's rule is exact: an apostrophe followed by one of those
/// characters or by another apostrophe is taken off once. In: a file that is not text is refused.
/// </summary>
public static class CsvSafety
{
    private const string Risky = "=+-@\t\r'";

    public static string ForSpreadsheet(string? text) =>
        string.IsNullOrEmpty(text) || !Risky.Contains(text[0]) ? text ?? "" : "'" + text;

    public static string? FromSpreadsheet(string? text) =>
        text is { Length: > 1 } && text[0] == '\'' && Risky.Contains(text[1]) ? text[1..] : text;

    /// <summary>The first 8 KB hold no NUL byte and are valid UTF-8 (a PNG, a PDF or random bytes are not).</summary>
    public static bool LooksLikeText(ReadOnlySpan<byte> content)
    {
        var span = content[..Math.Min(content.Length, 8192)];
        if (span.Contains((byte)0)) return false;
        // A multi-byte character cut at the 8 KB boundary is not an error: drop up to 3 trailing bytes of it.
        for (var cut = 0; cut <= Math.Min(3, span.Length); cut++)
            if (System.Text.Unicode.Utf8.IsValid(span[..^cut])) return true;
        return false;
    }
}
