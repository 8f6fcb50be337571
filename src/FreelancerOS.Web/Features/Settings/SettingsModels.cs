using FluentValidation;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;

namespace FreelancerOS.Web.Features.Settings;

public sealed class SettingsForm
{
    public string HomeCurrency { get; set; } = "EUR";
    public string Culture { get; set; } = "en-GB";
    public string TimeZoneId { get; set; } = "UTC";
    public string? BusinessName { get; set; }
    public string? BusinessAddress { get; set; }
    public string? BusinessEmail { get; set; }
    public string? TaxId { get; set; }
    public string? PaymentInstructions { get; set; }
    public string InvoicePrefix { get; set; } = "INV-";
    public int InvoiceNumberDigits { get; set; } = 4;
    public int PaymentTermsDays { get; set; } = 30;
    public decimal DefaultHourlyRate { get; set; }
    public int Version { get; set; }

    /// <summary>The time zones offered, sorted once: the list is the system's and does not change while the app runs.</summary>
    public static readonly IReadOnlyList<string> TimeZoneIds = TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Order().ToList();

    public static SettingsForm From(AccountSettings s) => new()
    {
        HomeCurrency = s.HomeCurrency, Culture = s.Culture, TimeZoneId = s.TimeZoneId,
        BusinessName = s.BusinessName, BusinessAddress = s.BusinessAddress, BusinessEmail = s.BusinessEmail,
        TaxId = s.TaxId, PaymentInstructions = s.PaymentInstructions, InvoicePrefix = s.InvoicePrefix,
        InvoiceNumberDigits = s.InvoiceNumberDigits, PaymentTermsDays = s.PaymentTermsDays,
        DefaultHourlyRate = s.DefaultHourlyRate, Version = s.Version,
    };

    public void ApplyTo(AccountSettings s)
    {
        s.Culture = Culture;
        s.TimeZoneId = TimeZoneId;
        s.BusinessName = BusinessName?.Trim();
        s.BusinessAddress = BusinessAddress?.Trim();
        s.BusinessEmail = BusinessEmail?.Trim();
        s.TaxId = TaxId?.Trim();
        s.PaymentInstructions = PaymentInstructions?.Trim();
        s.InvoicePrefix = InvoicePrefix.Trim();
        s.InvoiceNumberDigits = InvoiceNumberDigits;
        s.PaymentTermsDays = PaymentTermsDays;
        s.DefaultHourlyRate = DefaultHourlyRate;
    }

    public string ExampleInvoiceNumber(int year)
    {
        var digits = Math.Clamp(InvoiceNumberDigits, 1, 8);
        return $"{InvoicePrefix}{year}-{"7".PadLeft(digits, '0')}";
    }
}

public sealed class SettingsFormValidator : AbstractValidator<SettingsForm>
{
    public SettingsFormValidator()
    {
        RuleFor(f => f.HomeCurrency).Must(c => Currency.IsKnown(Currency.Normalize(c)))
            .WithMessage("Choose an ISO 4217 currency code, such as EUR or USD.");
        RuleFor(f => f.Culture).Must(UserCulture.IsOffered).WithMessage("Choose one of the listed formats.");
        RuleFor(f => f.TimeZoneId).Must(z => z is not null && TimeZoneInfo.TryFindSystemTimeZoneById(z, out _))
            .WithMessage("Choose a time zone from the list.");
        RuleFor(f => f.BusinessName).MaximumLength(200);
        RuleFor(f => f.BusinessAddress).MaximumLength(1000);
        RuleFor(f => f.BusinessEmail).EmailAddress().When(f => !string.IsNullOrWhiteSpace(f.BusinessEmail))
            .WithMessage("Enter a valid e-mail address.").MaximumLength(254);
        RuleFor(f => f.TaxId).MaximumLength(100);
        RuleFor(f => f.PaymentInstructions).MaximumLength(2000);
        RuleFor(f => f.InvoicePrefix).MaximumLength(20)
            .Matches("^[A-Za-z0-9/_. -]*$").WithMessage("Use letters, digits, spaces and - / _ . only.");
        RuleFor(f => f.InvoiceNumberDigits).InclusiveBetween(1, 8).WithMessage("Between 1 and 8 digits.");
        RuleFor(f => f.PaymentTermsDays).InclusiveBetween(0, 365).WithMessage("Between 0 and 365 days.");
        RuleFor(f => f.DefaultHourlyRate).InclusiveBetween(0m, 1_000_000m).WithMessage("Between 0 and 1,000,000.");
    }
}
