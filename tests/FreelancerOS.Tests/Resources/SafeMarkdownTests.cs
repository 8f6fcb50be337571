using AngleSharp;
using AngleSharp.Dom;
using FreelancerOS.Web.Infrastructure;

namespace FreelancerOS.Tests.Resources;

public sealed class SafeMarkdownTests
{
    private static IDocument Parse(string html) =>
        BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content("<body>" + html + "</body>")).GetAwaiter().GetResult();

    /// <summary>Nothing left that a browser would run or that points anywhere but http(s)/mailto.</summary>
    private static void AssertInert(IDocument doc)
    {
        Assert.Empty(doc.QuerySelectorAll("script, iframe, object, embed, style, form, svg, math, base, meta, link"));
        foreach (var element in doc.Body!.QuerySelectorAll("*"))
        {
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"<{element.LocalName} {attribute.Name}> survived");
                Assert.NotEqual("style", attribute.Name);
                if (attribute.Name is "href" or "src")
                    Assert.Matches("^(https?://|mailto:)", attribute.Value);
            }
        }
    }

    [Fact]
    public void RawHtml_IsShownAsText_NeverAsElements()
    {
        var md = "Hello <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n<div onclick=\"x()\">block</div>\n\n<a href=\"javascript:alert(1)\">a</a>";
        var html = SafeMarkdown.ToHtml(md);
        var doc = Parse(html);
        AssertInert(doc);
        Assert.Empty(doc.QuerySelectorAll("img, div, a"));
        Assert.Contains("<script>alert(1)</script>", doc.Body!.TextContent);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JavaScript:alert(1))")]
    [InlineData("[click]( javascript:alert(1) )")]
    [InlineData("[click](&#106;avascript:alert(1))")]
    [InlineData("[click](java&#9;script:alert(1))")]
    [InlineData("[click](vbscript:msgbox(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("[click](file:///etc/passwd)")]
    [InlineData("[click][r]\n\n[r]: javascript:alert(1)")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("[click](//evil.example/x)")]
    [InlineData("[click](/relative)")]
    public void UnsafeLinks_AreReducedToTheirText(string md)
    {
        var doc = Parse(SafeMarkdown.ToHtml(md));
        AssertInert(doc);
        Assert.Empty(doc.QuerySelectorAll("a"));
        if (md.StartsWith("[click]", StringComparison.Ordinal)) Assert.StartsWith("click", doc.Body!.TextContent.Trim());
    }

    [Theory]
    [InlineData("![pic](javascript:alert(1))")]
    [InlineData("![pic](data:image/svg+xml;base64,PHN2Zy8+)")]
    [InlineData("![pic](x \"t\")")]
    public void UnsafeImages_LeaveOnlyTheirAltText(string md)
    {
        var doc = Parse(SafeMarkdown.ToHtml(md));
        AssertInert(doc);
        Assert.Empty(doc.QuerySelectorAll("img"));
        Assert.Equal("pic", doc.Body!.TextContent.Trim());
    }

    [Theory]
    [InlineData("[site](https://example.com/a?b=1)", "https://example.com/a?b=1")]
    [InlineData("[site](http://example.com)", "http://example.com")]
    [InlineData("<https://example.com>", "https://example.com")]
    [InlineData("see https://example.com today", "https://example.com")]
    [InlineData("[mail](mailto:me@example.com)", "mailto:me@example.com")]
    public void SafeLinks_KeepTheirTarget_AndOpenWithNoopener(string md, string href)
    {
        var doc = Parse(SafeMarkdown.ToHtml(md));
        AssertInert(doc);
        var a = Assert.Single(doc.QuerySelectorAll("a"));
        Assert.Equal(href, a.GetAttribute("href"));
        Assert.Equal("noopener noreferrer", a.GetAttribute("rel"));
    }

    [Fact]
    public void AttributeSyntax_IsNotEnabled()
    {
        var doc = Parse(SafeMarkdown.ToHtml("# Title {onclick=alert(1) style=color:red}\n\n[x](https://example.com){onmouseover=alert(1)}"));
        AssertInert(doc);
    }

    [Fact]
    public void Markdown_IsRendered()
    {
        var doc = Parse(SafeMarkdown.ToHtml("# Taxes\n\n**Pay** on time.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\n<b>code</b>\n```"));
        Assert.Equal("Taxes", doc.QuerySelector("h1")!.TextContent);
        Assert.Equal("Pay", doc.QuerySelector("strong")!.TextContent);
        Assert.NotNull(doc.QuerySelector("table"));
        Assert.Equal("<b>code</b>\n", doc.QuerySelector("pre code")!.TextContent);
        Assert.Equal("", SafeMarkdown.ToHtml(null));
        Assert.Equal("", SafeMarkdown.ToHtml("   "));
    }

    [Fact]
    public void Tasks_RenderAsReadOnlyCheckboxesWithTheirText()
    {
        var doc = Parse(SafeMarkdown.ToHtml("- [ ] File VAT\n- [x] Pay rent"));
        var boxes = doc.QuerySelectorAll("input[type=checkbox]");
        Assert.Equal(2, boxes.Length);
        Assert.All(boxes, b => Assert.True(b.HasAttribute("disabled")));
        Assert.False(boxes[0].HasAttribute("checked"));
        Assert.True(boxes[1].HasAttribute("checked"));
        Assert.Equal("To do: File VAT", boxes[0].GetAttribute("aria-label"));
    }

    [Fact]
    public void Tasks_CanBeDrawnByTheCaller_InReadingOrder()
    {
        var seen = new List<SafeMarkdown.TaskItem>();
        SafeMarkdown.ToHtml("- [ ] one\n  - [x] two `code`\n\n> - [ ] three", t => { seen.Add(t); return $"<b>{t.Index}</b>"; });
        Assert.Equal([0, 1, 2], seen.Select(t => t.Index));
        Assert.Equal(["one", "two code", "three"], seen.Select(t => t.Text));
        Assert.Equal([false, true, false], seen.Select(t => t.Done));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void TickingTheThirdOfFive_ChangesExactlyThatLine(string eol)
    {
        var lines = new[]
        {
            "# Year end", "", "```", "- [ ] not a task (in code)", "```", "",
            "- [ ] one", "- [x] two", "- [ ] three [link](https://example.com)", "  - [ ] four (nested)", "", "> - [ ] five", "", "Text after.",
        };
        var md = string.Join(eol, lines);
        Assert.Equal(5, SafeMarkdown.Tasks(md).Count);

        var ticked = SafeMarkdown.SetTaskDone(md, 2, done: true)!;
        var after = ticked.Split(eol);
        Assert.Equal(lines.Length, after.Length);
        for (var i = 0; i < lines.Length; i++)
            Assert.Equal(i == 8 ? "- [x] three [link](https://example.com)" : lines[i], after[i]);
        Assert.Equal(md.Length, ticked.Length);

        Assert.Equal(md, SafeMarkdown.SetTaskDone(ticked, 2, done: false));
        Assert.Equal("  - [x] four (nested)", SafeMarkdown.SetTaskDone(md, 3, true)!.Split(eol)[9]);
        Assert.Equal("> - [x] five", SafeMarkdown.SetTaskDone(md, 4, true)!.Split(eol)[11]);
        Assert.Equal("- [ ] two", SafeMarkdown.SetTaskDone(md, 1, false)!.Split(eol)[7]);
    }

    [Fact]
    public void TickingAnAlreadyTickedTask_ChangesNothing_AndAMissingTaskIsNull()
    {
        const string md = "- [X] done\n- [ ] open";
        Assert.Equal(md, SafeMarkdown.SetTaskDone(md, 0, true));
        Assert.Null(SafeMarkdown.SetTaskDone(md, 2, true));
        Assert.Null(SafeMarkdown.SetTaskDone(md, -1, true));
        Assert.Null(SafeMarkdown.SetTaskDone("", 0, true));
    }

    public static TheoryData<string> Pathological => new()
    {
        new string('[', 20_000) + new string(']', 20_000),
        string.Concat(Enumerable.Repeat("> ", 10_000)) + "- [ ] deep",
        string.Concat(Enumerable.Repeat("- ", 10_000)) + "[ ] deep",
        string.Concat(Enumerable.Repeat("*a ", 10_000)),
        string.Concat(Enumerable.Repeat("[x](", 5_000)),
        "| a |\n|---|\n" + string.Concat(Enumerable.Repeat("| [ ] b |\n", 5_000)),
        "\0\u202e<scr\0ipt>",
    };

    [Theory]
    [MemberData(nameof(Pathological))]
    public void PathologicalInput_RendersWithoutThrowing(string md)
    {
        var html = SafeMarkdown.ToHtml(md, t => $"<i>{t.Index}</i>");
        AssertInert(Parse(html));
        Assert.NotEmpty(html);
        _ = SafeMarkdown.SetTaskDone(md, 0, true);
        _ = SafeMarkdown.Tasks(md);
    }

    [Fact]
    public void TooDeeplyNestedText_IsShownAsTyped_AndReportedAsNotFormattable()
    {
        var md = string.Concat(Enumerable.Repeat("> ", 10_000)) + "<script>x</script>";
        Assert.False(SafeMarkdown.CanFormat(md));
        Assert.True(SafeMarkdown.CanFormat("# fine"));
        var doc = Parse(SafeMarkdown.ToHtml(md));
        Assert.Contains("<script>x</script>", doc.QuerySelector("pre")!.TextContent);
        Assert.Empty(SafeMarkdown.Tasks(md));
        Assert.Null(SafeMarkdown.SetTaskDone(md, 0, true));
    }
}
