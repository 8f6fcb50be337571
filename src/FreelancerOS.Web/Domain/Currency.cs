using System.Collections.Frozen;
using System.Globalization;

namespace FreelancerOS.Web.Domain;

/// <summary>ISO 4217 currencies in use, with the number of digits of their minor unit.</summary>
public static class Currency
{
    private static readonly FrozenDictionary<string, int> MinorUnits = BuildTable();

    public static IReadOnlyCollection<string> Codes { get; } = MinorUnits.Keys.Order(StringComparer.Ordinal).ToArray();

    public static bool IsKnown(string? code) =>
        code is { Length: 3 } && MinorUnits.ContainsKey(code);

    public static string Normalize(string? code) => (code ?? "").Trim().ToUpperInvariant();

    public static int MinorUnitDigits(string code) =>
        MinorUnits.TryGetValue(code, out var digits)
            ? digits
            : throw new DomainException($"'{code}' is not an ISO 4217 currency code.");

    /// <summary>Rounds to the currency's minor unit, half away from zero (0.005 EUR is 0.01).</summary>
    public static decimal Round(decimal amount, string code) =>
        Math.Round(amount, MinorUnitDigits(code), MidpointRounding.AwayFromZero);

    /// <summary>"12,000.00 EUR" in the given culture's number format, with the currency's own decimals.</summary>
    public static string Format(decimal amount, string code, IFormatProvider? culture = null)
    {
        var digits = MinorUnits.TryGetValue(code, out var d) ? d : 2;
        return amount.ToString("N" + digits, culture ?? CultureInfo.CurrentCulture) + " " + code;
    }

    private static FrozenDictionary<string, int> BuildTable()
    {
        // Two decimals unless listed: the exceptions below are ISO 4217's own.
        const string twoDigits =
            "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN BZD CAD " +
            "CDF CHF CNY COP CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD " +
            "HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD " +
            "MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON " +
            "RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD " +
            "TZS UAH USD UYU UZS VES WST XCD YER ZAR ZMW ZWG";
        const string zeroDigits = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX VND VUV XAF XOF XPF";
        const string threeDigits = "BHD IQD JOD KWD LYD OMR TND";

        var table = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var code in twoDigits.Split(' ')) table[code] = 2;
        foreach (var code in zeroDigits.Split(' ')) table[code] = 0;
        foreach (var code in threeDigits.Split(' ')) table[code] = 3;
        return table.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
