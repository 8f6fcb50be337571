using System.Globalization;
using System.Text;
using FreelancerOS.Web.Domain;

namespace FreelancerOS.Web.Features.Contacts;

/// <summary>Contacts as CSV (for a spreadsheet) and as vCard 3.0 (for an address book).</summary>
public static class ContactExport
{
    public static readonly string[] CsvHeader = ["Name", "Designation", "Company", "Category", "E-mail", "Phone", "Address", "Notes"];

    public static string ToCsv(IEnumerable<Contact> contacts)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(',', CsvHeader.Select(CsvCell))).Append("\r\n");
        foreach (var c in contacts)
        {
            string?[] cells = [c.Name, c.Designation, c.Company, c.Category, c.Email, c.Phone, c.Address, c.Notes];
            sb.Append(string.Join(',', cells.Select(CsvCell))).Append("\r\n");
        }
        return sb.ToString();
    }

    /// <summary>
    /// One CSV field. A value a spreadsheet would read as a formula (=, +, -, @, or a tab or carriage
    /// return in front) gets a leading apostrophe so it stays text (OWASP "CSV injection").
    /// </summary>
    public static string CsvCell(string? value)
    {
        value ??= "";
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    public static string ToVCards(IEnumerable<Contact> contacts)
    {
        var sb = new StringBuilder();
        foreach (var c in contacts) AppendVCard(sb, c);
        return sb.ToString();
    }

    private static void AppendVCard(StringBuilder sb, Contact c)
    {
        Line(sb, "BEGIN:VCARD");
        Line(sb, "VERSION:3.0");
        Line(sb, "FN:" + Escape(c.Name));
        var (family, given) = SplitName(c.Name);
        Line(sb, $"N:{Escape(family)};{Escape(given)};;;");
        if (c.Company is not null) Line(sb, "ORG:" + Escape(c.Company));
        if (c.Designation is not null) Line(sb, "TITLE:" + Escape(c.Designation));
        if (c.Email is not null) Line(sb, "EMAIL;TYPE=INTERNET:" + Escape(c.Email));
        if (c.Phone is not null) Line(sb, "TEL;TYPE=WORK,VOICE:" + Escape(c.Phone));
        // The address is one free-text field: it goes whole into the street component.
        if (c.Address is not null) Line(sb, $"ADR;TYPE=WORK:;;{Escape(c.Address)};;;;");
        if (c.Category is not null) Line(sb, "CATEGORIES:" + Escape(c.Category));
        if (c.Notes is not null) Line(sb, "NOTE:" + Escape(c.Notes));
        Line(sb, $"UID:freelanceros-contact-{c.Id.ToString(CultureInfo.InvariantCulture)}");
        Line(sb, "END:VCARD");
    }

    /// <summary>Text value escaping of RFC 6350 §3.4 (same in 3.0): backslash, comma, semicolon, newline.</summary>
    public static string Escape(string value) =>
        value.Replace("\\", "\\\\").Replace(",", "\\,").Replace(";", "\\;")
            .Replace("\r\n", "\\n").Replace("\n", "\\n").Replace("\r", "\\n");

    private static (string Family, string Given) SplitName(string name)
    {
        var trimmed = name.Trim();
        var space = trimmed.LastIndexOf(' ');
        return space < 0 ? (trimmed, "") : (trimmed[(space + 1)..], trimmed[..space]);
    }

    /// <summary>Writes a content line folded at 75 octets (continuations start with a space), CRLF-terminated.</summary>
    private static void Line(StringBuilder sb, string line)
    {
        var bytes = 0;
        var first = true;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (bytes + size > (first ? 75 : 74))
            {
                sb.Append("\r\n ");
                bytes = 0;
                first = false;
            }
            sb.Append(rune.ToString());
            bytes += size;
        }
        sb.Append("\r\n");
    }
}
