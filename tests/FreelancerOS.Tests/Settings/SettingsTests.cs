using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using FreelancerOS.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Tests.Settings;

public sealed class SettingsTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Get_Settings_ShowsDefaultsFromRegistration()
    {
        var client = app.NewClient();
        await client.RegisterAsync($"usd-{Guid.NewGuid():N}@example.com", currency: "usd");
        var page = await client.GetPageAsync("/settings");
        Assert.Equal("USD", page.QuerySelector<IHtmlInputElement>("input[name=HomeCurrency]")!.Value);
        Assert.Equal("30", page.QuerySelector<IHtmlInputElement>("input[name=PaymentTermsDays]")!.Value);
        Assert.Contains("INV-2026-0007", page.Body!.TextContent);
    }

    [Fact]
    public async Task Post_Settings_SavesEveryField_AndAppliesTheDisplayCulture()
    {
        var client = await app.SignedInClientAsync();
        var page = await client.GetPageAsync("/settings");
        var response = await client.SubmitAsync(page, "form[action='/settings']", new Dictionary<string, string>
        {
            ["HomeCurrency"] = "chf", ["Culture"] = "de-DE", ["TimeZoneId"] = "Europe/Berlin",
            ["BusinessName"] = "Studio Muster", ["BusinessAddress"] = "Hauptstraße 1\n10115 Berlin", ["BusinessEmail"] = "rechnung@muster.example",
            ["TaxId"] = "DE123456789", ["PaymentInstructions"] = "IBAN DE89 3704 0044 0532 0130 00", ["InvoicePrefix"] = "RE-",
            ["InvoiceNumberDigits"] = "5", ["PaymentTermsDays"] = "14", ["DefaultHourlyRate"] = "90.5",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var saved = await app.WithDbAsync(db => db.Settings.IgnoreQueryFilters().SingleAsync(s => s.BusinessName == "Studio Muster"));
        Assert.Equal(("CHF", "de-DE", "Europe/Berlin", "RE-", 5, 14, 90.5m, "DE123456789"),
            (saved.HomeCurrency, saved.Culture, saved.TimeZoneId, saved.InvoicePrefix, saved.InvoiceNumberDigits, saved.PaymentTermsDays, saved.DefaultHourlyRate, saved.TaxId));
        Assert.Equal("RE-2026-00007", saved.FormatInvoiceNumber(2026, 7));

        // The culture applies at once: numbers are shown and read the German way.
        var create = await client.GetPageAsync("/clients/create");
        Assert.Equal("CHF", create.QuerySelector<IHtmlInputElement>("input[name=Currency]")!.Value);
        var created = await client.SubmitAsync(create, "form[action='/clients/create']", new Dictionary<string, string>
        {
            ["Name"] = "Kunde GmbH", ["ContractValue"] = "12.000,50",
        });
        var id = AppClient.IdFromRedirect(created);
        var details = await client.GetPageAsync($"/clients/details/{id}");
        Assert.Contains("12.000,50 CHF", details.QuerySelector("[data-role=contract]")!.TextContent);
    }

    [Fact]
    public async Task Post_BadSettings_ShowsFieldErrorsAndSavesNothing()
    {
        var client = await app.SignedInClientAsync();
        var page = await client.GetPageAsync("/settings");
        // A culture, zone or currency the selects do not offer: a hand-made request.
        var response = await client.SubmitForgedAsync(page, "form[action='/settings']", new Dictionary<string, string>
        {
            ["HomeCurrency"] = "ABC", ["Culture"] = "xx-XX", ["TimeZoneId"] = "Mars/Olympus", ["PaymentTermsDays"] = "-3",
            ["DefaultHourlyRate"] = "lots", ["InvoiceNumberDigits"] = "12", ["BusinessEmail"] = "no-at-sign", ["BusinessName"] = "Kept",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var form = await AppClient.ParseAsync(response);
        foreach (var field in new[] { "HomeCurrency", "Culture", "TimeZoneId", "PaymentTermsDays", "DefaultHourlyRate", "InvoiceNumberDigits", "BusinessEmail" })
            Assert.False(string.IsNullOrEmpty(AppClient.FieldError(form, field)), $"no error for {field}");
        Assert.Equal("Kept", form.QuerySelector<IHtmlInputElement>("input[name=BusinessName]")!.Value);
        Assert.Equal(0, await app.WithDbAsync(db => db.Settings.IgnoreQueryFilters().CountAsync(s => s.BusinessName == "Kept")));
    }

    [Fact]
    public async Task Post_SettingsFromAStaleTab_IsAConflict()
    {
        var client = await app.SignedInClientAsync();
        var tab1 = await client.GetPageAsync("/settings");
        var tab2 = await client.GetPageAsync("/settings");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(tab1, "form[action='/settings']", new Dictionary<string, string> { ["BusinessName"] = "First" })).StatusCode);
        var second = await client.SubmitAsync(tab2, "form[action='/settings']", new Dictionary<string, string> { ["BusinessName"] = "Second" });
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("changed in another tab", await second.Content.ReadAsStringAsync());
    }

    /// <summary>The rule lives on AccountSettings.ChangeHomeCurrency: once the ledger holds converted amounts, the home currency stays.</summary>
    [Fact]
    public async Task Post_HomeCurrency_ChangesWhileTheLedgerIsEmpty_AndIsRefusedOnceItHasEntries()
    {
        var client = await app.SignedInClientAsync();
        var page = await client.GetPageAsync("/settings");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(page, "form[action='/settings']", new Dictionary<string, string> { ["HomeCurrency"] = "chf" })).StatusCode);

        var entry = await FreelancerOS.Tests.Ledger.LedgerTestHelpers.PostEntryAsync(client, "income",
            new Dictionary<string, string> { ["Description"] = "Consulting", ["Amount"] = "100", ["Date"] = "2026-11-10" });
        Assert.Equal(HttpStatusCode.Redirect, entry.StatusCode);

        page = await client.GetPageAsync("/settings");
        Assert.Equal("CHF", page.QuerySelector<IHtmlInputElement>("input[name=HomeCurrency]")!.Value);
        var refused = await client.SubmitAsync(page, "form[action='/settings']", new Dictionary<string, string> { ["HomeCurrency"] = "USD", ["BusinessName"] = "Renamed" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var form = await AppClient.ParseAsync(refused);
        Assert.StartsWith("The ledger already has entries converted to CHF, so the home currency cannot change.", AppClient.FieldError(form, "HomeCurrency"));
        Assert.Equal("USD", form.QuerySelector<IHtmlInputElement>("input[name=HomeCurrency]")!.Value); // what was typed stays
        var owner = await app.WithDbAsync(db => db.Users.Where(u => u.Email == client.Email).Select(u => u.Id).SingleAsync());
        var saved = await app.WithDbAsync(db => db.Settings.IgnoreQueryFilters().SingleAsync(x => x.OwnerId == owner));
        Assert.Equal(("CHF", (string?)null), (saved.HomeCurrency, saved.BusinessName));
    }
}
