using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace FreelancerOS.Web.Infrastructure;

/// <summary>
/// A piece of hand-written HTML (the workflow grid's rows, the timesheet's cells, the time page's options): it writes itself
/// to the response when the view is flushed, with Razor's encoder, instead of a buffer entry per value and attribute or a
/// string of the whole piece built first.
/// </summary>
public sealed class WrittenHtml(Action<TextWriter, HtmlEncoder> write) : IHtmlContent
{
    public void WriteTo(TextWriter writer, HtmlEncoder encoder) => write(writer, encoder);

    /// <summary>An id: invariant digits, no string of its own.</summary>
    public static void Number(TextWriter writer, int value)
    {
        Span<char> digits = stackalloc char[11];
        value.TryFormat(digits, out var n, provider: CultureInfo.InvariantCulture);
        writer.Write(digits[..n]);
    }
}
