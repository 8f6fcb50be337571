using AngleSharp.Dom;
using System.Net;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;
using static FreelancerOS.Tests.Invoices.InvoiceSteps;
using static FreelancerOS.Tests.Invoices.InvoiceDocumentTests;

namespace FreelancerOS.Tests.Invoices;

/// <summary>An issued invoice's public link: signed out, revocable, one invoice only, its first view recorded once.</summary>
public sealed class PublicLinkTests(TestApp app) : IClassFixture<TestApp>
{
    private async Task<(AppClient Owner, int InvoiceId, string Link)> SharedInvoiceAsync(string clientName = "Public Reader Ltd")
    {
        var owner = await FreelancerAsync(app);
        var clientId = await CreateBillableClientAsync(owner, clientName);
        var id = await CreateDraftAsync(owner, clientId, ("Website redesign", "1", "4800"));
        await IssueAsync(owner, id);
        var details = await owner.GetPageAsync($"/invoices/details/{id}");
        var created = await owner.SubmitAsync(details, $"form[action='/invoices/share/{id}']");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        details = await owner.GetPageAsync($"/invoices/details/{id}");
        var link = details.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("[data-role=share-url]")!.Value;
        Assert.NotNull(details.QuerySelector("[data-role=copy-link][data-copy-target='#share-url']"));
        return (owner, id, new Uri(link).AbsolutePath);
    }

    private Task<List<InvoiceEvent>> EventsAsync(int invoiceId) =>
        app.WithDbAsync(db => db.InvoiceEvents.Where(e => e.InvoiceId == invoiceId).OrderBy(e => e.Id).ToListAsync());

    [Fact]
    public async Task PublicLink_WorksSignedOut_PageAndPdf_WithPaymentInstructions_NoIndexNoCacheNoReferrer()
    {
        var (_, _, link) = await SharedInvoiceAsync();
        Assert.Matches("^/i/[A-Za-z0-9_-]{43}$", link); // 256 random bits, URL-safe

        using var visitor = app.NewClient();
        var response = await visitor.Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("noindex", string.Join(",", response.Headers.GetValues("X-Robots-Tag")));
        Assert.Equal("no-referrer", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
        Assert.True(response.Headers.CacheControl!.NoStore);
        var page = await AppClient.ParseAsync(response);
        Assert.Contains("noindex", page.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
        Assert.Contains("INV-2026-0001", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Website redesign", page.QuerySelector("[data-role=lines]")!.TextContent);
        Assert.Contains("IBAN NL91 ABNA 0417 1643 00", page.QuerySelector("[data-role=payment-instructions]")!.TextContent);
        Assert.Contains("DE129273398", page.Body!.TextContent);

        var pdfHref = page.QuerySelector("[data-role=public-pdf]")!.GetAttribute("href")!;
        Assert.Equal(link + "/pdf", pdfHref);
        var pdf = await visitor.Http.GetAsync(pdfHref);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        var (text, _) = await ReadPdfAsync(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Contains("INV-2026-0001", text);
        Assert.Contains("IBAN NL91 ABNA 0417 1643 00", text);
    }

    [Fact]
    public async Task PublicPage_HasNoLinkIntoTheApp_AndAppPagesStillAskToSignIn()
    {
        var (_, id, link) = await SharedInvoiceAsync();
        using var visitor = app.NewClient();
        var page = await visitor.GetPageAsync(link);
        Assert.Null(page.QuerySelector("nav"));
        Assert.Null(page.QuerySelector("form"));
        var hrefs = page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).ToList();
        Assert.All(hrefs, h => Assert.StartsWith(link, h));

        foreach (var url in new[] { $"/invoices/details/{id}", $"/invoices/pdf/{id}", "/invoices", "/clients", "/settings" })
        {
            var response = await visitor.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath);
        }
    }

    [Fact]
    public async Task PublicLink_ShowsOnlyItsOwnInvoice_AndAnAlteredOrRevokedTokenIs404()
    {
        var (owner, id, link) = await SharedInvoiceAsync();
        var otherId = await CreateDraftAsync(owner, await CreateClientAsync(owner, "Other Client Ltd"), ("Secret other work", "1", "999"));
        await IssueAsync(owner, otherId);

        using var visitor = app.NewClient();
        var page = await visitor.GetPageAsync(link);
        Assert.DoesNotContain("Secret other work", page.Body!.TextContent);
        Assert.DoesNotContain("Other Client Ltd", page.Body!.TextContent);

        var token = link["/i/".Length..];
        var altered = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');
        foreach (var bad in new[] { $"/i/{altered}", $"/i/{altered}/pdf", $"/i/{token.ToLowerInvariant()}x", "/i/x", $"/i/{new string('a', 500)}", $"/i/{id}" })
            Assert.Equal(HttpStatusCode.NotFound, (await visitor.Http.GetAsync(bad)).StatusCode);

        var details = await owner.GetPageAsync($"/invoices/details/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SubmitAsync(details, $"form[action='/invoices/unshare/{id}']")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.Http.GetAsync(link)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.Http.GetAsync(link + "/pdf")).StatusCode);
        Assert.Equal([InvoiceEventKind.LinkCreated, InvoiceEventKind.ViewedByClient, InvoiceEventKind.LinkRevoked],
            (await EventsAsync(id)).Select(e => e.Kind));

        // A new link is a new token: the old one stays dead.
        details = await owner.GetPageAsync($"/invoices/details/{id}");
        await owner.SubmitAsync(details, $"form[action='/invoices/share/{id}']");
        details = await owner.GetPageAsync($"/invoices/details/{id}");
        var fresh = new Uri(details.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("[data-role=share-url]")!.Value).AbsolutePath;
        Assert.NotEqual(link, fresh);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.Http.GetAsync(link)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.Http.GetAsync(fresh)).StatusCode);
    }

    [Fact]
    public async Task FirstView_IsRecordedOnce_InTheHistory_NotForTheOwnerOrReloads()
    {
        var (owner, id, link) = await SharedInvoiceAsync();
        Assert.Equal(HttpStatusCode.OK, (await owner.Http.GetAsync(link)).StatusCode); // the owner checking it
        Assert.DoesNotContain(await EventsAsync(id), e => e.Kind == InvoiceEventKind.ViewedByClient);

        using var visitor = app.NewClient();
        for (var k = 0; k < 3; k++) Assert.Equal(HttpStatusCode.OK, (await visitor.Http.GetAsync(link)).StatusCode);
        await visitor.Http.GetAsync(link + "/pdf");
        using var another = app.NewClient();
        await another.Http.GetAsync(link);
        Assert.Single(await EventsAsync(id), e => e.Kind == InvoiceEventKind.ViewedByClient);

        var history = (await owner.GetPageAsync($"/invoices/details/{id}")).QuerySelector("[data-role=history]")!.TextContent;
        Assert.Contains("Viewed by the client", history);
        Assert.Contains("Public link created", history);
    }

    [Fact]
    public async Task Draft_CannotBeShared()
    {
        var owner = await FreelancerAsync(app);
        var id = await CreateDraftAsync(owner, await CreateClientAsync(owner, "Draft Only Ltd"));
        var details = await owner.GetPageAsync($"/invoices/details/{id}");
        Assert.Null(details.QuerySelector($"form[action='/invoices/share/{id}']"));
        Assert.Contains("cannot be shared", details.QuerySelector("[data-role=share-link]")!.TextContent);

        // Posted anyway: refused with a message, no link.
        var id2 = id;
        var token = details.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await owner.Http.PostAsync($"/invoices/share/{id2}", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("cannot be shared", (await owner.GetPageAsync($"/invoices/details/{id2}")).QuerySelector("[role=alert]")?.TextContent ?? "");
        Assert.Null(await app.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().Where(i => i.Id == id2).Select(i => i.PublicToken).SingleAsync()));
    }

    [Fact]
    public async Task CreateOrRevoke_OnAnotherAccountsInvoice_Is404()
    {
        var (_, id, link) = await SharedInvoiceAsync();
        var intruder = await app.SignedInClientAsync();
        var page = await intruder.GetPageAsync("/invoices");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
                    ?? page.QuerySelector("meta[name=csrf-token]")!.GetAttribute("content")!;
        foreach (var action in new[] { "share", "unshare" })
        {
            var response = await intruder.Http.PostAsync($"/invoices/{action}/{id}", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        foreach (var bad in new[] { "/invoices/share/abc", "/invoices/share/-1", "/invoices/unshare/999999" })
        {
            var response = await intruder.Http.PostAsync(bad, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{bad}: {response.StatusCode}");
        }
        using var visitor = app.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await visitor.Http.GetAsync(link)).StatusCode); // still shared
    }
}
