using System.Net;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Tests.Invoices;
using FreelancerOS.Tests.Projects;
using Microsoft.EntityFrameworkCore;
using static FreelancerOS.Tests.Invoices.InvoiceSteps;
using static FreelancerOS.Tests.Ledger.LedgerTestHelpers;
using static FreelancerOS.Tests.Reports.ReportSteps;

namespace FreelancerOS.Tests.Reports;

/// <summary>Tax collected, the cash-flow forecast, profitability and the dashboard, hand-computed, through the real forms.</summary>
public abstract class FinanceReportsTestsBase<TApp>(TApp app) where TApp : TestApp
{
    private static readonly DateTimeOffset Nov22 = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Tax_TwoRatesInOneQuarter_TaxableAndTaxPerRate_DraftsAndVoidLeftOut_AndTheCsv()
    {
        app.Clock.Set(Nov22);
        var client = await app.SignedInClientAsync();
        var acme = await CreateClientAsync(client, "Tax Client");
        await IssuedAsync(client, acme, "1000", "2026-04-10", "2026-05-10", taxRate: "21");        // tax 210.00
        await IssuedAsync(client, acme, "250.25", "2026-05-15", "2026-06-15", taxRate: "21", quantity: "2"); // 500.50, tax 105.105 → 105.11
        await IssuedAsync(client, acme, "333.33", "2026-06-30", "2026-07-30", taxRate: "9");       // tax 29.9997 → 30.00
        await IssuedAsync(client, acme, "100", "2026-07-01", "2026-07-31", taxRate: "9");          // Q3
        await IssuedAsync(client, acme, "80", "2026-05-20", "2026-06-20");                          // no tax
        AppClient.IdFromRedirect(await PostDraftAsync(client, acme, [("Draft", "1", "5000")], taxRate: "21", issueDate: "2026-05-01"));
        var voided = await IssuedAsync(client, acme, "7000", "2026-05-02", "2026-12-31", taxRate: "21");
        await client.SubmitAsync(await client.GetPageAsync($"/invoices/details/{voided}"), $"form[action='/invoices/void/{voided}']");

        var page = await client.GetPageAsync("/reports/tax?year=2026&per=quarter");
        Assert.Equal("2", Cell(page, "tr[data-period='2026-Q2'][data-rate='21'] [data-role=count]"));
        Assert.Equal("1,500.50 EUR", Cell(page, "tr[data-period='2026-Q2'][data-rate='21'] [data-role=taxable]"));
        Assert.Equal("315.11 EUR", Cell(page, "tr[data-period='2026-Q2'][data-rate='21'] [data-role=tax]"));
        Assert.Equal("1,815.61 EUR", Cell(page, "tr[data-period='2026-Q2'][data-rate='21'] [data-role=total]"));
        Assert.Equal("333.33 EUR", Cell(page, "tr[data-period='2026-Q2'][data-rate='9'] [data-role=taxable]"));
        Assert.Equal("30.00 EUR", Cell(page, "tr[data-period='2026-Q2'][data-rate='9'] [data-role=tax]"));
        Assert.Equal("80.00 EUR", Cell(page, "tr[data-period='2026-Q2'][data-rate='none'] [data-role=taxable]"));
        Assert.Equal("9.00 EUR", Cell(page, "tr[data-period='2026-Q3'][data-rate='9'] [data-role=tax]"));
        Assert.Equal("39.00 EUR", Cell(page, "tr[data-total=EUR][data-rate='9'] [data-role=tax]"));

        var months = await client.GetPageAsync("/reports/tax?year=2026&per=month");
        Assert.Equal("105.11 EUR", Cell(months, "tr[data-period='2026-05'][data-rate='21'] [data-role=tax]"));
        var year = await client.GetPageAsync("/reports/tax?year=2026&per=year");
        Assert.Equal("315.11 EUR", Cell(year, "tr[data-period='2026'][data-rate='21'] [data-role=tax]"));

        var csv = await CsvAsync(client, "/reports/tax/export?year=2026&per=quarter");
        Assert.StartsWith("Period,Currency,TaxRate,Invoices,TaxableAmount,Tax,Total\n", csv);
        Assert.Contains("2026-Q2,EUR,21,2,1500.50,315.11,1815.61\n", csv);
        Assert.Contains("2026-Q2,EUR,9,1,333.33,30.00,363.33\n", csv);
        Assert.Contains("2026-Q2,EUR,,1,80.00,0.00,80.00\n", csv);
        Assert.Contains("2026-Q3,EUR,9,1,100.00,9.00,109.00\n", csv);
        Assert.Equal(5, csv.Trim().Split('\n').Length);

        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/reports/tax?year=abc&per=fortnight")).StatusCode);
        Assert.Contains("No invoices issued in 2025", (await client.GetPageAsync("/reports/tax?year=2025")).Body!.TextContent);
    }

    /// <summary>
    /// On 2026-11-22, Bank holds 5,000 received + 500 paid on F2 − 3 × 600 rent = 3,700.00, Card −60 (software): 3,640.00. Expected in: F1 1,000 due 12-10,
    /// a 50 refund dated 11-30, F2's open 1,500 due 2027-01-10, F3 300 due 2027-02-15; F4 700 is late (due 10-31).
    /// Expected out: a laptop 800 unpaid for 12-05, rent 600 on the 3rd of Dec, Jan, Feb (paid in Aug, Sep, Oct); an old bill
    /// of 120 unpaid since 11-10 is late. Software (only Sep and Oct) does not repeat.
    /// </summary>
    private async Task<AppClient> ForecastScenarioAsync()
    {
        app.Clock.Set(Nov22);
        var client = await app.SignedInClientAsync();
        await CreateEntryAsync(app, client, "income", "Fee", "5000", "2026-11-01", mode: "Bank");
        foreach (var month in new[] { "08", "09", "10" })
            await CreateEntryAsync(app, client, "expense", "Office rent", "600", $"2026-{month}-03", mode: "Bank");
        await CreateEntryAsync(app, client, "expense", "Software", "30", "2026-09-15", mode: "Card");
        await CreateEntryAsync(app, client, "expense", "Software", "30", "2026-10-15", mode: "Card");
        await CreateEntryAsync(app, client, "expense", "Laptop", "800", "2026-12-05");
        await CreateEntryAsync(app, client, "expense", "Old bill", "120", "2026-11-10");
        await CreateEntryAsync(app, client, "income", "Refund", "50", "2026-11-30");
        var acme = await CreateClientAsync(client, "Forecast Client");
        await IssuedAsync(client, acme, "1000", "2026-11-22", "2026-12-10");
        var f2 = await IssuedAsync(client, acme, "2000", "2026-11-22", "2027-01-10");
        await PayAsync(client, f2, "500", "2026-11-22");
        await IssuedAsync(client, acme, "300", "2026-11-22", "2027-02-15");
        await IssuedAsync(client, acme, "700", "2026-10-01", "2026-10-31");
        return client;
    }

    [Fact]
    public async Task Forecast_OpenInvoicesUnpaidAndMonthlyExpenses_PerWindow_LateMoneyApart_AndTheCsv()
    {
        var client = await ForecastScenarioAsync();
        var page = await client.GetPageAsync("/reports/forecast");
        string[] Row(int days) => new[] { "in", "out", "net", "balance" }.Select(r => Cell(page, $"#forecast-table tr[data-days='{days}'] [data-role={r}]")).ToArray();
        Assert.Equal(["1,050.00 EUR", "1,400.00 EUR", "-350.00 EUR", "3,290.00 EUR"], Row(30));
        Assert.Equal(["2,550.00 EUR", "2,000.00 EUR", "550.00 EUR", "4,190.00 EUR"], Row(60));
        Assert.Equal(["2,850.00 EUR", "2,600.00 EUR", "250.00 EUR", "3,890.00 EUR"], Row(90));
        Assert.Equal("700.00 EUR", Cell(page, "[data-role=overdue-in]"));
        Assert.Equal("120.00 EUR", Cell(page, "[data-role=overdue-out]"));
        Assert.Equal("3,640.00 EUR", Cell(page, "[data-role=balance-today]"));
        Assert.Equal(3, page.QuerySelectorAll("#forecast-repeating li").Length);
        Assert.Contains("Office rent", Cell(page, "#forecast-repeating"));
        Assert.DoesNotContain("Software", Cell(page, "#forecast-repeating"));

        // The chart carries the same numbers as the table.
        var chart = System.Text.Json.JsonDocument.Parse(page.QuerySelector("#forecast-chart")!.GetAttribute("data-report-chart")!).RootElement;
        var series = chart.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal([1050m, 2550m, 2850m], series[0].GetProperty("data").EnumerateArray().Select(v => v.GetDecimal()));
        Assert.Equal([1400m, 2000m, 2600m], series[1].GetProperty("data").EnumerateArray().Select(v => v.GetDecimal()));
        Assert.Equal([3290m, 4190m, 3890m], series[2].GetProperty("data").EnumerateArray().Select(v => v.GetDecimal()));

        var csv = await CsvAsync(client, "/reports/forecast/export");
        Assert.StartsWith("Window,Until,ExpectedIn,ExpectedOut,Net,ExpectedBalance,Currency\n", csv);
        Assert.Contains("Next 30 days,2026-12-22,1050.00,1400.00,-350.00,3290.00,EUR\n", csv);
        Assert.Contains("Next 90 days,2027-02-20,2850.00,2600.00,250.00,3890.00,EUR\n", csv);
        Assert.Contains("Overdue (not counted above),2026-11-21,700.00,120.00,580.00,,EUR\n", csv);

        // The detail for 60 days lists F2's balance on its due date.
        var sixty = await client.GetPageAsync("/reports/forecast?days=60");
        Assert.Contains("10/01/2027", Cell(sixty, "#forecast-flows"));
        Assert.DoesNotContain("15/02/2027", Cell(sixty, "#forecast-flows"));
    }

    [Fact]
    public async Task Dashboard_ShowsTheMorningFigures_EachLinked_InAFixedNumberOfStatements()
    {
        var client = await ForecastScenarioAsync();
        var site = await Work.ProjectAsync(client, await Work.ClientAsync(client, "Unbilled Co", rate: "80"), "Site");
        Assert.Equal(HttpStatusCode.Redirect, (await Work.LogAsync(client, site, "2.5", "2026-11-20")).StatusCode);

        using var counter = new SqlCounter(app.DataFolder);
        counter.Reset();
        var page = await client.GetPageAsync("/");
        var statements = counter.Count;
        Assert.True(statements <= 10, $"the dashboard ran {statements} SQL statements:\n{string.Join("\n---\n", counter.Statements)}");

        // Open incomes: F1 1,000 + F2 1,500 + F3 300 + F4 700 + refund 50; F4 is late.
        Assert.Equal("3,550.00 EUR", Cell(page, "[data-role=receivable]"));
        Assert.Equal("700.00 EUR", Cell(page, "[data-role=receivable-overdue]"));
        Assert.Equal("700.00 EUR", Cell(page, "[data-role=invoices-overdue][data-currency=EUR]"));
        Assert.Equal("200.00 EUR", Cell(page, "[data-role=unbilled-value][data-currency=EUR]"));
        Assert.Equal("2.5", Cell(page, "[data-role=unbilled-hours]"));
        Assert.Equal("-350.00 EUR", Cell(page, "#dashboard-forecast tr[data-days='30'] [data-role=net]"));
        Assert.Equal("2,850.00 EUR", Cell(page, "#dashboard-forecast tr[data-days='90'] [data-role=in]"));
        // November: 5,000 fee + 50 refund + the three invoices issued on the 22nd (1,000 + 2,000 + 300); expenses 120.
        Assert.Equal("8,350.00 EUR", Cell(page, "[data-role=this-month] [data-role=income]"));
        Assert.Equal("120.00 EUR", Cell(page, "[data-role=this-month] [data-role=expenses]"));
        var chart = System.Text.Json.JsonDocument.Parse(page.QuerySelector("#dashboard-months-chart")!.GetAttribute("data-report-chart")!).RootElement;
        Assert.Equal(12, chart.GetProperty("labels").GetArrayLength());
        Assert.Equal(8350m, chart.GetProperty("series")[0].GetProperty("data")[11].GetDecimal());
        Assert.Equal("/reports/receivables", page.QuerySelector("[data-role=receivable-overdue]")!.GetAttribute("href"));
        Assert.Contains("No timer is running", Cell(page, "[data-role=timer]"));

        // A running timer shows on the dashboard with its project.
        var time = await client.GetPageAsync("/time");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(time, "form[action='/time/start']", new Dictionary<string, string> { ["ProjectId"] = site.ToString() })).StatusCode);
        var running = await client.GetPageAsync("/");
        Assert.Contains("Site", Cell(running, "[data-role=timer]"));
        Assert.NotNull(running.QuerySelector("[data-role=timer] [data-timer-started]"));

        // Every report page runs the same few statements with data as for an empty account: none per row.
        var empty = await app.SignedInClientAsync();
        foreach (var url in new[] { "/", "/reports", "/reports/receivables", "/reports/forecast", "/reports/profitability?period=all", "/reports/tax?year=2026" })
        {
            counter.Reset();
            await client.GetPageAsync(url);
            var withData = counter.Count;
            counter.Reset();
            await empty.GetPageAsync(url);
            Assert.True(withData <= 10, $"{url} ran {withData} SQL statements");
            Assert.True(withData == counter.Count, $"{url}: {withData} statements with data, {counter.Count} without");
        }
    }

    [Fact]
    public async Task Profitability_BilledHoursRateAndExpensesByProjectAndClient_SortedOnTheServer_AndTheCsv()
    {
        app.Clock.Set(Nov22);
        var client = await app.SignedInClientAsync();
        var profitCo = await Work.ClientAsync(client, "Profit Co", rate: "100");
        var site = await Work.ProjectAsync(client, profitCo, "Site");
        var appProject = await Work.ProjectAsync(client, profitCo, "App");
        await Work.LogAsync(client, site, "10", "2026-11-10");
        await Work.LogAsync(client, site, "2", "2026-11-11", billable: false);
        await Work.LogAsync(client, appProject, "5", "2026-11-12");
        foreach (var (description, amount, rechargeable) in new[] { ("Train", "84.50", "true"), ("Lunch", "40", "false") })
        {
            var response = await PostEntryAsync(client, "expense", new Dictionary<string, string>
            {
                ["Description"] = description, ["Amount"] = amount, ["Date"] = "2026-11-13", ["ProjectId"] = site.ToString(), ["Rechargeable"] = rechargeable,
            });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        // Site's 10 billable hours billed (1,000.00), plus a typed line of 250 on another invoice of the client.
        var billed = await BillingSteps.BillAsync(client, profitCo, $"input[name=TimeGroups][value='{site}-0']");
        await IssueAsync(client, billed);
        await IssuedAsync(client, profitCo, "250", "2026-11-20", "2026-12-20", taxRate: "21");

        var page = await client.GetPageAsync("/reports/profitability?period=month");
        Assert.Equal("1,000.00 EUR", Cell(page, "#profit-projects tr[data-name=Site] [data-role=billed]"));
        Assert.Equal("12", Cell(page, "#profit-projects tr[data-name=Site] [data-role=hours]"));
        Assert.Equal("83.33 EUR /h", Cell(page, "#profit-projects tr[data-name=Site] [data-role=rate]"));
        Assert.Equal("84.50 EUR", Cell(page, "#profit-projects tr[data-name=Site] [data-role=recharged]"));
        Assert.Equal("40.00 EUR", Cell(page, "#profit-projects tr[data-name=Site] [data-role=costs]"));
        Assert.Equal("0.00 EUR", Cell(page, "#profit-projects tr[data-name=App] [data-role=billed]"));
        Assert.Equal("0.00 EUR /h", Cell(page, "#profit-projects tr[data-name=App] [data-role=rate]")); // 5 hours, nothing billed yet
        // The client: 1,000 + 250 billed (before tax) over 17 hours = 73.53 an hour.
        Assert.Equal("1,250.00 EUR", Cell(page, "#profit-clients tr[data-name='Profit Co'] [data-role=billed]"));
        Assert.Equal("17", Cell(page, "#profit-clients tr[data-name='Profit Co'] [data-role=hours]"));
        Assert.Equal("73.53 EUR /h", Cell(page, "#profit-clients tr[data-name='Profit Co'] [data-role=rate]"));

        string[] Order(AngleSharp.Dom.IDocument p) => p.QuerySelectorAll("#profit-projects tbody tr").Select(r => r.GetAttribute("data-name")!).ToArray();
        Assert.Equal(["Site", "App"], Order(page)); // by billed, highest first
        Assert.Equal(["App", "Site"], Order(await client.GetPageAsync("/reports/profitability?period=month&sort=hours&dir=asc")));
        Assert.Equal(["App", "Site"], Order(await client.GetPageAsync("/reports/profitability?period=month&sort=name&dir=asc")));
        Assert.Equal("descending", page.QuerySelector("#profit-projects th[aria-sort]")!.GetAttribute("aria-sort"));

        // Another period has nothing; bad input falls back to a sensible page.
        Assert.Empty((await client.GetPageAsync("/reports/profitability?period=last-year")).QuerySelectorAll("#profit-projects tbody tr[data-name]"));
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/reports/profitability?sort=%27drop&dir=x&from=zzz")).StatusCode);

        var csv = await CsvAsync(client, "/reports/profitability/export?period=month");
        Assert.StartsWith("Kind,Name,Client,Currency,Billed,Hours,EffectiveRate,ExpensesRecharged,ExpensesNotRecharged,ExpensesCurrency\n", csv);
        Assert.Contains("Project,Site,Profit Co,EUR,1000.00,12,83.33,84.50,40.00,EUR\n", csv);
        Assert.Contains("Project,App,Profit Co,EUR,0.00,5,0.00,0.00,0.00,EUR\n", csv);
        Assert.Contains("Client,Profit Co,Profit Co,EUR,1250.00,17,73.53,84.50,40.00,EUR\n", csv);
    }

    [Fact]
    public async Task ReportsIndex_LinksEveryReport_AndEveryReportRendersForAnEmptyAccount()
    {
        var client = await app.SignedInClientAsync();
        var index = await client.GetPageAsync("/reports");
        Assert.DoesNotContain("arrive with", index.Body!.TextContent);
        foreach (var url in new[] { "/reports/receivables", "/reports/forecast", "/reports/profitability", "/reports/tax" })
        {
            Assert.NotNull(index.QuerySelector($".report-nav a[href='{url}']"));
            var page = await client.GetPageAsync(url);
            Assert.NotNull(page.QuerySelector("[data-role=export]"));
            await CsvAsync(client, page.QuerySelector("[data-role=export]")!.GetAttribute("href")!);
        }
        Assert.NotNull((await client.GetPageAsync("/")).QuerySelector("#dashboard-months-chart"));
    }
}

public sealed class FinanceReportsTests(TestApp app) : FinanceReportsTestsBase<TestApp>(app), IClassFixture<TestApp>;

/// <summary>Tax collected, forecast, profitability and the dashboard, on PostgreSQL (./test.sh starts the server): the same scenarios, the same figures.</summary>
public sealed class PostgresFinanceReportsTests(FreelancerOS.Tests.Ledger.PostgresTestApp app) : FinanceReportsTestsBase<FreelancerOS.Tests.Ledger.PostgresTestApp>(app), IClassFixture<FreelancerOS.Tests.Ledger.PostgresTestApp>;
