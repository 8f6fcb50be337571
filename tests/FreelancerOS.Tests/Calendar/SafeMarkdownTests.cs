using FreelancerOS.Web.Infrastructure;

namespace FreelancerOS.Tests.Calendar;

public sealed class SafeMarkdownTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>", "<script")]
    [InlineData("<img src=x onerror=alert(1)>", "<img")]
    [InlineData("[x](javascript:alert(1))", "javascript:")]
    [InlineData("[x](JaVaScRiPt:alert(1))", "avascript:")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD4=)", "data:")]
    [InlineData("<javascript:alert(1)>", "href=\"javascript")]
    [InlineData("[x](vbscript:msgbox)", "vbscript:")]
    public void DangerousInput_IsNotRenderedAsMarkup(string markdown, string forbidden)
    {
        var html = SafeMarkdown.ToHtml(markdown);
        Assert.DoesNotContain(forbidden, html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void SafeMarkdown_KeepsFormattingAndAddsNoopenerToLinks()
    {
        var html = SafeMarkdown.ToHtml("**bold** [site](https://example.com) [rel](/calendar) [mail](mailto:a@example.com)");
        Assert.Contains("<strong>bold</strong>", html);
        Assert.Contains("<a href=\"https://example.com\" rel=\"noopener noreferrer\">site</a>", html);
        // One renderer for resources and agendas: relative targets are reduced to their text (see Resources/SafeMarkdownTests).
        Assert.DoesNotContain("href=\"/calendar\"", html);
        Assert.Contains("href=\"mailto:a@example.com\"", html);
        Assert.Equal("", SafeMarkdown.ToHtml(null));
        var tasks = SafeMarkdown.ToHtml("- [ ] open\n- [x] done");
        Assert.Contains("aria-label=\"To do: open\"", tasks);
        Assert.Contains("checked=\"checked\" aria-label=\"Done: done\"", tasks);
    }
}
