using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Invoices;

/// <summary>
/// What other features do when an invoice changes state, inside the same transaction (the ledger will
/// create the invoice's open income on issue; the billed items are released when a draft is deleted).
/// Register implementations in DI; none exist yet.
/// </summary>
public interface IInvoiceLifecycleHook
{
    Task OnIssuedAsync(Invoice invoice, CancellationToken ct) => Task.CompletedTask;
    Task OnVoidedAsync(Invoice invoice, CancellationToken ct) => Task.CompletedTask;
    Task OnDraftDeletingAsync(Invoice invoice, CancellationToken ct) => Task.CompletedTask;
}

public enum IssueOutcome { Issued, NotFound }

/// <summary>
/// Issues a draft: takes the next number of the account's yearly sequence and locks the invoice, in one
/// transaction. The sequence lives in a counter row per account and year that is incremented by the
/// transaction's first write, so concurrent issuers queue on it (a row lock in PostgreSQL, the database
/// write lock in SQLite, whose transactions Microsoft.Data.Sqlite begins IMMEDIATE). A failure rolls the
/// increment back with everything else, so issued numbers have no gaps.
/// </summary>
public sealed class InvoiceIssuer(AppDbContext db, TimeProvider clock, IEnumerable<IInvoiceLifecycleHook> hooks)
{
    private const int Attempts = 5;

    public async Task<(IssueOutcome Outcome, Invoice? Invoice)> IssueAsync(int invoiceId, CancellationToken ct = default)
    {
        var settings = await db.Settings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new AccountSettings();
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            try
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var invoice = await db.Invoices.Include(i => i.Lines).Include(i => i.History).Include(i => i.Client)
                    .SingleOrDefaultAsync(i => i.Id == invoiceId, ct);
                if (invoice is null) return (IssueOutcome.NotFound, null);
                invoice.EnsureIssuable();

                var year = invoice.IssueDate.Year;
                var sequence = await NextSequenceAsync(year, ct);
                invoice.Issue(settings.FormatInvoiceNumber(year, sequence), year, sequence, clock.GetUtcNow(),
                    InvoiceParties.From(settings, invoice.Client!), settings.Today(clock));
                foreach (var hook in hooks) await hook.OnIssuedAsync(invoice, ct);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return (IssueOutcome.Issued, invoice);
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // Another request issued this invoice or created the year's counter first: start again
                // from what is now stored (the invoice may now be issued, which Issue then reports).
            }
        }
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
