namespace FreelancerOS.Web.Domain;

/// <summary>One per account: what later features read (currency, culture, invoice details, defaults).</summary>
public class AccountSettings : OwnedEntity
{
    /// <summary>Chosen when the account is created; changed later only through <see cref="ChangeHomeCurrency"/>.</summary>
    public string HomeCurrency { get; set; } = "EUR";
    public string Culture { get; set; } = "en-GB";
    public string TimeZoneId { get; set; } = "UTC";

    public string? BusinessName { get; set; }
    public string? BusinessAddress { get; set; }
    public string? BusinessEmail { get; set; }
    public string? TaxId { get; set; }
    public string? PaymentInstructions { get; set; }

    /// <summary>Invoice numbers read {prefix}{year}-{sequence}, e.g. INV-2026-0007.</summary>
    public string InvoicePrefix { get; set; } = "INV-";
    public int InvoiceNumberDigits { get; set; } = 4;

    public int PaymentTermsDays { get; set; } = 30;

    /// <summary>The tax rate (VAT %) a new invoice starts with; none when null.</summary>
    public decimal? DefaultTaxRate { get; set; }

    /// <summary>Printed under the totals, e.g. "VAT reverse charged (Art. 196 Directive 2006/112/EC)".</summary>
    public string? TaxNote { get; set; }
    public decimal DefaultHourlyRate { get; set; }

    /// <summary>Timer rounding step in minutes: 0 (none), 6, 15 or 30.</summary>
    public int TimerRoundingMinutes { get; private set; }
    public TimerRoundingMode TimerRoundingMode { get; private set; } = TimerRoundingMode.Up;

    public static readonly IReadOnlyList<int> RoundingSteps = [0, 6, 15, 30];

    /// <summary>
    /// Ledger amounts are stored converted to the home currency at rates the user typed; a new home currency
    /// would silently relabel them, so it is refused once the ledger has entries.
    /// </summary>
    public void ChangeHomeCurrency(string currency, bool ledgerHasEntries)
    {
        currency = Currency.Normalize(currency);
        if (currency == HomeCurrency) return;
        if (ledgerHasEntries)
            throw new DomainException($"The ledger already has entries converted to {HomeCurrency}, so the home currency cannot change. " +
                                      "Export the ledger as CSV and import it into a new account with the other home currency instead.", nameof(HomeCurrency));
        HomeCurrency = currency;
    }

    public void SetTimerRounding(int minutes, TimerRoundingMode mode)
    {
        if (!RoundingSteps.Contains(minutes))
            throw new DomainException("Choose no rounding, 6, 15 or 30 minutes.", nameof(TimerRoundingMinutes));
        if (!Enum.IsDefined(mode))
            throw new DomainException("Choose to round up or to the nearest step.", nameof(TimerRoundingMode));
        TimerRoundingMinutes = minutes;
        TimerRoundingMode = mode;
    }

    /// <summary>
    /// The hours a stopped timer saves under the rounding rule. Rounding never goes below one step, so a
    /// short run still makes an entry, nor above one day's 24 hours.
    /// </summary>
    public decimal RoundTimerHours(decimal hours)
    {
        if (TimerRoundingMinutes == 0) return hours;
        var step = TimerRoundingMinutes / 60m;
        var steps = hours / step;
        var rounded = TimerRoundingMode == TimerRoundingMode.Up
            ? Math.Ceiling(decimal.Round(steps, 6))
            : Math.Round(steps, MidpointRounding.AwayFromZero);
        return TimeEntry.ClampHours(Math.Max(1, rounded) * step);
    }

    /// <summary>
    /// Whether the account has recurring schedules: the forecast (on the dashboard too) skips their query
    /// for the many accounts that have none. Kept by the recurring feature on create and delete.
    /// </summary>
    public bool HasRecurringSchedules { get; set; }

    public string FormatInvoiceNumber(int year, int sequence) =>
        $"{InvoicePrefix}{year}-{sequence.ToString().PadLeft(InvoiceNumberDigits, '0')}";

    /// <summary>Today's date where the freelancer lives, from the injected clock.</summary>
    public DateOnly Today(TimeProvider clock) => DateOf(clock.GetUtcNow());

    /// <summary>The date of an instant where the freelancer lives (UTC when the time zone is unknown here).</summary>
    public DateOnly DateOf(DateTimeOffset instant)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(TimeZoneId, out var tz) ? tz : TimeZoneInfo.Utc;
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
    }
}

public enum TimerRoundingMode
{
    Up = 0,
    Nearest = 1,
}
