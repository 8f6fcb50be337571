using FreelancerOS.Web.Domain;

namespace FreelancerOS.Tests.Domain;

public sealed class ClientRulesTests
{
    [Theory]
    [InlineData("2000", "12000", 17)]
    [InlineData("6000", "12000", 50)]
    [InlineData("0", "12000", 0)]
    [InlineData("15000", "12000", 125)]
    [InlineData("1", "200", 1)] // 0.5% rounds half away from zero
    public void InvoicedPercent_IsRoundedShareOfContractValue(string invoiced, string contract, int expected) =>
        Assert.Equal(expected, Client.InvoicedPercent(decimal.Parse(invoiced), decimal.Parse(contract)));

    [Fact]
    public void InvoicedPercent_WithNoContractValue_IsNull()
    {
        Assert.Null(Client.InvoicedPercent(500m, 0m));
        Assert.Null(Client.InvoicedPercent(0m, 0m));
    }

    [Fact]
    public void ArchiveThenRestore_ReturnsToFormerStage()
    {
        var client = new Client { Name = "A" };
        client.MoveTo(ClientStage.Negotiation, 3);
        client.Archive();
        Assert.Equal(ClientStage.Archived, client.Stage);
        client.Restore(7);
        Assert.Equal((ClientStage.Negotiation, 7), (client.Stage, client.SortOrder));
        Assert.Throws<DomainException>(() => client.Restore(0));
    }

    [Fact]
    public void Currency_RoundsHalfAwayFromZeroToItsMinorUnit()
    {
        Assert.Equal(0.01m, Currency.Round(0.005m, "EUR"));
        Assert.Equal(-0.01m, Currency.Round(-0.005m, "EUR"));
        Assert.Equal(1m, Currency.Round(0.5m, "JPY"));
        Assert.Equal(1.235m, Currency.Round(1.2345m, "KWD"));
        Assert.True(Currency.IsKnown("EUR"));
        Assert.False(Currency.IsKnown("EURO"));
        Assert.False(Currency.IsKnown("XYZ"));
        Assert.Equal("12,000.00 EUR", Currency.Format(12000m, "EUR", System.Globalization.CultureInfo.GetCultureInfo("en-GB")));
        Assert.Equal("12.000,00 EUR", Currency.Format(12000m, "EUR", System.Globalization.CultureInfo.GetCultureInfo("de-DE")));
    }
}
