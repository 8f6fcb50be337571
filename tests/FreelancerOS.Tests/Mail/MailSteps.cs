using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace FreelancerOS.Tests.Mail;

internal static class MailSteps
{
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static async Task<int> CreateClientWithEmailAsync(AppClient client, string name, string? email)
    {
        var form = await client.GetPageAsync("/clients/create");
        var response = await client.SubmitAsync(form, "form[action='/clients/create']", new Dictionary<string, string>
        {
            ["Name"] = name, ["Currency"] = "EUR", ["Stage"] = "Client", ["ContractValue"] = "10000", ["Email"] = email ?? "",
        });
        return AppClient.IdFromRedirect(response);
    }

    /// <summary>Saves the mail settings form; <paramref name="forged"/> lets values the form cannot send through (a hand-made request).</summary>
    public static async Task<HttpResponseMessage> SaveMailSettingsAsync(AppClient client, Dictionary<string, string> values, bool forged = false)
    {
        var page = await client.GetPageAsync("/settings/email");
        return forged
            ? await client.SubmitForgedAsync(page, "form[action='/settings/email']", values)
            : await client.SubmitAsync(page, "form[action='/settings/email']", values);
    }

    public static Task<HttpResponseMessage> UseSmtpAsync(AppClient client, int port, string from = "me@freelancer.example") =>
        SaveMailSettingsAsync(client, new Dictionary<string, string>
        {
            ["SmtpHost"] = "127.0.0.1", ["SmtpPort"] = port.ToString(), ["Security"] = "None", ["FromAddress"] = from, ["FromName"] = "Jo Freelancer",
        });

    public static async Task<HttpResponseMessage> SendAsync(AppClient client, int invoiceId, Dictionary<string, string>? values = null)
    {
        var page = await client.GetPageAsync($"/invoices/send/{invoiceId}");
        return await client.SubmitAsync(page, $"form[action='/invoices/send/{invoiceId}']", values);
    }

    public static Task<List<InvoiceEvent>> EventsAsync(TestApp app, int invoiceId) =>
        app.WithDbAsync(db => db.InvoiceEvents.AsNoTracking().Where(e => e.InvoiceId == invoiceId).OrderBy(e => e.Id).ToListAsync());

    /// <summary>Waits for the background job (Hangfire's worker in the test host) to write an event of this kind.</summary>
    public static async Task<InvoiceEvent> WaitForEventAsync(TestApp app, int invoiceId, InvoiceEventKind kind, int seconds = 60)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            var found = (await EventsAsync(app, invoiceId)).FirstOrDefault(e => e.Kind == kind);
            if (found is not null) return found;
            await Task.Delay(200);
        }
        throw new Xunit.Sdk.XunitException($"No {kind} event for invoice {invoiceId} within {seconds} s.");
    }

    public static MimeMessage Parse(string raw) => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw)));

    public static byte[] PdfAttachment(MimeMessage message)
    {
        var part = Assert.Single(message.Attachments.OfType<MimePart>());
        Assert.Equal("application/pdf", part.ContentType.MimeType);
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return stream.ToArray();
    }

    /// <summary>The PDF's text as poppler's pdftotext reads it: two renders of one invoice differ only in their metadata.</summary>
    public static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"mail-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", $"-layout {file} -") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
