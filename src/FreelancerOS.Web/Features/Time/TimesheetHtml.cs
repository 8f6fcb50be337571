using System.Text.Encodings.Web;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Html;

namespace FreelancerOS.Web.Features.Time;

/// <summary>
/// A timesheet row's seven day cells as one piece of HTML (_Timesheet.cshtml places it), written here rather than in
/// Razor: a busy week has some two hundred cells of a dozen values each, and Razor's buffer entry per value and attribute
/// was most of the page's rendering. An editable cell is a small form (its day, the hours, and the note in a disclosure)
/// that htmx posts on a change (a Tab, a click elsewhere, or Enter); what every cell of a row or of the sheet has in
/// common is written once on the row and on the sheet, not in each cell: the project and service (the row's hx-vals),
/// the antiforgery token (the page's, sent by site.js as a header with every htmx request) and where the answer goes
/// (#timesheet's hx-target and hx-swap). That halved the page of a busy week (a week of 224 cells: 303 KB, 1.2 KB a cell).
/// A cell of several entries or an invoiced one shows its hours only; a refused value is shown again with its error.
/// Text and attribute values are HTML-encoded; an attribute Razor would leave out (a null value, a false "open") is left out.
/// </summary>
public static class TimesheetHtml
{
    /// <param name="days">The week's days as yyyy-MM-dd.</param>
    /// <param name="spoken">The week's days as the labels say them ("Monday 30 November").</param>
    public static IHtmlContent Cells(Timesheet sheet, TimesheetRow row, string[] days, string[] spoken) =>
        new WrittenHtml((w, e) => Write(w, e, sheet, row, days, spoken));

    /// <summary>The row's project and service as htmx's JSON values for every cell of the row (numbers only: nothing to encode).</summary>
    public static IHtmlContent RowValues(TimesheetRow row) => new WrittenHtml((w, _) =>
    {
        w.Write("{\"projectId\":");
        WrittenHtml.Number(w, row.ProjectId);
        if (row.ServiceId is { } sid)
        {
            w.Write(",\"serviceId\":");
            WrittenHtml.Number(w, sid);
        }
        w.Write('}');
    });

    private static void Write(TextWriter w, HtmlEncoder e, Timesheet sheet, TimesheetRow row, string[] days, string[] spoken)
    {
        var rowKey = row.Key;
        var rowLabel = row.ServiceName is null ? row.ProjectName : row.ProjectName + " " + row.ServiceName;
        for (var day = 0; day < row.Cells.Count; day++)
        {
            var cell = row.Cells[day];
            var key = rowKey + "-" + days[day];
            var label = rowLabel + ", " + spoken[day];
            var refused = sheet.Refused.GetValueOrDefault(key);
            var note = refused is null ? cell.Note : refused.Note;
            var cellId = "cell-" + key;
            w.Write("\n<td data-date=\"");
            w.Write(days[day]);
            w.Write("\">");
            if (cell.Editable)
            {
                // The cell's project and service come from its row (hx-vals), the token from the page (site.js), and
                // where the answer goes from #timesheet (hx-target, hx-swap): only what differs per cell is written.
                w.Write("<form hx-post=\"/time/cell\" hx-trigger=\"change\"><input type=\"hidden\" name=\"date\" value=\"");
                w.Write(days[day]);
                w.Write("\" /><input id=\"");
                e.Encode(w, cellId);
                w.Write("\" name=\"hours\"");
                if ((refused is null ? Hours(cell.Hours) : refused.Hours) is { } typed)
                {
                    w.Write(" value=\"");
                    e.Encode(w, typed);
                    w.Write('"');
                }
                w.Write(refused is null
                    ? " class=\"form-control form-control-sm text-end\" aria-label=\"Hours on "
                    : " class=\"form-control form-control-sm text-end input-validation-error\" aria-label=\"Hours on ");
                e.Encode(w, label);
                if (refused is not null)
                {
                    w.Write("\" aria-invalid=\"true\" aria-describedby=\"");
                    e.Encode(w, cellId);
                    w.Write("-error");
                }
                w.Write("\" size=\"4\" autocomplete=\"off\" /><details class=\"cell-note\"");
                if (refused is not null && !string.IsNullOrEmpty(note)) w.Write(" open=\"open\"");
                w.Write("><summary title=\"");
                e.Encode(w, note ?? "Add a note");
                w.Write(string.IsNullOrEmpty(note)
                    ? "\"><i class=\"bi bi-chat-left\" aria-hidden=\"true\"></i><span class=\"visually-hidden\">Note</span></summary><input name=\"note\""
                    : "\"><i class=\"bi bi-chat-left-text-fill\" aria-hidden=\"true\"></i><span class=\"visually-hidden\">Note</span></summary><input name=\"note\"");
                if (note is not null)
                {
                    w.Write(" value=\"");
                    e.Encode(w, note);
                    w.Write('"');
                }
                w.Write(" maxlength=\"1000\" class=\"form-control form-control-sm\" aria-label=\"Note on ");
                e.Encode(w, label);
                w.Write("\" /></details></form>");
            }
            else
            {
                w.Write("<span data-role=\"cell-hours\" title=\"");
                w.Write(cell.Locked ? "On an invoice" : "Several entries: edit them on the project page");
                w.Write("\">");
                e.Encode(w, Hours(cell.Hours));
                if (cell.Locked) e.Encode(w, " 🔒");
                w.Write("</span>");
            }
            if (refused is not null)
            {
                w.Write("<span class=\"field-error\" role=\"alert\" id=\"");
                e.Encode(w, cellId);
                w.Write("-error\">");
                e.Encode(w, refused.Error);
                w.Write("</span>");
            }
            w.Write("</td>");
        }
    }

    private static string Hours(decimal h) => h == 0 ? "" : HoursText.Format(h);
}
