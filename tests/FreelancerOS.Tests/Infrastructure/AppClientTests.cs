using System.Net;
using AngleSharp.Dom;

namespace FreelancerOS.Tests.Infrastructure;

/// <summary>The form helper posts what a browser would, and refuses what a person could not type.</summary>
public sealed class AppClientTests
{
    private sealed class Capture : HttpMessageHandler
    {
        public HttpRequestMessage? Request { get; private set; }
        public string Body { get; private set; } = "";

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Request = request;
            Body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.Redirect);
        }
    }

    private const string Html = """
        <form id="edit" action="/things/edit/7" method="post">
          <input type="hidden" name="__RequestVerificationToken" value="tok">
          <input name="Name" value="Old name">
          <textarea name="Notes">Old notes</textarea>
          <select name="Kind"><option value="1">One</option><option value="2">Two</option></select>
          <input type="checkbox" name="Active" value="true" checked><input type="hidden" name="Active" value="false">
          <input type="radio" name="Size" value="S" checked><input type="radio" name="Size" value="L">
          <input name="Locked" value="x" disabled>
          <button type="submit" name="step" value="save">Save</button>
          <button type="submit" name="step" value="issue">Issue</button>
          <button type="submit" formaction="/things/copy/7">Copy</button>
        </form>
        """;

    private static async Task<(AppClient Client, Capture Capture, IDocument Page)> PageAsync()
    {
        var capture = new Capture();
        var client = new AppClient(new HttpClient(capture) { BaseAddress = new Uri("http://localhost/") });
        var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent($"<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>{Html}</body></html>"),
            RequestMessage = new HttpRequestMessage(HttpMethod.Get, "http://localhost/things/edit/7"),
        };
        return (client, capture, await AppClient.ParseAsync(response));
    }

    private static List<KeyValuePair<string, string>> Fields(string body) =>
        body.Split('&').Select(p => p.Split('=')).Select(p => new KeyValuePair<string, string>(Uri.UnescapeDataString(p[0].Replace('+', ' ')), Uri.UnescapeDataString(p[1].Replace('+', ' ')))).ToList();

    [Fact]
    public async Task Submit_SendsTheFormsFields_WithTheTypedValues_AndTheFirstButton()
    {
        var (client, capture, page) = await PageAsync();
        await client.SubmitAsync(page, "#edit", new Dictionary<string, string> { ["Name"] = "Café & co", ["Kind"] = "2", ["Size"] = "L", ["Active"] = "false" });

        Assert.Equal(HttpMethod.Post, capture.Request!.Method);
        Assert.Equal("/things/edit/7", capture.Request.RequestUri!.AbsolutePath);
        Assert.Equal(
            ["__RequestVerificationToken=tok", "Name=Café & co", "Notes=Old notes", "Kind=2", "Active=false", "Size=L", "step=save"],
            Fields(capture.Body).Select(f => $"{f.Key}={f.Value}"));
        // The page is left as it was, for the next submission.
        Assert.Equal("Old name", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("[name=Name]")!.Value);
    }

    [Fact]
    public async Task Submit_ClicksTheButtonNamedInTheValues_OrMatchedByTheSelector_AndHonoursFormaction()
    {
        var (client, capture, page) = await PageAsync();
        await client.SubmitAsync(page, "#edit", new Dictionary<string, string> { ["step"] = "issue" });
        Assert.Contains(new KeyValuePair<string, string>("step", "issue"), Fields(capture.Body));
        Assert.DoesNotContain(new KeyValuePair<string, string>("step", "save"), Fields(capture.Body));

        await client.SubmitAsync(page, "#edit", submitterSelector: "button[formaction]");
        Assert.Equal("/things/copy/7", capture.Request!.RequestUri!.AbsolutePath);
        Assert.DoesNotContain(Fields(capture.Body), f => f.Key == "step");
    }

    [Theory]
    [InlineData("Missing", "x", "has no field 'Missing'")]
    [InlineData("Kind", "3", "offers no option '3'")]
    [InlineData("Size", "XL", "has no box of value 'XL'")]
    [InlineData("Locked", "y", "'Locked'")]
    [InlineData("step", "delete", "has no submit button step=delete")]
    public async Task Submit_FailsOnWhatAPersonCouldNotType_NamingTheFieldAndTheForm(string field, string value, string message)
    {
        var (client, capture, page) = await PageAsync();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.SubmitAsync(page, "#edit", new Dictionary<string, string> { [field] = value }));
        Assert.Contains(message, error.Message);
        Assert.Contains("#edit", error.Message);
        Assert.Null(capture.Request);
    }

    [Fact]
    public async Task SubmitForged_SendsTheForgedValues_InPlaceOfTheFormsOwn()
    {
        var (client, capture, page) = await PageAsync();
        await client.SubmitForgedAsync(page, "#edit", new Dictionary<string, string> { ["Kind"] = "99", ["UserId"] = "someone-else", ["Name"] = "Typed" });
        var fields = Fields(capture.Body);
        Assert.Equal(["99"], fields.Where(f => f.Key == "Kind").Select(f => f.Value));
        Assert.Contains(new KeyValuePair<string, string>("UserId", "someone-else"), fields);
        Assert.Contains(new KeyValuePair<string, string>("Name", "Typed"), fields);
    }
}
