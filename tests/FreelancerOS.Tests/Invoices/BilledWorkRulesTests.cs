using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Invoices;

namespace FreelancerOS.Tests.Invoices;

/// <summary>The rules of lines that bill work, without a web host.</summary>
public sealed class BilledWorkRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 22);

    private static Client Acme(int id = 7, string currency = "EUR") => new() { Id = id, Name = id == 7 ? "Acme Ltd" : "Globex GmbH", Currency = currency };

    private static Invoice Draft(string currency = "EUR") => Invoice.CreateDraft(Acme(currency: currency), Today, Today.AddDays(30), 21m, null, Now);

    private static InvoiceLineItem Time(decimal hours, decimal rate, string currency = "EUR", int? id = null) =>
        new(InvoiceLineSourceKind.TimeEntry, id, "Website – Design, October", hours, rate, currency, ProjectId: 3);

    /// <summary>Lines get their ids from the database; a unit test gives them by hand.</summary>
    private static void SaveIds(Invoice invoice)
    {
        var id = 100;
        foreach (var line in invoice.Lines) typeof(InvoiceLine).GetProperty(nameof(InvoiceLine.Id))!.SetValue(line, id++);
    }

    [Fact]
    public void AddLines_GroupedTime_HasNoSingleSource_CarriesItsProject_AndReadsHoursTimesRate()
    {
        var invoice = Draft();
        var line = Assert.Single(invoice.AddLines([Time(5.5m, 100m)]));
        Assert.Null(line.SourceId);
        Assert.Equal(3, line.ProjectId);
        Assert.Equal(550m, line.Amount);
        Assert.Equal(665.50m, invoice.Total); // 550 + 21 %
    }

    [Fact]
    public void AddLines_OtherItemsThanTime_NeedTheirSource_AndFreeLinesBelongToNoProject()
    {
        var invoice = Draft();
        Assert.Throws<DomainException>(() => invoice.AddLines([new InvoiceLineItem(InvoiceLineSourceKind.Milestone, null, "Kick-off", 1, 3000, "EUR", 3)]));
        Assert.Throws<DomainException>(() => invoice.AddLines([new InvoiceLineItem(InvoiceLineSourceKind.Free, null, "Typed", 1, 10, "EUR", 3)]));
        Assert.Empty(invoice.Lines);
    }

    [Fact]
    public void AddLines_ItemsInAnotherCurrency_AreNamed_AndNothingIsAdded()
    {
        var invoice = Draft();
        var e = Assert.Throws<DomainException>(() => invoice.AddLines(
        [
            new InvoiceLineItem(InvoiceLineSourceKind.Milestone, 4, "Shop – milestone: Kick-off", 1, 3000, "EUR", 3),
            Time(2, 90, "USD", 11),
            new InvoiceLineItem(InvoiceLineSourceKind.Service, 5, "Shop – Logo (flat fee)", 1, 1500, "GBP", 3),
        ]));
        Assert.Equal("This invoice is in EUR; these items are not: Website – Design, October (USD); Shop – Logo (flat fee) (GBP). An invoice never mixes currencies.", e.Message);
        Assert.Empty(invoice.Lines);
        Assert.Equal(0m, invoice.Total);
    }

    [Fact]
    public void ADraftWithBilledItems_CanBeDeleted()
    {
        var invoice = Draft();
        invoice.AddLines(
        [
            Time(2, 100, id: 11),
            new InvoiceLineItem(InvoiceLineSourceKind.Milestone, 4, "Kick-off", 1, 3000, "EUR", 3),
            new InvoiceLineItem(InvoiceLineSourceKind.Service, 5, "Logo", 1, 1500, "EUR", 3),
            new InvoiceLineItem(InvoiceLineSourceKind.ScopeChange, 6, "Extra page", 1, 600, "EUR", 3),
        ]);
        invoice.AddFreeLine("Travel", 1, 40);
        invoice.EnsureDeletable();
    }

    [Fact]
    public void RemoveLines_TakesThemOff_RenumbersAndRecalculates_AndIsForDraftsOnly()
    {
        var invoice = Draft();
        invoice.AddLines([Time(5.5m, 100m), new InvoiceLineItem(InvoiceLineSourceKind.Milestone, 4, "Kick-off", 1, 3000, "EUR", 3)]);
        invoice.AddFreeLine("Travel", 1, 40);
        SaveIds(invoice);

        var removed = Assert.Single(invoice.RemoveLines([100, 999]));
        Assert.Equal(InvoiceLineSourceKind.TimeEntry, removed.SourceKind);
        Assert.Equal([1, 2], invoice.Lines.Select(l => l.Position));
        Assert.Equal(3040m, invoice.Subtotal);
        Assert.Equal(3678.40m, invoice.Total);

        invoice.Issue("INV-2026-0001", 2026, 1, Now);
        Assert.Throws<DomainException>(() => invoice.RemoveLines([101]));
        Assert.Equal(2, invoice.Lines.Count);
    }

    [Fact]
    public void SetClient_WithBilledWorkOfTheClient_IsRefused_UntilThoseLinesAreRemoved()
    {
        var invoice = Draft();
        invoice.AddLines([new InvoiceLineItem(InvoiceLineSourceKind.Milestone, 4, "Kick-off", 1, 3000, "EUR", 3)]);
        SaveIds(invoice);
        var e = Assert.Throws<DomainException>(() => invoice.SetClient(Acme(8)));
        Assert.Contains("holds work of Acme Ltd", e.Message);
        invoice.RemoveLines([100]);
        invoice.SetClient(Acme(8));
        Assert.Equal(8, invoice.ClientId);
    }

    [Theory]
    [InlineData("12-3", 12, 3)]
    [InlineData("12-0", 12, null)]
    public void WorkPick_GroupKeys_RoundTrip(string key, int project, int? service)
    {
        Assert.Equal((project, service), WorkPick.ParseGroup(key));
        Assert.Equal(key, WorkPick.GroupKey(project, service));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0-1")]
    [InlineData("1-2-3")]
    [InlineData("5--1")]
    [InlineData("")]
    public void WorkPick_BadGroupKeys_AreRejected(string key) => Assert.Null(WorkPick.ParseGroup(key));
}
