using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Clients;

/// <summary>
/// A client's page: the client, what was invoiced to it, and its latest invoices. Each read is compiled once: building
/// and looking up their expressions on every view cost about as much as running them.
/// </summary>
public static class ClientDetailsQuery
{
    public static async Task<ClientDetails?> LoadAsync(AppDbContext db, int id, CancellationToken ct = default)
    {
        var client = await ClientById.For(db)(db, id, ct);
        if (client is null) return null;
        var (invoiced, otherCurrencies) = await InvoicedByCurrencyAsync(db, client, ct);
        var invoices = new List<ClientInvoiceRow>(ClientDetails.InvoicesShown);
        await foreach (var row in LatestInvoices.For(db)(db, id).WithCancellation(ct)) invoices.Add(row);
        return new ClientDetails(client, invoiced) { Invoices = invoices, InvoicedInOtherCurrencies = otherCurrencies };
    }

    private static readonly CompiledPerModel<Func<AppDbContext, int, CancellationToken, Task<Client?>>> ClientById = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, int id, CancellationToken ct) => db.Clients.AsNoTracking().SingleOrDefault(c => c.Id == id)));

    private static readonly CompiledPerModel<Func<AppDbContext, int, IAsyncEnumerable<ClientInvoiceRow>>> LatestInvoices = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, int id) => db.Invoices.AsNoTracking().Where(i => i.ClientId == id)
            .OrderByDescending(i => i.IssueDate).ThenByDescending(i => i.Id).Take(ClientDetails.InvoicesShown)
            .Select(i => new ClientInvoiceRow(i.Id, i.Number, i.Status, i.IssueDate, i.DueDate, i.Currency, i.Total))));

    private static readonly CompiledPerModel<Func<AppDbContext, int, IAsyncEnumerable<CurrencyAmount>>> IssuedSums = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, int id) => db.Invoices.AsNoTracking().Where(ClientPipeline.Issued).Where(i => i.ClientId == id)
            .GroupBy(i => i.Currency).Select(g => new CurrencyAmount(g.Key, g.Sum(i => i.Subtotal)))));

    /// <summary>
    /// The client's issued invoices summed per currency in one grouped query: those in its currency are the invoiced
    /// amount; any other currency (from before its currency was fixed) is listed apart, never added to it.
    /// </summary>
    private static async Task<(decimal Invoiced, List<CurrencyAmount> Others)> InvoicedByCurrencyAsync(AppDbContext db, Client client, CancellationToken ct)
    {
        var sums = new List<CurrencyAmount>();
        await foreach (var sum in IssuedSums.For(db)(db, client.Id).WithCancellation(ct)) sums.Add(sum);
        return (sums.Where(x => x.Currency == client.Currency).Sum(x => x.Amount),
            sums.Where(x => x.Currency != client.Currency).OrderBy(x => x.Currency).ToList());
    }
}
