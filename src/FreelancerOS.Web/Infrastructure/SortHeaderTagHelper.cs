using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace FreelancerOS.Web.Infrastructure;

/// <summary>
/// <c>&lt;th sort-column="name"&gt;Name&lt;/th&gt;</c>: the header becomes a link that sorts the list by that
/// column (a second click reverses it), keeping the filter and page size and going back to page 1; the
/// sorted column carries aria-sort.
/// </summary>
[HtmlTargetElement("th", Attributes = "sort-column")]
public sealed class SortHeaderTagHelper : TagHelper
{
    [HtmlAttributeName("sort-column")]
    public string Column { get; set; } = "";

    /// <summary>The direction of a first click (dates and amounts read best newest/largest first).</summary>
    [HtmlAttributeName("sort-first")]
    public string First { get; set; } = "asc";

    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var request = ViewContext.HttpContext.Request;
        var query = request.Query;
        var current = string.Equals(query["sort"], Column, StringComparison.OrdinalIgnoreCase);
        var descending = string.Equals(query["dir"], "desc", StringComparison.OrdinalIgnoreCase);
        var next = current ? (descending ? "asc" : "desc") : First;
        var qb = new QueryBuilder(query.Where(kv => kv.Key is not ("page" or "sort" or "dir"))
            .SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string>(kv.Key, v ?? ""))))
        {
            { "sort", Column },
            { "dir", next },
        };
        if (current) output.Attributes.SetAttribute("aria-sort", descending ? "descending" : "ascending");
        var label = (await output.GetChildContentAsync()).GetContent();
        var indicator = current ? (descending ? "bi-caret-down-fill" : "bi-caret-up-fill") : "bi-chevron-expand";
        output.Content.SetHtmlContent(
            $"<a href=\"{HtmlEncoder.Default.Encode(request.PathBase + request.Path + qb.ToQueryString())}\" class=\"sort-link\" data-sort=\"{HtmlEncoder.Default.Encode(Column)}\">{label}" +
            $" <i class=\"bi {indicator} sort-indicator\" aria-hidden=\"true\"></i></a>");
    }
}
