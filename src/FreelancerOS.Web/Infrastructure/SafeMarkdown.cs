using System.Text;
using Markdig;
using Markdig.Extensions.TaskLists;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace FreelancerOS.Web.Infrastructure;

/// <summary>
/// Markdown typed by the user, rendered so that nothing in it can run or leak: raw HTML is shown as
/// text, only http(s) and mailto links and http(s) images survive (any other scheme, javascript: and
/// data: included, is reduced to its text), and links open with rel="noopener noreferrer". No
/// attribute syntax is enabled, so a user cannot add on* handlers or styles.
/// </summary>
public static class SafeMarkdown
{
    /// <summary>One to-do ("- [ ] ..."/"- [x] ...") of a body, numbered from 0 in reading order.</summary>
    public sealed record TaskItem(int Index, bool Done, string Text);

    // Immutable once built, so one instance serves every request. Source positions let a to-do be
    // ticked by rewriting only its own "[ ]" in the stored text.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseAutoLinks()
        .UseTaskLists()
        .UsePreciseSourceLocation()
        .Build();

    private const string LinkRel = "noopener noreferrer";

    public static string ToHtml(string? markdown) => ToHtml(markdown, taskControl: null);

    /// <summary>
    /// As <see cref="ToHtml(string?)"/>; each to-do is drawn by <paramref name="taskControl"/> (HTML the
    /// caller builds and encodes, e.g. a form that ticks it) instead of a read-only checkbox.
    /// </summary>
    public static string ToHtml(string? markdown, Func<TaskItem, string>? taskControl)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        if (TryParse(markdown) is not { } document)
            return "<p class=\"text-body-secondary\">This text is nested too deeply to be formatted, so it is shown as typed.</p><pre>" +
                   System.Net.WebUtility.HtmlEncode(markdown) + "</pre>";
        Neutralise(document);

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.ObjectRenderers.Replace<HtmlTaskListRenderer>(new TaskRenderer(taskControl));
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>The body's to-dos in reading order (those in code blocks are text, not to-dos).</summary>
    public static IReadOnlyList<TaskItem> Tasks(string? markdown)
    {
        if (string.IsNullOrEmpty(markdown) || TryParse(markdown) is not { } document) return [];
        return document.Descendants<TaskList>().Select((t, i) => new TaskItem(i, t.Checked, TaskText(t))).ToList();
    }

    /// <summary>False for text Markdig refuses to parse (nesting beyond its depth limit); a form can refuse it up front.</summary>
    public static bool CanFormat(string? markdown) => string.IsNullOrEmpty(markdown) || TryParse(markdown) is not null;

    private static MarkdownDocument? TryParse(string markdown)
    {
        try
        {
            return Markdown.Parse(markdown, Pipeline);
        }
        catch (ArgumentException)
        {
            // Markdig's guard against pathological nesting ("depth limit exceeded").
            return null;
        }
    }

    /// <summary>
    /// The Markdown with the to-do at <paramref name="index"/> ticked or unticked: only the character
    /// between its brackets changes. Null when there is no such to-do.
    /// </summary>
    public static string? SetTaskDone(string? markdown, int index, bool done)
    {
        if (string.IsNullOrEmpty(markdown) || index < 0 || TryParse(markdown) is not { } document) return null;
        var task = document.Descendants<TaskList>().Skip(index).FirstOrDefault();
        if (task is null) return null;
        // The span covers "[ ]" in the source text (its offsets are into the string as given, line endings included).
        var open = task.Span.Start;
        if (open < 0 || open + 2 >= markdown.Length || markdown[open] != '[' || markdown[open + 2] != ']') return null;
        var current = markdown[open + 1];
        if (done == (current is 'x' or 'X')) return markdown;
        var chars = markdown.ToCharArray();
        chars[open + 1] = done ? 'x' : ' ';
        return new string(chars);
    }

    public static bool IsSafeLink(string? url) => HasScheme(url, "http://", "https://", "mailto:");

    public static bool IsSafeImage(string? url) => IsWebAddress(url);

    /// <summary>An absolute http(s) address with nothing a browser would read differently (no control characters).</summary>
    public static bool IsWebAddress(string? url) => HasScheme(url, "http://", "https://");

    private static bool HasScheme(string? url, params string[] schemes)
    {
        if (string.IsNullOrWhiteSpace(url)) return false;
        var trimmed = url.Trim();
        // Browsers drop tabs and newlines inside a URL ("java\tscript:"), so any control character is refused.
        if (trimmed.Any(char.IsControl)) return false;
        return schemes.Any(s => trimmed.StartsWith(s, StringComparison.OrdinalIgnoreCase))
               && Uri.TryCreate(trimmed, UriKind.Absolute, out _);
    }

    private static void Neutralise(MarkdownDocument document)
    {
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            var safe = link.IsImage ? IsSafeImage(link.Url) : IsSafeLink(link.Url);
            if (!safe)
            {
                Unwrap(link);
                continue;
            }
            if (!link.IsImage) link.GetAttributes().AddProperty("rel", LinkRel);
        }
        foreach (var auto in document.Descendants<AutolinkInline>().ToList())
        {
            var url = auto.IsEmail ? "mailto:" + auto.Url : auto.Url;
            if (!IsSafeLink(url))
                auto.ReplaceBy(new LiteralInline(auto.Url));
            else
                auto.GetAttributes().AddProperty("rel", LinkRel);
        }
    }

    /// <summary>Replaces a link or image by its text (an image by its alt text), so nothing of its target remains.</summary>
    private static void Unwrap(LinkInline link)
    {
        while (link.FirstChild is { } child)
        {
            child.Remove();
            link.InsertBefore(child);
        }
        link.Remove();
    }

    private static string TaskText(TaskList task)
    {
        var text = new StringBuilder();
        if (task.Parent is { } paragraph)
        {
            foreach (var inline in paragraph.Descendants<Inline>())
            {
                if (inline is LiteralInline literal) text.Append(literal.Content.ToString());
                else if (inline is CodeInline code) text.Append(code.Content);
            }
        }
        return text.ToString().Trim();
    }

    private sealed class TaskRenderer(Func<TaskItem, string>? control) : HtmlObjectRenderer<TaskList>
    {
        private int _next;

        protected override void Write(HtmlRenderer renderer, TaskList task)
        {
            var item = new TaskItem(_next++, task.Checked, TaskText(task));
            if (control is not null)
            {
                renderer.Write(control(item));
                return;
            }
            if (!renderer.EnableHtmlForInline) return;
            renderer.Write("<input class=\"task-list-item-checkbox\" type=\"checkbox\" disabled=\"disabled\"");
            if (item.Done) renderer.Write(" checked=\"checked\"");
            renderer.Write(" aria-label=\"").WriteEscape(item.Done ? "Done: " + item.Text : "To do: " + item.Text).Write("\" />");
        }
    }
}
