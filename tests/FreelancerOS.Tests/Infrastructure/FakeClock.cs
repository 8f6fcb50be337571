using Microsoft.Extensions.Time.Testing;

namespace FreelancerOS.Tests.Infrastructure;

/// <summary>
/// Microsoft's <see cref="FakeTimeProvider"/> starting on the tests' usual morning, plus <see cref="Set"/>,
/// which the tests have always used. Tests share one app per class and some go back in time between
/// tests, which <see cref="FakeTimeProvider.SetUtcNow"/> refuses; <see cref="FakeTimeProvider.AdjustTime"/>
/// allows it.
/// </summary>
public sealed class FakeClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    public static readonly DateTimeOffset Morning = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    public FakeClock() : this(Morning) { }

    /// <summary>Moves the clock to <paramref name="now"/>, forwards or backwards.</summary>
    public void Set(DateTimeOffset now) => AdjustTime(now);
}
