using System.Linq.Expressions;
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

/// <summary>What a card or a list row shows of a project, and the columns its completion is computed from (no more).</summary>
public sealed record ProjectRow(
    int Id, string Name, int ClientId, string ClientName, string Currency, ProjectPricing Pricing, Priority Priority, WorkStatus Status,
    int SortOrder, DateOnly? StartDate, DateOnly? EndDate, decimal? Value, decimal ExtraValue, decimal? EstimatedHours, decimal ExtraHours,
    CompletionBasis Basis, decimal? Hours, decimal? Invoiced)
{
    public int? CompletionPercent =>
        Project.Completion(Basis, Hours ?? 0m, Project.WithExtra(EstimatedHours, ExtraHours), Invoiced ?? 0m, Project.WithExtra(Value, ExtraValue));

    public ProjectCard Card => new(Id, Name, ClientName, Priority, Status, Pricing, StartDate, EndDate, CompletionPercent);

    public ProjectListRow ListRow => new(Id, Name, ClientId, ClientName, Currency, Pricing, Priority, Status, StartDate, EndDate, Value, ExtraValue, CompletionPercent);
}

/// <summary>
/// The project board and list. Each page asks a fixed number of statements whatever the years of data, and reads each
/// shown project's figures off its row (kept by Data/KeptProjectFigures), never summing its entries or lines.
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

    private static readonly Expression<Func<Project, ProjectRow>> ToRow = p => new ProjectRow(p.Id, p.Name, p.ClientId, p.Client!.Name,
        p.Client.Currency, p.Pricing, p.Priority, p.Status, p.SortOrder, p.StartDate, p.EndDate, p.Value, p.ApprovedExtraValue,
        p.EstimatedHours, p.ApprovedExtraHours, p.CompletionBasis, p.LoggedHours, p.InvoicedAmount);

    // The full board's statements have one shape whatever the data: compiled once, so a request neither rebuilds nor
    // looks up their expression trees (a visible share of the page once the figures are kept). The columns are written
    // out as constants, the same queries Ordered and FirstOfEach build.
    private static readonly CompiledPerModel<Func<AppDbContext, IAsyncEnumerable<ProjectRow>>> FullBoardCards = new(() => EF.CompileAsyncQuery(
        (AppDbContext db) => db.Projects.Where(p => p.Status != WorkStatus.Completed && p.Priority == Priority.Low)
            .OrderBy(p => p.SortOrder).ThenBy(p => p.Id).Take(Boards.CardsPerColumn)
            .Concat(db.Projects.Where(p => p.Status != WorkStatus.Completed && p.Priority == Priority.Medium)
                .OrderBy(p => p.SortOrder).ThenBy(p => p.Id).Take(Boards.CardsPerColumn))
            .Concat(db.Projects.Where(p => p.Status != WorkStatus.Completed && p.Priority == Priority.High)
                .OrderBy(p => p.SortOrder).ThenBy(p => p.Id).Take(Boards.CardsPerColumn))
            .Select(ToRow)));

    private static readonly CompiledPerModel<Func<AppDbContext, IAsyncEnumerable<PriorityCount>>> OpenCounts = new(() => EF.CompileAsyncQuery(
        (AppDbContext db) => db.Projects.Where(p => p.Status != WorkStatus.Completed).GroupBy(p => p.Priority)
            .Select(g => new PriorityCount(g.Key, g.Count()))));

    private static readonly CompiledPerModel<Func<AppDbContext, CancellationToken, Task<int>>> CompletedCount = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, CancellationToken ct) => db.Projects.Count(p => p.Status == WorkStatus.Completed)));

    private sealed record PriorityCount(Priority Priority, int Count);

    /// <summary>
    /// The board, or only the given columns: the columns' counts and the completed count in one grouped query, the
    /// first cards of each column with their figures in one more.
    /// </summary>
    public static async Task<PriorityBoard> LoadBoardAsync(AppDbContext db, int? focus, IReadOnlyList<Priority>? only = null)
    {
        var priorities = WorkLabels.Priorities.Where(p => only is null || only.Contains(p)).ToList();
        // Counted apart: the open ones through the open projects' index, the completed ones (only the full page shows
        // their number) through the status index, so neither count reads every project's row.
        var counts = new Dictionary<Priority, int>();
        await foreach (var c in OpenCounts.For(db)(db)) counts[c.Priority] = c.Count;
        var cards = only is null
            ? Cards(await ToListAsync(FullBoardCards.For(db)(db)))
            : await CardsAsync(db, Boards.FirstOfEach(priorities.Select(p => Ordered(db, p))));
        var columns = priorities.Select(priority => new PriorityColumn(priority, cards.Where(p => p.Priority == priority).ToList(),
                counts.GetValueOrDefault(priority))
            { OutOfBand = only is not null, FocusProjectId = focus }).ToList();
        var completed = only is null ? await CompletedCount.For(db)(db, CancellationToken.None) : 0;
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
    public static async Task<List<ProjectCard>> CardsAsync(AppDbContext db, IQueryable<Project> query) =>
        Cards(await query.Select(ToRow).ToListAsync());

    // A UNION ALL keeps no order: the columns' order is put back here.
    private static List<ProjectCard> Cards(List<ProjectRow> rows) =>
        rows.OrderBy(r => r.Priority).ThenBy(r => r.SortOrder).ThenBy(r => r.Id).Select(r => r.Card).ToList();

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> rows)
    {
        var list = new List<T>();
        await foreach (var row in rows) list.Add(row);
        return list;
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

    // The list as it first opens (no filter, the default order) has one shape: compiled once, like the board.
    private static readonly CompiledPerModel<Func<AppDbContext, CancellationToken, Task<int>>> AllCount = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, CancellationToken ct) => db.Projects.Count()));

    private static readonly CompiledPerModel<Func<AppDbContext, int, int, IAsyncEnumerable<ProjectRow>>> DefaultPage = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, int skip, int take) => db.Projects.OrderByDescending(p => p.Priority).ThenBy(p => p.Name).ThenBy(p => p.Id)
            .Skip(skip).Take(take).Select(ToRow)));

    /// <summary>
    /// A page of the list: one count, then the page's projects with their kept figures.
    /// </summary>
    public static async Task<Paged<ProjectListRow>> ListAsync(AppDbContext db, int? clientId, WorkStatus? status, Priority? priority,
        string? sort, string? dir, int pageSize, int page)
    {
        var query = Filtered(db, clientId, status, priority);
        // The same conditions Filtered applies: none of them, the whole list.
        var plain = clientId is null && !IsFilter(status) && !IsFilter(priority);
        var ordering = Sorts.Parse(sort, dir);
        var total = plain ? await AllCount.For(db)(db, CancellationToken.None) : await query.CountAsync();
        page = Math.Clamp(page, 1, Math.Max(1, (total + pageSize - 1) / pageSize));
        var skip = (page - 1) * pageSize;
        var rows = plain && ordering is null
            ? await ToListAsync(DefaultPage.For(db)(db, skip, pageSize))
            : await Ordered(query, sort, dir).Skip(skip).Take(pageSize).Select(ToRow).ToListAsync();
        return new Paged<ProjectListRow>(rows.Select(r => r.ListRow).ToList(), page, pageSize, total);
    }

    private static bool IsFilter<T>(T? value) where T : struct, Enum => value is { } v && Enum.IsDefined(v);
}
