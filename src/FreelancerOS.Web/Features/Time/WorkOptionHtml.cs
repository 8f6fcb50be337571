using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Html;

namespace FreelancerOS.Web.Features.Time;

/// <summary>
/// The options of the project and service selects and of the timesheet's "add a row", written as text: the time page
/// lists every open project and service three times, and a Razor write per option and attribute cost more than the
/// page's own work. Each list is a piece of content that writes itself to the response when the view is flushed (no
/// string of the whole list is built first). Names are encoded; everything else is a number or fixed text.
/// </summary>
public static class WorkOptionHtml
{
    public static IHtmlContent Projects(IReadOnlyList<WorkOption> options, int selected) => new WrittenHtml((w, e) =>
    {
        foreach (var p in options)
        {
            w.Write("<option value=\"");
            WrittenHtml.Number(w, p.ProjectId);
            w.Write(p.ProjectId == selected ? "\" selected=\"selected\">" : "\">");
            e.Encode(w, p.ProjectName);
            w.Write(" · ");
            e.Encode(w, p.ClientName);
            w.Write("</option>");
        }
    });

    /// <summary>Each project's services in a group the page's script shows only while that project is chosen.</summary>
    public static IHtmlContent Services(IReadOnlyList<WorkOption> options, int? selected) => new WrittenHtml((w, e) =>
    {
        foreach (var p in options)
        {
            if (p.Services.Count == 0) continue;
            w.Write("<optgroup label=\"");
            e.Encode(w, p.ProjectName);
            w.Write("\" data-project=\"");
            WrittenHtml.Number(w, p.ProjectId);
            w.Write("\">");
            for (var i = 0; i < p.Services.Count; i++)
            {
                var (id, name) = p.Services[i];
                w.Write("<option value=\"");
                WrittenHtml.Number(w, id);
                w.Write(id == selected ? "\" selected=\"selected\" data-project=\"" : "\" data-project=\"");
                WrittenHtml.Number(w, p.ProjectId);
                w.Write("\">");
                e.Encode(w, name);
                w.Write("</option>");
            }
            w.Write("</optgroup>");
        }
    });

    /// <summary>"projectId" for a project's own row, "projectId:serviceId" for a service's.</summary>
    public static IHtmlContent Rows(IReadOnlyList<WorkOption> options) => new WrittenHtml((w, e) =>
    {
        foreach (var p in options)
        {
            w.Write("<option value=\"");
            WrittenHtml.Number(w, p.ProjectId);
            w.Write("\">");
            e.Encode(w, p.ProjectName);
            w.Write(" · ");
            e.Encode(w, p.ClientName);
            w.Write("</option>");
            for (var i = 0; i < p.Services.Count; i++)
            {
                var (id, name) = p.Services[i];
                w.Write("<option value=\"");
                WrittenHtml.Number(w, p.ProjectId);
                w.Write(':');
                WrittenHtml.Number(w, id);
                w.Write("\">");
                e.Encode(w, p.ProjectName);
                w.Write(" › ");
                e.Encode(w, name);
                w.Write("</option>");
            }
        }
    });
}
