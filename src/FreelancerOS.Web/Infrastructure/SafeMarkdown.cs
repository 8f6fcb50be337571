using Markdig;
using Markdig.Extensions.TaskLists;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace FreelancerOS.Web.Infrastructure;

/// <summary>
/// Markdown typed by the user, rendered so that it cannot run anything: raw HTML is escaped (not
/// passed through), link and image targets other than http(s), mailto and relative ones are dropped
/// (Markdig keeps <c>javascript:</c> URLs as written), and links open with rel="noopener noreferrer".
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseTaskLists()
        .UseAutoLinks()
        .Build();

    public static string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafeUrl(link.Url)) link.Url = "";
            if (!link.IsImage) link.GetAttributes().AddPropertyIfNotExist("rel", "noopener noreferrer");
        }
        foreach (var link in document.Descendants<AutolinkInline>())
        {
            if (!IsSafeUrl(link.Url)) link.Url = "";
            link.GetAttributes().AddPropertyIfNotExist("rel", "noopener noreferrer");
        }
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.ObjectRenderers.ReplaceOrAdd<HtmlTaskListRenderer>(new LabelledTaskListRenderer());
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>Markdig's to-do checkbox has no label, which screen readers announce as a bare "checkbox".</summary>
    private sealed class LabelledTaskListRenderer : HtmlObjectRenderer<TaskList>
    {
        protected override void Write(HtmlRenderer renderer, TaskList obj) =>
            renderer.Write(obj.Checked
                ? "<input class=\"task-list-item-checkbox\" type=\"checkbox\" disabled=\"disabled\" checked=\"checked\" aria-label=\"Done\" />"
                : "<input class=\"task-list-item-checkbox\" type=\"checkbox\" disabled=\"disabled\" aria-label=\"To do\" />");
    }

    public static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return true;
        // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"), so judge the URL without them.
        var compact = new string(url.Where(c => !char.IsControl(c) && !char.IsWhiteSpace(c)).ToArray());
        var colon = compact.IndexOf(':');
        if (colon < 0) return true;
        var slash = compact.IndexOfAny(['/', '?', '#']);
        if (slash >= 0 && slash < colon) return true; // a relative path that happens to contain a colon
        var scheme = compact[..colon].ToLowerInvariant();
        return scheme is "http" or "https" or "mailto" or "tel";
    }
}
