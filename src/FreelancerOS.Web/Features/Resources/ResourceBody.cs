using System.Text.Encodings.Web;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;

namespace FreelancerOS.Web.Features.Resources;

/// <summary>
/// A resource's Markdown as HTML, each to-do drawn as a small form that ticks it: htmx posts it when
/// the box changes; without script the box is ticked and the form sent with its Save button.
/// </summary>
public static class ResourceBody
{
    public static string ToHtml(Resource resource, string? antiforgeryToken)
    {
        var e = HtmlEncoder.Default;
        var action = $"/resources/tick/{resource.Id}";
        return SafeMarkdown.ToHtml(resource.Body, task =>
            $"""<form method="post" action="{action}" id="task-form-{task.Index}" class="task-tick" hx-post="{action}" hx-trigger="change" hx-target="#resource-body" hx-swap="outerHTML">""" +
            $"""<input type="hidden" name="__RequestVerificationToken" value="{e.Encode(antiforgeryToken ?? "")}" />""" +
            $"""<input type="hidden" name="index" value="{task.Index}" /><input type="hidden" name="version" value="{resource.Version}" />""" +
            $"""<input type="checkbox" id="task-{task.Index}" name="done" value="true" class="form-check-input task-list-item-checkbox"{(task.Done ? " checked" : "")}""" +
            $""" aria-label="{e.Encode(task.Text.Length > 0 ? task.Text : $"To-do {task.Index + 1}")}" />""" +
            """<noscript><button type="submit" class="btn btn-link btn-sm py-0">Save</button></noscript></form>""");
    }
}
