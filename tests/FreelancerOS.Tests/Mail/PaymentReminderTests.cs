using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using netDumbster.smtp;
using static FreelancerOS.Tests.Invoices.InvoiceSteps;
using static FreelancerOS.Tests.Mail.MailSteps;

namespace FreelancerOS.Tests.Mail;

public sealed class PaymentReminderTests(TestApp app) : IClassFixture<TestApp>
{
    private async Task<int> RunJobAsync()
    {
        // As the scheduler runs it: a scope of its own, nobody signed in.
        await using var scope = app.Services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<PaymentReminderJob>(scope.ServiceProvider).RunAsync(CancellationToken.None);
    }

    private static async Task<int> InvoiceAsync(AppClient client, int customer, string dueDate, bool issue = true)
    {
        var id = AppClient.IdFromRedirect(await PostDraftAsync(client, customer, [("Work", "1", "100")], dueDate: dueDate));
        if (issue) await IssueAsync(client, id);
        return id;
    }

    [Fact]
    public async Task DayByDayOverThreeMonths_EachReminderGoesOutOnItsDay_ExactlyOnce_NeverForPaidVoidOrSwitchedOff()
    {
        var port = FreePort();
        using var smtp = SimpleSmtpServer.Start(port);
        app.Clock.Set(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));
        var client = await app.SignedInClientAsync();
        await UseSmtpAsync(client, port);
        // The suggested reminders (3 days before; 7, 14 and 30 after), switched on.
        await SaveMailSettingsAsync(client, new() { ["RemindersEnabled"] = "true" });
        var customer = await CreateClientWithEmailAsync(client, "Slow Payer", "ap@slow.example");

        var open = await InvoiceAsync(client, customer, "2026-12-10");
        var paidLate = await InvoiceAsync(client, customer, "2026-12-10");
        var voided = await InvoiceAsync(client, customer, "2026-12-10");
        var switchedOff = await InvoiceAsync(client, customer, "2026-12-10");
        var paidEarly = await InvoiceAsync(client, customer, "2026-12-31");
        var draft = await InvoiceAsync(client, customer, "2026-12-10", issue: false);
        var page = await client.GetPageAsync($"/invoices/details/{switchedOff}");
        Assert.Contains("Payment reminders: on", page.QuerySelector("[data-role=reminders-state]")!.TextContent);
        await client.SubmitAsync(page, $"form[action='/invoices/reminders/{switchedOff}']");
        Assert.Contains("off for this invoice", (await client.GetPageAsync($"/invoices/details/{switchedOff}")).QuerySelector("[data-role=reminders-state]")!.TextContent);

        // Another account with an open invoice but reminders never switched on.
        var other = await app.SignedInClientAsync();
        var otherInvoice = await InvoiceAsync(other, await CreateClientWithEmailAsync(other, "Quiet", "q@quiet.example"), "2026-12-10");

        var sentOn = new List<(int Invoice, DateOnly Day)>();
        for (var day = new DateOnly(2026, 11, 22); day <= new DateOnly(2027, 2, 22); day = day.AddDays(1))
        {
            app.Clock.Set(new DateTimeOffset(day.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero));
            if (day == new DateOnly(2026, 12, 1)) await Invoices.InvoicePaymentTests.PayAsync(client, paidEarly, "Cash", "100", "2026-12-01");
            if (day == new DateOnly(2026, 12, 12))
                await client.SubmitAsync(await client.GetPageAsync($"/invoices/details/{voided}"), $"form[action='/invoices/void/{voided}']");
            if (day == new DateOnly(2026, 12, 20)) await Invoices.InvoicePaymentTests.PayAsync(client, paidLate, "Cash", "100", "2026-12-20");

            var before = smtp.ReceivedEmailCount;
            var sent = await RunJobAsync();
            Assert.Equal(0, await RunJobAsync()); // twice on the same day: nothing more
            Assert.Equal(before + sent, smtp.ReceivedEmailCount);
            var today = await app.WithDbAsync(db => db.InvoiceEvents.AsNoTracking().Where(e => e.Kind == InvoiceEventKind.ReminderSent).ToListAsync());
            sentOn.AddRange(today.Where(e => DateOnly.FromDateTime(e.At.UtcDateTime) == day).Select(e => (e.InvoiceId, day)));
        }

        Assert.Equal(
        [
            (open, new DateOnly(2026, 12, 7)), (paidLate, new DateOnly(2026, 12, 7)), (voided, new DateOnly(2026, 12, 7)),
            (open, new DateOnly(2026, 12, 17)), (paidLate, new DateOnly(2026, 12, 17)),
            (open, new DateOnly(2026, 12, 24)),
            (open, new DateOnly(2027, 1, 9)),
        ], sentOn.OrderBy(s => s.Day).ThenBy(s => s.Invoice).ToList());
        Assert.Equal(7, smtp.ReceivedEmailCount);
        Assert.Empty(await EventsAsync(app, switchedOff));
        Assert.Empty(await EventsAsync(app, paidEarly));
        Assert.Empty(await EventsAsync(app, draft));
        Assert.Empty(await EventsAsync(app, otherInvoice));

        // What the client got, and what the invoice page shows.
        var messages = smtp.ReceivedEmail.Select(m => Parse(m.Data)).ToList();
        Assert.All(messages, m => Assert.Equal("ap@slow.example", m.To.Mailboxes.Single().Address));
        Assert.All(messages, m => Assert.Contains("100.00", m.TextBody));
        Assert.All(messages, m => Assert.Single(m.Attachments));
        Assert.Equal(3, messages.Count(m => (m.Subject ?? "").StartsWith("Reminder: invoice", StringComparison.Ordinal)));
        Assert.Equal(4, messages.Count(m => (m.Subject ?? "").StartsWith("Overdue: invoice", StringComparison.Ordinal)));
        // The sign-in cookie expired while the clock moved three months on.
        await client.LoginAsync(client.Email!);
        var history = (await client.GetPageAsync($"/invoices/details/{open}")).QuerySelector("[data-role=history]")!.TextContent;
        Assert.Contains("Reminder sent: 3 days before the due date", history);
        Assert.Contains("Reminder sent: 30 days after the due date", history);
        Assert.Equal(4, await app.WithDbAsync(db => db.InvoiceReminders.CountAsync(r => r.InvoiceId == open)));
    }

    [Fact]
    public async Task AFailedReminder_IsRecorded_AndTriedAgainOnTheNextDay()
    {
        var port = FreePort(); // no server yet
        app.Clock.Set(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));
        var client = await app.SignedInClientAsync();
        await UseSmtpAsync(client, port);
        await SaveMailSettingsAsync(client, new() { ["RemindersEnabled"] = "true" });
        var id = await InvoiceAsync(client, await CreateClientWithEmailAsync(client, "Refused", "ap@refused.example"), "2026-12-10");

        app.Clock.Set(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));
        await RunJobAsync();
        var failed = Assert.Single(await EventsAsync(app, id));
        Assert.Equal(InvoiceEventKind.ReminderFailed, failed.Kind);
        Assert.Contains("could not be reached", failed.Detail);
        await client.LoginAsync(client.Email!);
        Assert.Contains("Reminder failed", (await client.GetPageAsync($"/invoices/details/{id}")).QuerySelector("[data-role=history]")!.TextContent);

        using var smtp = SimpleSmtpServer.Start(port);
        app.Clock.Set(new DateTimeOffset(2026, 12, 8, 8, 0, 0, TimeSpan.Zero));
        await RunJobAsync();
        await RunJobAsync();
        Assert.Single(smtp.ReceivedEmail);
        Assert.Single(await EventsAsync(app, id), e => e.Kind == InvoiceEventKind.ReminderSent);
    }
}
