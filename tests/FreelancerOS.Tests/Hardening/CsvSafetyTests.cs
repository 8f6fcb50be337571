using System.Net;
using System.Text;
using AngleSharp.Dom;
using FreelancerOS.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static FreelancerOS.Tests.Ledger.LedgerTestHelpers;

namespace FreelancerOS.Tests.Hardening;

public sealed class CsvSafetyTests(TestApp app) : IClassFixture<TestApp>
{
    private static async Task<HttpResponseMessage> UploadAsync(AppClient client, byte[] content, string fileName)
    {
        var page = await client.GetPageAsync("/ledger/import");
        var token = page.QuerySelector("#import-upload input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await client.Http.PostAsync("/ledger/import", new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(content), "file", fileName },
        });
    }

    [Fact]
    public async Task Export_ProtectsFormulaCells_AndTheAppsOwnImportReadsThemBackExactly()
    {
        var first = await app.SignedInClientAsync();
        string[] descriptions = ["=HYPERLINK(\"http://evil\",\"x\")", "+33 1 23 45", "-Negative looking", "@SUM(A1:A9)", "'quoted already", "Plain"];
        for (var i = 0; i < descriptions.Length; i++)
            await CreateEntryAsync(app, first, "expense", descriptions[i], $"{i + 1}.50", $"2026-11-0{i + 1}");

        var export = await first.Http.GetAsync("/ledger/export?period=all");
        Assert.True(export.Headers.CacheControl is { NoStore: true, Private: true });
        var csv = await export.Content.ReadAsStringAsync();
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"", csv);
        Assert.Contains(",'+33 1 23 45,", csv);
        Assert.Contains(",'@SUM(A1:A9),", csv);
        Assert.Contains(",''quoted already,", csv);
        Assert.Contains(",Plain,", csv);

        var second = await app.SignedInClientAsync();
        var map = await AppClient.ParseAsync(await UploadAsync(second, Encoding.UTF8.GetBytes(csv), "export.csv"));
        var preview = await AppClient.ParseAsync(await second.SubmitAsync(map, "#import-map"));
        Assert.Equal("0", Text(preview, "[data-role=errors]"));
        var run = await second.SubmitAsync(preview, "#import-run");
        var status = run.Headers.Location!.OriginalString;
        for (var i = 0; i < 300 && (await second.GetPageAsync(status)).QuerySelector("#import-progress")!.GetAttribute("data-state") == "running"; i++)
            await Task.Delay(100);
        var imported = await app.WithDbAsync(db => db.LedgerEntries.OrderBy(e => e.Date).Select(e => e.Description).ToListAsync(), await UserIdAsync(app, second));
        Assert.Equal(descriptions, imported);
    }

    [Theory]
    [InlineData("png")]
    [InlineData("random")]
    [InlineData("latin1-nul")]
    public async Task Import_AFileThatIsNotText_IsRefusedWithAMessage(string kind)
    {
        var client = await app.SignedInClientAsync();
        var bytes = kind switch
        {
            "png" => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52],
            "random" => RandomBytes(),
            _ => Encoding.UTF8.GetBytes("Date,Description,Amount\n2026-01-01,a\0b,1\n"),
        };
        var response = await UploadAsync(client, bytes, "statement.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("not a CSV text file", AppClient.FieldError(await AppClient.ParseAsync(response), "file"));
        Assert.Empty(Directory.EnumerateFiles(app.DataFolder, "*.csv", SearchOption.AllDirectories));
    }

    private static byte[] RandomBytes()
    {
        var bytes = new byte[20_000];
        new Random(42).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public async Task Downloads_AreNotCached()
    {
        var client = await app.SignedInClientAsync();
        await CreateEntryAsync(app, client, "income", "Fee", "10", "2026-11-02");
        foreach (var url in new[] { "/ledger/export?period=all", "/reports/export?year=2026", "/reports/export?year=2026&report=categories" })
            Assert.True((await client.Http.GetAsync(url)).Headers.CacheControl is { NoStore: true, Private: true }, url);
        Assert.False((await client.Http.GetAsync("/css/site.css")).Headers.CacheControl is { NoStore: true });
    }
}
