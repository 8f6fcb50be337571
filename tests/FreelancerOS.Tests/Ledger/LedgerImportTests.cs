using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Dom;
using FreelancerOS.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static FreelancerOS.Tests.Ledger.LedgerTestHelpers;

namespace FreelancerOS.Tests.Ledger;

public sealed class LedgerImportTests(TestApp app) : IClassFixture<TestApp>
{
    internal static async Task<IDocument> UploadAsync(AppClient client, string csv, string fileName = "statement.csv")
    {
        var page = await client.GetPageAsync("/ledger/import");
        var token = page.QuerySelector("#import-upload input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", fileName },
        };
        var response = await client.Http.PostAsync("/ledger/import", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await AppClient.ParseAsync(response);
    }

    internal static async Task<IDocument> PreviewAsync(AppClient client, IDocument map, Dictionary<string, string>? values = null)
    {
        var response = await client.SubmitAsync(map, "#import-map", values);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await AppClient.ParseAsync(response);
    }

    /// <summary>Starts the import from the preview and polls its progress, as the page does, until it is done.</summary>
    internal static async Task<IDocument> RunAsync(AppClient client, IDocument preview)
    {
        var response = await client.SubmitAsync(preview, "#import-run");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var status = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/ledger/importstatus/", status);
        for (var i = 0; i < 300; i++)
        {
            var page = await client.GetPageAsync(status);
            var state = page.QuerySelector("#import-progress")!.GetAttribute("data-state");
            if (state != "running") return page;
            await Task.Delay(100);
        }
        throw new TimeoutException("The import did not finish.");
    }

    private static string BankStatement(int rows, int badRow = -1)
    {
        var sb = new StringBuilder("Booking date;Details;Amount\n");
        for (var i = 1; i <= rows; i++)
        {
            var date = new DateOnly(2025, 1, 1).AddDays(i % 300).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
            var amount = i % 3 == 0 ? $"-{i},{i % 100:00}" : $"{i * 2},50";
            if (i == badRow) amount = "twelve";
            sb.Append(date).Append(";Payment ").Append(i).Append(';').Append(amount).Append('\n');
        }
        return sb.ToString();
    }

    [Fact]
    public async Task Import_1000Rows_WithDuplicatesAndABadRow_RefusesThenImportsTheCorrectedFile()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client);
        // Two rows of the statement are already in the ledger (same date, amount and description).
        await CreateEntryAsync(app, client, "income", "Payment 10", "20.50", new DateOnly(2025, 1, 11).ToString("yyyy-MM-dd"));
        await CreateEntryAsync(app, client, "expense", "Payment 30", "30.30", new DateOnly(2025, 1, 31).ToString("yyyy-MM-dd"));

        var map = await UploadAsync(client, BankStatement(1000, badRow: 500));
        Assert.Equal("0", map.QuerySelector("#DateColumn option[selected]")!.GetAttribute("value"));
        Assert.Equal("1", map.QuerySelector("#DescriptionColumn option[selected]")!.GetAttribute("value"));
        Assert.Equal("dd/MM/yyyy", map.QuerySelector("#DateFormat option[selected]")!.GetAttribute("value"));

        var preview = await PreviewAsync(client, map, new() { ["DecimalSeparator"] = "," });
        Assert.Equal("1000", Text(preview, "[data-role=rows]"));
        Assert.Equal("2", Text(preview, "[data-role=duplicates]"));
        Assert.Equal("1", Text(preview, "[data-role=errors]"));
        Assert.Contains("Row 501, Amount: \"twelve\" is not a number.", Text(preview, "#import-errors"));
        Assert.Contains("table-danger", preview.QuerySelector("#import-preview tr[data-row='501'] td:nth-child(5)")!.ClassName);
        Assert.Null(preview.QuerySelector("#import-run"));

        // Forcing the run anyway imports nothing.
        var forced = await client.SubmitAsync(map, "#import-map", new Dictionary<string, string> { ["DecimalSeparator"] = "," });
        var forcedPreview = await AppClient.ParseAsync(forced);
        var token = forcedPreview.QuerySelector("input[name=Token]")?.GetAttribute("value") ?? map.QuerySelector("input[name=Token]")!.GetAttribute("value")!;
        var csrf = map.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var run = await client.Http.PostAsync("/ledger/importrun", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = csrf, ["Token"] = token, ["DateColumn"] = "0", ["DescriptionColumn"] = "1", ["AmountColumn"] = "2",
            ["DateFormat"] = "dd/MM/yyyy", ["DecimalSeparator"] = ",",
        }));
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        Assert.Contains("Row 501", await run.Content.ReadAsStringAsync());
        Assert.Equal(2, await app.WithDbAsync(db => db.LedgerEntries.CountAsync(), userId));

        var fixedMap = await UploadAsync(client, BankStatement(1000));
        var fixedPreview = await PreviewAsync(client, fixedMap, new() { ["DecimalSeparator"] = "," });
        Assert.Equal("0", Text(fixedPreview, "[data-role=errors]"));
        var done = await RunAsync(client, fixedPreview);
        Assert.Equal("done", done.QuerySelector("#import-progress")!.GetAttribute("data-state"));
        Assert.Equal("998", Text(done, "[data-role=imported]"));
        Assert.Equal("2", Text(done, "[data-role=skipped]"));

        Assert.Equal(1000, await app.WithDbAsync(db => db.LedgerEntries.CountAsync(), userId));
        var expenses = await app.WithDbAsync(db => db.LedgerEntries.CountAsync(e => e.Kind == FreelancerOS.Web.Domain.LedgerKind.Expense), userId);
        Assert.Equal(333, expenses);
        var entry = await app.WithDbAsync(db => db.LedgerEntries.SingleAsync(e => e.Description == "Payment 7"), userId);
        Assert.Equal(14.50m, entry.Amount);
        Assert.Equal(new DateOnly(2025, 1, 8), entry.Date);
    }

    [Fact]
    public async Task Import_MalformedFile_GivesRowNumberedErrorsAndImportsNothing()
    {
        var client = await app.SignedInClientAsync();
        var map = await UploadAsync(client, "Date,Description,Amount\n2026-01-02,Fine,10.00\n2026-01-03,\"Broken quote,12.00\n2026-01-04,Also fine,3\n");
        var preview = await PreviewAsync(client, map);
        Assert.Contains("Row 3", Text(preview, "#import-errors"));
        Assert.Null(preview.QuerySelector("#import-run"));
        Assert.Equal(0, await app.WithDbAsync(db => db.LedgerEntries.CountAsync(), await UserIdAsync(app, client)));
    }

    [Fact]
    public async Task Import_MissingMapping_ShowsWhichColumnIsNeeded()
    {
        var client = await app.SignedInClientAsync();
        var map = await UploadAsync(client, "When,What,How much\n2026-01-02,Fine,10.00\n");
        var response = await client.SubmitAsync(map, "#import-map");
        var page = await AppClient.ParseAsync(response);
        Assert.Equal("Choose the column with the date.", AppClient.FieldError(page, "DateColumn"));
    }

    [Fact]
    public async Task ExportThenImportIntoASecondAccount_GivesIdenticalTotals()
    {
        var first = await app.SignedInClientAsync();
        await CreateEntryAsync(app, first, "income", "Fee, with \"quotes\"", "1500", "2026-11-02", mode: "Bank");
        await CreateEntryAsync(app, first, "income", "US work", "1000", "2026-10-05", "USD", "0.9234");
        await CreateEntryAsync(app, first, "income", "Interest", "3.33", "2026-03-31", mode: "Bank", category: "Interest");
        await CreateEntryAsync(app, first, "expense", "-Negative looking", "19.99", "2026-11-03", mode: "Card", category: "Software");
        await CreateEntryAsync(app, first, "expense", "Yen hotel", "12345", "2026-09-09", "JPY", "0.0061234", mode: "Card", category: "Travel");
        await CreateEntryAsync(app, first, "expense", "Unpaid", "50", "2026-11-10");

        var export = await first.Http.GetAsync("/ledger/export?period=all");
        Assert.Equal("text/csv", export.Content.Headers.ContentType!.MediaType);
        var csv = await export.Content.ReadAsStringAsync();
        Assert.StartsWith("Date,Type,Description,Amount,Currency,ExchangeRate,Category,PaymentMode,Vendor", csv);
        var before = await first.GetPageAsync("/ledger?period=all");

        var second = await app.SignedInClientAsync();
        var map = await UploadAsync(second, csv, "export.csv");
        var preview = await PreviewAsync(second, map);
        Assert.Equal("0", Text(preview, "[data-role=errors]"));
        Assert.Equal("6", Text(preview, "[data-role=rows]"));
        var done = await RunAsync(second, preview);
        Assert.Equal("6", Text(done, "[data-role=imported]"));

        var after = await second.GetPageAsync("/ledger?period=all");
        foreach (var role in new[] { "total-income", "total-expenses", "total-net", "total-received", "total-outstanding", "total-count" })
            Assert.Equal(Text(before, $"[data-role={role}]"), Text(after, $"[data-role={role}]"));
        Assert.Equal("2,426.73 EUR", Text(after, "[data-role=total-income]"));

        // Importing the same export again finds only duplicates.
        var again = await PreviewAsync(second, await UploadAsync(second, csv, "export.csv"));
        Assert.Equal("6", Text(again, "[data-role=duplicates]"));

        // Another account cannot watch or read this account's import.
        var status = done.Url;
        var third = await app.SignedInClientAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await third.Http.GetAsync(new Uri(status).PathAndQuery)).StatusCode);
    }
}
