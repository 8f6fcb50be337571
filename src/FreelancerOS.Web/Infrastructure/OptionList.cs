using System.Text;
using System.Text.Encodings.Web;

namespace FreelancerOS.Web.Infrastructure;

/// <summary>
/// A long list of &lt;option&gt;s written once as text (names encoded), for a page that shows the same list many times
/// or a list too long for the option tag helper's cost per option. <paramref name="marks"/> appends attributes of an
/// option (already encoded) after its value.
/// </summary>
public static class OptionList
{
    public static string Html<T>(IEnumerable<T> items, Func<T, int> id, Func<T, string> name, Action<T, StringBuilder>? marks = null)
    {
        var b = new StringBuilder();
        foreach (var item in items)
        {
            b.Append("<option value=\"").Append(id(item)).Append('"');
            marks?.Invoke(item, b);
            b.Append('>').Append(Encode(name(item))).Append("</option>");
        }
        return b.ToString();
    }

    public static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
