using FreelancerOS.Web.Domain;

namespace FreelancerOS.Tests.Domain;

public sealed class ProjectRulesTests
{
    private static Project Hourly(decimal? estimate) => new() { Name = "H", Pricing = ProjectPricing.Hourly, EstimatedHours = estimate, CompletionBasis = CompletionBasis.Hours };

    private static Project Fixed(decimal value, CompletionBasis basis = CompletionBasis.Invoicing) =>
        new() { Name = "F", Pricing = ProjectPricing.FixedPrice, Value = value, CompletionBasis = basis };

    [Theory]
    [InlineData("7", "10", 70)]
    [InlineData("0", "10", 0)]
    [InlineData("10", "10", 100)]
    [InlineData("12", "10", 120)] // an overrun is shown, not capped
    [InlineData("1.25", "8", 16)]
    public void Completion_ByHours_IsLoggedOverEstimate(string logged, string estimate, int expected) =>
        Assert.Equal(expected, Hourly(decimal.Parse(estimate)).CompletionPercent(decimal.Parse(logged), invoicedAmount: 0));

    [Fact]
    public void Completion_ByHours_WithoutEstimate_IsNull()
    {
        Assert.Null(Hourly(null).CompletionPercent(5, 0));
        Assert.Null(Hourly(0).CompletionPercent(5, 0));
    }

    [Theory]
    [InlineData("3000", "6000", 50)]
    [InlineData("0", "6000", 0)]
    [InlineData("7200", "6000", 120)]
    public void Completion_ByInvoicing_IsInvoicedOverValue(string invoiced, string value, int expected) =>
        Assert.Equal(expected, Fixed(decimal.Parse(value)).CompletionPercent(hoursLogged: 99, decimal.Parse(invoiced)));

    [Fact]
    public void Completion_ByInvoicing_WithoutValue_IsNull()
    {
        var hourly = new Project { Pricing = ProjectPricing.Hourly, CompletionBasis = CompletionBasis.Invoicing };
        Assert.Null(hourly.CompletionPercent(10, 500));
    }

    [Fact]
    public void Completion_ByHours_OnFixedPrice_UsesHoursNotMoney()
    {
        var p = Fixed(6000, CompletionBasis.Hours);
        p.EstimatedHours = 40;
        Assert.Equal(25, p.CompletionPercent(10, 6000));
    }

    [Fact]
    public void Completion_CountsApprovedScopeHoursInTheEstimate()
    {
        var p = Hourly(10);
        p.Approve(new ScopeChange { Description = "More pages", EstimateHours = 10 });
        Assert.Equal(50, p.CompletionPercent(10, 0));
    }

    [Fact]
    public void RateResolution_ServiceThenProjectThenClientThenDefault()
    {
        Assert.Equal(120m, HourlyRates.Resolve(120m, 100m, 90m, 80m));
        Assert.Equal(100m, HourlyRates.Resolve(null, 100m, 90m, 80m));
        Assert.Equal(90m, HourlyRates.Resolve(null, null, 90m, 80m));
        Assert.Equal(80m, HourlyRates.Resolve(null, null, null, 80m));
    }

    [Fact]
    public void RateResolution_AFlatServiceHasNoHourlyRate_SoTheProjectRateApplies()
    {
        var client = new Client { DefaultHourlyRate = 90m };
        var project = new Project { HourlyRate = 100m };
        var flat = new Service { Pricing = ServicePricing.Flat, Rate = 2500m };
        var hourly = new Service { Pricing = ServicePricing.Hourly, Rate = 120m };
        var settings = new AccountSettings { DefaultHourlyRate = 80m };
        Assert.Equal(100m, HourlyRates.Resolve(flat, project, client, settings));
        Assert.Equal(120m, HourlyRates.Resolve(hourly, project, client, settings));
        Assert.Equal(80m, HourlyRates.Resolve(null, new Project(), new Client(), settings));
    }

    [Fact]
    public void TimeEntry_Snapshot_IsUnchangedByALaterRateChange()
    {
        var service = new Service { Pricing = ServicePricing.Hourly, Rate = 100m };
        var project = new Project();
        var client = new Client { Currency = "EUR" };
        var entry = new TimeEntry();
        entry.SnapshotRate(HourlyRates.Resolve(service, project, client, null), client.Currency);
        entry.SetHours(1.25m);

        service.Rate = 150m;
        entry.SetHours(2m); // editing the hours keeps the snapshot

        Assert.Equal((100m, 200m, "EUR"), (entry.HourlyRate, entry.Amount, entry.Currency));
    }

    [Fact]
    public void TimeEntry_Amount_IsRoundedInTheClientsCurrency()
    {
        var entry = new TimeEntry();
        entry.SnapshotRate(85.55m, "EUR");
        entry.SetHours(1.33m);
        Assert.Equal(113.78m, entry.Amount); // 113.7815
        var yen = new TimeEntry();
        yen.SnapshotRate(9999m, "JPY");
        yen.SetHours(0.25m);
        Assert.Equal(2500m, yen.Amount); // 2499.75
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("24.01")]
    [InlineData("25")]
    public void TimeEntry_Hours_MustBeMoreThan0AndAtMost24(string hours)
    {
        var entry = new TimeEntry();
        Assert.Throws<DomainException>(() => entry.SetHours(decimal.Parse(hours)));
    }

    [Fact]
    public void TimeEntry_OnAnInvoice_CannotChange()
    {
        var entry = new TimeEntry();
        entry.SetHours(1);
        entry.InvoiceId = 7;
        Assert.Throws<DomainException>(() => entry.SetHours(2));
        Assert.Throws<DomainException>(() => entry.SnapshotRate(10, "EUR"));
        Assert.Equal(1m, entry.Hours);
    }

    [Fact]
    public void Timer_ElapsedHours_IsRoundedAndBetweenOneHundredthAnd24()
    {
        var start = new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(1.5m, RunningTimer.ElapsedHours(start, start.AddMinutes(90)));
        Assert.Equal(0.01m, RunningTimer.ElapsedHours(start, start.AddSeconds(5)));
        Assert.Equal(24m, RunningTimer.ElapsedHours(start, start.AddHours(30)));
    }

    [Fact]
    public void Milestones_PresetPercentages_AddUpToTheValueToTheCent()
    {
        var amounts = MilestoneSchedule.Amounts(10_000m, "EUR", ShareMode.Percent, MilestoneSchedule.Presets["30-40-30"]);
        Assert.Equal([3000m, 4000m, 3000m], amounts);
        var thirds = MilestoneSchedule.Amounts(1000m, "EUR", ShareMode.Percent, [33.33m, 33.33m, 33.34m]);
        Assert.Equal(1000m, thirds.Sum());
        Assert.Equal([333.30m, 333.30m, 333.40m], thirds);
        Assert.Null(MilestoneSchedule.Mismatch(10_000m, "EUR", ShareMode.Percent, [30m, 40m, 30m]));
        Assert.Null(MilestoneSchedule.Mismatch(10_000m, "EUR", ShareMode.Amount, [2500m, 7500m]));
    }

    [Fact]
    public void Milestones_ThatDoNotAddUp_SayByHowMuch()
    {
        var percent = MilestoneSchedule.Mismatch(6000m, "EUR", ShareMode.Percent, [30m, 40m, 20m], System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
        Assert.Equal("The shares add up to 90%, not 100%: short by 10% (600.00 EUR).", percent);
        var amount = MilestoneSchedule.Mismatch(6000m, "EUR", ShareMode.Amount, [4000m, 2500m], System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
        Assert.Equal("The shares add up to 6,500.00 EUR, not the value of 6,000.00 EUR: over by 500.00 EUR.", amount);
    }

    [Fact]
    public void ScopeChange_ApprovedOnFixedPrice_RaisesValueAndIsBillable()
    {
        var p = Fixed(6000);
        var change = new ScopeChange { Description = "Extra page", EstimateAmount = 800m, EstimateHours = 8m };
        Assert.False(change.IsBillable);
        p.Approve(change);
        Assert.Equal((6000m, 6800m, ScopeChangeState.Approved, true), (p.Value!.Value, p.TotalValue!.Value, change.State, change.IsBillable));
        Assert.Throws<DomainException>(() => p.Approve(change)); // only once
        change.InvoiceId = 3;
        Assert.False(change.IsBillable);
    }

    [Fact]
    public void ScopeChange_ApprovedOnHourly_RaisesEstimate()
    {
        var p = Hourly(40);
        var change = new ScopeChange { Description = "Second language", EstimateHours = 12m };
        p.Approve(change);
        Assert.Equal((40m, 52m, (decimal?)null), (p.EstimatedHours!.Value, p.TotalEstimatedHours!.Value, p.TotalValue));
        Assert.True(change.IsBillable);
    }

    [Fact]
    public void ScopeChange_WithoutTheEstimateItsPricingNeeds_CannotBeApproved_AndRejectedStaysOut()
    {
        var p = Fixed(1000);
        var hoursOnly = new ScopeChange { Description = "x", EstimateHours = 3 };
        Assert.Throws<DomainException>(() => p.Approve(hoursOnly));
        Assert.Equal((ScopeChangeState.Proposed, 1000m), (hoursOnly.State, p.TotalValue!.Value));
        p.Reject(hoursOnly);
        Assert.Equal(ScopeChangeState.Rejected, hoursOnly.State);
        Assert.False(hoursOnly.IsBillable);
        Assert.Throws<DomainException>(() => p.Approve(hoursOnly));
    }

    [Fact]
    public void Project_EndBeforeStart_IsRefused()
    {
        var p = new Project();
        var ex = Assert.Throws<DomainException>(() => p.SetDates(new DateOnly(2026, 5, 10), new DateOnly(2026, 5, 9)));
        Assert.Equal("EndDate", ex.Field);
        p.SetDates(new DateOnly(2026, 5, 10), null);
        Assert.Equal(new DateOnly(2026, 5, 10), p.StartDate);
    }
}
