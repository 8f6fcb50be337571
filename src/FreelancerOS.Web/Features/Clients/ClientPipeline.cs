using System.Linq.Expressions;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Clients;

/// <summary>
/// The pipeline board's reads, and the place a client takes in a column, which the board's moves and the
/// client form (create, a stage changed on edit, restore) share.
/// </summary>
public static class ClientPipeline
{
    /// <summary>The issued invoices (Sent, Overdue, Paid): what counts as invoiced to a client.</summary>
    public static readonly Expression<Func<Invoice, bool>> Issued = InlineSet.In<Invoice, InvoiceStatus>(i => i.Status, InvoiceStatuses.Invoiced);

    public static IQueryable<Client> Ordered(AppDbContext db, ClientStage stage) =>
        db.Clients.AsNoTracking().Where(c => c.Stage == stage).OrderBy(c => c.SortOrder).ThenBy(c => c.Id);

    /// <summary>Last in its column: where a client goes that arrives without a drop.</summary>
    public static async Task<int> NextSortOrderAsync(AppDbContext db, ClientStage stage) =>
        (await db.Clients.Where(c => c.Stage == stage).MaxAsync(c => (int?)c.SortOrder) ?? -1) + 1;

    /// <summary>
    /// The board, or only the given columns: counts and totals from the kept column figures (<see cref="DashboardFigure.LeadColumn"/>
    /// and the next two, recomputed in the transaction of any change to a client), the first cards of each column in one more statement.
    /// </summary>
    public static async Task<PipelineBoard> LoadBoardAsync(AppDbContext db, string homeCurrency, int? focus, IReadOnlyList<ClientStage>? only = null)
    {
        var stages = ClientStages.Board.Where(s => only is null || only.Contains(s)).ToList();
        var totals = new List<StageTotal>();
        await foreach (var t in ColumnTotals.For(db)(db))
            if (DashboardFigures.StageOf(t.Figure) is { } stage && stages.Contains(stage)) totals.Add(new StageTotal(stage, t.Currency, t.Value, t.Count));
        var cards = only is null
            ? Cards(await ToListAsync(FullBoardCards.For(db)(db)))
            : await CardsAsync(db, Boards.FirstOfEach(stages.Select(s => Ordered(db, s))));
        var columns = stages.Select(stage => new PipelineColumn(
            stage,
            cards.Where(c => c.Stage == stage).ToList(),
            totals.Where(t => t.Stage == stage).OrderBy(t => t.Currency == homeCurrency ? 0 : 1).ThenBy(t => t.Currency).ToList(),
            homeCurrency) { OutOfBand = only is not null, FocusClientId = focus }).ToList();
        return new PipelineBoard(columns, homeCurrency, focus);
    }

    /// <summary>
    /// Cards with their invoiced amount in one statement: the subtotals (net of tax) of the client's issued invoices
    /// (Sent, Overdue, Paid), summed for each shown client only; drafts and void invoices do not count. Read from the kept
    /// months (<see cref="ClientMonthBilled"/>, the issued subtotals per client, month and currency): a few integer rows per
    /// client, however many invoices it has.
    /// </summary>
    public static async Task<List<ClientCard>> CardsAsync(AppDbContext db, IQueryable<Client> query) =>
        // Only invoices in the client's currency count against its contract value (one made before the currency
        // was fixed stays in its own: the client page lists those separately).
        Cards(await query.Select(c => new CardRow(c.Id, c.Name, c.Company, c.Stage, c.SortOrder, c.Currency, c.ContractValue,
            db.ClientMonthBilled.Where(b => b.ClientId == c.Id && b.Currency == c.Currency).Sum(b => b.SubtotalUnits))).ToListAsync());

    // A UNION ALL keeps no order: the columns' order is put back here.
    private static List<ClientCard> Cards(List<CardRow> rows) =>
        rows.OrderBy(c => c.Stage).ThenBy(c => c.SortOrder).ThenBy(c => c.Id)
            .Select(c => new ClientCard(c.Id, c.Name, c.Company, c.Stage, c.Currency, c.ContractValue, InvoiceStatusTotal.AmountOf(c.InvoicedUnits)))
            .ToList();

    private sealed record CardRow(int Id, string Name, string? Company, ClientStage Stage, int SortOrder, string Currency, decimal ContractValue, long InvoicedUnits);

    // The full board's two statements have one shape: compiled once, so a request neither rebuilds nor looks up their
    // expression trees. The same queries as above, the board's stages written as constants.
    private static readonly CompiledPerModel<Func<AppDbContext, IAsyncEnumerable<DashboardTotal>>> ColumnTotals = new(() => EF.CompileAsyncQuery(
        (AppDbContext db) => db.DashboardTotals.AsNoTracking()
            .Where(t => t.Figure == DashboardFigure.LeadColumn || t.Figure == DashboardFigure.NegotiationColumn || t.Figure == DashboardFigure.ClientColumn)));

    private static readonly CompiledPerModel<Func<AppDbContext, IAsyncEnumerable<CardRow>>> FullBoardCards = new(() => EF.CompileAsyncQuery(
        (AppDbContext db) => db.Clients.Where(c => c.Stage == ClientStage.Lead).OrderBy(c => c.SortOrder).ThenBy(c => c.Id).Take(Boards.CardsPerColumn)
            .Concat(db.Clients.Where(c => c.Stage == ClientStage.Negotiation).OrderBy(c => c.SortOrder).ThenBy(c => c.Id).Take(Boards.CardsPerColumn))
            .Concat(db.Clients.Where(c => c.Stage == ClientStage.Client).OrderBy(c => c.SortOrder).ThenBy(c => c.Id).Take(Boards.CardsPerColumn))
            .Select(c => new CardRow(c.Id, c.Name, c.Company, c.Stage, c.SortOrder, c.Currency, c.ContractValue,
                db.ClientMonthBilled.Where(b => b.ClientId == c.Id && b.Currency == c.Currency).Sum(b => b.SubtotalUnits)))));

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> rows)
    {
        var list = new List<T>();
        await foreach (var row in rows) list.Add(row);
        return list;
    }
}
