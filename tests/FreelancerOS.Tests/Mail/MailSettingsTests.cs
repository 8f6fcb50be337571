using AngleSharp.Dom;
using System.Net;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Features.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static FreelancerOS.Tests.Mail.MailSteps;

namespace FreelancerOS.Tests.Mail;

public sealed class MailSettingsTests(TestApp app) : IClassFixture<TestApp>
{
    private const string Secret = "Tr0ub4dor-&-3-smtp";

    [Fact]
    public async Task SettingsPage_IsLinkedFromSettings_AndOffersTheDefaultReminders()
    {
        var client = await app.SignedInClientAsync();
        var settings = await client.GetPageAsync("/settings");
        Assert.Equal("/settings/email", settings.QuerySelector("[data-role=email-settings]")!.GetAttribute("href"));
        var page = await client.GetPageAsync("/settings/email");
        var days = page.QuerySelectorAll("[data-role=reminder] input[name$='.Days']").Select(i => i.GetAttribute("value")).ToList();
        Assert.Equal(["3", "7", "14", "30", null], days);
        Assert.Contains("{number}", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Form_InvoiceSubject")!.Value);
    }

    [Fact]
    public async Task Password_IsStoredEncrypted_AndShownNowhere_EmptyKeepsIt_ClearRemovesIt()
    {
        var client = await app.SignedInClientAsync();
        var userId = await Invoices.InvoiceSteps.UserIdAsync(app, client.Email!);
        var saved = await SaveMailSettingsAsync(client, new()
        {
            ["SmtpHost"] = "smtp.example.com", ["SmtpPort"] = "587", ["Security"] = "StartTls", ["SmtpUser"] = "jo",
            ["Password"] = Secret, ["FromAddress"] = "jo@example.com",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var html = await client.Http.GetStringAsync("/settings/email");
        Assert.DoesNotContain(Secret, html);
        Assert.Contains("A password is saved", html);

        var stored = await app.WithDbAsync(db => db.MailSettings.SingleAsync(), userId);
        Assert.NotNull(stored.ProtectedPassword);
        Assert.DoesNotContain(Secret, stored.ProtectedPassword);
        Assert.Equal(Secret, app.Services.GetRequiredService<SmtpPasswords>().Unprotect(stored.ProtectedPassword));

        // A form sent back with an error does not echo the typed password either.
        var invalid = await SaveMailSettingsAsync(client, new() { ["Password"] = Secret + "2", ["FromAddress"] = "jo@" });
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.DoesNotContain(Secret, await invalid.Content.ReadAsStringAsync());

        // Saving with the field empty keeps the password.
        await SaveMailSettingsAsync(client, new() { ["FromName"] = "Jo" });
        stored = await app.WithDbAsync(db => db.MailSettings.AsNoTracking().SingleAsync(), userId);
        Assert.Equal(Secret, app.Services.GetRequiredService<SmtpPasswords>().Unprotect(stored.ProtectedPassword));
        Assert.Equal("Jo", stored.FromName);

        await SaveMailSettingsAsync(client, new() { ["ClearPassword"] = "true" });
        stored = await app.WithDbAsync(db => db.MailSettings.AsNoTracking().SingleAsync(), userId);
        Assert.Null(stored.ProtectedPassword);
        Assert.Contains("No password is saved", await client.Http.GetStringAsync("/settings/email"));
    }

    [Theory]
    [InlineData("FromAddress", "jo@")]
    [InlineData("FromAddress", "not an address")]
    [InlineData("FromAddress", "a@example.com, b@example.com")]
    [InlineData("SmtpPort", "70000")]
    [InlineData("SmtpPort", "abc")]
    [InlineData("Security", "99")]
    [InlineData("SmtpHost", "smtp://mail.example.com:25")]
    [InlineData("InvoiceSubject", "Invoice {nummer}")]
    [InlineData("InvoiceBody", "")]
    [InlineData("PublicBaseUrl", "javascript:alert(1)")]
    [InlineData("Reminders[0].Days", "-4")]
    [InlineData("Reminders[1].Days", "x")]
    [InlineData("Reminders[2].Body", "Pay {duedate}")]
    [InlineData("Reminders[3].Days", "7")]
    public async Task BadInput_ShowsAMessage_AndSavesNothing(string field, string value)
    {
        var client = await app.SignedInClientAsync();
        var userId = await Invoices.InvoiceSteps.UserIdAsync(app, client.Email!);
        // Some bad values (a security mode not offered, a fourth reminder) only come in a hand-made request.
        var response = await SaveMailSettingsAsync(client, new() { [field] = value, ["FromName"] = "Should not be saved" }, forged: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Contains(page.QuerySelectorAll(".field-error"), e => e.TextContent.Trim().Length > 0);
        Assert.Equal("Should not be saved", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Form_FromName")!.Value);
        Assert.Null(await app.WithDbAsync(db => db.MailSettings.AsNoTracking().SingleOrDefaultAsync(), userId));
        Assert.Empty(await app.WithDbAsync(db => db.ReminderRules.AsNoTracking().ToListAsync(), userId));
    }

    [Fact]
    public async Task Reminders_AreSavedAsASet_AddAndRemove()
    {
        var client = await app.SignedInClientAsync();
        var userId = await Invoices.InvoiceSteps.UserIdAsync(app, client.Email!);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveMailSettingsAsync(client, new()
        {
            ["RemindersEnabled"] = "true", ["Reminders[1].Remove"] = "true", ["Reminders[4].Days"] = "60", ["Reminders[4].When"] = "after",
        })).StatusCode);
        var rules = await app.WithDbAsync(db => db.ReminderRules.AsNoTracking().OrderBy(r => r.DaysFromDue).Select(r => r.DaysFromDue).ToListAsync(), userId);
        Assert.Equal([-3, 14, 30, 60], rules);
        Assert.True((await app.WithDbAsync(db => db.MailSettings.AsNoTracking().SingleAsync(), userId)).RemindersEnabled);
    }
}
