namespace FreelancerOS.Web.Domain;

/// <summary>One per account: what later features read (currency, culture, invoice details, defaults).</summary>
public class AccountSettings : OwnedEntity
{
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
    public decimal DefaultHourlyRate { get; set; }

    /// <summary>
    /// Whether the account has recurring schedules: the forecast (on the dashboard too) skips their query
    /// for the many accounts that have none. Kept by the recurring feature on create and delete.
    /// </summary>
    public bool HasRecurringSchedules { get; set; }

    public string FormatInvoiceNumber(int year, int sequence) =>
        $"{InvoicePrefix}{year}-{sequence.ToString().PadLeft(InvoiceNumberDigits, '0')}";

    /// <summary>Today's date where the freelancer lives, from the injected clock.</summary>
    public DateOnly Today(TimeProvider clock)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(TimeZoneId, out var tz) ? tz : TimeZoneInfo.Utc;
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
    }
}
