using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Ledger;

/// <summary>The ledger list's page of rows: the ids from an index first, then those rows with their names, in one statement.</summary>
public static class LedgerQueries
{
    // Amounts sort on the home-currency minor units: an integer, which SQLite orders correctly.
    public static readonly SortColumns<LedgerEntry> Sorts = new SortColumns<LedgerEntry>(e => e.Id)
        .Add("date", e => e.Date).Add("kind", e => e.Kind).Add("description", e => e.Description).Add("home", e => e.HomeAmountMinor);

    private static IOrderedQueryable<LedgerEntry> Ordered(IQueryable<LedgerEntry> query, ListSort? sort) =>
        Sorts.Apply(query, sort, q => q.OrderByDescending(e => e.Date).ThenByDescending(e => e.Id));

    /// <summary>
    /// One page of the filtered entries in the list's order. The page's ids come from the sort's index (no
    /// joins for the rows skipped) and are joined to the entries, not tested with IN: with IN, SQLite walks
    /// the whole date index of the account to keep its order (every entry, whatever the period); joined, it
    /// reads the page's rows by key and sorts those 50.
    /// </summary>
    public static Task<List<LedgerRow>> PageAsync(AppDbContext db, IQueryable<LedgerEntry> filtered, ListSort? sort, int page, int pageSize)
    {
        var pageIds = Ordered(filtered, sort).Skip((page - 1) * pageSize).Take(pageSize).Select(e => e.Id);
        var rows = db.LedgerEntries.AsNoTracking().Join(pageIds, e => e.Id, id => id, (e, _) => e);
        return Rows(db, Ordered(rows, sort)).ToListAsync();
    }

    /// <summary>The list's columns, with the number of the invoice a row is linked to ("Draft invoice" for a draft) read by key.</summary>
    public static IQueryable<LedgerRow> Rows(AppDbContext db, IQueryable<LedgerEntry> query) => query.Select(e => new LedgerRow(
        e.Id, e.Kind, e.Date, e.Description, e.Amount, e.Currency, e.ExchangeRate, e.HomeAmountMinor,
        e.Category != null ? e.Category.Name : null, e.PaymentModeId, e.PaymentMode != null ? e.PaymentMode.Name : null,
        e.Kind == LedgerKind.Income ? ((Income)e).Client!.Name : ((Expense)e).Vendor,
        e.Kind == LedgerKind.Expense && ((Expense)e).ReceiptFileName != null, e.InvoiceId,
        e.InvoiceId == null ? null : db.Invoices.Where(i => i.Id == e.InvoiceId).Select(i => i.Number ?? "Draft invoice").FirstOrDefault()));
}
