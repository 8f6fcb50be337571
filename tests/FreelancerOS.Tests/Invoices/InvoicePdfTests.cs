using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using FreelancerOS.Tests.Infrastructure;
using static FreelancerOS.Tests.Invoices.InvoiceSteps;

namespace FreelancerOS.Tests.Invoices;

public sealed class InvoicePdfTests(TestApp app) : IClassFixture<TestApp>
{
    /// <summary>The PDF's text as poppler's pdftotext lays it out (./test.sh installs poppler-utils).</summary>
    private static async Task<(string Text, int Pages)> ReadPdfAsync(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"invoice-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var text = await RunAsync("pdftotext", $"-layout {file} -");
            var info = await RunAsync("pdfinfo", file);
            var pages = int.Parse(Regex.Match(info, @"Pages:\s+(\d+)").Groups[1].Value);
            return (text, pages);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<string> RunAsync(string tool, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} failed: {await process.StandardError.ReadToEndAsync()}");
        return output;
    }

    private async Task<AppClient> FreelancerAsync()
    {
        var client = await app.SignedInClientAsync();
        var settings = await client.GetPageAsync("/settings");
        var saved = await client.SubmitAsync(settings, "form[action='/settings']", new Dictionary<string, string>
        {
            ["BusinessName"] = "Jordan Freelance Studio",
            ["BusinessAddress"] = "12 Canal Street\n1012 AB Amsterdam",
            ["TaxId"] = "NL123456789B01",
            ["PaymentInstructions"] = "IBAN NL91 ABNA 0417 1643 00",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return client;
    }

    [Fact]
    public async Task Pdf_OfAnIssuedInvoice_ShowsNumberClientEveryLineAndTheSameTotalsAsThePage()
    {
        var client = await FreelancerAsync();
        var clientId = await CreateClientAsync(client, "Acme Ltd");
        var id = AppClient.IdFromRedirect(await PostDraftAsync(client, clientId,
            [("Website redesign", "1", "4800"), ("Hosting, 12 months", "12", "19.99"), ("Rounding check", "3", "0.335")], taxRate: "21"));
        await IssueAsync(client, id);
        var page = await client.GetPageAsync($"/invoices/details/{id}");

        var response = await client.Http.GetAsync($"/invoices/pdf/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("INV-2026-0001.pdf", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var (text, pages) = await ReadPdfAsync(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(1, pages);
        Assert.Contains("INVOICE", text);
        Assert.Contains("INV-2026-0001", text);
        Assert.Contains("Jordan Freelance Studio", text);
        Assert.Contains("1012 AB Amsterdam", text);
        Assert.Contains("NL123456789B01", text);
        Assert.Contains("Acme Ltd", text);
        // The account's date format (en-GB by default: its short date).
        Assert.Contains("22/11/2026", text);  // issue date
        Assert.Contains("22/12/2026", text);  // due date
        foreach (var line in new[] { "Website redesign", "Hosting, 12 months", "Rounding check" }) Assert.Contains(line, text);
        Assert.Contains("239.88 EUR", text);
        Assert.Contains("1.01 EUR", text);
        foreach (var role in new[] { "subtotal", "tax", "total", "paid", "balance" })
        {
            var figure = page.QuerySelector($"[data-role={role}]")!.TextContent.Trim();
            Assert.Contains(figure, text);
        }
        Assert.Matches(@"Subtotal\s+5,040\.89 EUR", text);
        Assert.Matches(@"Tax \(21 %\)\s+1,058\.59 EUR", text);
        Assert.Matches(@"Total\s+6,099\.48 EUR", text);
        Assert.Matches(@"Balance due\s+6,099\.48 EUR", text);
        Assert.Contains("IBAN NL91 ABNA 0417 1643 00", text);
        Assert.Contains("Page 1 of 1", text);
        Assert.DoesNotContain("DRAFT", text);
    }

    [Fact]
    public async Task Pdf_OfADraft_SaysDraftInsteadOfANumber_AndIsStamped()
    {
        var client = await FreelancerAsync();
        var clientId = await CreateClientAsync(client, "Draft Reader Ltd");
        var id = await CreateDraftAsync(client, clientId, ("Proposal", "1", "250"));
        var response = await client.Http.GetAsync($"/invoices/pdf/{id}");
        var (text, _) = await ReadPdfAsync(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("DRAFT – not a valid invoice yet", text);
        Assert.DoesNotContain("INV-", text);
        Assert.StartsWith("draft-2026-11-22", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
    }

    [Fact]
    public async Task Pdf_OfAVoidInvoice_IsStampedVoid()
    {
        var client = await FreelancerAsync();
        var clientId = await CreateClientAsync(client, "Void Reader Ltd");
        var id = await CreateDraftAsync(client, clientId);
        await IssueAsync(client, id);
        await client.SubmitAsync(await client.GetPageAsync($"/invoices/details/{id}"), $"form[action='/invoices/void/{id}']");
        var (text, _) = await ReadPdfAsync(await client.Http.GetByteArrayAsync($"/invoices/pdf/{id}"));
        Assert.Contains("VOID – cancelled, nothing is due", text);
        Assert.Contains("INV-2026-", text);
        Assert.DoesNotContain("Please pay", text);
    }

    [Fact]
    public async Task Pdf_With200Lines_SpansSeveralPages_WithHeaderRepeatedAndPageNumbers()
    {
        var client = await FreelancerAsync();
        var clientId = await CreateClientAsync(client, "Long Invoice Ltd");
        var lines = Enumerable.Range(1, 200).Select(k => ($"Task {k:000}: development and review", "1.5", "80")).ToList();
        var id = AppClient.IdFromRedirect(await PostDraftAsync(client, clientId, lines));
        await IssueAsync(client, id);

        var (text, pages) = await ReadPdfAsync(await client.Http.GetByteArrayAsync($"/invoices/pdf/{id}"));
        Assert.True(pages >= 4, $"Expected several pages, got {pages}.");
        for (var k = 1; k <= 200; k++) Assert.Contains($"Task {k:000}: development and review", text);
        for (var p = 1; p <= pages; p++) Assert.Contains($"Page {p} of {pages}", text);
        Assert.True(Regex.Matches(text, "DESCRIPTION").Count >= pages - 1, "The table header is repeated on each page of lines.");
        Assert.Matches(@"Total\s+24,000\.00 EUR", text); // 200 × 1.5 × 80
    }

    [Fact]
    public async Task Pdf_OfAnIssuedInvoice_KeepsTheBlocksOfIssueDay_WhenClientAndSettingsChangeLater()
    {
        var client = await FreelancerAsync();
        var clientId = await CreateClientAsync(client, "Old Name Ltd");
        var issued = await CreateDraftAsync(client, clientId);
        await IssueAsync(client, issued);
        var draft = await CreateDraftAsync(client, clientId);

        var edit = await client.GetPageAsync($"/clients/edit/{clientId}");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(edit, $"form[action='/clients/edit/{clientId}']",
            new Dictionary<string, string> { ["Name"] = "New Name GmbH" })).StatusCode);
        var settings = await client.GetPageAsync("/settings");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(settings, "form[action='/settings']",
            new Dictionary<string, string> { ["BusinessName"] = "Renamed Studio" })).StatusCode);

        var (issuedText, _) = await ReadPdfAsync(await client.Http.GetByteArrayAsync($"/invoices/pdf/{issued}"));
        Assert.Contains("Old Name Ltd", issuedText);
        Assert.Contains("Jordan Freelance Studio", issuedText);
        Assert.DoesNotContain("New Name GmbH", issuedText);
        var (draftText, _) = await ReadPdfAsync(await client.Http.GetByteArrayAsync($"/invoices/pdf/{draft}"));
        Assert.Contains("New Name GmbH", draftText);
        Assert.Contains("Renamed Studio", draftText);
        Assert.Contains("2026-11-22 – Old Name Ltd", (await client.GetPageAsync($"/invoices/details/{issued}")).QuerySelector("[data-role=title]")!.TextContent);
    }

    [Fact]
    public async Task Pdf_OfAnotherAccountsInvoice_IsA404()
    {
        var owner = await FreelancerAsync();
        var clientId = await CreateClientAsync(owner, "Secret Ltd");
        var id = await CreateDraftAsync(owner, clientId);
        var other = await app.SignedInClientAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/invoices/pdf/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync("/invoices/pdf/999999")).StatusCode);
    }
}
