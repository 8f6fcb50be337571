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

    /// <summary>Posts the form found by <paramref name="formSelector"/> with its own fields, overridden by <paramref name="values"/>.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(IDocument page, string formSelector, IDictionary<string, string>? values = null, string? submitterSelector = null)
    {
        var form = page.QuerySelector<IHtmlFormElement>(formSelector)
                   ?? throw new InvalidOperationException($"No form '{formSelector}' on {page.Url}.");
        var fields = FormFields(form);
        if (values is not null)
        {
            foreach (var (key, value) in values)
            {
                fields.RemoveAll(f => f.Key == key);
                fields.Add(new(key, value));
            }
        }
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : new Uri(page.Url).PathAndQuery;
        return await Http.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>What a browser would send for the form: every named, enabled control it owns (also by form="...").</summary>
    public static List<KeyValuePair<string, string>> FormFields(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || element.HasAttribute("disabled")) continue;
            switch (element)
            {
                case IHtmlInputElement input:
                    var type = (input.Type ?? "text").ToLowerInvariant();
                    if (type is "submit" or "button" or "reset" or "file" or "image") continue;
                    if (type is "checkbox" or "radio")
                    {
                        if (input.IsChecked) fields.Add(new(name, input.Value ?? "on"));
                        continue;
                    }
                    fields.Add(new(name, input.Value ?? ""));
                    break;
                case IHtmlSelectElement select:
                    foreach (var option in select.Options.Where(o => o.IsSelected))
                        fields.Add(new(name, option.Value ?? option.Text));
                    if (!select.Options.Any(o => o.IsSelected) && select.Options.Length > 0 && !select.IsMultiple)
                        fields.Add(new(name, select.Options[0]!.Value ?? ""));
                    break;
                case IHtmlTextAreaElement area:
                    fields.Add(new(name, area.Value ?? ""));
                    break;
            }
        }
        return fields;
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
