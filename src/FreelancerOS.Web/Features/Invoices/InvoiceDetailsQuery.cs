using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Invoices;

/// <summary>The invoice page's reads.</summary>
public static class InvoiceDetailsQuery
{
    /// <summary>
    /// The invoice with its client, lines and status history, in one statement: an invoice has a few lines and
    /// fewer status changes, so their joined rows cost less than a statement per collection.
    /// </summary>
    public static Task<Invoice?> InvoiceAsync(AppDbContext db, int id, CancellationToken ct = default) => ById.For(db)(db, id, ct);

    /// <summary>What came in for the invoice: its ledger incomes, those with a payment mode first, by date.</summary>
    public static async Task<List<InvoicePaymentRow>> PaymentsAsync(AppDbContext db, int invoiceId, CancellationToken ct = default)
    {
        var rows = new List<InvoicePaymentRow>();
        await foreach (var row in Payments.For(db)(db, invoiceId).WithCancellation(ct)) rows.Add(row);
        return rows;
    }

    /// <summary>
    /// The sends, reminders and views of an issued invoice; the query filter does not apply to events, so the caller reads
    /// them only for an invoice it has already loaded as its owner.
    /// </summary>
    public static async Task<List<InvoiceEvent>> EventsAsync(AppDbContext db, int invoiceId, CancellationToken ct = default)
    {
        var events = new List<InvoiceEvent>();
        await foreach (var e in Events.For(db)(db, invoiceId).WithCancellation(ct)) events.Add(e);
        return events;
    }

    // The page's reads compiled once: building and looking up their expressions again on every view cost about as much as
    // running them.
    private static readonly CompiledPerModel<Func<AppDbContext, int, CancellationToken, Task<Invoice?>>> ById = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, int id, CancellationToken ct) => db.Invoices.AsNoTracking().Include(i => i.Lines).Include(i => i.History).Include(i => i.Client)
            .AsSingleQuery().SingleOrDefault(i => i.Id == id)));

    private static readonly CompiledPerModel<Func<AppDbContext, int, IAsyncEnumerable<InvoicePaymentRow>>> Payments = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, int invoiceId) => db.Incomes.AsNoTracking().Where(i => i.InvoiceId == invoiceId)
            .OrderBy(i => i.PaymentModeId == null).ThenBy(i => i.Date).ThenBy(i => i.Id)
            .Select(i => new InvoicePaymentRow(i.Id, i.Date, i.Amount, i.Currency, i.PaymentMode != null ? i.PaymentMode.Name : null))));

    private static readonly CompiledPerModel<Func<AppDbContext, int, IAsyncEnumerable<InvoiceEvent>>> Events = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, int invoiceId) => db.InvoiceEvents.AsNoTracking().Where(e => e.InvoiceId == invoiceId).OrderBy(e => e.Id).Take(200)));

    /// <summary>The invoice with its client, lines and history, tracked when it is to be changed (the forms and payments).</summary>
    public static Task<Invoice?> WholeAsync(AppDbContext db, int id, bool tracking)
    {
        var query = db.Invoices.Include(i => i.Lines).Include(i => i.History).Include(i => i.Client).AsSplitQuery();
        return (tracking ? query : query.AsNoTracking()).SingleOrDefaultAsync(i => i.Id == id);
    }
}
