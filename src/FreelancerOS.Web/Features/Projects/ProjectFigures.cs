using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Projects;

/// <summary>Hours and money of a project's time entries, summed by the database (one grouped query for many projects).</summary>
public sealed record ProjectHours(int ProjectId, decimal Hours, decimal UnbilledHours, decimal UnbilledValue);

public static class ProjectFigures
{
    public static async Task<Dictionary<int, ProjectHours>> HoursAsync(AppDbContext db, IReadOnlyCollection<int> projectIds)
    {
        if (projectIds.Count == 0) return [];
        var rows = await db.TimeEntries.AsNoTracking()
            .Where(t => projectIds.Contains(t.ProjectId))
            .GroupBy(t => t.ProjectId)
            .Select(g => new ProjectHours(
                g.Key,
                g.Sum(t => t.Hours),
                // A fixed-price project's time is billed through its milestones, never on its own.
                g.Sum(t => t.Billable && t.InvoiceId == null && t.Project!.Pricing != ProjectPricing.FixedPrice ? t.Hours : 0m),
                g.Sum(t => t.Billable && t.InvoiceId == null && t.Project!.Pricing != ProjectPricing.FixedPrice ? t.Amount : 0m)))
            .ToListAsync();
        return rows.ToDictionary(r => r.ProjectId);
    }

    /// <summary>
    /// A project's rechargeable expenses not yet on an invoice, counted and summed per currency as typed
    /// (never converted: an invoice bills an expense in its own currency, so only the client's currency can be billed).
    /// </summary>
    public static async Task<IReadOnlyList<UnbilledExpenses>> UnbilledExpensesAsync(AppDbContext db, int projectId) =>
        (await db.Expenses.AsNoTracking()
            .Where(e => e.ProjectId == projectId && e.Rechargeable && e.InvoiceId == null)
            .GroupBy(e => e.Currency)
            .Select(g => new { Currency = g.Key, Count = g.Count(), Total = g.Sum(e => e.Amount) })
            .ToListAsync())
        .OrderBy(g => g.Currency).Select(g => new UnbilledExpenses(g.Currency, g.Count, g.Total)).ToList();
}

/// <summary>Rechargeable expenses not yet billed, in one currency.</summary>
public sealed record UnbilledExpenses(string Currency, int Count, decimal Total);

/// <summary>
/// Profitability of one project. Billed is the invoiced amount; the effective hourly rate is billed /
/// hours spent (all hours, billable or not), null before any hour is logged.
/// </summary>
public sealed record Profitability(
    decimal? EstimatedHours, decimal ActualHours, decimal Billed, decimal UnbilledHours, decimal UnbilledValue, string Currency,
    IReadOnlyList<UnbilledExpenses>? UnbilledRechargeable = null)
{
    /// <summary>Rechargeable expenses not yet billed in the client's currency (the ones an invoice of this client can take).</summary>
    public UnbilledExpenses UnbilledExpenses =>
        UnbilledRechargeable?.FirstOrDefault(e => e.Currency == Currency) ?? new UnbilledExpenses(Currency, 0, 0m);

    /// <summary>Those in other currencies, listed per currency and not converted.</summary>
    public IReadOnlyList<UnbilledExpenses> UnbilledExpensesOtherCurrencies =>
        UnbilledRechargeable?.Where(e => e.Currency != Currency).ToList() ?? [];

    public decimal? EffectiveHourlyRate => ActualHours > 0 ? Domain.Currency.Round(Billed / ActualHours, Currency) : null;
    public decimal? HoursLeft => EstimatedHours is { } e ? e - ActualHours : null;
}
