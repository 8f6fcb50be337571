using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Ledger;

namespace FreelancerOS.Tests.Domain;

public sealed class LedgerRulesTests
{
    private static readonly DateOnly Day = new(2026, 3, 14);

    [Fact]
    public void Record_HomeCurrencyEntry_HasRateOneAndExactCents()
    {
        var income = new Income();
        income.Record(Day, 1234.56m, "eur", exchangeRate: 7m, homeCurrency: "EUR");
        Assert.Equal("EUR", income.Currency);
        Assert.Equal(1m, income.ExchangeRate);
        Assert.Equal(123456, income.HomeAmountMinor);
        Assert.Equal(1234.56m, income.HomeAmount("EUR"));
        Assert.Equal(202603, income.Period);
    }

    [Theory]
    [InlineData(100.00, "USD", 0.92345, "EUR", 9235)]      // 92.345 rounds half away from zero to 92.35
    [InlineData(0.01, "USD", 0.5, "EUR", 1)]               // 0.005 -> 0.01
    [InlineData(12345, "JPY", 0.0061234, "EUR", 7559)]     // 75.5933... -> 75.59; JPY has no decimals
    [InlineData(10.50, "EUR", 163.27, "JPY", 1714)]        // 1714.335 -> 1714 yen
    [InlineData(10.00, "EUR", 0.4123456, "BHD", 4123)]     // 4.123456 -> 4.123 BHD (three decimals)
    public void Record_ForeignEntry_ConvertsAndRoundsToTheHomeMinorUnit(double amount, string currency, double rate, string home, long expectedMinor)
    {
        var entry = new Expense();
        entry.Record(Day, (decimal)amount, currency, (decimal)rate, home);
        Assert.Equal(expectedMinor, entry.HomeAmountMinor);
        Assert.Equal((decimal)rate, entry.ExchangeRate);
    }

    [Fact]
    public void Record_ForeignEntryWithoutRate_IsRefusedOnTheRateField()
    {
        var e = Assert.Throws<DomainException>(() => new Income().Record(Day, 10m, "USD", null, "EUR"));
        Assert.Equal(nameof(LedgerEntry.ExchangeRate), e.Field);
        Assert.Contains("exchange rate", e.Message);
    }

    [Theory]
    [InlineData(0, "EUR", "Amount")]
    [InlineData(1000000000000, "EUR", "Amount")]   // 13 digits
    [InlineData(10.001, "EUR", "Amount")]          // more decimals than the currency has
    [InlineData(10, "XYZ", "Currency")]
    public void Record_BadMoney_IsRefusedOnItsField(double amount, string currency, string field)
    {
        var e = Assert.Throws<DomainException>(() => new Income().Record(Day, (decimal)amount, currency, 1m, "EUR"));
        Assert.Equal(field, e.Field);
    }

    [Fact]
    public void ExchangeRate_IsFrozen_OtherEditsKeepTheHomeAmount()
    {
        var income = new Income();
        income.Record(Day, 1000m, "USD", 0.9m, "EUR");
        income.Description = "Renamed";
        income.CategoryId = 3;
        income.MarkSettled(2);
        Assert.Equal(90000, income.HomeAmountMinor);

        // Only a new rate typed by the user changes it; the old rate stays on the entry until then.
        income.Record(Day, 1000m, "USD", income.ExchangeRate, "EUR");
        Assert.Equal(90000, income.HomeAmountMinor);
        income.Record(Day, 1000m, "USD", 0.95m, "EUR");
        Assert.Equal(95000, income.HomeAmountMinor);
    }

    [Fact]
    public void Totals_MixedCurrencies_AddUpTheRoundedHomeAmountsToTheCent()
    {
        // Three entries of 33.335 EUR each once converted: each rounds to 33.34, so the total is 100.02, not 100.005.
        var entries = Enumerable.Range(0, 3).Select(_ =>
        {
            var e = new Income();
            e.Record(Day, 66.67m, "USD", 0.5m, "EUR");
            return e;
        }).ToList();
        var expense = new Expense();
        expense.Record(Day, 10m, "GBP", 1.1666666m, "EUR"); // 11.666666 -> 11.67
        var groups = new[]
        {
            new TotalsGroup(LedgerKind.Income, true, entries.Take(2).Sum(e => e.HomeAmountMinor), 2),
            new TotalsGroup(LedgerKind.Income, false, entries[2].HomeAmountMinor, 1),
            new TotalsGroup(LedgerKind.Expense, true, expense.HomeAmountMinor, 1),
        };
        var totals = LedgerTotals.From("EUR", groups);
        Assert.Equal(100.02m, totals.Income);
        Assert.Equal(66.68m, totals.IncomeReceived);
        Assert.Equal(33.34m, totals.IncomeOutstanding);
        Assert.Equal(11.67m, totals.Expenses);
        Assert.Equal(88.35m, totals.Net);
        Assert.Equal(4, totals.Count);
    }

    [Fact]
    public void BalanceRow_IsReceivedMinusPaid()
    {
        Assert.Equal(-250, new BalanceRow("Cash", 1000, 1250).BalanceMinor);
    }

    [Fact]
    public void BuiltInClientClassification_CannotBeRenamedOrDeleted()
    {
        var client = LedgerCategory.BuiltInClient();
        Assert.Throws<DomainException>(() => client.Rename("Customers"));
        Assert.Throws<DomainException>(() => client.EnsureDeletable());
        var own = new LedgerCategory(LedgerKind.Income, "Salary");
        own.Rename("Wages");
        Assert.Equal("Wages", own.Name);
    }

    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, "application/pdf")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, "image/png")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "image/jpeg")]
    [InlineData(new byte[] { 0x3C, 0x68, 0x74, 0x6D, 0x6C }, null)]
    public void SniffReceiptType_ReadsTheContentNotTheName(byte[] head, string? expected)
    {
        Assert.Equal(expected, Expense.SniffReceiptType(head));
    }

    [Theory]
    [InlineData("1.234,56", ",", 1234.56)]
    [InlineData("-1,234.56", ".", -1234.56)]
    [InlineData("(12.50)", ".", -12.5)]
    [InlineData("12 345", ".", 12345)]
    public void ParseNumber_HonoursTheDecimalSeparator(string text, string separator, double expected)
    {
        Assert.Equal((decimal)expected, LedgerCsv.ParseNumber(text, separator));
    }
}
