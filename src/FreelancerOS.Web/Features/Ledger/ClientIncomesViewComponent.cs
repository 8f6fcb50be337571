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
        var incomes = db.LedgerEntries.AsNoTracking().Where(e => e.Kind == LedgerKind.Income && ((Income)e).ClientId == clientId);
        var rows = await LedgerQueries.Rows(db, incomes.OrderByDescending(e => e.Date).ThenByDescending(e => e.Id)).Take(20).ToListAsync();
        var totals = await LedgerTotals.QueryAsync(incomes, home);
        return View("~/Features/Ledger/_ClientIncomes.cshtml", new ClientIncomes(clientId, rows, totals));
    }
}

public sealed record ClientIncomes(int ClientId, IReadOnlyList<LedgerRow> Rows, LedgerTotals Totals);
