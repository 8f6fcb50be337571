using System.Net;
using System.Net.Http.Headers;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace FreelancerOS.Tests.Infrastructure;

/// <summary>
/// Drives the app like a browser: GET a page, parse it, fill in its real form (antiforgery token
/// included, since it is one of the form's fields) and post it.
/// </summary>
public sealed class AppClient(HttpClient http) : IDisposable
{
    public HttpClient Http { get; } = http;
    public string? Email { get; private set; }

    public async Task<IDocument> GetPageAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await Http.GetAsync(url);
        Assert.True(expected == response.StatusCode, $"GET {url}: expected {expected}, got {response.StatusCode}");
        return await ParseAsync(response);
    }

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(req => req.Content(html).Address(response.RequestMessage?.RequestUri?.ToString() ?? "http://localhost/"));
    }

    /// <summary>
    /// Fills the form found by <paramref name="formSelector"/> as a person would (type into its fields,
    /// tick its boxes, pick offered options) and clicks its submit button: the one matched by
    /// <paramref name="submitterSelector"/> or named in <paramref name="values"/> (name = button's value),
    /// else the form's first. AngleSharp builds the request, so the button's name/value, formaction and
    /// formmethod are honoured. A value for a field the form does not have, an option it does not
    /// offer or a disabled field fails the test: hostile tests use <see cref="SubmitForgedAsync"/>.
    /// </summary>
    public Task<HttpResponseMessage> SubmitAsync(IDocument page, string formSelector, IDictionary<string, string>? values = null, string? submitterSelector = null) =>
        SubmitFormAsync(page, formSelector, values, submitterSelector, forge: false);

    /// <summary>
    /// Like <see cref="SubmitAsync"/>, but a value the form cannot send (no such field, an option not
    /// offered, a disabled field) is sent anyway, replacing the form's own: for tests of a hostile user
    /// who edits the request.
    /// </summary>
    public Task<HttpResponseMessage> SubmitForgedAsync(IDocument page, string formSelector, IDictionary<string, string> values, string? submitterSelector = null) =>
        SubmitFormAsync(page, formSelector, values, submitterSelector, forge: true);

    private async Task<HttpResponseMessage> SubmitFormAsync(IDocument page, string formSelector, IDictionary<string, string>? values, string? submitterSelector, bool forge)
    {
        var form = page.QuerySelector<IHtmlFormElement>(formSelector)
                   ?? throw new InvalidOperationException($"No form '{formSelector}' on {page.Url}.");
        var filler = new FormFiller(form, $"form '{formSelector}' on {page.Url}");
        // The page stays as it was, so a test can submit the same page again with other values.
        var saved = filler.Save();
        try
        {
            var forged = new List<KeyValuePair<string, string>>();
            IHtmlElement? submitter = submitterSelector is null ? null : filler.Button(page, submitterSelector);
            foreach (var (name, value) in values ?? new Dictionary<string, string>())
            {
                if (filler.ButtonNamed(name, value) is { } button)
                {
                    if (submitter is not null && submitter != button)
                        throw new InvalidOperationException($"Two submit buttons chosen for the {filler.Label}: '{submitterSelector}' and {name}={value}.");
                    submitter = button;
                    continue;
                }
                var problem = filler.Set(name, value);
                if (problem is null) continue;
                if (!forge) throw new InvalidOperationException($"{problem} (a hostile test forges it with SubmitForgedAsync).");
                forged.Add(new(name, value));
            }
            submitter ??= filler.DefaultButton();
            return await Http.SendAsync(filler.Request(submitter, forged));
        }
        finally
        {
            saved();
        }
    }

    /// <summary>What a browser would send for the form (without a submit button): every named, enabled control it owns (also by form="...").</summary>
    public static List<KeyValuePair<string, string>> FormFields(IHtmlFormElement form)
    {
        var filler = new FormFiller(form, "form");
        var saved = filler.Save();
        try
        {
            filler.SelectFirstOptions();
            filler.UrlEncoded();
            var submission = form.GetSubmission() ?? throw new InvalidOperationException("The form cannot be submitted.");
            return FormFiller.Decode(submission);
        }
        finally
        {
            saved();
        }
    }

    /// <summary>An htmx-style POST: the token from the page's csrf meta tag in the header, HX-Request set.</summary>
    public async Task<HttpResponseMessage> HtmxPostAsync(IDocument page, string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("HX-Request", "true");
        var token = page.QuerySelector("meta[name=csrf-token]")?.GetAttribute("content");
        if (token is not null) request.Headers.Add("RequestVerificationToken", token);
        return await Http.SendAsync(request);
    }

    public async Task RegisterAsync(string email, string password = "Correct-horse-42", string currency = "EUR")
    {
        var page = await GetPageAsync("/account/register");
        var response = await SubmitAsync(page, "form[action='/account/register']", new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = password, ["ConfirmPassword"] = password, ["HomeCurrency"] = currency,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Registration of {email} failed: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Email = email;
    }

    public async Task<HttpResponseMessage> LoginAsync(string email, string password = "Correct-horse-42")
    {
        var page = await GetPageAsync("/account/login");
        var response = await SubmitAsync(page, "form[action='/account/login']", new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = password,
        });
        if (response.StatusCode == HttpStatusCode.Redirect) Email = email;
        return response;
    }

    /// <summary>The id at the end of a redirect such as /clients/details/12.</summary>
    public static int IdFromRedirect(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var path = response.Headers.Location!.OriginalString.Split('?')[0];
        return int.Parse(path[(path.LastIndexOf('/') + 1)..]);
    }

    public static string FieldError(IDocument page, string field) =>
        page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() ?? "";

    public void Dispose() => Http.Dispose();
}
