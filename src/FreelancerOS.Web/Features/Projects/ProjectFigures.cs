using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Projects;

/// <summary>Hours and money of a project's time entries, summed by the database (one grouped query for many projects).</summary>
public sealed record ProjectHours(int ProjectId, decimal Hours, decimal UnbilledHours, decimal UnbilledValue);

public static class ProjectFigures
{
    public static async Task<Dictionary<int, ProjectHours>> HoursAsync(AppDbContext db, IReadOnlyCollection<int> projectIds)
    {
        if (projectIds.Count == 0) return [];
        // One pass over the entries, grouped with their project's pricing (an aggregate that reads a navigation would
        // become one correlated subquery per figure and group, each scanning the entries again).
        var rows = await db.TimeEntries.AsNoTracking()
            .Where(t => projectIds.Contains(t.ProjectId))
            .Join(db.Projects, t => t.ProjectId, p => p.Id, (t, p) => new { t.ProjectId, p.Pricing, t.Hours, t.Amount, Open = t.Billable && t.InvoiceId == null })
            .GroupBy(x => new { x.ProjectId, x.Pricing })
            .Select(g => new
            {
                g.Key.ProjectId, g.Key.Pricing,
                Hours = g.Sum(x => x.Hours),
                OpenHours = g.Sum(x => x.Open ? x.Hours : 0m),
                OpenValue = g.Sum(x => x.Open ? x.Amount : 0m),
            })
            .ToListAsync();
        return rows.ToDictionary(r => r.ProjectId, r => Unbilled(r.ProjectId, r.Pricing, r.Hours, r.OpenHours, r.OpenValue));
    }

    /// <summary>
    /// One project's time and invoiced figures, and how many entries it has, in one statement: the project's entries
    /// are read once (through their project index) and grouped, and its counted lines summed through theirs.
    /// </summary>
    public static async Task<(ProjectHours Hours, decimal Invoiced, int Entries)> OfProjectAsync(AppDbContext db, int projectId)
    {
        var lines = ProjectInvoicing.CountedLines(db);
        var time = db.TimeEntries.Where(t => t.ProjectId == projectId)
            .Select(t => new { t.ProjectId, t.Hours, t.Amount, Open = t.Billable && t.InvoiceId == null })
            .GroupBy(t => t.ProjectId)
            .Select(g => new
            {
                ProjectId = g.Key,
                Entries = g.Count(),
                Hours = g.Sum(x => x.Hours),
                OpenHours = g.Sum(x => x.Open ? x.Hours : 0m),
                OpenValue = g.Sum(x => x.Open ? x.Amount : 0m),
            });
        var row = await (
            from p in db.Projects.AsNoTracking().Where(p => p.Id == projectId)
            join g in time on p.Id equals g.ProjectId into found
            from g in found.DefaultIfEmpty()
            select new
            {
                p.Pricing,
                Entries = (int?)g.Entries ?? 0,
                Hours = (decimal?)g.Hours ?? 0m,
                OpenHours = (decimal?)g.OpenHours ?? 0m,
                OpenValue = (decimal?)g.OpenValue ?? 0m,
                Invoiced = lines.Where(l => l.ProjectId == p.Id).Sum(l => l.Amount),
            }).SingleOrDefaultAsync();
        return row is null
            ? (new ProjectHours(projectId, 0, 0, 0), 0m, 0)
            : (Unbilled(projectId, row.Pricing, row.Hours, row.OpenHours, row.OpenValue), row.Invoiced, row.Entries);
    }

    /// <summary>
    /// The same as the other overload for a project already read (its pricing and its invoiced amount as kept on it,
    /// <see cref="KeptProjectFigures"/>): its time figures and how many entries it has, in one statement (its entries read once, through their
    /// project index, and grouped); the sum of its counted lines only for a project from before the invoiced amount was kept,
    /// until the start-up fill.
    /// </summary>
    public static async Task<(ProjectHours Hours, decimal Invoiced, int Entries)> OfProjectAsync(AppDbContext db, Project project)
    {
        var time = await TimeOf.For(db)(db, project.Id, default);
        var invoiced = project.InvoicedAmount
            ?? (await ProjectInvoicing.InvoicedAmountsAsync(db, [project.Id])).GetValueOrDefault(project.Id);
        return time is null
            ? (new ProjectHours(project.Id, 0, 0, 0), invoiced, 0)
            : (Unbilled(project.Id, project.Pricing, time.Hours, time.OpenHours, time.OpenValue), invoiced, time.Entries);
    }

    private sealed record TimeSums(int Entries, decimal Hours, decimal OpenHours, decimal OpenValue);

    // Compiled once, as the page's other reads: building and looking up the expression cost about as much as running it.
    private static readonly CompiledPerModel<Func<AppDbContext, int, CancellationToken, Task<TimeSums?>>> TimeOf = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, int projectId, CancellationToken ct) => db.TimeEntries.AsNoTracking().Where(t => t.ProjectId == projectId)
            .Select(t => new { t.ProjectId, t.Hours, t.Amount, Open = t.Billable && t.InvoiceId == null })
            .GroupBy(t => t.ProjectId)
            .Select(g => new TimeSums(g.Count(), g.Sum(x => x.Hours), g.Sum(x => x.Open ? x.Hours : 0m), g.Sum(x => x.Open ? x.Amount : 0m)))
            .SingleOrDefault()));

    public const int EntriesPerPage = 25;

    /// <summary>A page of the project's time entries, newest first; the count comes with the figures, so no second COUNT.</summary>
    public static async Task<Paged<TimeEntryRow>> EntriesAsync(AppDbContext db, int projectId, int total, int page)
    {
        page = Math.Clamp(page, 1, Math.Max(1, (total + EntriesPerPage - 1) / EntriesPerPage));
        var items = new List<TimeEntryRow>(EntriesPerPage);
        await foreach (var row in EntriesPage.For(db)(db, projectId, (page - 1) * EntriesPerPage, EntriesPerPage)) items.Add(row);
        return new Paged<TimeEntryRow>(items, page, EntriesPerPage, total);
    }

    private static readonly CompiledPerModel<Func<AppDbContext, int, int, int, IAsyncEnumerable<TimeEntryRow>>> EntriesPage = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, int projectId, int skip, int take) => db.TimeEntries.AsNoTracking().Where(t => t.ProjectId == projectId)
            .OrderByDescending(t => t.Date).ThenByDescending(t => t.Id)
            .Skip(skip).Take(take)
            .Select(t => new TimeEntryRow(t.Id, t.Date, t.Service!.Name, t.Description, t.Hours, t.Billable, t.HourlyRate, t.Amount, t.Currency, t.InvoiceId != null))));

    // A fixed-price project's time is billed through its milestones, never on its own.
    private static ProjectHours Unbilled(int projectId, ProjectPricing pricing, decimal hours, decimal openHours, decimal openValue) =>
        pricing == ProjectPricing.FixedPrice ? new ProjectHours(projectId, hours, 0m, 0m) : new ProjectHours(projectId, hours, openHours, openValue);

    /// <summary>
    /// A project's rechargeable expenses not yet on an invoice, counted and summed per currency as typed
    /// (never converted: an invoice bills an expense in its own currency, so only the client's currency can be billed).
    /// </summary>
    public static async Task<IReadOnlyList<UnbilledExpenses>> UnbilledExpensesAsync(AppDbContext db, int projectId)
    {
        var sums = new List<UnbilledExpenses>();
        await foreach (var sum in UnbilledExpenseSums.For(db)(db, projectId)) sums.Add(sum);
        return sums.OrderBy(g => g.Currency).ToList();
    }

    private static readonly CompiledPerModel<Func<AppDbContext, int, IAsyncEnumerable<UnbilledExpenses>>> UnbilledExpenseSums = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, int projectId) => db.Expenses.AsNoTracking()
            .Where(e => e.ProjectId == projectId && e.Rechargeable && e.InvoiceId == null)
            .GroupBy(e => e.Currency)
            .Select(g => new UnbilledExpenses(g.Key, g.Count(), g.Sum(e => e.Amount)))));
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
