using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Reports;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Recurring;

/// <summary>
/// The forecast's expected income from recurring invoices: each coming run of an active schedule, at its
/// template total with tax, expected on the invoice's due date (as the forecast expects issued invoices).
/// A retainer's overage is not known in advance, so only its fee counts. Schedules in another currency
/// than the home one are left out: the forecast is in home currency and a future rate is not known.
/// </summary>
public sealed class RecurringForecast(AppDbContext db, CurrentAccount account) : IForecastSource
{
    public const string Source = "Recurring invoices";

    public async Task<IReadOnlyList<ExpectedFlow>> FlowsAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var settings = await account.SettingsAsync(ct);
        if (!settings.HasRecurringSchedules) return [];
        var home = settings.HomeCurrency;
        var schedules = await db.RecurringSchedules.AsNoTracking().Include(s => s.Lines)
            .Where(s => !s.IsPaused && s.NextRunDate != null && s.NextRunDate <= to && s.Client!.Currency == home)
            .ToListAsync(ct);
        var flows = new List<ExpectedFlow>();
        foreach (var s in schedules)
        {
            var total = InvoiceTotals.Of(s.Lines.Select(l => (l.Quantity, l.UnitPrice)), s.TaxRate, home).Total;
            if (total <= 0) continue;
            var minor = LedgerEntry.ToMinor(total, home);
            foreach (var run in s.UpcomingRuns(s.NextRunDate!.Value))
            {
                var due = Invoice.DefaultDueDate(run, settings.PaymentTermsDays);
                if (due > to) break;
                if (due >= from) flows.Add(new ExpectedFlow(due, LedgerKind.Income, minor, Source));
            }
        }
        return flows;
    }
}
