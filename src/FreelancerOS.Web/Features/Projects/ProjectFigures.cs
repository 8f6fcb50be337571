using FreelancerOS.Web.Data;
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
                g.Sum(t => t.Billable && t.InvoiceId == null ? t.Hours : 0m),
                g.Sum(t => t.Billable && t.InvoiceId == null ? t.Amount : 0m)))
            .ToListAsync();
        return rows.ToDictionary(r => r.ProjectId);
    }
}

/// <summary>
/// Profitability of one project. Billed is the invoiced amount; the effective hourly rate is billed /
/// hours spent (all hours, billable or not), null before any hour is logged.
/// </summary>
public sealed record Profitability(
    decimal? EstimatedHours, decimal ActualHours, decimal Billed, decimal UnbilledHours, decimal UnbilledValue, string Currency)
{
    public decimal? EffectiveHourlyRate => ActualHours > 0 ? Domain.Currency.Round(Billed / ActualHours, Currency) : null;
    public decimal? HoursLeft => EstimatedHours is { } e ? e - ActualHours : null;
}
