using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Invoices;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Infrastructure.DemoData;

/// <summary>
/// The invoice services of one scope, called as the invoice pages call them: a draft through
/// <see cref="DraftInvoices"/> (billed work claimed there), issuing and voiding through
/// <see cref="InvoiceIssuer"/> (the number and the open income), payments through <see cref="InvoicePayments"/>
/// in a transaction of their own. One desk serves one batch and is then disposed, so no context tracks
/// more than a batch of invoices.
/// </summary>
public sealed class DemoInvoiceDesk(AsyncServiceScope scope, string homeCurrency) : IAsyncDisposable
{
    /// <summary>Typed rates for the demo's foreign-currency invoices (home-currency units per unit).</summary>
    private static readonly Dictionary<string, decimal> DemoRates = new() { ["USD"] = 0.92m, ["GBP"] = 1.17m, ["CHF"] = 1.06m, ["EUR"] = 1m };

    private readonly AppDbContext _db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

    public BilledWork Work { get; } = scope.ServiceProvider.GetRequiredService<BilledWork>();

    /// <summary>
    /// The desk's context keeps its connection open for the whole batch: the services run several statements
    /// per invoice, and each would otherwise take the connection from the pool and set it up again (PRAGMAs).
    /// </summary>
    public static async Task<DemoInvoiceDesk> OpenAsync(DemoRun run)
    {
        var desk = new DemoInvoiceDesk(run.NewScope(), run.Settings.HomeCurrency);
        await desk._db.Database.OpenConnectionAsync();
        return desk;
    }

    public async Task<Invoice> DraftAsync(InvoiceForm form)
    {
        var result = await scope.ServiceProvider.GetRequiredService<DraftInvoices>().CreateAsync(form);
        return result.Outcome == DraftOutcome.Saved
            ? result.Invoice!
            : throw new InvalidOperationException($"The demo draft was refused: {result.Field} {result.Message}");
    }

    /// <summary>Issues the draft as the Issue button does (a foreign currency with the rate typed on the form).</summary>
    public async Task<Invoice> IssueAsync(Invoice draft)
    {
        decimal? rate = draft.Currency == homeCurrency ? null : DemoRates.GetValueOrDefault(draft.Currency, 1m);
        var (_, invoice) = await scope.ServiceProvider.GetRequiredService<InvoiceIssuer>().IssueAsync(draft.Id, rate);
        return invoice!;
    }

    public Task VoidAsync(Invoice invoice) => scope.ServiceProvider.GetRequiredService<InvoiceIssuer>().VoidAsync(invoice.Id);

    /// <summary>Records a payment as the invoice's payment form does.</summary>
    public Task PayAsync(Invoice invoice, int paymentModeId, DateOnly date, decimal amount) =>
        _db.InTransactionAsync(async () =>
        {
            await scope.ServiceProvider.GetRequiredService<InvoicePayments>().RecordAsync(invoice, paymentModeId, date, amount);
            await _db.SaveChangesAsync();
        });

    public async ValueTask DisposeAsync()
    {
        await _db.Database.CloseConnectionAsync();
        await scope.DisposeAsync();
    }
}
