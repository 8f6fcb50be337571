using System.Globalization;
using Microsoft.AspNetCore.Html;

namespace FreelancerOS.Web.Features.Projects;

/// <summary>
/// A project's completion as shown on its card, its list row and its page. Written here rather than as a partial view:
/// boards and lists show it once per project, and a partial per row costs more than this markup.
/// </summary>
public static class Completion
{
    private static readonly HtmlString NoEstimate = new("<span class=\"text-body-secondary\" data-role=\"completion\">No estimate</span>");

    public static IHtmlContent Html(int? completionPercent)
    {
        if (completionPercent is not { } percent) return NoEstimate;
        var p = percent.ToString(CultureInfo.InvariantCulture);
        var overrun = percent > 100;
        // Only whole numbers go into this markup: nothing to encode.
        return new HtmlString(
            $"<span class=\"completion {(overrun ? "text-danger fw-semibold" : "")}\" data-role=\"completion\">{p}%{(overrun ? " · overrun" : "")}</span>\n" +
            $"<progress class=\"invoiced-progress {(overrun ? "overrun" : "")}\" max=\"100\" value=\"{Math.Min(percent, 100).ToString(CultureInfo.InvariantCulture)}\" " +
            $"aria-label=\"{p}% complete{(overrun ? ", over the estimate" : "")}\">{p}%</progress>");
    }
}
