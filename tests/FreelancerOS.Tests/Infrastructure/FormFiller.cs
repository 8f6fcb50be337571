using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Io;

namespace FreelancerOS.Tests.Infrastructure;

/// <summary>
/// Fills a parsed form the way a person in a browser can, and turns AngleSharp's own submission of
/// it into an HTTP request. Anything a person could not do (a field the form lacks, an option it does
/// not offer, a disabled control) is reported back instead of done.
/// </summary>
internal sealed class FormFiller(IHtmlFormElement form, string label)
{
    public string Label { get; } = label;

    private List<IElement> Controls => form.Elements.Cast<IElement>().ToList();

    private List<IElement> Named(string name) => Controls.Where(e => e.GetAttribute("name") == name).ToList();

    private static bool IsSubmitButton(IElement e) =>
        e is IHtmlButtonElement b ? (b.Type ?? "submit").Equals("submit", StringComparison.OrdinalIgnoreCase)
        : e is IHtmlInputElement i && (i.Type ?? "").ToLowerInvariant() is "submit" or "image";

    private static bool IsDisabled(IElement e) => e.HasAttribute("disabled") || e.Closest("fieldset[disabled]") is not null;

    private string Names() => string.Join(", ", Controls.Select(e => e.GetAttribute("name")).Where(n => !string.IsNullOrEmpty(n)).Distinct());

    /// <summary>Remembers every control's state and gives back how to put it back.</summary>
    public Action Save()
    {
        var restore = new List<Action>();
        foreach (var element in Controls)
        {
            switch (element)
            {
                case IHtmlInputElement input:
                    var (value, isChecked) = (input.Value, input.IsChecked);
                    restore.Add(() => { input.Value = value; input.IsChecked = isChecked; });
                    break;
                case IHtmlTextAreaElement area:
                    var text = area.Value;
                    restore.Add(() => area.Value = text);
                    break;
                case IHtmlSelectElement select:
                    var selected = select.Options.Select(o => (o, o.IsSelected)).ToList();
                    restore.Add(() => selected.ForEach(s => s.o.IsSelected = s.IsSelected));
                    break;
            }
        }
        var attributes = new[] { "enctype", "novalidate" }.Select(a => (a, form.GetAttribute(a))).ToList();
        return () =>
        {
            restore.ForEach(r => r());
            foreach (var (name, value) in attributes)
            {
                if (value is null) form.RemoveAttribute(name); else form.SetAttribute(name, value);
            }
        };
    }

    /// <summary>A select showing one option sends its first when none is marked selected (AngleSharp sends none).</summary>
    public void SelectFirstOptions()
    {
        foreach (var select in Controls.OfType<IHtmlSelectElement>())
        {
            if (select.IsMultiple || select.Options.Any(o => o.IsSelected)) continue;
            if (select.Options.FirstOrDefault(o => !o.IsDisabled) is { } first) first.IsSelected = true;
        }
    }

    /// <summary>The submit button matched by a selector on the page, which must be this form's and enabled.</summary>
    public IHtmlElement Button(IDocument page, string selector)
    {
        var element = page.QuerySelector(selector) ?? throw new InvalidOperationException($"No submit button '{selector}' on {page.Url}.");
        if (!Controls.Contains(element) || !IsSubmitButton(element))
            throw new InvalidOperationException($"'{selector}' is not a submit button of the {Label}.");
        if (IsDisabled(element)) throw new InvalidOperationException($"The submit button '{selector}' of the {Label} is disabled.");
        return (IHtmlElement)element;
    }

    /// <summary>The form's submit button of that name and value (a person picks it by clicking it), or null when the name is not a button's.</summary>
    public IHtmlElement? ButtonNamed(string name, string value)
    {
        var named = Named(name);
        if (named.Count == 0 || !named.All(IsSubmitButton)) return null;
        var button = named.FirstOrDefault(b => ButtonValue(b) == value)
                     ?? throw new InvalidOperationException($"The {Label} has no submit button {name}={value} (its buttons: {string.Join(", ", named.Select(ButtonValue))}).");
        if (IsDisabled(button)) throw new InvalidOperationException($"The submit button {name}={value} of the {Label} is disabled.");
        return (IHtmlElement)button;
    }

    private static string ButtonValue(IElement button) => button.GetAttribute("value") ?? "";

    /// <summary>The button a person clicks: the form's first submit button, or none when the form has none (it is submitted by script).</summary>
    public IHtmlElement? DefaultButton()
    {
        var first = Controls.FirstOrDefault(IsSubmitButton);
        if (first is not null && IsDisabled(first)) throw new InvalidOperationException($"The submit button of the {Label} is disabled.");
        return (IHtmlElement?)first;
    }

    /// <summary>Types, ticks or picks <paramref name="value"/> in the field <paramref name="name"/>; returns why a person could not, or null.</summary>
    public string? Set(string name, string value)
    {
        var named = Named(name).Where(e => !IsSubmitButton(e)).ToList();
        if (named.Count == 0) return $"The {Label} has no field '{name}' (its fields: {Names()})";
        var enabled = named.Where(e => !IsDisabled(e)).ToList();
        if (enabled.Count == 0) return $"The field '{name}' of the {Label} is disabled";

        var boxes = enabled.OfType<IHtmlInputElement>().Where(i => (i.Type ?? "").ToLowerInvariant() is "checkbox" or "radio").ToList();
        if (boxes.Count > 0) return Tick(name, value, boxes);

        switch (enabled[0])
        {
            case IHtmlSelectElement select:
                var option = select.Options.FirstOrDefault(o => o.Value == value && !o.IsDisabled);
                if (option is null)
                    return $"The field '{name}' of the {Label} offers no option '{value}' (its options: {string.Join(", ", select.Options.Select(o => o.Value))})";
                foreach (var other in select.Options) other.IsSelected = other == option;
                return null;
            case IHtmlTextAreaElement area:
                area.Value = value;
                return null;
            case IHtmlInputElement { Type: "file" }:
                return $"The field '{name}' of the {Label} is a file input (post files with MultipartFormDataContent)";
            case IHtmlInputElement input:
                input.Value = value;
                return null;
            default:
                return $"The field '{name}' of the {Label} is a {enabled[0].LocalName}, which takes no value";
        }
    }

    /// <summary>
    /// A radio or checkbox of that value is checked (a radio unchecks its group). For ASP.NET's lone
    /// checkbox (value "true", with a hidden "false" beside it) "false" unticks it, as does "" for any.
    /// </summary>
    private string? Tick(string name, string value, List<IHtmlInputElement> boxes)
    {
        var match = boxes.FirstOrDefault(b => (b.GetAttribute("value") ?? "on") == value);
        if (match is not null)
        {
            if (match.Type == "radio") boxes.ForEach(b => b.IsChecked = false);
            match.IsChecked = true;
            return null;
        }
        var checkboxes = boxes.Where(b => b.Type == "checkbox").ToList();
        if (checkboxes.Count == 1 && value is "" or "false" or "off")
        {
            checkboxes[0].IsChecked = false;
            return null;
        }
        if (checkboxes.Count == 1 && value is "true" or "on")
        {
            checkboxes[0].IsChecked = true;
            return null;
        }
        return $"The field '{name}' of the {Label} has no box of value '{value}' (its values: {string.Join(", ", boxes.Select(b => b.GetAttribute("value") ?? "on"))})";
    }

    /// <summary>The request AngleSharp builds for a click on <paramref name="submitter"/>, with any forged values put in place of the form's.</summary>
    public HttpRequestMessage Request(IHtmlElement? submitter, IReadOnlyList<KeyValuePair<string, string>> forged)
    {
        SelectFirstOptions();
        // The browser's own checks (required, min, pattern) are left to the server's validation, which the
        // tests exercise with values a browser would hold back.
        form.SetAttribute("novalidate", "");
        var submission = (submitter is null ? form.GetSubmission() : form.GetSubmission(submitter))
                         ?? throw new InvalidOperationException($"AngleSharp would not submit the {Label}.");
        var target = submitter?.GetAttribute("formaction") is { Length: > 0 } formAction
            ? new Uri(new Uri(form.Owner!.Url), formAction)
            : new Uri(submission.Target.Href);
        if (submission.Method == AngleSharp.Io.HttpMethod.Get)
        {
            var query = Patch(Parse(target.Query.TrimStart('?')), forged);
            var builder = new UriBuilder(target) { Query = string.Join("&", query.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}")) };
            return new HttpRequestMessage(System.Net.Http.HttpMethod.Get, builder.Uri.PathAndQuery);
        }
        var request = new HttpRequestMessage(System.Net.Http.HttpMethod.Post, target.PathAndQuery);
        var contentType = submission.Headers.TryGetValue(HeaderNames.ContentType, out var type) ? type : MimeTypeNames.UrlencodedForm;
        if (forged.Count > 0)
        {
            if (contentType.StartsWith(MimeTypeNames.UrlencodedForm, StringComparison.OrdinalIgnoreCase))
            {
                request.Content = new FormUrlEncodedContent(Patch(Decode(submission), forged));
                return request;
            }
            // A multipart form: its text fields read back url-encoded, patched, and sent multipart again (no files).
            UrlEncoded();
            var fields = Decode((submitter is null ? form.GetSubmission() : form.GetSubmission(submitter))!);
            var multipart = new MultipartFormDataContent();
            foreach (var (key, value) in Patch(fields, forged)) multipart.Add(new StringContent(value), key);
            request.Content = multipart;
            return request;
        }
        var body = new MemoryStream();
        submission.Body.CopyTo(body);
        request.Content = new ByteArrayContent(body.ToArray());
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return request;
    }

    private static List<KeyValuePair<string, string>> Patch(List<KeyValuePair<string, string>> fields, IReadOnlyList<KeyValuePair<string, string>> forged)
    {
        foreach (var (key, value) in forged)
        {
            fields.RemoveAll(f => f.Key == key);
            fields.Add(new(key, value));
        }
        return fields;
    }

    /// <summary>The name/value pairs of a url-encoded submission (GET query or POST body).</summary>
    public static List<KeyValuePair<string, string>> Decode(DocumentRequest submission)
    {
        if (submission.Method == AngleSharp.Io.HttpMethod.Get) return Parse(new Uri(submission.Target.Href).Query.TrimStart('?'));
        submission.Body.Position = 0;
        using var reader = new StreamReader(submission.Body, leaveOpen: true);
        return Parse(reader.ReadToEnd());
    }

    private static List<KeyValuePair<string, string>> Parse(string encoded) =>
        encoded.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            var parts = pair.Split('=', 2);
            return new KeyValuePair<string, string>(Unescape(parts[0]), parts.Length > 1 ? Unescape(parts[1]) : "");
        }).ToList();

    private static string Unescape(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));

    /// <summary>Makes the form url-encoded (until the saved state is restored), so its fields can be read back.</summary>
    public void UrlEncoded() => form.SetAttribute("enctype", MimeTypeNames.UrlencodedForm);
}
