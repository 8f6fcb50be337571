using System.Globalization;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace FreelancerOS.Web.Infrastructure;

/// <summary>
/// <c>&lt;time asp-date="@d"&gt;&lt;/time&gt;</c>: a date in the account's format (its culture, set per request)
/// with the ISO date kept in the datetime attribute for machines and tests.
/// </summary>
[HtmlTargetElement("time", Attributes = "asp-date")]
public sealed class DateTagHelper : TagHelper
{
    [HtmlAttributeName("asp-date")]
    public DateOnly? Date { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (Date is not { } d)
        {
            output.SuppressOutput();
            return;
        }
        output.Attributes.SetAttribute("datetime", d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        output.Content.SetContent(Dates.Show(d));
    }
}

/// <summary>Dates in the account's format where a tag cannot go (labels, titles, sentences).</summary>
public static class Dates
{
    public static string Show(DateOnly date) => date.ToString("d", CultureInfo.CurrentCulture);

    public static string Show(DateOnly? date) => date is { } d ? Show(d) : "";
}
