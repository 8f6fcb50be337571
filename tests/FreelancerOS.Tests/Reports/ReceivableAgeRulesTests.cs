using FreelancerOS.Web.Domain;

namespace FreelancerOS.Tests.Reports;

/// <summary>The aging buckets and "overdue at once" as entity rules, without a web host.</summary>
public sealed class ReceivableAgeRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 22);

    private static Invoice Draft(DateOnly issue, DateOnly due)
    {
        var invoice = Invoice.CreateDraft(new Client { Id = 1, Name = "Acme", Currency = "EUR" }, issue, due, null, null, Now);
        invoice.AddFreeLine("Work", 1, 100m);
        return invoice;
    }

    [Theory]
    [InlineData(-5, ReceivableAge.Current)]
    [InlineData(0, ReceivableAge.Current)]
    [InlineData(1, ReceivableAge.Days1To30)]
    [InlineData(30, ReceivableAge.Days1To30)]
    [InlineData(31, ReceivableAge.Days31To60)]
    [InlineData(60, ReceivableAge.Days31To60)]
    [InlineData(61, ReceivableAge.Days61To90)]
    [InlineData(90, ReceivableAge.Days61To90)]
    [InlineData(91, ReceivableAge.Over90)]
    public void Bucket_ByDaysPastDue_AndItsDueDateRangeAgrees(int daysLate, ReceivableAge expected)
    {
        Assert.Equal(expected, ReceivableAges.Of(daysLate));
        var due = Today.AddDays(-daysLate);
        var (min, max) = ReceivableAges.DueDates(expected, Today);
        Assert.True((min is null || due >= min) && (max is null || due <= max));
        Assert.Equal(expected, ReceivableAges.Parse(ReceivableAges.Slug(expected)));
    }

    [Fact]
    public void Issue_PastTheDueDate_GoesOnToOverdue_WithBothHistoryRows_AndCountsDaysLate()
    {
        var invoice = Draft(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31));
        invoice.Issue("INV-2026-0001", 2026, 1, Now, today: Today);
        Assert.Equal(InvoiceStatus.Overdue, invoice.Status);
        Assert.Equal([(InvoiceStatus?)null, InvoiceStatus.Draft, InvoiceStatus.Sent], invoice.History.Select(h => h.From));
        Assert.Equal(22, invoice.DaysLate(Today));

        var onTime = Draft(Today, Today);
        onTime.Issue("INV-2026-0002", 2026, 2, Now, today: Today);
        Assert.Equal(InvoiceStatus.Sent, onTime.Status);
        Assert.Equal(0, onTime.DaysLate(Today));
        Assert.False(onTime.MarkOverdueIfDue(Today, Now));
        Assert.True(onTime.MarkOverdueIfDue(Today.AddDays(1), Now));
    }

    [Fact]
    public void ApplyReceived_LessThanTheTotalAfterTheDueDate_MakesASentInvoiceOverdue()
    {
        var invoice = Draft(Today, Today.AddDays(3));
        invoice.Issue("INV-2026-0003", 2026, 3, Now, today: Today);
        invoice.ApplyReceived(40m, Today, Now);
        Assert.Equal(InvoiceStatus.Sent, invoice.Status);
        invoice.ApplyReceived(0m, Today.AddDays(4), Now);
        Assert.Equal(InvoiceStatus.Overdue, invoice.Status);
        Assert.Equal(InvoiceStatus.Overdue, invoice.History[^1].To);
    }
}
