using System.Globalization;
using FreelancerOS.Web.Domain;

namespace FreelancerOS.Web.Infrastructure;

/// <summary>
/// Amounts as forms prefill them: at least the currency's own decimals ("290.40", "90.00", "1500" for JPY)
/// in the display culture, without cutting off digits the user typed (a refused "1.255" shows as typed).
/// Shown amounts go through <see cref="Currency.Format"/>; this is its counterpart for inputs.
/// </summary>
public static class AmountInput
{
    public static string Pattern(string? currency)
    {
        var digits = currency is not null && Currency.IsKnown(currency) ? Currency.MinorUnitDigits(currency) : 2;
        return digits == 0 ? "0.##########" : "0." + new string('0', digits) + "##########";
    }

    /// <summary>For <c>asp-format</c>, which keeps the attempted value when the form comes back with errors.</summary>
    public static string Format(string? currency) => "{0:" + Pattern(currency) + "}";

    public static string Show(decimal? amount, string? currency) =>
        amount is { } a ? a.ToString(Pattern(currency), CultureInfo.CurrentCulture) : "";
}
