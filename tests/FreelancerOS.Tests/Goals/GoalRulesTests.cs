using FreelancerOS.Web.Domain;

namespace FreelancerOS.Tests.Goals;

public sealed class GoalRulesTests
{
    [Theory]
    [InlineData("3", "10", 30)]
    [InlineData("10", "10", 100)]
    [InlineData("12", "10", 120)]
    [InlineData("0", "10", 0)]
    public void CompletionPercent_IsProgressOverTarget(string progress, string target, int expected) =>
        Assert.Equal(expected, Goal.CompletionPercent(decimal.Parse(progress), decimal.Parse(target)));

    [Fact]
    public void TargetOfZero_HasNoPercent_AndIsNeverExceeded()
    {
        Assert.Null(Goal.CompletionPercent(5m, 0m));
        Assert.False(Goal.IsExceeded(5m, 0m));
        Assert.True(Goal.IsExceeded(10.01m, 10m));
        Assert.False(Goal.IsExceeded(10m, 10m));
    }

    [Fact]
    public void Track_KeepsOnlyTheIdTheFigureNeeds_AndRefusesAMissingOne()
    {
        var goal = new Goal();
        goal.Track(GoalTracking.ClientIncomeThisYear, 4, 9);
        Assert.Equal(4, goal.TrackedClientId);
        Assert.Null(goal.TrackedPaymentModeId);
        goal.Track(GoalTracking.Manual, 4, 9);
        Assert.Null(goal.TrackedClientId);
        Assert.False(goal.IsTracked);
        Assert.Equal(nameof(Goal.TrackedPaymentModeId), Assert.Throws<DomainException>(() => goal.Track(GoalTracking.PaymentModeBalance, null, null)).Field);
        Assert.Throws<DomainException>(() => goal.Track((GoalTracking)42, null, null));
    }
}
