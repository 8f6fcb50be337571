using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Ledger;

/// <summary>
/// The ledger's reads, and the one place for the figures other pages show (the dashboard, the reports, the
/// forecast): balances per payment mode, income and expenses per month.
/// </summary>
public static class LedgerQueries
{
    // Amounts sort on the home-currency minor units: an integer, which SQLite orders correctly.
    public static readonly SortColumns<LedgerEntry> Sorts = new SortColumns<LedgerEntry>(e => e.Id)
        .Add("date", e => e.Date).Add("kind", e => e.Kind).Add("description", e => e.Description).Add("home", e => e.HomeAmountMinor);

    private static IOrderedQueryable<LedgerEntry> Ordered(IQueryable<LedgerEntry> query, ListSort? sort) =>
        Sorts.Apply(query, sort, q => q.OrderByDescending(e => e.Date).ThenByDescending(e => e.Id));

    /// <summary>
    /// The ledger list's page of rows: one page of the filtered entries in the list's order. The page's ids come from the sort's index (no
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

    /// <summary>
    /// The ledger list's page in its default order (newest first), every filter a parameter (<see cref="LedgerFilter.Apply"/>'s
    /// rules, a filter left out a null parameter that EF Core leaves out of the statement): compiled once, as building the
    /// page's expression and finding it in EF Core's query cache cost more than running it. Another order takes
    /// <see cref="PageAsync(AppDbContext, IQueryable{LedgerEntry}, ListSort?, int, int)"/>.
    /// </summary>
    public static async Task<List<LedgerRow>> PageAsync(AppDbContext db, LedgerFilter filter, DateOnly today, IQueryable<LedgerEntry> filtered, ListSort? sort, int page, int pageSize)
    {
        if (sort is not null) return await PageAsync(db, filtered, sort, page, pageSize);
        var (from, to) = filter.Range(today);
        var text = string.IsNullOrWhiteSpace(filter.Q) ? null : filter.Q.Trim().ToLowerInvariant();
        var rows = new List<LedgerRow>(pageSize);
        await foreach (var row in NewestPage.For(db)(db, from, to, filter.EffectiveKind, filter.Category,
                           filter.Status == "settled" ? true : null, filter.Status == "open" ? true : null, text, (page - 1) * pageSize, pageSize))
            rows.Add(row);
        return rows;
    }

    // The same statement as PageAsync's with the default order, and the row of Rows, written out: a compiled query cannot call a method that builds one.
    private static readonly CompiledPerModel<Func<AppDbContext, DateOnly?, DateOnly?, LedgerKind?, int?, bool?, bool?, string?, int, int, IAsyncEnumerable<LedgerRow>>> NewestPage =
        new(() => EF.CompileAsyncQuery(
            (AppDbContext db, DateOnly? from, DateOnly? to, LedgerKind? kind, int? category, bool? settled, bool? open, string? text, int skip, int take) =>
                db.LedgerEntries.AsNoTracking()
                    .Join(db.LedgerEntries.AsNoTracking()
                            .Where(e => from == null || e.Date >= from)
                            .Where(e => to == null || e.Date <= to)
                            .Where(e => kind == null || e.Kind == kind)
                            .Where(e => category == null || e.CategoryId == category)
                            .Where(e => settled == null || e.PaymentModeId != null)
                            .Where(e => open == null || e.PaymentModeId == null)
                            .Where(e => text == null || e.Description.ToLower().Contains(text)
                                        || (((Expense)e).Vendor != null && ((Expense)e).Vendor!.ToLower().Contains(text)))
                            .OrderByDescending(e => e.Date).ThenByDescending(e => e.Id)
                            .Skip(skip).Take(take).Select(e => e.Id),
                        e => e.Id, id => id, (e, _) => e)
                    .OrderByDescending(e => e.Date).ThenByDescending(e => e.Id)
                    .Select(e => new LedgerRow(
                        e.Id, e.Kind, e.Date, e.Description, e.Amount, e.Currency, e.ExchangeRate, e.HomeAmountMinor,
                        e.Category != null ? e.Category.Name : null, e.PaymentModeId, e.PaymentMode != null ? e.PaymentMode.Name : null,
                        e.Kind == LedgerKind.Income ? ((Income)e).Client!.Name : ((Expense)e).Vendor,
                        e.Kind == LedgerKind.Expense && ((Expense)e).ReceiptFileName != null, e.InvoiceId,
                        e.InvoiceId == null ? null : db.Invoices.Where(i => i.Id == e.InvoiceId).Select(i => i.Number ?? "Draft invoice").FirstOrDefault()))));

    /// <summary>The list's columns, with the number of the invoice a row is linked to ("Draft invoice" for a draft) read by key.</summary>
    public static IQueryable<LedgerRow> Rows(AppDbContext db, IQueryable<LedgerEntry> query) => query.Select(e => new LedgerRow(
        e.Id, e.Kind, e.Date, e.Description, e.Amount, e.Currency, e.ExchangeRate, e.HomeAmountMinor,
        e.Category != null ? e.Category.Name : null, e.PaymentModeId, e.PaymentMode != null ? e.PaymentMode.Name : null,
        e.Kind == LedgerKind.Income ? ((Income)e).Client!.Name : ((Expense)e).Vendor,
        e.Kind == LedgerKind.Expense && ((Expense)e).ReceiptFileName != null, e.InvoiceId,
        e.InvoiceId == null ? null : db.Invoices.Where(i => i.Id == e.InvoiceId).Select(i => i.Number ?? "Draft invoice").FirstOrDefault()));

    /// <summary>
    /// What each payment mode holds on <paramref name="today"/> (received minus paid), and what is still to
    /// receive and to pay (entries with no payment mode), in home-currency minor units. Two statements.
    /// </summary>
    public static async Task<(IReadOnlyList<BalanceRow> Rows, long ReceivableMinor, long PayableMinor)> BalancesAsync(AppDbContext db, DateOnly today)
    {
        var groups = await LedgerBalances.AsOfAsync(db, today);
        var modes = await db.PaymentModes.AsNoTracking().OrderBy(m => m.Name).Select(m => new ModeOption(m.Id, m.Name)).ToListAsync();
        var rows = modes.Select(m => new BalanceRow(m.Name,
            groups.Sum(m.Id, LedgerKind.Income), groups.Sum(m.Id, LedgerKind.Expense))).ToList();
        var receivable = groups.Sum(null, LedgerKind.Income);
        var payable = groups.Sum(null, LedgerKind.Expense);
        return (rows, receivable, payable);
    }

    /// <summary>Income and expenses per month from <paramref name="firstMonth"/> to <paramref name="lastMonth"/> (inclusive), from the kept totals.</summary>
    public static async Task<IReadOnlyList<MonthFigures>> MonthsAsync(AppDbContext db, DateOnly firstMonth, DateOnly lastMonth)
    {
        var first = LedgerEntry.PeriodOf(firstMonth);
        var last = LedgerEntry.PeriodOf(lastMonth);
        var groups = await db.LedgerMonthTotals.AsNoTracking()
            .Where(t => t.Period >= first && t.Period <= last)
            .GroupBy(t => new { t.Period, t.Kind })
            .Select(g => new { g.Key.Period, g.Key.Kind, Sum = g.Sum(t => t.HomeAmountMinor) })
            .ToListAsync();
        return MonthsOf(firstMonth, lastMonth, groups.Select(g => (g.Period, g.Kind, g.Sum)));
    }

    /// <summary>
    /// Every month from <paramref name="firstMonth"/> to <paramref name="lastMonth"/> (inclusive) with its income and
    /// expenses, from sums grouped by period and kind (a month without any is zero). Pages that read the kept totals
    /// in a larger statement of their own build their months here.
    /// </summary>
    public static IReadOnlyList<MonthFigures> MonthsOf(DateOnly firstMonth, DateOnly lastMonth, IEnumerable<(int Period, LedgerKind Kind, long Minor)> sums)
    {
        var byMonth = sums.ToList();
        var start = new DateOnly(firstMonth.Year, firstMonth.Month, 1);
        var count = (lastMonth.Year - firstMonth.Year) * 12 + lastMonth.Month - firstMonth.Month + 1;
        return Enumerable.Range(0, Math.Max(0, count)).Select(i => LedgerEntry.PeriodOf(start.AddMonths(i))).Select(p => new MonthFigures(p,
            byMonth.Where(g => g.Period == p && g.Kind == LedgerKind.Income).Sum(g => g.Minor),
            byMonth.Where(g => g.Period == p && g.Kind == LedgerKind.Expense).Sum(g => g.Minor))).ToList();
    }

    /// <summary>Income and expenses per month for the 12 months ending with <paramref name="lastMonth"/>, grouped on the stored period.</summary>
    public static Task<IReadOnlyList<MonthFigures>> LastTwelveMonthsAsync(AppDbContext db, DateOnly lastMonth) =>
        MonthsAsync(db, lastMonth.AddMonths(-11), lastMonth);
}
