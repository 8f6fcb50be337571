using System.Globalization;
using System.Text.Json;
using CsvHelper;
using FreelancerOS.Web.Domain;

namespace FreelancerOS.Web.Features.Reports;

/// <summary>
/// How many rows a report's table shows at first. Ten years of work make hundreds of projects and clients: the page
/// shows the first rows in the chosen order with totals over every row, and "Show all" (rows=all) one click away.
/// CSV exports always hold every row.
/// </summary>
public static class ReportRows
{
    public const int Shown = 25;

    public const string AllKey = "all";

    public static bool All(string? rows) => rows == AllKey;

    public static IEnumerable<T> Visible<T>(IReadOnlyList<T> rows, bool showAll) => showAll ? rows : rows.Take(Shown);
}

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
