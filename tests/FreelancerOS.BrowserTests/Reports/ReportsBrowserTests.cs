using System.Globalization;
using System.Text.Json;
using FreelancerOS.BrowserTests.Infrastructure;

namespace FreelancerOS.BrowserTests.Reports;

[Collection(BrowserCollection.Name)]
public sealed class ReportsBrowserTests(BrowserFixture fixture)
{
    private static string Money(double value) => value.ToString("N2", CultureInfo.GetCultureInfo("en-US")) + " EUR";

    private static async Task AddEntryAsync(IPage page, string kind, string description, string amount)
    {
        await page.GotoAsync($"/ledger/create?kind={kind}");
        await page.FillAsync("input[name=Description]", description);
        await page.FillAsync("input[name=Amount]", amount);
        await page.ClickAsync("#entry-form button[type=submit]");
        await page.WaitForURLAsync("**/ledger?*");
    }

    /// <summary>The numbers Chart.js drew for a canvas, per dataset.</summary>
    private static async Task<double[][]> ChartDataAsync(IPage page, string canvasId)
    {
        await page.WaitForFunctionAsync($"() => window.Chart && Chart.getChart(document.getElementById('{canvasId}')) !== undefined");
        return await page.EvaluateAsync<double[][]>($"() => Chart.getChart(document.getElementById('{canvasId}')).data.datasets.map(d => d.data)");
    }

    [Fact]
    public async Task DashboardAndReports_DrawTheirCharts_WithTheTablesNumbers_AreAxeClean_AndPrintWithoutNavigation()
    {
        await using var session = await fixture.NewSessionAsync(bypassCsp: true);
        var page = session.Page;
        await session.RegisterAsync();
        // Not received / not paid yet, dated today: expected in the forecast, and this month's figures on the dashboard.
        await AddEntryAsync(page, "income", "Browser fee", "2500");
        await AddEntryAsync(page, "expense", "Browser tools", "310.40");

        await page.GotoAsync("/reports/forecast");
        var forecast = await ChartDataAsync(page, "forecast-chart");
        var attribute = JsonDocument.Parse((await page.GetAttributeAsync("#forecast-chart", "data-report-chart"))!).RootElement;
        var days = new[] { 30, 60, 90 };
        for (var i = 0; i < days.Length; i++)
        {
            var row = page.Locator($"#forecast-table tr[data-days='{days[i]}']");
            Assert.Equal(Money(forecast[0][i]), (await row.Locator("[data-role=in]").TextContentAsync())!.Trim());
            Assert.Equal(Money(forecast[1][i]), (await row.Locator("[data-role=out]").TextContentAsync())!.Trim());
            Assert.Equal(Money(forecast[2][i]), (await row.Locator("[data-role=balance]").TextContentAsync())!.Trim());
            for (var s = 0; s < 3; s++)
                Assert.Equal((decimal)forecast[s][i], attribute.GetProperty("series")[s].GetProperty("data")[i].GetDecimal());
        }
        Assert.Equal(2500d, forecast[0][0]);
        Assert.Equal(310.40d, forecast[1][0]);

        await page.GotoAsync("/");
        var months = await ChartDataAsync(page, "dashboard-months-chart");
        var rows = page.Locator("#dashboard-months tbody tr");
        Assert.Equal(12, await rows.CountAsync());
        for (var i = 0; i < 12; i++)
        {
            Assert.Equal(Money(months[0][i]), (await rows.Nth(i).Locator("td").Nth(0).TextContentAsync())!.Trim());
            Assert.Equal(Money(months[1][i]), (await rows.Nth(i).Locator("td").Nth(1).TextContentAsync())!.Trim());
        }
        Assert.Equal(2500d, months[0][11]);

        var problems = new List<string>();
        foreach (var url in new[] { "/", "/reports", "/reports/receivables", "/reports/forecast", "/reports/profitability", "/reports/tax", "/invoices", "/invoices/list?age=1-30" })
        {
            await page.GotoAsync(url);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            problems.AddRange((await Axe.SeriousViolationsAsync(page)).Select(v => $"{url} {v}"));

            // On paper: no navigation or buttons, and nothing runs off the right edge.
            await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
            await Assertions.Expect(page.Locator("nav.navbar")).ToBeHiddenAsync();
            if (url.StartsWith("/reports", StringComparison.Ordinal))
                await Assertions.Expect(page.Locator("[data-role=export]").First).ToBeHiddenAsync();
            var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");
            Assert.False(overflow, $"{url} is wider than the printed page");
            await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }
}
