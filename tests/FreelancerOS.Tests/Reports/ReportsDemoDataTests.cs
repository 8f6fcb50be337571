using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using FreelancerOS.Web.Infrastructure.DemoData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static FreelancerOS.Tests.Reports.ReportSteps;

namespace FreelancerOS.Tests.Reports;

/// <summary>Two years of demo data: every report and CSV answers in a few statements, and its totals match the stored invoices.</summary>
public sealed class ReportsDemoDataTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task DemoData_EveryReportAnswers_InFewStatements_AndTheAgingTotalsMatchTheOpenInvoices()
    {
        var client = await app.SignedInClientAsync("reports-demo@example.com");
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "reports-demo@example.com").Select(u => u.Id).SingleAsync());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAs(userId);
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(years: 2, seed: 11);
        }

        using var counter = new SqlCounter(app.DataFolder);
        foreach (var url in new[] { "/", "/reports", "/reports/receivables", "/reports/forecast", "/reports/profitability?period=all", "/reports/tax?per=month" })
        {
            counter.Reset();
            var page = await client.GetPageAsync(url);
            Assert.True(counter.Count <= 10, $"{url} ran {counter.Count} SQL statements");
            if (page.QuerySelector("[data-role=export]") is { } export) await CsvAsync(client, export.GetAttribute("href")!);
        }

        // The aging total per currency is what the open invoices still owe, as stored.
        var owed = await app.WithDbAsync(async db => (await db.Invoices.AsNoTracking()
                .Where(i => i.Status == InvoiceStatus.Sent || i.Status == InvoiceStatus.Overdue)
                .Select(i => new { i.Currency, i.Total, i.AmountPaid }).ToListAsync())
            .GroupBy(i => i.Currency).ToDictionary(g => g.Key, g => g.Sum(i => i.Total - i.AmountPaid)), userId);
        Assert.NotEmpty(owed);
        var aging = await client.GetPageAsync("/reports/receivables");
        foreach (var (currency, amount) in owed)
            Assert.Equal(Currency.Format(amount, currency), Cell(aging, $"tr[data-total={currency}] td[data-age=total]"));
    }
}
