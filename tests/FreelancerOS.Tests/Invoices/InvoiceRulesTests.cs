using FreelancerOS.Web.Domain;

namespace FreelancerOS.Tests.Invoices;

public sealed class InvoiceRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 22);

    private static Client AcmeIn(string currency = "EUR") => new() { Id = 7, Name = "Acme Ltd", Currency = currency };

    private static Invoice Draft(string currency = "EUR", decimal? taxRate = null) =>
        Invoice.CreateDraft(AcmeIn(currency), Today, Today.AddDays(30), taxRate, null, Now);

    private static Invoice Issued(decimal unitPrice = 100m)
    {
        var invoice = Draft();
        invoice.AddFreeLine("Design", 1, unitPrice);
        invoice.Issue("INV-2026-0001", 2026, 1, Now);
        return invoice;
    }

    [Fact]
    public void CreateDraft_TakesClientCurrency_AndTitle_AndRecordsCreation()
    {
        var invoice = Draft("USD");
        Assert.Equal("USD", invoice.Currency);
        Assert.Equal(InvoiceStatus.Draft, invoice.Status);
        Assert.Null(invoice.Number);
        Assert.Equal("2026-11-22 – Acme Ltd", invoice.Title);
        var created = Assert.Single(invoice.History);
        Assert.Null(created.From);
        Assert.Equal(InvoiceStatus.Draft, created.To);
        Assert.Equal(Now, created.At);
    }

    [Fact]
    public void DefaultDueDate_IsIssueDatePlusPaymentTerms()
    {
        Assert.Equal(new DateOnly(2026, 12, 22), Invoice.DefaultDueDate(Today, 30));
        Assert.Equal(Today, Invoice.DefaultDueDate(Today, 0));
    }

    [Theory]
    [InlineData("1", "0.005", "0.01")]        // half away from zero, not to even
    [InlineData("1", "0.015", "0.02")]
    [InlineData("1", "0.025", "0.03")]        // banker's rounding would give 0.02
    [InlineData("3", "0.335", "1.01")]        // 1.005 -> 1.01
    [InlineData("1.5", "33.33", "50.00")]     // 49.995 -> 50.00
    [InlineData("0.3333", "10", "3.33")]
    [InlineData("2", "-0.0025", "-0.01")]     // -0.005 -> -0.01 (away from zero)
    public void LineAmount_IsRoundedHalfAwayFromZero(string quantity, string unitPrice, string expected)
    {
        Assert.Equal(decimal.Parse(expected), InvoiceTotals.LineAmount(decimal.Parse(quantity), decimal.Parse(unitPrice), "EUR"));
    }

    [Fact]
    public void LineAmount_UsesTheCurrencysMinorUnit()
    {
        Assert.Equal(101m, InvoiceTotals.LineAmount(1, 100.5m, "JPY"));
        Assert.Equal(1.235m, InvoiceTotals.LineAmount(1, 1.2345m, "KWD"));
    }

    [Fact]
    public void Totals_SubtotalIsSumOfRoundedLines_TaxRoundedOnceOnSubtotal()
    {
        var invoice = Draft(taxRate: 21m);
        // Three lines of 0.005: each rounds to 0.01, so the subtotal is 0.03 (not round(0.015) = 0.02).
        for (var k = 0; k < 3; k++) invoice.AddFreeLine($"Tiny {k}", 1, 0.005m);
        Assert.All(invoice.Lines, l => Assert.Equal(0.01m, l.Amount));
        Assert.Equal(0.03m, invoice.Subtotal);
        Assert.Equal(0.01m, invoice.Tax);       // 0.0063 -> 0.01
        Assert.Equal(0.04m, invoice.Total);
    }

    [Fact]
    public void Totals_TaxOnSubtotalDiffersFromSumOfPerLineTax_AndWeUseTheSubtotal()
    {
        var invoice = Draft(taxRate: 10m);
        invoice.AddFreeLine("A", 1, 0.05m);
        invoice.AddFreeLine("B", 1, 0.05m);
        invoice.AddFreeLine("C", 1, 0.05m);
        // Per line: 0.005 -> 0.01 each = 0.03; once on the subtotal: 0.015 -> 0.02.
        Assert.Equal(0.15m, invoice.Subtotal);
        Assert.Equal(0.02m, invoice.Tax);
        Assert.Equal(0.17m, invoice.Total);
    }

    [Fact]
    public void Totals_ManyLines_AreExactToTheCent()
    {
        var invoice = Draft(taxRate: 19m);
        var items = Enumerable.Range(1, 500)
            .Select(k => new InvoiceLineItem(InvoiceLineSourceKind.Free, null, $"Hour {k}", 0.25m, 33.333m, "EUR")).ToList();
        invoice.AddLines(items);
        // 0.25 × 33.333 = 8.33325 -> 8.33 per line; 500 lines = 4,165.00; tax 19 % = 791.35.
        Assert.Equal(500, invoice.Lines.Count);
        Assert.Equal(4165.00m, invoice.Subtotal);
        Assert.Equal(791.35m, invoice.Tax);
        Assert.Equal(4956.35m, invoice.Total);
        Assert.Equal(invoice.Lines.Sum(l => l.Amount), invoice.Subtotal);
    }

    [Fact]
    public void NoTaxRate_MeansZeroTax()
    {
        var invoice = Draft();
        invoice.AddFreeLine("Work", 2, 50m);
        Assert.Null(invoice.TaxRate);
        Assert.Equal(0m, invoice.Tax);
        Assert.Equal(100m, invoice.Total);
    }

    [Fact]
    public void AddLines_InAnotherCurrency_IsRefusedNamingTheItems_AndNothingIsAdded()
    {
        var invoice = Draft("EUR");
        invoice.AddFreeLine("Kept", 1, 10m);
        var e = Assert.Throws<DomainException>(() => invoice.AddLines(
        [
            new(InvoiceLineSourceKind.TimeEntry, 1, "Time: October design", 2, 80m, "EUR"),
            new(InvoiceLineSourceKind.Expense, 2, "Hotel in Boston", 1, 240m, "USD"),
            new(InvoiceLineSourceKind.Milestone, 3, "Milestone 2", 1, 900m, "GBP"),
        ]));
        Assert.Contains("Hotel in Boston (USD)", e.Message);
        Assert.Contains("Milestone 2 (GBP)", e.Message);
        Assert.Contains("EUR", e.Message);
        Assert.DoesNotContain("October design", e.Message);
        Assert.Single(invoice.Lines);
        Assert.Equal(10m, invoice.Total);
    }

    [Fact]
    public void AddLines_FromSources_KeepsKindAndId_AndRefusesTheSameItemTwice()
    {
        var invoice = Draft();
        invoice.AddLines([new(InvoiceLineSourceKind.TimeEntry, 41, "Time entry 41", 1.5m, 80m, "EUR")]);
        var line = Assert.Single(invoice.Lines);
        Assert.Equal(InvoiceLineSourceKind.TimeEntry, line.SourceKind);
        Assert.Equal(41, line.SourceId);
        Assert.Equal(120m, line.Amount);
        Assert.Throws<DomainException>(() => invoice.AddLines([new(InvoiceLineSourceKind.TimeEntry, 41, "Time entry 41", 1.5m, 80m, "EUR")]));
        Assert.Equal([(InvoiceLineSourceKind.TimeEntry, (int?)41)], invoice.Lines.Select(l => (l.SourceKind, l.SourceId)));
    }

    [Fact]
    public void ReplaceFreeLines_KeepsSourcedLines()
    {
        var invoice = Draft();
        invoice.AddLines([new(InvoiceLineSourceKind.Expense, 5, "Train ticket", 1, 60m, "EUR")]);
        invoice.AddFreeLine("Old free line", 1, 10m);
        invoice.ReplaceFreeLines([new(InvoiceLineSourceKind.Free, null, "New free line", 2, 25m, "EUR")]);
        Assert.Equal(["Train ticket", "New free line"], invoice.Lines.OrderBy(l => l.Position).Select(l => l.Description));
        Assert.Equal(110m, invoice.Total);
    }

    [Theory]
    [InlineData("", "1", "10")]
    [InlineData("Work", "0", "10")]
    [InlineData("Work", "-1", "10")]
    [InlineData("Work", "1", "-5")]
    public void AddFreeLine_BadValues_AreRefused(string description, string quantity, string unitPrice)
    {
        var invoice = Draft();
        Assert.Throws<DomainException>(() => invoice.AddFreeLine(description, decimal.Parse(quantity), decimal.Parse(unitPrice)));
        Assert.Empty(invoice.Lines);
    }

    [Fact]
    public void SetTerms_DueBeforeIssue_OrTaxOutOfRange_IsRefused()
    {
        var invoice = Draft();
        Assert.Equal("DueDate", Assert.Throws<DomainException>(() => invoice.SetTerms(Today, Today.AddDays(-1), null, null)).Field);
        Assert.Equal("TaxRate", Assert.Throws<DomainException>(() => invoice.SetTerms(Today, Today, 101m, null)).Field);
    }

    // --- the state machine -------------------------------------------------------------------

    [Fact]
    public void Issue_Draft_BecomesSentWithNumber_AndIsLocked()
    {
        var invoice = Issued();
        Assert.Equal(InvoiceStatus.Sent, invoice.Status);
        Assert.Equal("INV-2026-0001", invoice.Number);
        Assert.Equal(2026, invoice.NumberYear);
        Assert.Equal(1, invoice.NumberSequence);
        Assert.False(invoice.IsEditable);
        Assert.Throws<DomainException>(() => invoice.AddFreeLine("More", 1, 1m));
        Assert.Throws<DomainException>(() => invoice.SetTerms(Today, Today, null, "changed"));
        Assert.Throws<DomainException>(() => invoice.ReplaceFreeLines([]));
        Assert.Throws<DomainException>(() => invoice.SetClient(AcmeIn()));
        Assert.Throws<DomainException>(invoice.EnsureDeletable);
        Assert.Equal((InvoiceStatus.Draft, InvoiceStatus.Sent), (invoice.History[^1].From!.Value, invoice.History[^1].To));
    }

    [Fact]
    public void Issue_WithoutLines_OrZeroTotal_IsRefused()
    {
        Assert.Contains("at least one line", Assert.Throws<DomainException>(() => Draft().Issue("N-1", 2026, 1, Now)).Message);
        var free = Draft();
        free.AddFreeLine("Free of charge", 1, 0m);
        Assert.Throws<DomainException>(() => free.Issue("N-1", 2026, 1, Now));
        Assert.Equal(InvoiceStatus.Draft, free.Status);
    }

    [Theory]
    [InlineData(InvoiceStatus.Sent)]
    [InlineData(InvoiceStatus.Overdue)]
    [InlineData(InvoiceStatus.Paid)]
    [InlineData(InvoiceStatus.Void)]
    public void Issue_AnythingButADraft_IsRefused(InvoiceStatus status)
    {
        var invoice = InStatus(status);
        var number = invoice.Number;
        Assert.Throws<DomainException>(() => invoice.Issue("INV-2026-0099", 2026, 99, Now));
        Assert.Equal(status, invoice.Status);
        Assert.Equal(number, invoice.Number);
    }

    [Fact]
    public void MarkOverdue_SentPastDueDate_BecomesOverdue_NotOnTheDueDateItself()
    {
        var invoice = Issued();
        Assert.Throws<DomainException>(() => invoice.MarkOverdue(invoice.DueDate, Now));
        Assert.Equal(InvoiceStatus.Sent, invoice.Status);
        invoice.MarkOverdue(invoice.DueDate.AddDays(1), Now);
        Assert.Equal(InvoiceStatus.Overdue, invoice.Status);
    }

    [Theory]
    [InlineData(InvoiceStatus.Draft)]
    [InlineData(InvoiceStatus.Overdue)]
    [InlineData(InvoiceStatus.Paid)]
    [InlineData(InvoiceStatus.Void)]
    public void MarkOverdue_AnythingButSent_IsRefused(InvoiceStatus status)
    {
        var invoice = InStatus(status);
        Assert.Throws<DomainException>(() => invoice.MarkOverdue(Today.AddYears(1), Now));
        Assert.Equal(status, invoice.Status);
    }

    [Theory]
    [InlineData(InvoiceStatus.Sent)]
    [InlineData(InvoiceStatus.Overdue)]
    public void Void_SentOrOverdue_BecomesVoid_AndKeepsItsNumber(InvoiceStatus status)
    {
        var invoice = InStatus(status);
        invoice.Void(Now);
        Assert.Equal(InvoiceStatus.Void, invoice.Status);
        Assert.Equal("INV-2026-0001", invoice.Number);
    }

    [Theory]
    [InlineData(InvoiceStatus.Draft, "delete it")]
    [InlineData(InvoiceStatus.Paid, "paid")]
    [InlineData(InvoiceStatus.Void, "already void")]
    public void Void_DraftPaidOrVoid_IsRefusedWithTheReason(InvoiceStatus status, string reason)
    {
        var invoice = InStatus(status);
        Assert.Contains(reason, Assert.Throws<DomainException>(() => invoice.Void(Now)).Message);
        Assert.Equal(status, invoice.Status);
    }

    [Fact]
    public void ApplyReceived_CoveringTheTotal_MakesPaid_AndUndoingGoesBack()
    {
        var invoice = Issued(100m);
        invoice.ApplyReceived(40m, Today, Now);
        Assert.Equal(InvoiceStatus.Sent, invoice.Status);
        Assert.Equal(60m, invoice.BalanceDue);
        invoice.ApplyReceived(100m, Today, Now);
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        Assert.Equal(0m, invoice.BalanceDue);
        invoice.ApplyReceived(40m, Today, Now);                        // a payment undone, before the due date
        Assert.Equal(InvoiceStatus.Sent, invoice.Status);
        invoice.ApplyReceived(100m, Today, Now);
        invoice.ApplyReceived(0m, invoice.DueDate.AddDays(1), Now);   // undone after the due date
        Assert.Equal(InvoiceStatus.Overdue, invoice.Status);
        invoice.ApplyReceived(100m, Today, Now);                       // Overdue -> Paid
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        Assert.Equal(
            [InvoiceStatus.Draft, InvoiceStatus.Sent, InvoiceStatus.Paid, InvoiceStatus.Sent, InvoiceStatus.Paid, InvoiceStatus.Overdue, InvoiceStatus.Paid],
            invoice.History.Select(h => h.To));
    }

    [Theory]
    [InlineData(InvoiceStatus.Draft)]
    [InlineData(InvoiceStatus.Void)]
    public void ApplyReceived_OnDraftOrVoid_IsRefused(InvoiceStatus status)
    {
        Assert.Throws<DomainException>(() => InStatus(status).ApplyReceived(10m, Today, Now));
    }

    [Theory]
    [InlineData(InvoiceStatus.Draft, InvoiceStatus.Sent, true)]
    [InlineData(InvoiceStatus.Draft, InvoiceStatus.Overdue, false)]
    [InlineData(InvoiceStatus.Draft, InvoiceStatus.Paid, false)]
    [InlineData(InvoiceStatus.Sent, InvoiceStatus.Draft, false)]
    [InlineData(InvoiceStatus.Sent, InvoiceStatus.Overdue, false)]
    [InlineData(InvoiceStatus.Sent, InvoiceStatus.Paid, true)]      // the board opens the payment form
    [InlineData(InvoiceStatus.Overdue, InvoiceStatus.Draft, false)]
    [InlineData(InvoiceStatus.Overdue, InvoiceStatus.Sent, false)]
    [InlineData(InvoiceStatus.Overdue, InvoiceStatus.Paid, true)]
    [InlineData(InvoiceStatus.Paid, InvoiceStatus.Sent, false)]
    [InlineData(InvoiceStatus.Paid, InvoiceStatus.Draft, false)]
    [InlineData(InvoiceStatus.Void, InvoiceStatus.Sent, false)]
    [InlineData(InvoiceStatus.Sent, InvoiceStatus.Sent, true)]
    public void WhyNotMoveTo_AllowsIssuingAndPaying_AndSaysWhyNot(InvoiceStatus from, InvoiceStatus to, bool allowed)
    {
        var why = InStatus(from).WhyNotMoveTo(to);
        if (allowed) Assert.Null(why);
        else Assert.False(string.IsNullOrWhiteSpace(why));
    }

    [Fact]
    public void FormatInvoiceNumber_UsesPrefixYearAndPaddedSequence()
    {
        Assert.Equal("INV-2026-0007", new AccountSettings().FormatInvoiceNumber(2026, 7));
        Assert.Equal("F2027-012345", new AccountSettings { InvoicePrefix = "F", InvoiceNumberDigits = 6 }.FormatInvoiceNumber(2027, 12345));
    }

    private static Invoice InStatus(InvoiceStatus status)
    {
        if (status == InvoiceStatus.Draft)
        {
            var draft = Draft();
            draft.AddFreeLine("Design", 1, 100m);
            return draft;
        }
        var invoice = Issued();
        switch (status)
        {
            case InvoiceStatus.Overdue: invoice.MarkOverdue(invoice.DueDate.AddDays(1), Now); break;
            case InvoiceStatus.Paid: invoice.ApplyReceived(invoice.Total, Today, Now); break;
            case InvoiceStatus.Void: invoice.Void(Now); break;
        }
        return invoice;
    }
}
