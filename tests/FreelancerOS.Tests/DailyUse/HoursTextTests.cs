using FreelancerOS.Web.Domain;

namespace FreelancerOS.Tests.DailyUse;

public sealed class HoursTextTests
{
    [Theory]
    [InlineData("2:30", 2.5)]
    [InlineData("2h30", 2.5)]
    [InlineData("2h 30m", 2.5)]
    [InlineData("2H 30MIN", 2.5)]
    [InlineData("2.5", 2.5)]
    [InlineData("2,5", 2.5)]
    [InlineData(" 1.25 ", 1.25)]
    [InlineData("45m", 0.75)]
    [InlineData("0:20", 0.33)]
    [InlineData("3h", 3)]
    [InlineData(".5", 0.5)]
    [InlineData("24", 24)]
    [InlineData("", 0)]
    public void Parses_TheWaysPeopleTypeHours(string text, double expected)
    {
        Assert.True(HoursText.TryParse(text, out var hours, out var error), error);
        Assert.Equal((decimal)expected, hours);
    }

    [Theory]
    [InlineData("lots", HoursText.Hint)]
    [InlineData("2:75", "Minutes go up to 59: write 1:30 rather than 0:90.")]
    [InlineData("1.255", "Use at most two decimals (0.25 is a quarter hour), or hours and minutes such as 1:20.")]
    [InlineData("25", "One entry is for one day: at most 24 hours.")]
    [InlineData("24:01", "One entry is for one day: at most 24 hours.")]
    [InlineData("-1", "Enter more than 0 hours.")]
    [InlineData("1,000.5", HoursText.Hint)]
    [InlineData("99999999999999999999999999", HoursText.Hint)]
    public void Refuses_WithAReason(string text, string message)
    {
        Assert.False(HoursText.TryParse(text, out _, out var error));
        Assert.Equal(message, error);
    }

    [Theory]
    [InlineData(0, "Up", 0.12, 0.12)]
    [InlineData(6, "Up", 0.11, 0.2)]
    [InlineData(15, "Up", 0.26, 0.5)]
    [InlineData(15, "Up", 0.25, 0.25)]
    [InlineData(15, "Nearest", 0.37, 0.25)]
    [InlineData(15, "Nearest", 0.38, 0.5)]
    [InlineData(30, "Nearest", 0.05, 0.5)]
    [InlineData(30, "Up", 23.9, 24)]
    public void TimerRounding_IsARuleOfTheAccount(int minutes, string mode, double elapsed, double expected)
    {
        var settings = new AccountSettings();
        settings.SetTimerRounding(minutes, Enum.Parse<TimerRoundingMode>(mode));
        Assert.Equal((decimal)expected, settings.RoundTimerHours((decimal)elapsed));
    }

    [Fact]
    public void TimerRounding_RefusesOtherSteps()
    {
        var settings = new AccountSettings();
        Assert.Throws<DomainException>(() => settings.SetTimerRounding(7, TimerRoundingMode.Up));
        Assert.Equal(0, settings.TimerRoundingMinutes);
    }
}
