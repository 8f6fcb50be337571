using FreelancerOS.Web.Infrastructure;
using FreelancerOS.Web.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Reports;

public sealed partial class ReportsController
{
    [HttpGet("/reports/receivables")]
    public async Task<IActionResult> Receivables(string? period, DateOnly? from, DateOnly? to, string? rows)
    {
        var (home, today) = await AccountAsync();
        var range = ReportPeriod.Parse(period, from, to, today, fallback: "all");
        return View(new AgingPage(await receivables.AgingAsync(today, range.From, range.To), range, home) { ShowAll = ReportRows.All(rows) });
    }

    [HttpGet("/reports/receivables/export")]
    public async Task<IActionResult> ReceivablesCsv(string? period, DateOnly? from, DateOnly? to)
    {
        var (_, today) = await AccountAsync();
        var range = ReportPeriod.Parse(period, from, to, today, fallback: "all");
        var report = await receivables.AgingAsync(today, range.From, range.To);
        var header = new[] { "Client", "Currency" }.Concat(ReceivableAges.All.Select(ReceivableAges.Label)).Concat(["Total", "Invoices"]).ToList();
        await ReportCsv.WriteAsync(Response, $"receivables-{today:yyyy-MM-dd}.csv", header,
            report.Rows.Concat(report.Totals).Select(r => (IReadOnlyList<string>)
                [r.Name, r.Currency, .. r.Buckets.Select(b => ReportCsv.Amount(b, r.Currency)), ReportCsv.Amount(r.Total, r.Currency), r.Invoices.ToString()]));
        return new EmptyResult();
    }

    [HttpGet("/reports/forecast")]
    public async Task<IActionResult> Forecast(int? days)
    {
        var (home, today) = await AccountAsync();
        var horizon = ForecastQueries.Horizons.Contains(days ?? 0) ? days!.Value : 30;
        return View(new ForecastPage(await forecasts.ForecastAsync(today, home, withBalances: true), horizon));
    }

    [HttpGet("/reports/forecast/export")]
    public async Task<IActionResult> ForecastCsv()
    {
        var (home, today) = await AccountAsync();
        var f = await forecasts.ForecastAsync(today, home, withBalances: true);
        string M(long minor) => ReportCsv.Minor(minor, home);
        var rows = f.Windows.Select(w => (IReadOnlyList<string>)
            [$"Next {w.Days} days", w.Until.ToString("yyyy-MM-dd"), M(w.InMinor), M(w.OutMinor), M(w.NetMinor), M(f.BalanceMinor + w.NetMinor), home]).ToList();
        rows.Add(["Overdue (not counted above)", today.AddDays(-1).ToString("yyyy-MM-dd"), M(f.OverdueInMinor), M(f.OverdueOutMinor), M(f.OverdueInMinor - f.OverdueOutMinor), "", home]);
        await ReportCsv.WriteAsync(Response, $"forecast-{today:yyyy-MM-dd}.csv", ["Window", "Until", "ExpectedIn", "ExpectedOut", "Net", "ExpectedBalance", "Currency"], rows);
        return new EmptyResult();
    }

    [HttpGet("/reports/profitability")]
    public async Task<IActionResult> Profitability(string? period, DateOnly? from, DateOnly? to, string? sort, string? dir, string? rows)
    {
        var (home, today) = await AccountAsync();
        return View(await profitability.LoadAsync(ReportPeriod.Parse(period, from, to, today), home, sort, dir) with { ShowAll = ReportRows.All(rows) });
    }

    [HttpGet("/reports/profitability/export")]
    public async Task<IActionResult> ProfitabilityCsv(string? period, DateOnly? from, DateOnly? to, string? sort, string? dir)
    {
        var (home, today) = await AccountAsync();
        var report = await profitability.LoadAsync(ReportPeriod.Parse(period, from, to, today), home, sort, dir);
        var rows = report.Projects.Select(r => Row("Project", r)).Concat(report.Clients.Select(r => Row("Client", r)));
        await ReportCsv.WriteAsync(Response, $"profitability-{report.Period.Key}.csv",
            ["Kind", "Name", "Client", "Currency", "Billed", "Hours", "EffectiveRate", "ExpensesRecharged", "ExpensesNotRecharged", "ExpensesCurrency"], rows);
        return new EmptyResult();

        IReadOnlyList<string> Row(string kind, ProfitRow r) =>
        [
            kind, r.Name, r.ClientName, r.Currency, ReportCsv.Amount(r.Billed, r.Currency), ReportCsv.Number(r.Hours),
            r.EffectiveRate is { } rate ? ReportCsv.Amount(rate, r.Currency) : "", ReportCsv.Minor(r.RechargedMinor, home), ReportCsv.Minor(r.OtherCostsMinor, home), home,
        ];
    }

    [HttpGet("/reports/tax")]
    public async Task<IActionResult> Tax(int? year, string? per)
    {
        var (home, today) = await AccountAsync();
        return View(await taxes.LoadAsync(ValidYear(year, today), per, home));
    }

    [HttpGet("/reports/tax/export")]
    public async Task<IActionResult> TaxCsv(int? year, string? per)
    {
        var (home, today) = await AccountAsync();
        var report = await taxes.LoadAsync(ValidYear(year, today), per, home);
        await ReportCsv.WriteAsync(Response, $"tax-collected-{report.Year}-{report.Per}.csv",
            ["Period", "Currency", "TaxRate", "Invoices", "TaxableAmount", "Tax", "Total"],
            report.Rows.Select(r => (IReadOnlyList<string>)
                [r.Period, r.Currency, r.Rate is { } rate ? ReportCsv.Number(rate) : "", r.Invoices.ToString(),
                 ReportCsv.Amount(r.Taxable, r.Currency), ReportCsv.Amount(r.Tax, r.Currency), ReportCsv.Amount(r.Total, r.Currency)]));
        return new EmptyResult();
    }

    private static int ValidYear(int? year, DateOnly today) => year is >= 1900 and <= 9998 ? year.Value : today.Year;

    private async Task<(string Home, DateOnly Today)> AccountAsync()
    {
        var settings = await account.SettingsAsync();
        return (settings.HomeCurrency, settings.Today(clock));
    }
}

public sealed record AgingPage(AgingReport Report, ReportPeriod Period, string HomeCurrency)
{
    /// <summary>Every client's row instead of the first <see cref="ReportRows.Shown"/> (the totals always count every row).</summary>
    public bool ShowAll { get; init; }
}

public sealed record ForecastPage(Forecast Forecast, int Days);
