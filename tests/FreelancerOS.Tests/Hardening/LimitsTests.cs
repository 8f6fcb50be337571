using System.Net;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Tests.Invoices;
using FreelancerOS.Web.Domain;
using static FreelancerOS.Tests.Ledger.LedgerTestHelpers;

namespace FreelancerOS.Tests.Hardening;

/// <summary>Numbers and dates the app accepts can always be summed and shown afterwards.</summary>
public sealed class LimitsTests(TestApp app) : IClassFixture<TestApp>
{
    private static async Task<string> RefusedAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return AppClient.FieldError(await AppClient.ParseAsync(response), field);
    }

    [Fact]
    public async Task Income_50BillionUsdAtRateOneMillion_IsRefusedWithTheLimit()
    {
        var client = await app.SignedInClientAsync();
        var message = await RefusedAsync(await PostEntryAsync(client, "income", new()
        {
            ["Description"] = "Huge", ["Amount"] = "50000000000", ["Currency"] = "USD", ["ExchangeRate"] = "1000000", ["Date"] = "2026-11-10",
        }), "Amount");
        Assert.Contains("9,000,000,000", message);

        Assert.Contains("9,000,000,000", await RefusedAsync(await PostEntryAsync(client, "income", new()
        {
            ["Description"] = "Twelve nines", ["Amount"] = "999999999999.99", ["Date"] = "2026-11-10",
        }), "Amount"));

        // Within the typed bound but not once converted: the home value is bounded too.
        Assert.Contains("At this rate", await RefusedAsync(await PostEntryAsync(client, "income", new()
        {
            ["Description"] = "Rate", ["Amount"] = "10000", ["Currency"] = "USD", ["ExchangeRate"] = "1000000", ["Date"] = "2026-11-10",
        }), "Amount"));
    }

    [Fact]
    public async Task LargestAmounts_AreAccepted_AndEveryFigurePageStillAnswers()
    {
        var client = await app.SignedInClientAsync();
        await CreateEntryAsync(app, client, "income", "Max home", "9000000000", date: "2026-11-10");
        await CreateEntryAsync(app, client, "income", "Max converted", "9000", currency: "USD", rate: "1000000", date: "2026-11-11");
        await CreateEntryAsync(app, client, "expense", "Max expense", "9000000000", date: "2026-11-12");
        foreach (var url in new[] { "/", "/ledger", "/ledger/summary?month=2026-11", "/ledger/balances", "/reports?year=2026", "/reports/export?year=2026" })
            Assert.True((await client.Http.GetAsync(url)).StatusCode == HttpStatusCode.OK, url);
        Assert.True(Limits.MaxMinorUnits <= long.MaxValue / 10_000_000, "ten million rows of the largest value fit in a long");
    }

    [Fact]
    public async Task Decimals_FollowTheCurrency()
    {
        var client = await app.SignedInClientAsync();
        Assert.Contains("JPY amounts have at most 0 decimals", await RefusedAsync(await PostEntryAsync(client, "expense", new()
        {
            ["Description"] = "Half yen", ["Amount"] = "0.5", ["Currency"] = "JPY", ["ExchangeRate"] = "0.0062", ["Date"] = "2026-11-10",
        }), "Amount"));
        await CreateEntryAsync(app, client, "expense", "Dinars", "1.255", currency: "KWD", rate: "2.9", date: "2026-11-10");
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("1899-12-31")]
    public async Task DatesAtTheEndsOfTheCalendar_AreRefusedOnLedgerTimeAndInvoices(string date)
    {
        var client = await app.SignedInClientAsync();
        Assert.Equal(Limits.DateMessage, await RefusedAsync(await PostEntryAsync(client, "expense", new()
        {
            ["Description"] = "Old", ["Amount"] = "10", ["Date"] = date,
        }), "Date"));

        var project = await Projects.Work.ProjectAsync(client, await Projects.Work.ClientAsync(client));
        Assert.Equal(Limits.DateMessage, await RefusedAsync(await Projects.Work.LogAsync(client, project, "2", date), "Date"));

        var clientId = await InvoiceSteps.CreateClientAsync(client, "Calendar Ltd");
        Assert.Equal(Limits.DateMessage, await RefusedAsync(await InvoiceSteps.PostDraftAsync(client, clientId, [("Work", "1", "100")], issueDate: date), "IssueDate"));
        Assert.Equal(Limits.DateMessage, await RefusedAsync(await InvoiceSteps.PostDraftAsync(client, clientId, [("Work", "1", "100")], dueDate: date), "DueDate"));
    }

    [Theory]
    [InlineData("/ledger?period=custom&from=0001-01-01&to=9999-12-31")]
    [InlineData("/ledger/export?period=custom&from=0001-01-01&to=9999-12-31")]
    [InlineData("/ledger/summary?month=9999-12")]
    [InlineData("/ledger/summary?month=0001-01")]
    [InlineData("/time?week=9999-12-31")]
    [InlineData("/time?week=0001-01-01")]
    [InlineData("/time/create?date=9999-12-31")]
    [InlineData("/reports?year=9999")]
    [InlineData("/reports?year=1")]
    [InlineData("/invoices/list?from=0001-01-01&to=9999-12-31")]
    [InlineData("/invoices/create?from=0001-01-01&to=9999-12-31")]
    public async Task QueryStringDatesOutOfRange_AreIgnoredOrRefused_NeverA500(string url)
    {
        var client = await app.SignedInClientAsync();
        await CreateEntryAsync(app, client, "income", "Some", "10", date: "2026-11-10");
        var response = await client.Http.GetAsync(url);
        Assert.True((int)response.StatusCode < 500, $"{url}: {response.StatusCode}");
    }

    [Fact]
    public async Task InvoiceLine_QuantityTimesPriceOverTheLimit_IsRefused()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await InvoiceSteps.CreateClientAsync(client, "Big Ltd");
        var response = await InvoiceSteps.PostDraftAsync(client, clientId, [("Work", "1000000", "1000000")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("9,000,000,000", await response.Content.ReadAsStringAsync());
    }
}
