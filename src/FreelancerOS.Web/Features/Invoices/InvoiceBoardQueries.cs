using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Invoices;

/// <summary>
/// The board's reads, compiled once: building the columns' UNION ALL expressions and looking them up again in EF's query
/// cache on every view cost about a fifth of the page. One part per column, each an index range of its own status,
/// given as a parameter: a column left out gets a status no invoice has (<see cref="Hidden"/>), an empty range, so every
/// part stays a search of the status index (a part left out by a false condition would be planned as a scan). Paid
/// invoices are those issued on or after paidSince (the first day a date can hold for "all paid").
/// </summary>
public static class InvoiceBoardQueries
{
    public sealed class ColumnSum
    {
        public InvoiceStatus Status { get; init; }
        public string Currency { get; init; } = "";
        public decimal Total { get; init; }
        public int Count { get; init; }
        public decimal Paid { get; init; }
    }

    /// <summary>A status no invoice has: the status of a column left out.</summary>
    public const InvoiceStatus Hidden = (InvoiceStatus)(-1);

    /// <summary>The status of each column's part: its own when shown, otherwise <see cref="Hidden"/>.</summary>
    public sealed record Columns(InvoiceStatus Draft, InvoiceStatus Sent, InvoiceStatus Overdue, InvoiceStatus Paid, InvoiceStatus Void)
    {
        public static Columns Of(IReadOnlyCollection<InvoiceStatus> statuses)
        {
            InvoiceStatus Has(InvoiceStatus s) => statuses.Contains(s) ? s : Hidden;
            return new(Has(InvoiceStatus.Draft), Has(InvoiceStatus.Sent), Has(InvoiceStatus.Overdue), Has(InvoiceStatus.Paid), Has(InvoiceStatus.Void));
        }
    }

    public static async Task<List<ColumnSum>> SumsAsync(AppDbContext db, Columns c, DateOnly paidSince, CancellationToken ct)
    {
        var sums = new List<ColumnSum>();
        await foreach (var s in Sums.For(db)(db, c.Draft, c.Sent, c.Overdue, c.Paid, c.Void, paidSince).WithCancellation(ct)) sums.Add(s);
        return sums;
    }

    public static async Task<List<InvoiceCard>> FirstCardsAsync(AppDbContext db, Columns c, DateOnly paidSince, CancellationToken ct)
    {
        var cards = new List<InvoiceCard>();
        await foreach (var card in Cards.For(db)(db, c.Draft, c.Sent, c.Overdue, c.Paid, c.Void, paidSince).WithCancellation(ct)) cards.Add(card);
        return cards;
    }

    /// <summary>The account's kept counts and totals per status and currency (<see cref="KeptInvoiceTotals"/>): a handful of rows.</summary>
    public static async Task<List<InvoiceStatusTotal>> KeptAsync(AppDbContext db, CancellationToken ct)
    {
        var rows = new List<InvoiceStatusTotal>();
        await foreach (var row in Kept.For(db)(db).WithCancellation(ct)) rows.Add(row);
        return rows;
    }

    /// <summary>
    /// A column's count and totals per currency. What was paid is summed only where the column shows what is still owed
    /// (Sent, Overdue): a decimal sum parses every row's text, and the draft column is the largest.
    /// </summary>
    private static readonly CompiledPerModel<Func<AppDbContext, InvoiceStatus, InvoiceStatus, InvoiceStatus, InvoiceStatus, InvoiceStatus, DateOnly, IAsyncEnumerable<ColumnSum>>> Sums = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, InvoiceStatus draft, InvoiceStatus sent, InvoiceStatus overdue, InvoiceStatus paid, InvoiceStatus isVoid, DateOnly paidSince) =>
            db.Invoices.AsNoTracking().Where(i => i.Status == draft).GroupBy(i => new { i.Status, i.Currency })
                .Select(g => new ColumnSum { Status = g.Key.Status, Currency = g.Key.Currency, Total = g.Sum(i => i.Total), Count = g.Count(), Paid = 0m })
            .Concat(db.Invoices.AsNoTracking().Where(i => i.Status == sent).GroupBy(i => new { i.Status, i.Currency })
                .Select(g => new ColumnSum { Status = g.Key.Status, Currency = g.Key.Currency, Total = g.Sum(i => i.Total), Count = g.Count(), Paid = g.Sum(i => i.AmountPaid) }))
            .Concat(db.Invoices.AsNoTracking().Where(i => i.Status == overdue).GroupBy(i => new { i.Status, i.Currency })
                .Select(g => new ColumnSum { Status = g.Key.Status, Currency = g.Key.Currency, Total = g.Sum(i => i.Total), Count = g.Count(), Paid = g.Sum(i => i.AmountPaid) }))
            .Concat(db.Invoices.AsNoTracking().Where(i => i.Status == paid && i.IssueDate >= paidSince).GroupBy(i => new { i.Status, i.Currency })
                .Select(g => new ColumnSum { Status = g.Key.Status, Currency = g.Key.Currency, Total = g.Sum(i => i.Total), Count = g.Count(), Paid = 0m }))
            .Concat(db.Invoices.AsNoTracking().Where(i => i.Status == isVoid).GroupBy(i => new { i.Status, i.Currency })
                .Select(g => new ColumnSum { Status = g.Key.Status, Currency = g.Key.Currency, Total = g.Sum(i => i.Total), Count = g.Count(), Paid = 0m }))));

    /// <summary>The first cards of each column (<see cref="InvoiceBoard.FirstCards"/>): open invoices by due date (the most urgent first), paid and void ones most recent first.</summary>
    private static readonly CompiledPerModel<Func<AppDbContext, InvoiceStatus, InvoiceStatus, InvoiceStatus, InvoiceStatus, InvoiceStatus, DateOnly, IAsyncEnumerable<InvoiceCard>>> Cards = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, InvoiceStatus draft, InvoiceStatus sent, InvoiceStatus overdue, InvoiceStatus paid, InvoiceStatus isVoid, DateOnly paidSince) =>
            db.Invoices.AsNoTracking().Where(i => i.Status == draft).OrderBy(i => i.DueDate).ThenBy(i => i.Id).Take(InvoiceBoard.FirstCards)
            .Concat(db.Invoices.AsNoTracking().Where(i => i.Status == sent).OrderBy(i => i.DueDate).ThenBy(i => i.Id).Take(InvoiceBoard.FirstCards))
            .Concat(db.Invoices.AsNoTracking().Where(i => i.Status == overdue).OrderBy(i => i.DueDate).ThenBy(i => i.Id).Take(InvoiceBoard.FirstCards))
            .Concat(db.Invoices.AsNoTracking().Where(i => i.Status == paid && i.IssueDate >= paidSince)
                .OrderByDescending(i => i.IssueDate).ThenByDescending(i => i.Id).Take(InvoiceBoard.FirstCards))
            .Concat(db.Invoices.AsNoTracking().Where(i => i.Status == isVoid)
                .OrderByDescending(i => i.IssueDate).ThenByDescending(i => i.Id).Take(InvoiceBoard.FirstCards))
            .Select(i => new InvoiceCard(i.Id, i.Status, i.Number, i.IssueDate, i.DueDate, i.Client!.Name, i.Currency, i.Total, i.AmountPaid))));

    /// <summary>
    /// How many invoices the account has (of one status, or all with null), from the kept rows; null for Sent and Overdue,
    /// which are kept together and must be counted from the invoices.
    /// </summary>
    public static async Task<int?> KeptCountAsync(AppDbContext db, InvoiceStatus? status, CancellationToken ct)
    {
        if (status is InvoiceStatus.Sent or InvoiceStatus.Overdue) return null;
        return await KeptCount.For(db)(db, status ?? Hidden, status is null, ct);
    }

    private static readonly CompiledPerModel<Func<AppDbContext, InvoiceStatus, bool, CancellationToken, Task<int>>> KeptCount = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, InvoiceStatus status, bool all, CancellationToken ct) => db.InvoiceStatusTotals.Where(t => all || t.Status == status).Sum(t => t.Count)));

    private static readonly CompiledPerModel<Func<AppDbContext, IAsyncEnumerable<InvoiceStatusTotal>>> Kept = new(() => EF.CompileAsyncQuery(
        (AppDbContext db) => db.InvoiceStatusTotals.AsNoTracking().Where(t => t.Count != 0)));
}
