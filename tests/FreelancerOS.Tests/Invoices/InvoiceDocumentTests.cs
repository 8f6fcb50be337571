using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;
using static FreelancerOS.Tests.Invoices.InvoiceSteps;

namespace FreelancerOS.Tests.Invoices;

/// <summary>The invoice a client can act on: bill-to address and VAT id, logo, default tax rate, tax note, void, date format.</summary>
public sealed class InvoiceDocumentTests(TestApp app) : IClassFixture<TestApp>
{
    /// <summary>A valid 1×1 PNG.</summary>
    internal static readonly byte[] TinyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    internal static async Task<string> RunAsync(string tool, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} failed: {await process.StandardError.ReadToEndAsync()}");
        return output;
    }

    /// <summary>The PDF's text (pdftotext) and how many images it draws (pdfimages -list), both from poppler-utils.</summary>
    internal static async Task<(string Text, int Images)> ReadPdfAsync(byte[] pdf)
    {
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5));
        var file = Path.Combine(Path.GetTempPath(), $"invoice-doc-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var text = await RunAsync("pdftotext", $"-layout {file} -");
            var list = await RunAsync("pdfimages", $"-list {file}");
            var images = list.Split('\n').Skip(2).Count(l => Regex.IsMatch(l, @"^\s*\d+\s+\d+\s+image"));
            return (text, images);
        }
        finally
        {
            File.Delete(file);
        }
    }

    internal static async Task<HttpResponseMessage> PostDocumentSettingsAsync(AppClient client, byte[]? logo, string fileName = "logo.png",
        string? taxNote = null, string? taxRate = null)
    {
        var page = await client.GetPageAsync("/settings/invoice-document");
        var token = page.QuerySelector("form[action='/settings/invoice-document'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(taxNote ?? ""), "TaxNote" },
            { new StringContent(taxRate ?? ""), "DefaultTaxRate" },
        };
        if (logo is not null) content.Add(new ByteArrayContent(logo), "Logo", fileName);
        return await client.Http.PostAsync("/settings/invoice-document", content);
    }

    internal static async Task<AppClient> FreelancerAsync(TestApp app, string culture = "en-GB")
    {
        var client = await app.SignedInClientAsync();
        var settings = await client.GetPageAsync("/settings");
        var saved = await client.SubmitAsync(settings, "form[action='/settings']", new Dictionary<string, string>
        {
            ["BusinessName"] = "Jordan Freelance Studio",
            ["PaymentInstructions"] = "IBAN NL91 ABNA 0417 1643 00",
            ["Culture"] = culture,
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return client;
    }

    internal static async Task<int> CreateBillableClientAsync(AppClient client, string name, string address = "Kaiserstraße 5\n60311 Frankfurt am Main\nGermany", string vat = "DE129273398")
    {
        var form = await client.GetPageAsync("/clients/create");
        var response = await client.SubmitAsync(form, "form[action='/clients/create']", new Dictionary<string, string>
        {
            ["Name"] = name, ["Currency"] = "EUR", ["Stage"] = "Client", ["ContractValue"] = "10000",
            ["BillingAddress"] = address, ["TaxId"] = vat,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return AppClient.IdFromRedirect(response);
    }

    [Fact]
    public async Task Pdf_BillTo_ShowsTheClientsAddressAndVatId_AndKeepsThemAfterTheClientIsEdited()
    {
        var client = await FreelancerAsync(app);
        var clientId = await CreateBillableClientAsync(client, "Rhein Media GmbH");
        var id = await CreateDraftAsync(client, clientId);
        await IssueAsync(client, id);

        var (text, _) = await ReadPdfAsync(await client.Http.GetByteArrayAsync($"/invoices/pdf/{id}"));
        Assert.Contains("BILL TO", text);
        Assert.Contains("Kaiserstraße 5", text);
        Assert.Contains("60311 Frankfurt am Main", text);
        Assert.Contains("VAT ID DE129273398", text);

        var edit = await client.GetPageAsync($"/clients/edit/{clientId}");
        Assert.Equal("DE129273398", edit.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#TaxId")!.Value);
        await client.SubmitAsync(edit, $"form[action='/clients/edit/{clientId}']", new Dictionary<string, string>
        {
            ["BillingAddress"] = "New Street 1\n10115 Berlin", ["TaxId"] = "DE000000000",
        });
        (text, _) = await ReadPdfAsync(await client.Http.GetByteArrayAsync($"/invoices/pdf/{id}"));
        Assert.Contains("Kaiserstraße 5", text);
        Assert.Contains("DE129273398", text);
        Assert.DoesNotContain("Berlin", text);
    }

    [Fact]
    public async Task Pdf_OfAnInvoiceIssuedBeforeAddressesExisted_StillRenders()
    {
        var client = await FreelancerAsync(app);
        var clientId = await CreateClientAsync(client, "Old Snapshot Ltd");
        var id = await CreateDraftAsync(client, clientId);
        await IssueAsync(client, id);
        // A snapshot as written by the previous version: no client address, client tax id or tax note.
        const string old = "{\"BusinessName\":\"Jordan Freelance Studio\",\"BusinessAddress\":null,\"BusinessEmail\":null,\"TaxId\":null," +
                           "\"PaymentInstructions\":\"IBAN NL91\",\"ClientName\":\"Old Snapshot Ltd\",\"ClientCompany\":null,\"ClientContact\":null,\"ClientEmail\":null}";
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"Invoices\" SET \"IssuedPartiesJson\" = {0} WHERE \"Id\" = {1}", old, id));

        var response = await client.Http.GetAsync($"/invoices/pdf/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (text, _) = await ReadPdfAsync(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("Old Snapshot Ltd", text);
        Assert.DoesNotContain("VAT ID", text);
    }

    [Fact]
    public async Task Logo_UploadedInSettings_IsPrintedOnThePdf()
    {
        var client = await FreelancerAsync(app);
        var saved = await PostDocumentSettingsAsync(client, TinyPng);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await client.GetPageAsync("/settings/invoice-document");
        Assert.StartsWith("data:image/png;base64,", page.QuerySelector("[data-role=current-logo]")!.GetAttribute("src"));
        Assert.NotNull((await client.GetPageAsync("/settings")).QuerySelector("a[href='/settings/invoice-document']"));

        var clientId = await CreateClientAsync(client, "Logo Reader Ltd");
        var id = await CreateDraftAsync(client, clientId);
        var (_, images) = await ReadPdfAsync(await client.Http.GetByteArrayAsync($"/invoices/pdf/{id}"));
        Assert.Equal(1, images);

        // Removing it takes it off the PDF.
        var settings = await client.GetPageAsync("/settings/invoice-document");
        var token = settings.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var removed = await client.Http.PostAsync("/settings/invoice-document", new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" }, { new StringContent("true"), "RemoveLogo" },
        });
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        (_, images) = await ReadPdfAsync(await client.Http.GetByteArrayAsync($"/invoices/pdf/{id}"));
        Assert.Equal(0, images);
    }

    [Fact]
    public async Task Logo_ThatIsATextFileNamedPng_IsRefusedWithAMessage_AndNothingIsSaved()
    {
        var client = await FreelancerAsync(app);
        var response = await PostDocumentSettingsAsync(client, Encoding.UTF8.GetBytes("just some text, not an image"), "logo.png", taxNote: "Kept note");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Contains("is not a PNG or JPEG image", AppClient.FieldError(page, "Logo"));
        Assert.Equal("Kept note", page.QuerySelector("#TaxNote")!.TextContent.Trim()); // what was typed stays
        await AssertNothingSavedAsync(client);

        // PNG magic bytes but not a decodable image.
        var damaged = TinyPng.Take(20).ToArray();
        page = await AppClient.ParseAsync(await PostDocumentSettingsAsync(client, damaged));
        Assert.Contains("cannot be read", AppClient.FieldError(page, "Logo"));
        await AssertNothingSavedAsync(client);
    }

    [Fact]
    public async Task Logo_LargerThan512KB_IsRefusedWithAMessage()
    {
        var client = await FreelancerAsync(app);
        var big = new byte[AccountLogo.MaxBytes + 1];
        TinyPng.CopyTo(big, 0);
        var response = await PostDocumentSettingsAsync(client, big);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("at most 512 KB", AppClient.FieldError(await AppClient.ParseAsync(response), "Logo"));
        await AssertNothingSavedAsync(client);
    }

    private async Task AssertNothingSavedAsync(AppClient client)
    {
        var userId = await UserIdAsync(app, client.Email!);
        Assert.Equal(0, await app.WithDbAsync(db => db.Logos.CountAsync(), userId));
        Assert.Null(await app.WithDbAsync(db => db.Settings.Select(s => s.TaxNote).SingleOrDefaultAsync(), userId));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("150")]
    [InlineData("-1")]
    public async Task DefaultTaxRate_Invalid_GetsAMessage_NoServerError(string rate)
    {
        var client = await FreelancerAsync(app);
        var response = await PostDocumentSettingsAsync(client, null, taxRate: rate);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(AppClient.FieldError(await AppClient.ParseAsync(response), "DefaultTaxRate"));
    }

    [Fact]
    public async Task DefaultTaxRate_PrefillsNewInvoices_AndTheTaxNoteIsPrintedUnderTheTotals_AsOfIssue()
    {
        var client = await FreelancerAsync(app);
        Assert.Equal(HttpStatusCode.Redirect, (await PostDocumentSettingsAsync(client, null,
            taxNote: "VAT reverse charged: Art. 196 Directive 2006/112/EC", taxRate: "19")).StatusCode);
        var clientId = await CreateBillableClientAsync(client, "Reverse Charge GmbH");
        var create = await client.GetPageAsync($"/invoices/create?clientId={clientId}");
        Assert.Equal(19m, decimal.Parse(create.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#TaxRate")!.Value, System.Globalization.CultureInfo.InvariantCulture));

        var id = await CreateDraftAsync(client, clientId);
        await IssueAsync(client, id);
        var (text, _) = await ReadPdfAsync(await client.Http.GetByteArrayAsync($"/invoices/pdf/{id}"));
        Assert.Contains("Tax (19 %)", text);
        Assert.Matches(@"Balance due[\s\S]*VAT reverse charged: Art\. 196 Directive 2006/112/EC", text);

        // The issued invoice keeps the note it was issued with.
        await PostDocumentSettingsAsync(client, null, taxNote: "Exempt from VAT", taxRate: "19");
        (text, _) = await ReadPdfAsync(await client.Http.GetByteArrayAsync($"/invoices/pdf/{id}"));
        Assert.Contains("VAT reverse charged", text);
        Assert.DoesNotContain("Exempt from VAT", text);
    }

    [Fact]
    public async Task Pdf_OfAVoidInvoice_ShowsNoBalanceDue_AndSaysVoid()
    {
        var client = await FreelancerAsync(app);
        var clientId = await CreateClientAsync(client, "Void Balance Ltd");
        var id = await CreateDraftAsync(client, clientId, ("Consulting", "2", "450"));
        await IssueAsync(client, id);
        await client.SubmitAsync(await client.GetPageAsync($"/invoices/details/{id}"), $"form[action='/invoices/void/{id}']");

        var (text, _) = await ReadPdfAsync(await client.Http.GetByteArrayAsync($"/invoices/pdf/{id}"));
        Assert.Contains("VOID", text);
        Assert.Contains("nothing is due", text);
        Assert.DoesNotContain("Balance due", text);
        Assert.Contains("900.00 EUR", text); // the total still shows what was invoiced
    }

    [Fact]
    public async Task Pdf_Dates_UseTheAccountsDateFormat()
    {
        var client = await FreelancerAsync(app, culture: "de-DE");
        var clientId = await CreateClientAsync(client, "Datum GmbH");
        var id = AppClient.IdFromRedirect(await PostDraftAsync(client, clientId, [("Beratung", "1", "100")], issueDate: "2026-11-22", dueDate: "2026-12-22"));
        var (text, _) = await ReadPdfAsync(await client.Http.GetByteArrayAsync($"/invoices/pdf/{id}"));
        Assert.Contains("22.11.2026", text);
        Assert.Contains("22.12.2026", text);
        Assert.DoesNotContain("2026-11-22", text);
    }

    [Fact]
    public async Task ClientForm_BillingAddressTooLong_GetsAMessage_AndKeepsWhatWasTyped()
    {
        var client = await app.SignedInClientAsync();
        var form = await client.GetPageAsync("/clients/create");
        var response = await client.SubmitAsync(form, "form[action='/clients/create']", new Dictionary<string, string>
        {
            ["Name"] = "Long Address Ltd", ["Currency"] = "EUR", ["Stage"] = "Client", ["BillingAddress"] = new string('x', 1001), ["TaxId"] = "GB123",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Contains("At most 1,000 characters", AppClient.FieldError(page, "BillingAddress"));
        Assert.Equal("GB123", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#TaxId")!.Value);
    }
}
