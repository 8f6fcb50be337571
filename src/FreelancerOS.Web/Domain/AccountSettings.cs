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

    /// <summary>The tax rate (VAT %) a new invoice starts with; none when null.</summary>
    public decimal? DefaultTaxRate { get; set; }

    /// <summary>Printed under the totals, e.g. "VAT reverse charged (Art. 196 Directive 2006/112/EC)".</summary>
    public string? TaxNote { get; set; }
    public decimal DefaultHourlyRate { get; set; }

    public string FormatInvoiceNumber(int year, int sequence) =>
        $"{InvoicePrefix}{year}-{sequence.ToString().PadLeft(InvoiceNumberDigits, '0')}";

    /// <summary>Today's date where the freelancer lives, from the injected clock.</summary>
    public DateOnly Today(TimeProvider clock)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(TimeZoneId, out var tz) ? tz : TimeZoneInfo.Utc;
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
    }
}
