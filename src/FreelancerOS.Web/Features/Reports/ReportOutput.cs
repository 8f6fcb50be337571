using System.Globalization;
using System.Text.Json;
using CsvHelper;
using FreelancerOS.Web.Domain;

namespace FreelancerOS.Web.Features.Reports;

/// <summary>The CSV form of a report: invariant numbers with the currency's decimals, ISO dates, a header row.</summary>
public static class ReportCsv
{
    public static string Amount(decimal amount, string currency) =>
        Currency.Round(amount, currency).ToString("F" + Currency.MinorUnitDigits(currency), CultureInfo.InvariantCulture);

    public static string Minor(long minor, string currency) => Amount(LedgerEntry.FromMinor(minor, currency), currency);

    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static async Task WriteAsync(HttpResponse response, string fileName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        await using var csv = CsvWriter.Create(response.Body, new CsvWriterOptions(), true);
        csv.WriteHeader(header.ToArray());
        foreach (var row in rows) await csv.WriteRecordAsync(row.ToArray());
        await csv.FlushAsync();
    }
}

/// <summary>
/// A chart's numbers as the JSON that wwwroot/js/reports.js draws (no inline script under the CSP). The
/// values are the same decimals the table beside the chart shows, so a test can compare them.
/// </summary>
public static class ReportChart
{
    public sealed record Series(string Label, IReadOnlyList<decimal> Data, string Color, string Type = "bar");

    public static string Json(IEnumerable<string> labels, string currency, params Series[] series) => JsonSerializer.Serialize(new
    {
        labels,
        currency,
        series = series.Select(s => new { label = s.Label, data = s.Data, color = s.Color, type = s.Type }),
    });

    public const string Green = "rgba(25, 135, 84, 0.75)";
    public const string Red = "rgba(220, 53, 69, 0.75)";
    public const string Blue = "rgba(13, 110, 253, 0.9)";
}
