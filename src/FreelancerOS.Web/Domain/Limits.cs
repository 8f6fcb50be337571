using System.Globalization;

namespace FreelancerOS.Web.Domain;

/// <summary>
/// The bounds every typed number and date is checked against, in one place, so that any sum the app
/// computes over any number of rows fits. Ledger totals add up <c>long</c> minor units: one value is at most
/// <see cref="MaxMinorUnits"/> (9 × 10^11), so ten million rows of the largest value still fit in a long
/// (9.2 × 10^18); decimal sums (invoices, time, contracts) have far more room. An amount's limit therefore
/// depends on its currency's minor unit: 9,000,000,000 EUR, 900,000,000,000 JPY, 900,000,000 KWD.
/// </summary>
public static class Limits
{
    public const long MaxMinorUnits = 900_000_000_000;
    public const decimal MaxExchangeRate = 1_000_000m;
    public const int ExchangeRateDecimals = 8;
    public const decimal MaxQuantity = 1_000_000m;
    public const decimal MaxHourlyRate = 1_000_000m;
    public const decimal MaxPercent = 100m;

    public static readonly DateOnly MinDate = new(1900, 1, 1);
    public static readonly DateOnly MaxDate = new(2200, 12, 31);
    public const string DateMessage = "Enter a date between 1900 and 2200.";

    public static bool IsSaneDate(DateOnly date) => date >= MinDate && date <= MaxDate;

    public static bool IsSaneYear(int year) => year >= MinDate.Year && year <= MaxDate.Year;

    /// <summary>The largest amount in a currency (unknown codes get the two-decimal limit; they are refused elsewhere).</summary>
    public static decimal MaxAmount(string? currency)
    {
        var digits = Currency.IsKnown(currency) ? Currency.MinorUnitDigits(currency!) : 2;
        var amount = (decimal)MaxMinorUnits;
        for (var i = 0; i < digits; i++) amount /= 10m;
        return amount;
    }

    public static bool IsWithinAmount(decimal amount, string? currency) => Math.Abs(amount) <= MaxAmount(currency);

    public static string AmountMessage(string? currency) =>
        $"That amount is too large: at most {MaxAmount(currency).ToString("N0", CultureInfo.InvariantCulture)} {(Currency.IsKnown(currency) ? currency : "")}".TrimEnd() + ".";

    /// <summary>Decimals the currency allows (0.5 JPY is refused, 1.255 KWD accepted).</summary>
    public static bool HasCurrencyDecimals(decimal amount, string? currency) =>
        !Currency.IsKnown(currency) || Currency.Round(amount, currency!) == amount;

    public static string DecimalsMessage(string? currency) =>
        Currency.IsKnown(currency) ? $"{currency} amounts have at most {Currency.MinorUnitDigits(currency!)} decimals." : "Use at most two decimals.";
}
