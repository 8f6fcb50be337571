using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Ledger;
using Microsoft.EntityFrameworkCore;
using static FreelancerOS.Tests.Ledger.LedgerTestHelpers;

namespace FreelancerOS.Tests.Ledger;

/// <summary>CSV amounts read exactly under the file's number format, never silently wrong; a bank statement arrives paid.</summary>
public sealed class ImportNumberFormatTests(TestApp app) : IClassFixture<TestApp>
{
    private const string European = "Date;Description;Amount\n2026-01-02;Coffee;-12,50\n2026-01-03;Rent;1.250,00\n2026-01-04;Fee;3\n";

    [Fact]
    public async Task EuropeanAmounts_TheFormatIsGuessedFromTheFile_AndThePreviewShowsTheParsedAmounts()
    {
        var client = await app.SignedInClientAsync();
        var map = await LedgerImportTests.UploadAsync(client, European);
        Assert.Equal(",", map.QuerySelector("#DecimalSeparator option[selected]")!.GetAttribute("value"));

        var preview = await LedgerImportTests.PreviewAsync(client, map);
        Assert.Equal("0", Text(preview, "[data-role=errors]"));
        Assert.Matches(@"^12[.,]50$", Text(preview, "#import-preview tr[data-row='2'] td:nth-child(5)"));
        Assert.Equal("Expense", Text(preview, "#import-preview tr[data-row='2'] td:nth-child(2)"));
        Assert.Matches(@"^1250[.,]00$", Text(preview, "#import-preview tr[data-row='3'] td:nth-child(5)"));
    }

    [Fact]
    public async Task EuropeanAmounts_ReadWithThePointFormat_AreErrorsOnTheirRowAndColumn_NotSilentlyWrongNumbers()
    {
        var client = await app.SignedInClientAsync();
        var map = await LedgerImportTests.UploadAsync(client, European);
        var preview = await LedgerImportTests.PreviewAsync(client, map, new() { ["DecimalSeparator"] = "." });

        Assert.Equal("2", Text(preview, "[data-role=errors]"));
        var errors = Text(preview, "#import-errors");
        Assert.Contains("Row 2, Amount: \"-12,50\" is not a number.", errors);
        Assert.Contains("Row 3, Amount: \"1.250,00\" is not a number.", errors);
        Assert.Contains("table-danger", preview.QuerySelector("#import-preview tr[data-row='3'] td:nth-child(5)")!.ClassName);
        Assert.Null(preview.QuerySelector("#import-run"));
    }

    [Theory]
    [InlineData("-12,50", ".", null)]
    [InlineData("1.250,00", ".", null)]
    [InlineData("1,250.00", ",", null)]
    [InlineData("1.25", ",", null)]
    [InlineData("12,5,0", ",", null)]
    [InlineData("1,25", ".", null)]
    [InlineData("-12,50", ",", -12.50)]
    [InlineData("1.250,00", ",", 1250.00)]
    [InlineData("1,250.00", ".", 1250.00)]
    [InlineData("1 250,00", ",", 1250.00)]
    [InlineData("1250", ",", 1250.0)]
    public void ParseNumber_ReadsOnlyWhatIsExactUnderTheFormat(string text, string separator, double? expected)
    {
        Assert.Equal(expected is { } e ? (decimal)e : null, LedgerCsv.ParseNumber(text, separator));
    }

    [Fact]
    public async Task BankStatement_WithAPaymentModeForTheFile_ArrivesReceivedAndPaid()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client);
        var map = await LedgerImportTests.UploadAsync(client, European);
        var preview = await LedgerImportTests.PreviewAsync(client, map, new() { ["FilePaymentMode"] = "Bank" });
        Assert.Equal("Bank", Text(preview, "#import-preview tr[data-row='2'] td:nth-child(8)"));
        var done = await LedgerImportTests.RunAsync(client, preview);
        Assert.Equal("3", Text(done, "[data-role=imported]"));

        var entries = await app.WithDbAsync(db => db.LedgerEntries.Include(e => e.PaymentMode)
            .Select(e => new { e.Description, e.Kind, e.Amount, Mode = e.PaymentMode!.Name }).ToListAsync(), userId);
        Assert.All(entries, e => Assert.Equal("Bank", e.Mode));
        Assert.Contains(entries, e => e is { Description: "Coffee", Kind: LedgerKind.Expense, Amount: 12.50m });
        Assert.Contains(entries, e => e is { Description: "Rent", Kind: LedgerKind.Income, Amount: 1250m });
    }
}
