using AngleSharp.Dom;
using System.Net;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Mail;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using netDumbster.smtp;
using static FreelancerOS.Tests.Invoices.InvoiceSteps;
using static FreelancerOS.Tests.Mail.MailSteps;

namespace FreelancerOS.Tests.Mail;

public sealed class InvoiceMailTests(TestApp app) : IClassFixture<TestApp>
{
    private async Task<(AppClient Client, int InvoiceId)> IssuedInvoiceAsync(string? clientEmail = "billing@acme.example")
    {
        app.Clock.Set(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
        var client = await app.SignedInClientAsync();
        var customer = await CreateClientWithEmailAsync(client, "Acme Ltd", clientEmail);
        var id = await CreateDraftAsync(client, customer, ("Development", "10", "90"));
        await IssueAsync(client, id);
        return (client, id);
    }

    [Fact]
    public async Task Send_ThroughSmtp_DeliversToAndCcWithTheInvoicePdf_AndRecordsItInTheHistory()
    {
        var port = FreePort();
        using var smtp = SimpleSmtpServer.Start(port);
        var (client, id) = await IssuedInvoiceAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await UseSmtpAsync(client, port)).StatusCode);

        var form = await client.GetPageAsync($"/invoices/send/{id}");
        Assert.Equal("billing@acme.example", form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#To")!.Value);
        var number = (await app.WithDbAsync(db => db.Invoices.IgnoreQueryFilters().Where(i => i.Id == id).Select(i => i.Number).SingleAsync()))!;
        Assert.Contains(number, form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Subject")!.Value);
        Assert.Contains("900.00", form.QuerySelector("#Body")!.TextContent);
        Assert.Null(form.QuerySelector("[data-role=outbox-notice]"));

        var sent = await SendAsync(client, id, new Dictionary<string, string> { ["Cc"] = "boss@acme.example", ["Subject"] = $"Your invoice {number}" });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var recorded = await WaitForEventAsync(app, id, InvoiceEventKind.Sent);

        var received = Assert.Single(smtp.ReceivedEmail);
        var message = Parse(received.Data);
        Assert.Equal(["billing@acme.example"], message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal(["boss@acme.example"], message.Cc.Mailboxes.Select(m => m.Address));
        Assert.Equal("me@freelancer.example", message.From.Mailboxes.Single().Address);
        Assert.Equal($"Your invoice {number}", message.Subject);
        var attachment = PdfAttachment(message);
        Assert.Equal($"{number}.pdf", message.Attachments.OfType<MimePart>().Single().FileName);
        var pdf = await client.Http.GetByteArrayAsync($"/invoices/pdf/{id}");
        Assert.Equal(await PdfTextAsync(pdf), await PdfTextAsync(attachment));

        Assert.Contains("billing@acme.example", recorded.Detail);
        Assert.Contains("cc boss@acme.example", recorded.Detail);
        var page = await client.GetPageAsync($"/invoices/details/{id}");
        Assert.Contains("Sent: to billing@acme.example, cc boss@acme.example", page.QuerySelector("[data-role=history]")!.TextContent);
    }

    [Fact]
    public async Task Send_WhenTheServerIsUnreachable_RecordsTheFailure_NothingSent_AndTheRetryDelivers()
    {
        var port = FreePort(); // nothing listens there yet
        var (client, id) = await IssuedInvoiceAsync();
        await UseSmtpAsync(client, port);

        Assert.Equal(HttpStatusCode.Redirect, (await SendAsync(client, id)).StatusCode);
        var failure = await WaitForEventAsync(app, id, InvoiceEventKind.SendFailed);
        Assert.Contains("could not be reached", failure.Detail);
        Assert.Contains("tried again", failure.Detail);
        Assert.DoesNotContain(await EventsAsync(app, id), e => e.Kind == InvoiceEventKind.Sent);
        var page = await client.GetPageAsync($"/invoices/details/{id}");
        var history = page.QuerySelector("[data-role=history]")!;
        Assert.Contains("Sending failed", history.TextContent);
        Assert.NotNull(history.QuerySelector("li.text-danger"));
        Assert.DoesNotContain("Sent: to", history.TextContent);

        // Hangfire holds it for a retry; once the server is up, that retry delivers it.
        var storage = app.Services.GetRequiredService<JobStorage>();
        var retry = await WaitForAsync(() => storage.GetMonitoringApi().ScheduledJobs(0, 50)
            .FirstOrDefault(j => j.Value.Job?.Type == typeof(SendInvoiceJob) && j.Value.Job.Args[1]?.ToString() == id.ToString()).Key);
        using var smtp = SimpleSmtpServer.Start(port);
        Assert.True(app.Services.GetRequiredService<IBackgroundJobClient>().Requeue(retry));
        await WaitForEventAsync(app, id, InvoiceEventKind.Sent);
        Assert.Single(smtp.ReceivedEmail);
        Assert.Single(await EventsAsync(app, id), e => e.Kind == InvoiceEventKind.Sent);
    }

    [Fact]
    public async Task Send_WithoutSmtp_WritesAParseableEmlWithThePdf_AndThePagesSaySo()
    {
        var (client, id) = await IssuedInvoiceAsync();
        var form = await client.GetPageAsync($"/invoices/send/{id}");
        Assert.Contains("outbox", form.QuerySelector("[data-role=outbox-notice]")!.TextContent);
        Assert.NotNull((await client.GetPageAsync("/settings/email")).QuerySelector("[data-role=outbox-notice]"));

        var before = Directory.Exists(Path.Combine(app.DataFolder, "outbox")) ? Directory.GetFiles(Path.Combine(app.DataFolder, "outbox")).ToHashSet() : [];
        await SendAsync(client, id);
        var recorded = await WaitForEventAsync(app, id, InvoiceEventKind.Sent);
        Assert.Contains(".eml", recorded.Detail);

        var file = Assert.Single(Directory.GetFiles(Path.Combine(app.DataFolder, "outbox"), "*.eml"), f => !before.Contains(f));
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal("billing@acme.example", message.To.Mailboxes.Single().Address);
        var pdf = await client.Http.GetByteArrayAsync($"/invoices/pdf/{id}");
        Assert.Equal(await PdfTextAsync(pdf), await PdfTextAsync(PdfAttachment(message)));
    }

    [Fact]
    public async Task Issue_WithSendByEmailTicked_IssuesAndSends()
    {
        app.Clock.Set(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
        var client = await app.SignedInClientAsync();
        var customer = await CreateClientWithEmailAsync(client, "Globex", "ap@globex.example");
        var id = await CreateDraftAsync(client, customer);
        var page = await client.GetPageAsync($"/invoices/details/{id}");
        var issued = await client.SubmitAsync(page, $"form[action='/invoices/issue/{id}']", new Dictionary<string, string> { ["sendByEmail"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        var recorded = await WaitForEventAsync(app, id, InvoiceEventKind.Sent);
        Assert.Contains("ap@globex.example", recorded.Detail);

        // A client without an address: issued all the same, and told why it was not e-mailed.
        var silent = await CreateClientWithEmailAsync(client, "No Mail Co", null);
        var other = await CreateDraftAsync(client, silent);
        page = await client.GetPageAsync($"/invoices/details/{other}");
        await client.SubmitAsync(page, $"form[action='/invoices/issue/{other}']", new Dictionary<string, string> { ["sendByEmail"] = "true" });
        var details = await client.GetPageAsync($"/invoices/details/{other}");
        Assert.Equal("Sent", details.QuerySelector("[data-role=status]")!.TextContent.Trim());
        Assert.Contains("no valid e-mail address", details.QuerySelector("[data-role=error]")!.TextContent);
    }

    [Fact]
    public async Task TestMessage_GoesToTheFromAddressThroughSmtp()
    {
        var port = FreePort();
        using var smtp = SimpleSmtpServer.Start(port);
        var client = await app.SignedInClientAsync();
        await UseSmtpAsync(client, port, "me@test.example");
        var page = await client.GetPageAsync("/settings/email");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(page, "form[action='/settings/email/test']")).StatusCode);
        var message = Parse(Assert.Single(smtp.ReceivedEmail).Data);
        Assert.Equal("me@test.example", message.To.Mailboxes.Single().Address);
        Assert.Contains("Test message sent", (await client.GetPageAsync("/settings/email")).Body!.TextContent);
    }

    [Fact]
    public async Task Send_MalformedAddresses_AreShownNextToTheField_AndNothingIsQueued()
    {
        var (client, id) = await IssuedInvoiceAsync();
        foreach (var (field, value) in new[] { ("To", "not-an-address"), ("To", ""), ("To", "a@b"), ("Cc", "ok@example.com, bad@"), ("Cc", "x y@example.com") })
        {
            var response = await SendAsync(client, id, new Dictionary<string, string> { [field] = value });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await AppClient.ParseAsync(response);
            Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector($"[data-role=error-{field}]")!.TextContent), $"{field}={value}");
            // What was typed is kept.
            Assert.Equal(value, page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>($"#{field}")!.Value);
        }
        var subjectless = await AppClient.ParseAsync(await SendAsync(client, id, new Dictionary<string, string> { ["Subject"] = "" }));
        Assert.Contains("subject", subjectless.QuerySelector("[data-role=error-Subject]")!.TextContent);
        await Task.Delay(1500);
        Assert.Empty(await EventsAsync(app, id));
    }

    [Fact]
    public async Task AnotherAccountsInvoice_IsNotFound_ForSendAndReminders()
    {
        var (_, id) = await IssuedInvoiceAsync();
        var other = await app.SignedInClientAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/invoices/send/{id}")).StatusCode);
        var own = await other.GetPageAsync("/settings/email");
        Assert.Equal(HttpStatusCode.NotFound, (await other.HtmxPostAsync(own, $"/invoices/send/{id}",
            [new("To", "x@example.com"), new("Subject", "s"), new("Body", "b")])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.HtmxPostAsync(own, $"/invoices/reminders/{id}", [new("on", "false")])).StatusCode);
        Assert.Empty(await EventsAsync(app, id));
        Assert.Empty(await app.WithDbAsync(db => db.InvoiceReminderOptOuts.Where(o => o.InvoiceId == id).ToListAsync()));
    }

    [Fact]
    public async Task Send_ADraft_IsRefusedWithAMessage()
    {
        app.Clock.Set(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
        var client = await app.SignedInClientAsync();
        var id = await CreateDraftAsync(client, await CreateClientWithEmailAsync(client, "Draft Co", "a@draft.example"));
        var response = await client.Http.GetAsync($"/invoices/send/{id}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Issue the draft", (await client.GetPageAsync($"/invoices/details/{id}")).QuerySelector("[data-role=error]")!.TextContent);
    }

    private static async Task<T> WaitForAsync<T>(Func<T?> probe)
    {
        for (var k = 0; k < 150; k++)
        {
            if (probe() is { } found) return found;
            await Task.Delay(200);
        }
        throw new Xunit.Sdk.XunitException("Timed out.");
    }
}
