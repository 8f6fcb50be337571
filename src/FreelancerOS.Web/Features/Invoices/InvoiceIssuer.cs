using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Invoices;

/// <summary>
/// What other features do when an invoice changes state, inside the same transaction (the ledger will
/// create the invoice's open income on issue; the billed items are released when a draft is deleted).
/// Register implementations in DI; none exist yet.
/// </summary>
public interface IInvoiceLifecycleHook
{
    /// <param name="exchangeRate">Home-currency units per unit of the invoice currency, as typed when issuing (null: none typed).</param>
    Task OnIssuedAsync(Invoice invoice, decimal? exchangeRate, CancellationToken ct) => Task.CompletedTask;
    Task OnVoidedAsync(Invoice invoice, CancellationToken ct) => Task.CompletedTask;
    Task OnDraftDeletingAsync(Invoice invoice, CancellationToken ct) => Task.CompletedTask;
}

public enum IssueOutcome { Issued, NotFound, Voided }

/// <summary>
/// Issues a draft: takes the next number of the account's yearly sequence and locks the invoice, in one
/// transaction. The sequence lives in a counter row per account and year that is incremented by the
/// transaction's first write, so concurrent issuers queue on it (a row lock in PostgreSQL, the database
/// write lock in SQLite, whose transactions Microsoft.Data.Sqlite begins IMMEDIATE). A failure rolls the
/// increment back with everything else, so issued numbers have no gaps. Voiding is here too: the other
/// end of an issued invoice's life, with the same hooks.
/// </summary>
public sealed class InvoiceIssuer(AppDbContext db, TimeProvider clock, IEnumerable<IInvoiceLifecycleHook> hooks)
{
    private const int Attempts = 5;

    /// <param name="exchangeRate">For an invoice in a foreign currency: home-currency units per unit of it, for its open income.</param>
    public async Task<(IssueOutcome Outcome, Invoice? Invoice)> IssueAsync(int invoiceId, decimal? exchangeRate = null, CancellationToken ct = default)
    {
        var settings = await db.Settings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new AccountSettings();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await db.InTransactionAsync(async () =>
                {
                    var invoice = await db.Invoices.Include(i => i.Lines).Include(i => i.History).Include(i => i.Client)
                        .SingleOrDefaultAsync(i => i.Id == invoiceId, ct);
                    if (invoice is null) return (IssueOutcome.NotFound, (Invoice?)null);
                    invoice.EnsureIssuable();

                    var year = invoice.IssueDate.Year;
                    var sequence = await NextSequenceAsync(year, ct);
                    invoice.Issue(settings.FormatInvoiceNumber(year, sequence), year, sequence, clock.GetUtcNow(),
                        InvoiceParties.From(settings, invoice.Client!), settings.Today(clock));
                    foreach (var hook in hooks) await hook.OnIssuedAsync(invoice, exchangeRate, ct);
                    await db.SaveChangesAsync(ct);
                    return (IssueOutcome.Issued, invoice);
                }, ct);
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // Another request issued this invoice or created the year's counter first: start again
                // from what is now stored (the invoice may now be issued, which Issue then reports).
            }
        }
    }

    /// <summary>Voids an issued invoice; the other features undo what issuing did (its open income, its billed work) in the same transaction.</summary>
    public async Task<(IssueOutcome Outcome, Invoice? Invoice)> VoidAsync(int invoiceId, CancellationToken ct = default)
    {
        var invoice = await db.Invoices.Include(i => i.Lines).Include(i => i.History).Include(i => i.Client).AsSplitQuery()
            .SingleOrDefaultAsync(i => i.Id == invoiceId, ct);
        if (invoice is null) return (IssueOutcome.NotFound, null);
        await db.InTransactionAsync(async () =>
        {
            invoice.Void(clock.GetUtcNow());
            foreach (var hook in hooks) await hook.OnVoidedAsync(invoice, ct);
            await db.SaveChangesAsync(ct);
        }, ct);
        return (IssueOutcome.Voided, invoice);
    }

    internal async Task<int> NextSequenceAsync(int year, CancellationToken ct)
    {
        var updated = await db.InvoiceNumberCounters.Where(c => c.Year == year)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastSequence, c => c.LastSequence + 1), ct);
        if (updated == 0)
        {
            // First invoice of the year for this account: continue after any number already used.
            var used = await db.Invoices.Where(i => i.NumberYear == year).MaxAsync(i => i.NumberSequence, ct) ?? 0;
            db.InvoiceNumberCounters.Add(new InvoiceNumberCounter { Year = year, LastSequence = used + 1 });
            await db.SaveChangesAsync(ct);
            return used + 1;
        }
        return await db.InvoiceNumberCounters.Where(c => c.Year == year).Select(c => c.LastSequence).SingleAsync(ct);
    }
}
