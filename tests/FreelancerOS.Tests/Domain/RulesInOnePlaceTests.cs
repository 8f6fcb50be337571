using FreelancerOS.Web.Domain;

namespace FreelancerOS.Tests.Domain;

/// <summary>
/// The rules that moved onto the entities (docs/decisions/013), tested without a web host. Their HTTP behaviour is
/// covered by the feature tests named in each rule's remarks (Projects, Time, Services, Settings, Invoices).
/// </summary>
public sealed class RulesInOnePlaceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    // --- the hours rule -------------------------------------------------------------------------

    [Theory]
    [InlineData("0", "Enter more than 0 hours.")]
    [InlineData("-1", "Enter more than 0 hours.")]
    [InlineData("1.255", "Use at most two decimals (0.25 is a quarter hour), or hours and minutes such as 1:20.")]
    [InlineData("24.01", "One entry is for one day: at most 24 hours.")]
    [InlineData("0.01", null)]
    [InlineData("24", null)]
    [InlineData("7.5", null)]
    public void HoursError_IsTheOneRule_ForEveryWayOfLoggingTime(string hours, string? expected)
    {
        var value = decimal.Parse(hours, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, TimeEntry.HoursError(value));
        if (expected is null) TimeEntry.CheckHours(value);
        else Assert.Equal(expected, Assert.Throws<DomainException>(() => TimeEntry.CheckHours(value)).Message);

        // The typed form says the same (0 is left to the caller: an emptied timesheet cell deletes its entry).
        if (value > 0)
        {
            Assert.Equal(expected is null, HoursText.TryParse(hours, out var parsed, out var error));
            Assert.Equal(expected, error);
            if (expected is null) Assert.Equal(value, parsed);
        }
    }

    [Fact]
    public void SetHours_RefusesMoreThanTwoDecimals_WhichTheDatabaseWouldCut()
    {
        var entry = new TimeEntry();
        entry.SnapshotRate(100m, "EUR");
        Assert.Throws<DomainException>(() => entry.SetHours(1.005m));
        entry.SetHours(1.25m);
        Assert.Equal(125m, entry.Amount);
    }

    [Theory]
    [InlineData("0", "0.01")]
    [InlineData("0.004", "0.01")]
    [InlineData("0.125", "0.13")]
    [InlineData("30", "24")]
    public void ClampHours_MakesMeasuredTimeAnEntrysHours(string measured, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            TimeEntry.ClampHours(decimal.Parse(measured, System.Globalization.CultureInfo.InvariantCulture)));

    // --- stopping a timer -------------------------------------------------------------------------

    [Fact]
    public void Stop_MakesAnEntry_OnTheDayItStartedWhereTheFreelancerLives_AtTheRateGiven()
    {
        var settings = new AccountSettings { TimeZoneId = "Europe/Berlin" };
        // 23:30 in Berlin on the 21st is 22:30 UTC.
        var timer = new RunningTimer { ProjectId = 3, ServiceId = 5, Description = "Night shift", Billable = false, StartedAt = new DateTimeOffset(2026, 11, 21, 22, 30, 0, TimeSpan.Zero) };

        var entry = timer.Stop(timer.StartedAt.AddMinutes(90), settings, 80m, "USD");

        Assert.Equal((new DateOnly(2026, 11, 21), 3, (int?)5, "Night shift", false), (entry.Date, entry.ProjectId, entry.ServiceId, entry.Description, entry.Billable));
        Assert.Equal((1.5m, 80m, "USD", 120m), (entry.Hours, entry.HourlyRate, entry.Currency, entry.Amount));
        Assert.Equal(timer.StartedAt.AddMinutes(90), entry.CreatedAt);
        Assert.False(timer.IsCappedAt(timer.StartedAt.AddMinutes(90)));
    }

    [Fact]
    public void Stop_RoundsUnderTheAccountsRule_CapsAtOneDay_AndDropsAServiceThatIsGone()
    {
        var settings = new AccountSettings();
        settings.SetTimerRounding(15, TimerRoundingMode.Up);
        var timer = new RunningTimer { ProjectId = 3, ServiceId = 5, StartedAt = Now };

        Assert.Equal(0.25m, timer.Stop(Now.AddMinutes(2), settings, 100m, "EUR").Hours);
        var capped = timer.Stop(Now.AddHours(30), settings, 100m, "EUR", keepService: false);
        Assert.Equal((24m, (int?)null), (capped.Hours, capped.ServiceId));
        Assert.True(timer.IsCappedAt(Now.AddHours(30)));
    }

    // --- the hourly-rate fallback ---------------------------------------------------------------

    [Fact]
    public void HourlyRate_IsTheServices_ElseTheProjects_ElseTheClients_ElseTheDefault()
    {
        Assert.Equal(120m, HourlyRates.Resolve(120m, 100m, 90m, 80m));
        Assert.Equal(100m, HourlyRates.Resolve(null, 100m, 90m, 80m));
        Assert.Equal(90m, HourlyRates.Resolve(null, null, 90m, 80m));
        Assert.Equal(80m, HourlyRates.Resolve(null, null, null, 80m));

        var flat = new Service { Pricing = ServicePricing.Flat, Rate = 1500m };
        Assert.Equal(100m, HourlyRates.Resolve(flat, new Project { HourlyRate = 100m }, new Client(), null));
    }

    // --- scope changes, services ------------------------------------------------------------------

    [Fact]
    public void ScopeChange_OnlyAnApprovedOne_CannotBeDeleted()
    {
        new ScopeChange { State = ScopeChangeState.Proposed }.EnsureDeletable();
        new ScopeChange { State = ScopeChangeState.Rejected }.EnsureDeletable();
        var e = Assert.Throws<DomainException>(() => new ScopeChange { State = ScopeChangeState.Approved }.EnsureDeletable());
        Assert.Equal("An approved change is part of the project's value or estimate and cannot be deleted.", e.Message);
    }

    [Fact]
    public void Service_OnAnInvoice_IsLocked()
    {
        var service = new Service { Name = "Logo" };
        Assert.False(service.IsLocked);
        Assert.Null(service.EditRefusal());
        service.InvoiceId = 4;
        Assert.True(service.IsLocked);
        Assert.Equal("This service is on an invoice and cannot be changed or deleted.", service.EditRefusal());
    }

    // --- home currency ----------------------------------------------------------------------------

    [Fact]
    public void HomeCurrency_ChangesWhileTheLedgerIsEmpty_AndIsFixedOnceItHasEntries()
    {
        var settings = new AccountSettings { HomeCurrency = "EUR" };
        settings.ChangeHomeCurrency(" chf ", ledgerHasEntries: false);
        Assert.Equal("CHF", settings.HomeCurrency);

        settings.ChangeHomeCurrency("chf", ledgerHasEntries: true); // the same currency is no change
        var e = Assert.Throws<DomainException>(() => settings.ChangeHomeCurrency("USD", ledgerHasEntries: true));
        Assert.Equal(nameof(AccountSettings.HomeCurrency), e.Field);
        Assert.StartsWith("The ledger already has entries converted to CHF", e.Message);
        Assert.Equal("CHF", settings.HomeCurrency);
    }

    // --- the milestone schedule -----------------------------------------------------------------

    private static Milestone Saved(int id, string name, decimal amount, decimal? percent, int? invoiceId = null) =>
        new() { Id = id, ProjectId = 9, Name = name, Amount = amount, Percent = percent, InvoiceId = invoiceId, State = invoiceId is null ? MilestoneState.Pending : MilestoneState.Invoiced };

    [Fact]
    public void Schedule_Replace_UpdatesKeeps_AddsAndRemoves_InTheRowsOrder()
    {
        var kickOff = Saved(1, "Kick-off", 3000m, 30m, invoiceId: 40);
        var design = Saved(2, "Design", 4000m, 40m);
        var launch = Saved(3, "Launch", 3000m, 30m);
        MilestoneShare[] rows =
        [
            new(2, " Design and build ", 50m, new DateOnly(2026, 12, 1), MilestoneState.Reached),
            new(1, "Renamed", 30m, null, MilestoneState.Pending),
            new(0, "Handover", 20m, null, MilestoneState.Invoiced),
        ];

        var (removed, added) = MilestoneSchedule.Replace(9, [kickOff, design, launch], rows, 10_000m, "EUR", ShareMode.Percent);

        Assert.Equal([launch], removed);
        var handover = Assert.Single(added);
        Assert.Equal((9, "Handover", 2000m, (decimal?)20m, 2, MilestoneState.Pending), (handover.ProjectId, handover.Name, handover.Amount, handover.Percent, handover.SortOrder, handover.State));
        Assert.Equal(("Design and build", 5000m, 0, MilestoneState.Reached, (DateOnly?)new DateOnly(2026, 12, 1)), (design.Name, design.Amount, design.SortOrder, design.State, design.DueDate));
        // On an invoice: only its place changes.
        Assert.Equal(("Kick-off", 3000m, 1, MilestoneState.Invoiced), (kickOff.Name, kickOff.Amount, kickOff.SortOrder, kickOff.State));
    }

    [Fact]
    public void Schedule_AnInvoicedMilestone_CannotBeRemovedOrReshared_AndTheSharesMustAddUp()
    {
        var kickOff = Saved(1, "Kick-off", 3000m, 30m, invoiceId: 40);
        Assert.Equal(["Kick-off is on an invoice and cannot be removed."],
            MilestoneSchedule.LockedChanges([kickOff], [new MilestoneShare(0, "All", 100m, null, MilestoneState.Pending)], ShareMode.Percent));
        Assert.Equal(["Kick-off is on an invoice: its share cannot change."],
            MilestoneSchedule.LockedChanges([kickOff], [new MilestoneShare(1, "Kick-off", 3500m, null, MilestoneState.Pending)], ShareMode.Amount));
        Assert.Empty(MilestoneSchedule.LockedChanges([kickOff], [new MilestoneShare(1, "Kick-off", 3000m, null, MilestoneState.Pending)], ShareMode.Amount));

        Assert.Throws<DomainException>(() => MilestoneSchedule.Replace(9, [kickOff], [], 10_000m, "EUR", ShareMode.Percent));
        var mismatch = Assert.Throws<DomainException>(() => MilestoneSchedule.Replace(9, [], [new MilestoneShare(0, "Half", 50m, null, MilestoneState.Pending)], 10_000m, "EUR", ShareMode.Percent));
        Assert.Equal("Rows", mismatch.Field);
        Assert.Throws<DomainException>(() => MilestoneSchedule.Replace(9, [], [new MilestoneShare(77, "Foreign", 100m, null, MilestoneState.Pending)], 10_000m, "EUR", ShareMode.Percent));
    }

    // --- overdue ----------------------------------------------------------------------------------

    [Theory]
    [InlineData(InvoiceStatus.Sent, -1, true)]
    [InlineData(InvoiceStatus.Sent, 0, false)]
    [InlineData(InvoiceStatus.Draft, -1, false)]
    [InlineData(InvoiceStatus.Paid, -1, false)]
    [InlineData(InvoiceStatus.Overdue, -5, false)]
    public void Overdue_TheJobsQuery_AndTheEntity_ApplyTheSameRule(InvoiceStatus status, int dueInDays, bool becomesOverdue)
    {
        var today = new DateOnly(2026, 11, 22);
        var invoice = Invoice.CreateDraft(new Client { Id = 7, Name = "Acme Ltd", Currency = "EUR" }, today.AddDays(-30), today.AddDays(dueInDays), null, null, Now);
        invoice.AddFreeLine("Design", 1, 100m);
        if (status != InvoiceStatus.Draft) invoice.Issue("INV-2026-0001", 2026, 1, Now);
        if (status == InvoiceStatus.Paid) invoice.ApplyReceived(100m, today.AddDays(-40), Now);
        if (status == InvoiceStatus.Overdue) invoice.MarkOverdue(today, Now);

        Assert.Equal(becomesOverdue, new[] { invoice }.AsQueryable().Any(Invoice.OverdueOn(today)));
        Assert.Equal(becomesOverdue, invoice.MarkOverdueIfDue(today, Now));
    }
}
