using System.Text;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Html;

namespace FreelancerOS.Web.Features.Time;

/// <summary>
/// The options of the project and service selects and of the timesheet's "add a row", written as text: the time page
/// lists every open project and service three times, and a Razor write per option and attribute cost more than the
/// page's own work. Names are encoded; everything else is a number or fixed text.
/// </summary>
public static class WorkOptionHtml
{
    public static IHtmlContent Projects(IReadOnlyList<WorkOption> options, int selected)
    {
        var b = new StringBuilder();
        foreach (var p in options)
        {
            b.Append("<option value=\"").Append(p.ProjectId).Append('"');
            if (p.ProjectId == selected) b.Append(" selected=\"selected\"");
            b.Append('>').Append(OptionList.Encode(p.ProjectName)).Append(" · ").Append(OptionList.Encode(p.ClientName)).Append("</option>");
        }
        return new HtmlString(b.ToString());
    }

    /// <summary>Each project's services in a group the page's script shows only while that project is chosen.</summary>
    public static IHtmlContent Services(IReadOnlyList<WorkOption> options, int? selected)
    {
        var b = new StringBuilder();
        foreach (var p in options)
        {
            if (p.Services.Count == 0) continue;
            b.Append("<optgroup label=\"").Append(OptionList.Encode(p.ProjectName)).Append("\" data-project=\"").Append(p.ProjectId).Append("\">");
            foreach (var (id, name) in p.Services)
            {
                b.Append("<option value=\"").Append(id).Append('"');
                if (id == selected) b.Append(" selected=\"selected\"");
                b.Append(" data-project=\"").Append(p.ProjectId).Append("\">").Append(OptionList.Encode(name)).Append("</option>");
            }
            b.Append("</optgroup>");
        }
        return new HtmlString(b.ToString());
    }

    /// <summary>"projectId" for a project's own row, "projectId:serviceId" for a service's.</summary>
    public static IHtmlContent Rows(IReadOnlyList<WorkOption> options)
    {
        var b = new StringBuilder();
        foreach (var p in options)
        {
            var project = OptionList.Encode(p.ProjectName);
            b.Append("<option value=\"").Append(p.ProjectId).Append("\">").Append(project).Append(" · ").Append(OptionList.Encode(p.ClientName)).Append("</option>");
            foreach (var (id, name) in p.Services)
                b.Append("<option value=\"").Append(p.ProjectId).Append(':').Append(id).Append("\">").Append(project).Append(" › ").Append(OptionList.Encode(name)).Append("</option>");
        }
        return new HtmlString(b.ToString());
    }
}
