using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Clients;

/// <summary>A client's page: the client, what was invoiced to it, and its latest invoices.</summary>
public static class ClientDetailsQuery
{
    public static async Task<ClientDetails?> LoadAsync(AppDbContext db, int id)
    {
        var client = await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id);
        if (client is null) return null;
        var (invoiced, otherCurrencies) = await InvoicedByCurrencyAsync(db, client);
        var invoices = await db.Invoices.AsNoTracking().Where(i => i.ClientId == id)
            .OrderByDescending(i => i.IssueDate).ThenByDescending(i => i.Id).Take(ClientDetails.InvoicesShown)
            .Select(i => new ClientInvoiceRow(i.Id, i.Number, i.Status, i.IssueDate, i.DueDate, i.Currency, i.Total))
            .ToListAsync();
        return new ClientDetails(client, invoiced) { Invoices = invoices, InvoicedInOtherCurrencies = otherCurrencies };
    }

    /// <summary>
    /// The client's issued invoices summed per currency in one grouped query: those in its currency are the invoiced
    /// amount; any other currency (from before its currency was fixed) is listed apart, never added to it.
    /// </summary>
    private static async Task<(decimal Invoiced, List<CurrencyAmount> Others)> InvoicedByCurrencyAsync(AppDbContext db, Client client)
    {
        var sums = await db.Invoices.AsNoTracking().Where(ClientPipeline.Issued).Where(i => i.ClientId == client.Id)
            .GroupBy(i => i.Currency).Select(g => new CurrencyAmount(g.Key, g.Sum(i => i.Subtotal))).ToListAsync();
        return (sums.Where(x => x.Currency == client.Currency).Sum(x => x.Amount),
            sums.Where(x => x.Currency != client.Currency).OrderBy(x => x.Currency).ToList());
    }
}
