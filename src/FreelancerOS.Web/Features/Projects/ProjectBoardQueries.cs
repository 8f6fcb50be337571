using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Projects;

/// <summary>A project with what its card or list row shows: its client, and the hours and invoiced amount its completion is measured on.</summary>
public sealed class ProjectWithFigures
{
    public required Project Project { get; init; }
    public required string ClientName { get; init; }
    public required string Currency { get; init; }
    public decimal Hours { get; init; }
    public decimal Invoiced { get; init; }

    public int? CompletionPercent => Project.CompletionPercent(Hours, Invoiced);
}

/// <summary>
/// The project board and list. Each page asks a fixed number of statements whatever the years of data: the shown
/// projects' figures are subqueries on those projects only (through the time entries' and invoice lines' project
/// indexes), never sums over every project's work.
/// </summary>
public static class ProjectBoardQueries
{
    /// <summary>The projects with their figures, as kept on each project (Data/KeptProjectFigures).</summary>
    public static IQueryable<ProjectWithFigures> WithFigures(this IQueryable<Project> projects, AppDbContext db) =>
        projects.Select(p => new ProjectWithFigures
        {
            Project = p,
            ClientName = p.Client!.Name,
            Currency = p.Client.Currency,
            Hours = p.LoggedHours ?? 0m,
            Invoiced = p.InvoicedAmount ?? 0m,
        });

    // Completed projects leave the board (the list has them), so it stays small as years pass.
    public static IQueryable<Project> OnBoard(AppDbContext db) => db.Projects.AsNoTracking().Where(p => p.Status != WorkStatus.Completed);

    public static IQueryable<Project> Ordered(AppDbContext db, Priority priority) =>
        OnBoard(db).Where(p => p.Priority == priority).OrderBy(p => p.SortOrder).ThenBy(p => p.Id);

    /// <summary>
    /// The board, or only the given columns: the columns' counts and the completed count in one grouped query, the
    /// first cards of each column with their figures in one more.
    /// </summary>
    public static async Task<PriorityBoard> LoadBoardAsync(AppDbContext db, int? focus, IReadOnlyList<Priority>? only = null)
    {
        var priorities = WorkLabels.Priorities.Where(p => only is null || only.Contains(p)).ToList();
        // Counted apart: the open ones through the open projects' index, the completed ones (only the full page shows
        // their number) through the status index, so neither count reads every project's row.
        var counts = await OnBoard(db).GroupBy(p => p.Priority).Select(g => new { Priority = g.Key, Count = g.Count() })
            .ToDictionaryAsync(c => c.Priority, c => c.Count);
        var cards = await CardsAsync(db, Boards.FirstOfEach(priorities.Select(p => Ordered(db, p))));
        var columns = priorities.Select(priority => new PriorityColumn(priority, cards.Where(p => p.Priority == priority).ToList(),
                counts.GetValueOrDefault(priority))
            { OutOfBand = only is not null, FocusProjectId = focus }).ToList();
        var completed = only is null ? await db.Projects.CountAsync(p => p.Status == WorkStatus.Completed) : 0;
        return new PriorityBoard(columns, focus) { Completed = completed };
    }

    /// <summary>The next cards of a column, for its "show more" link.</summary>
    public static async Task<PriorityCards> ColumnAsync(AppDbContext db, Priority priority, int skip)
    {
        var cards = await CardsAsync(db, Ordered(db, priority).Skip(skip).Take(Boards.CardsPerColumn));
        var count = await OnBoard(db).CountAsync(p => p.Priority == priority);
        return new PriorityCards(priority, cards, skip + cards.Count, count);
    }

    /// <summary>Cards with their completion in one statement.</summary>
    public static async Task<List<ProjectCard>> CardsAsync(AppDbContext db, IQueryable<Project> query)
    {
        var rows = await query.WithFigures(db).ToListAsync();
        // A UNION ALL keeps no order: the columns' order is put back here.
        return rows.OrderBy(r => r.Project.Priority).ThenBy(r => r.Project.SortOrder).ThenBy(r => r.Project.Id)
            .Select(r => new ProjectCard(r.Project.Id, r.Project.Name, r.ClientName, r.Project.Priority, r.Project.Status, r.Project.Pricing,
                r.Project.StartDate, r.Project.EndDate, r.CompletionPercent))
            .ToList();
    }

    public static IQueryable<Project> Filtered(AppDbContext db, int? clientId, WorkStatus? status, Priority? priority)
    {
        var query = db.Projects.AsNoTracking();
        if (clientId is { } c) query = query.Where(p => p.ClientId == c);
        if (status is { } s && Enum.IsDefined(s)) query = query.Where(p => p.Status == s);
        if (priority is { } pr && Enum.IsDefined(pr)) query = query.Where(p => p.Priority == pr);
        return query;
    }

    /// <summary>The list's order: the chosen column, else highest priority first and by name (read off an index of that order).</summary>
    public static IOrderedQueryable<Project> Ordered(IQueryable<Project> query, string? sort, string? dir) =>
        Sorts.Apply(query, Sorts.Parse(sort, dir), x => x.OrderByDescending(p => p.Priority).ThenBy(p => p.Name).ThenBy(p => p.Id));

    private static readonly SortColumns<Project> Sorts = new SortColumns<Project>(p => p.Id)
        .Add("name", p => p.Name).Add("client", p => p.Client!.Name).Add("pricing", p => p.Pricing).Add("priority", p => p.Priority)
        .Add("status", p => p.Status).Add("start", p => p.StartDate);

    /// <summary>
    /// A page of the list: one count, then the page's projects with their figures (the page is cut first, so the
    /// figures are summed for its rows only).
    /// </summary>
    public static async Task<Paged<ProjectListRow>> ListAsync(AppDbContext db, int? clientId, WorkStatus? status, Priority? priority,
        string? sort, string? dir, int pageSize, int page)
    {
        var query = Filtered(db, clientId, status, priority);
        var total = await query.CountAsync();
        page = Math.Clamp(page, 1, Math.Max(1, (total + pageSize - 1) / pageSize));
        var ordered = Ordered(query, sort, dir);
        var rows = await ordered.Skip((page - 1) * pageSize).Take(pageSize).WithFigures(db).ToListAsync();
        var items = rows.Select(r => new ProjectListRow(r.Project.Id, r.Project.Name, r.Project.ClientId, r.ClientName, r.Currency, r.Project.Pricing,
            r.Project.Priority, r.Project.Status, r.Project.StartDate, r.Project.EndDate, r.Project.Value, r.Project.ApprovedExtraValue, r.CompletionPercent)).ToList();
        return new Paged<ProjectListRow>(items, page, pageSize, total);
    }
}
