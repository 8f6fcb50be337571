using System.Text.Encodings.Web;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Html;

namespace FreelancerOS.Web.Features.Time;

/// <summary>
/// A timesheet row's seven day cells as one piece of HTML (_Timesheet.cshtml places it), written here rather than in
/// Razor: a busy week has some two hundred cells of a dozen values each, and Razor's buffer entry per value and attribute
/// was most of the page's rendering. What each cell holds is unchanged: an editable cell is its own form (token, project,
/// service, day, hours, and the note in a disclosure), posted by htmx on a change and by the browser on Enter; a cell of
/// several entries or an invoiced one shows its hours only; a refused value is shown again with its error. Text and
/// attribute values are HTML-encoded; an attribute Razor would leave out (a null value, a false "open") is left out.
/// </summary>
public static class TimesheetHtml
{
    /// <param name="days">The week's days as yyyy-MM-dd.</param>
    /// <param name="spoken">The week's days as the labels say them ("Monday 30 November").</param>
    public static IHtmlContent Cells(Timesheet sheet, TimesheetRow row, string[] days, string[] spoken, string requestToken) =>
        new WrittenHtml((w, e) => Write(w, e, sheet, row, days, spoken, requestToken));

    private static void Write(TextWriter w, HtmlEncoder e, Timesheet sheet, TimesheetRow row, string[] days, string[] spoken, string requestToken)
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
            w.Write("\n<td class=\"text-end\" data-date=\"");
            w.Write(days[day]);
            w.Write("\">");
            if (cell.Editable)
            {
                w.Write("<form method=\"post\" action=\"/time/cell\" hx-post=\"/time/cell\" hx-trigger=\"change\" hx-target=\"#timesheet\" hx-swap=\"outerHTML\" class=\"timesheet-cell\"><input name=\"__RequestVerificationToken\" type=\"hidden\" value=\"");
                e.Encode(w, requestToken);
                w.Write("\" /><input type=\"hidden\" name=\"projectId\" value=\"");
                WrittenHtml.Number(w, row.ProjectId);
                w.Write("\" />");
                if (row.ServiceId is { } sid)
                {
                    w.Write("<input type=\"hidden\" name=\"serviceId\" value=\"");
                    WrittenHtml.Number(w, sid);
                    w.Write("\" />");
                }
                w.Write("<input type=\"hidden\" name=\"date\" value=\"");
                w.Write(days[day]);
                w.Write("\" />\n<input id=\"");
                e.Encode(w, cellId);
                w.Write("\" name=\"hours\"");
                if ((refused is null ? Hours(cell.Hours) : refused.Hours) is { } typed)
                {
                    w.Write(" value=\"");
                    e.Encode(w, typed);
                    w.Write('"');
                }
                w.Write(refused is null
                    ? " type=\"text\" class=\"form-control form-control-sm text-end \" aria-label=\"Hours on "
                    : " type=\"text\" class=\"form-control form-control-sm text-end input-validation-error\" aria-label=\"Hours on ");
                e.Encode(w, label);
                if (refused is null) w.Write("\" aria-invalid=\"false\"");
                else
                {
                    w.Write("\" aria-invalid=\"true\" aria-describedby=\"");
                    e.Encode(w, cellId);
                    w.Write("-error\"");
                }
                w.Write(" size=\"4\" autocomplete=\"off\" />\n<details class=\"cell-note\"");
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
                w.Write(" type=\"text\" maxlength=\"1000\" class=\"form-control form-control-sm\" aria-label=\"Note on ");
                e.Encode(w, label);
                w.Write("\" data-role=\"cell-note\" /></details>\n</form>");
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
