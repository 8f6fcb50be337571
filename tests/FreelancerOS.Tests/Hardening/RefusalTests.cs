using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using FreelancerOS.Tests.Infrastructure;

namespace FreelancerOS.Tests.Hardening;

/// <summary>Requests a hostile or clumsy client can send get a refusal (4xx with a page), never a 500.</summary>
public sealed class RefusalTests(TestApp app) : IClassFixture<TestApp>
{
    private static async Task<HttpResponseMessage> PostRawAsync(AppClient client, string pageUrl, string formSelector, Func<List<KeyValuePair<string, string>>, HttpContent> body)
    {
        var page = await client.GetPageAsync(pageUrl);
        var form = page.QuerySelector<IHtmlFormElement>(formSelector)!;
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : new Uri(page.Url).PathAndQuery;
        return await client.Http.PostAsync(action, body(AppClient.FormFields(form)));
    }

    [Fact]
    public async Task Post_NulByteOnSignInPage_IsRefusedWithAPage()
    {
        var client = app.NewClient();
        var response = await PostRawAsync(client, "/account/login", "form[action='/account/login']", fields =>
        {
            fields.RemoveAll(f => f.Key is "Email" or "Password");
            fields.Add(new("Email", "a\0b@example.com"));
            fields.Add(new("Password", "x\0y"));
            return new FormUrlEncodedContent(fields);
        });
        Assert.True((int)response.StatusCode < 500, $"{response.StatusCode}");
        Assert.Contains("</html>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_NulByteInARecordForm_IsRefusedOrSaved_NeverA500()
    {
        var client = await app.SignedInClientAsync();
        var page = await client.GetPageAsync("/clients/create");
        var response = await client.SubmitAsync(page, "form[action='/clients/create']", new Dictionary<string, string> { ["Name"] = "Acme\0Ltd" });
        Assert.True((int)response.StatusCode < 500, $"{response.StatusCode}");
    }

    [Fact]
    public async Task Post_MalformedMultipart_Answers400Page()
    {
        var client = await app.SignedInClientAsync();
        var response = await PostRawAsync(client, "/ledger/create?kind=expense", "#entry-form", fields =>
        {
            var content = new StringContent("--xyz\r\nContent-Disposition: form-data; name=\"Description\"\r\n\r\nbroken", Encoding.UTF8);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");
            return content;
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("</html>", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task ErrorPage_RendersForEveryStatusAndMethod(string method)
    {
        var client = app.NewClient();
        foreach (var code in new[] { 400, 403, 404, 405, 413, 415, 431, 500, 503 })
        {
            var request = new HttpRequestMessage(new HttpMethod(method), $"/error/{code}");
            if (method != "GET") request.Content = new StringContent("a=\0&b=%00", Encoding.UTF8, "application/x-www-form-urlencoded");
            var response = await client.Http.SendAsync(request);
            Assert.True(code == (int)response.StatusCode, await response.Content.ReadAsStringAsync());
            Assert.Contains($"Error {code}", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Post_ReceiptOver10MB_Answers413WithTheFormsMessage()
    {
        var client = await app.SignedInClientAsync();
        var response = await PostRawAsync(client, "/ledger/create?kind=expense", "#entry-form", fields =>
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (k, v) in fields) multipart.Add(new StringContent(v), k);
            multipart.Add(new StringContent("Hotel"), "Description");
            var file = new ByteArrayContent(new byte[50 * 1024 * 1024]);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            multipart.Add(file, "Receipt", "big.pdf");
            return multipart;
        });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than 10 MB", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_CsvOver20MB_Answers413WithTheFormsMessage()
    {
        var client = await app.SignedInClientAsync();
        var response = await PostRawAsync(client, "/ledger/import", "#import-upload", fields =>
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (k, v) in fields) multipart.Add(new StringContent(v), k);
            multipart.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("2026-01-01,x,1\n", 50 * 1024 * 1024 / 15)))), "file", "big.csv");
            return multipart;
        });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than 20 MB", await response.Content.ReadAsStringAsync());
    }
}

public sealed class FormRedrawTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Post_TimeEntryWithBillableBanana_RedrawsTheFormWithAMessage()
    {
        var client = await app.SignedInClientAsync();
        var project = await Projects.Work.ProjectAsync(client, await Projects.Work.ClientAsync(client));
        var form = await client.GetPageAsync($"/time/create?projectId={project}");
        // A checkbox cannot say "Banana": a hand-made request.
        var response = await client.SubmitForgedAsync(form, "form[action='/time/create']", new Dictionary<string, string>
        {
            ["ProjectId"] = project.ToString(), ["Hours"] = "2", ["Date"] = "2026-11-20", ["Billable"] = "Banana",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Tick the box or leave it empty.", AppClient.FieldError(await AppClient.ParseAsync(response), "Billable"));
    }

    [Theory]
    [InlineData("/clients", "/clients/sort", "stage", "Lead")]
    [InlineData("/projects", "/projects/sort", "priority", "High")]
    [InlineData("/invoices", "/invoices/sort", "status", "Draft")]
    [InlineData("/services", "/services/sort", "status", "InProgress")]
    public async Task Post_EmptyIdListToABoardsSort_IsABadRequest(string board, string sort, string column, string value)
    {
        var client = await app.SignedInClientAsync();
        var page = await client.GetPageAsync(board);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.HtmxPostAsync(page, sort, [new(column, value)])).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.HtmxPostAsync(page, sort, [new(column, value), new("ids", "")])).StatusCode);
    }

    [Fact]
    public async Task Post_HundredThousandCharacters_AreNotEchoedIntoMessagesOrTheTempDataCookie()
    {
        var client = await app.SignedInClientAsync();
        var huge = new string('9', 100_000) + "x";
        var page = await client.GetPageAsync("/clients/create");
        var response = await client.SubmitAsync(page, "form[action='/clients/create']", new Dictionary<string, string>
        {
            ["Name"] = "Echo Ltd", ["ContractValue"] = huge, ["DefaultHourlyRate"] = huge,
        });
        var message = AppClient.FieldError(await AppClient.ParseAsync(response), "ContractValue");
        Assert.Contains("is not valid here", message);
        Assert.True(message.Length < 120, message);

        var project = await Projects.Work.ProjectAsync(client, await Projects.Work.ClientAsync(client));
        var form = await client.GetPageAsync($"/time/create?projectId={project}");
        var saved = await client.SubmitAsync(form, "form[action='/time/create']", new Dictionary<string, string>
        {
            ["ProjectId"] = project.ToString(), ["Hours"] = "2", ["Date"] = "2026-11-20", ["Description"] = new string('d', 100_000),
        });
        var cookies = string.Join(";", saved.Headers.TryGetValues("Set-Cookie", out var c) ? c : []);
        Assert.True(cookies.Length < 4096, $"cookies are {cookies.Length} characters");
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/healthz")).StatusCode);
    }
}
