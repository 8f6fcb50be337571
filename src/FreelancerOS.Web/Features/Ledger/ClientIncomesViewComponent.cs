using FreelancerOS.Web.Infrastructure;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Ledger;

/// <summary>The client's incomes on the client page: the latest 20 and the totals, in the home currency.</summary>
public sealed class ClientIncomesViewComponent(AppDbContext db, CurrentAccount account) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int clientId)
    {
        var home = (await account.SettingsAsync()).HomeCurrency;
        var rows = new List<LedgerRow>(Shown);
        await foreach (var row in Latest.For(db)(db, clientId)) rows.Add(row);
        var groups = new List<TotalsGroup>();
        await foreach (var group in Totals.For(db)(db, clientId)) groups.Add(group);
        var totals = LedgerTotals.From(home, groups);
        return View("~/Features/Ledger/_ClientIncomes.cshtml", new ClientIncomes(clientId, rows, totals));
    }

    private const int Shown = 20;

    // Both compiled once: on every client page, building and looking up the expressions cost more than running them.
    // The row is LedgerQueries.Rows' and the totals LedgerTotals.QueryAsync's, written out because a compiled query
    // cannot call a method that builds one.
    private static readonly CompiledPerModel<Func<AppDbContext, int, IAsyncEnumerable<LedgerRow>>> Latest = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, int clientId) => db.LedgerEntries.AsNoTracking().Where(e => e.Kind == LedgerKind.Income && ((Income)e).ClientId == clientId)
            .OrderByDescending(e => e.Date).ThenByDescending(e => e.Id).Take(Shown)
            .Select(e => new LedgerRow(
                e.Id, e.Kind, e.Date, e.Description, e.Amount, e.Currency, e.ExchangeRate, e.HomeAmountMinor,
                e.Category != null ? e.Category.Name : null, e.PaymentModeId, e.PaymentMode != null ? e.PaymentMode.Name : null,
                e.Kind == LedgerKind.Income ? ((Income)e).Client!.Name : ((Expense)e).Vendor,
                e.Kind == LedgerKind.Expense && ((Expense)e).ReceiptFileName != null, e.InvoiceId,
                e.InvoiceId == null ? null : db.Invoices.Where(i => i.Id == e.InvoiceId).Select(i => i.Number ?? "Draft invoice").FirstOrDefault()))));

    private static readonly CompiledPerModel<Func<AppDbContext, int, IAsyncEnumerable<TotalsGroup>>> Totals = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, int clientId) => db.LedgerEntries.AsNoTracking().Where(e => e.Kind == LedgerKind.Income && ((Income)e).ClientId == clientId)
            .GroupBy(e => new { e.Kind, Settled = e.PaymentModeId != null })
            .Select(g => new TotalsGroup(g.Key.Kind, g.Key.Settled, g.Sum(e => e.HomeAmountMinor), g.Count()))));
}

public sealed record ClientIncomes(int ClientId, IReadOnlyList<LedgerRow> Rows, LedgerTotals Totals);
