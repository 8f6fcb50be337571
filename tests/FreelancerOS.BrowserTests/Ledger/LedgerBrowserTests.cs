using System.Globalization;
using System.Text;
using FreelancerOS.BrowserTests.Infrastructure;

namespace FreelancerOS.BrowserTests.Ledger;

[Collection(BrowserCollection.Name)]
public sealed class LedgerBrowserTests(BrowserFixture fixture)
{
    private static byte[] Statement(int rows)
    {
        var sb = new StringBuilder("Date,Description,Amount\n");
        for (var i = 1; i <= rows; i++)
            sb.Append(new DateOnly(2026, 1, 1).AddDays(i % 300).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                .Append(",Browser row ").Append(i).Append(',').Append(i % 4 == 0 ? "-12.34" : "100.00").Append('\n');
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    [Fact]
    public async Task ImportCsv_ShowsProgressUntilItFinishes()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.RegisterAsync();

        await page.GotoAsync("/ledger/import");
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "bank.csv", MimeType = "text/csv", Buffer = Statement(3000) });
        await page.ClickAsync("#import-upload button[type=submit]");
        await page.ClickAsync("#import-map button[type=submit]");
        await Assertions.Expect(page.Locator("[data-role=rows]")).ToHaveTextAsync("3000");
        await Assertions.Expect(page.Locator("[data-role=errors]")).ToHaveTextAsync("0");
        await page.ClickAsync("#import-run button[type=submit]");

        await page.WaitForURLAsync("**/ledger/importstatus/*");
        await Assertions.Expect(page.Locator("#import-progress")).ToHaveCountAsync(1);
        // The progress block polls itself (htmx) until the import is done, without a reload.
        await Assertions.Expect(page.Locator("#import-progress[data-state=done]")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("[data-role=imported]")).ToHaveTextAsync("3000");
        await Assertions.Expect(page.Locator("[data-role=skipped]")).ToHaveTextAsync("0");

        await page.ClickAsync("#import-progress a");
        await Assertions.Expect(page.Locator("[data-role=total-count]")).ToHaveTextAsync("3000");
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task MonthChart_Renders_AndLedgerPagesLogNoConsoleErrors()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.RegisterAsync();

        await page.GotoAsync("/ledger/create?kind=income");
        // The exchange rate is only asked for a foreign currency.
        await Assertions.Expect(page.Locator("#rate-box")).ToBeHiddenAsync();
        await page.FillAsync("input[name=Currency]", "USD");
        await Assertions.Expect(page.Locator("#rate-box")).ToBeVisibleAsync();
        await page.FillAsync("input[name=Currency]", "EUR");
        await Assertions.Expect(page.Locator("#rate-box")).ToBeHiddenAsync();
        await page.FillAsync("input[name=Description]", "Chart fee");
        await page.FillAsync("input[name=Amount]", "2500");
        await page.ClickAsync("#entry-form button[type=submit]");
        await page.WaitForURLAsync("**/ledger?*");
        await Assertions.Expect(page.Locator("[data-role=total-income]")).ToHaveTextAsync("2,500.00 EUR");

        await page.GotoAsync("/ledger/summary");
        await page.WaitForFunctionAsync("() => window.Chart && Chart.getChart(document.getElementById('month-chart')) !== undefined");
        var bars = await page.EvaluateAsync<int>("() => Chart.getChart(document.getElementById('month-chart')).data.datasets[0].data.length");
        Assert.Equal(12, bars);
        var last = await page.EvaluateAsync<double>("() => { const d = Chart.getChart(document.getElementById('month-chart')).data.datasets[0].data; return d[d.length - 1]; }");
        Assert.Equal(2500d, last);
        var box = await page.Locator("#month-chart").BoundingBoxAsync();
        Assert.True(box is { Width: > 100, Height: > 100 });
        await Assertions.Expect(page.Locator("#month-table tbody tr")).ToHaveCountAsync(12);

        foreach (var url in new[] { "/", "/ledger", "/ledger/balances", "/ledger/lists", "/ledger/import", "/ledger/create?kind=expense", "/reports" })
        {
            await page.GotoAsync(url);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }
}
