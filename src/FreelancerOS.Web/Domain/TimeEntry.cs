namespace FreelancerOS.Web.Domain;

public class TimeEntry : OwnedEntity, ICreated
{
    /// <summary>One entry is one day's work.</summary>
    public const decimal MaxHoursPerDay = 24m;

    /// <summary>Hours are kept in hundredths (36 seconds): 0.01 is the least an entry holds.</summary>
    public const int HoursDecimals = 2;
    public const decimal MinHours = 0.01m;

    public DateOnly Date { get; set; }
    public int ProjectId { get; set; }
    public Project? Project { get; set; }
    public int? ServiceId { get; set; }
    public Service? Service { get; set; }
    public string? Description { get; set; }
    public decimal Hours { get; private set; }
    public bool Billable { get; set; } = true;

    /// <summary>The hourly rate copied when the entry was saved; a later rate change does not touch it.</summary>
    public decimal HourlyRate { get; private set; }

    /// <summary>The client's currency at the time of saving.</summary>
    public string Currency { get; private set; } = "EUR";

    /// <summary>Hours x rate, rounded to the currency's minor unit; stored so that the database sums it.</summary>
    public decimal Amount { get; private set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The invoice it is billed on (a draft holds it too); null while unbilled.</summary>
    public int? InvoiceId { get; set; }

    /// <summary>The invoice line that bills it: one line per entry, or one line for several entries of a service.</summary>
    public int? InvoiceLineId { get; set; }

    public bool IsLocked => InvoiceId is not null;

    /// <summary>
    /// The hours rule, the one copy the entry, the forms, the timesheet and the timer share: more than 0, in
    /// hundredths, at most one day's 24. Null when <paramref name="hours"/> may be an entry's, else why not.
    /// </summary>
    public static string? HoursError(decimal hours) =>
        hours <= 0 ? "Enter more than 0 hours."
        : decimal.Round(hours, HoursDecimals) != hours ? "Use at most two decimals (0.25 is a quarter hour), or hours and minutes such as 1:20."
        : hours > MaxHoursPerDay ? "One entry is for one day: at most 24 hours."
        : null;

    public static void CheckHours(decimal hours)
    {
        if (HoursError(hours) is { } error)
            throw new DomainException(error, nameof(Hours));
    }

    /// <summary>Measured hours (a timer's) made into an entry's: rounded half up to hundredths, within 0.01 and 24.</summary>
    public static decimal ClampHours(decimal hours) =>
        Math.Clamp(Math.Round(hours, HoursDecimals, MidpointRounding.AwayFromZero), MinHours, MaxHoursPerDay);

    public void EnsureEditable()
    {
        if (IsLocked)
            throw new DomainException("This entry is on an invoice and cannot be edited or deleted.");
    }

    public void SetHours(decimal hours)
    {
        EnsureEditable();
        CheckHours(hours);
        Hours = hours;
        Amount = Domain.Currency.Round(Hours * HourlyRate, Currency);
    }

    /// <summary>Copies the rate (and currency) that apply now; called on save when the project or service is set or changed.</summary>
    public void SnapshotRate(decimal hourlyRate, string currency)
    {
        EnsureEditable();
        if (hourlyRate < 0)
            throw new DomainException("The hourly rate cannot be negative.", nameof(HourlyRate));
        HourlyRate = hourlyRate;
        Currency = currency;
        Amount = Domain.Currency.Round(Hours * HourlyRate, Currency);
    }
}

/// <summary>The hourly rate that applies to new work: the service's, else the project's, else the client's, else the default in Settings.</summary>
public static class HourlyRates
{
    public static decimal Resolve(decimal? serviceRate, decimal? projectRate, decimal? clientRate, decimal defaultRate) =>
        serviceRate ?? projectRate ?? clientRate ?? defaultRate;

    public static decimal Resolve(Service? service, Project project, Client client, AccountSettings? settings) =>
        Resolve(service?.HourlyRateForTime, project.HourlyRate, client.DefaultHourlyRate, settings?.DefaultHourlyRate ?? 0m);
}

/// <summary>
/// The one running timer of an account (a unique index on the owner keeps it to one), stored so that it
/// survives a reload and a restart. Stopping it turns the elapsed time into a time entry.
/// </summary>
public class RunningTimer : OwnedEntity
{
    public int ProjectId { get; set; }
    public Project? Project { get; set; }
    public int? ServiceId { get; set; }
    public Service? Service { get; set; }
    public string? Description { get; set; }
    public bool Billable { get; set; } = true;
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>
    /// Elapsed hours to two decimals (36 seconds), at least 0.01 so a short run still makes an entry,
    /// and at most 24 since one entry is one day's work.
    /// </summary>
    public static decimal ElapsedHours(DateTimeOffset startedAt, DateTimeOffset now) =>
        TimeEntry.ClampHours((decimal)(now - startedAt).Ticks / TimeSpan.TicksPerHour);

    /// <summary>The hours a stop saves: the exact elapsed time under the account's rounding rule, else <see cref="ElapsedHours(DateTimeOffset, DateTimeOffset)"/>.</summary>
    public static decimal ElapsedHours(DateTimeOffset startedAt, DateTimeOffset now, AccountSettings settings) =>
        settings.TimerRoundingMinutes == 0
            ? ElapsedHours(startedAt, now)
            : settings.RoundTimerHours(Math.Min((decimal)Math.Max(0, (now - startedAt).Ticks) / TimeSpan.TicksPerHour, TimeEntry.MaxHoursPerDay));

    /// <summary>The run was longer than one day's entry holds, so the entry keeps 24 hours of it.</summary>
    public bool IsCappedAt(DateTimeOffset now) => (now - StartedAt).Ticks > TimeEntry.MaxHoursPerDay * TimeSpan.TicksPerHour;

    /// <summary>
    /// Stops the timer into a time entry dated the day it started (where the freelancer lives), with its
    /// project, description and billable flag, the hours under the account's rounding rule, at the rate that
    /// applies now. <paramref name="keepService"/> is false when the service is gone: the time stays on the
    /// project. The caller adds the entry, removes the timer and saves.
    /// </summary>
    public TimeEntry Stop(DateTimeOffset now, AccountSettings settings, decimal hourlyRate, string currency, bool keepService = true)
    {
        var entry = new TimeEntry
        {
            Date = settings.DateOf(StartedAt), ProjectId = ProjectId, ServiceId = keepService ? ServiceId : null,
            Description = Description, Billable = Billable, CreatedAt = now,
        };
        entry.SnapshotRate(hourlyRate, currency);
        entry.SetHours(ElapsedHours(StartedAt, now, settings));
        return entry;
    }
}
