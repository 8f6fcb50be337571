using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Invoices;

/// <summary>
/// The money side of invoices, and the one place for its rule: after issue, the client incomes linked to
/// an invoice add up to its total; the invoice is Paid when the received ones (payment mode set) cover
/// it, and back to Sent/Overdue when a payment is undone. The invoice page, the board and the ledger all
/// come through here. Callers own the transaction and the final SaveChanges.
/// </summary>
public sealed class InvoicePayments(AppDbContext db, TimeProvider clock)
{
    /// <summary>Every income linked to the invoice, tracked, oldest first (filtered in memory so pending changes count).</summary>
    public Task<List<Income>> LinkedIncomesAsync(int invoiceId, CancellationToken ct = default) =>
        db.Incomes.Where(i => i.InvoiceId == invoiceId).OrderBy(i => i.Date).ThenBy(i => i.Id).ToListAsync(ct);

    public static bool IsIssued(InvoiceStatus s) => s is InvoiceStatus.Sent or InvoiceStatus.Overdue or InvoiceStatus.Paid;

    /// <summary>
    /// On issue: the incomes already linked count, and one open income (not received) for the remainder
    /// is created, in the invoice currency, dated on the issue date, linked to the invoice, its client and
    /// (when all its billed lines share one) its project.
    /// </summary>
    public async Task OnIssuedAsync(Invoice invoice, decimal? exchangeRate, CancellationToken ct)
    {
        var settings = await db.Settings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new AccountSettings();
        var home = settings.HomeCurrency;
        var linked = await LinkedIncomesAsync(invoice.Id, ct);
        if (linked.FirstOrDefault(i => i.Currency != invoice.Currency) is { } other)
            throw new DomainException($"The income \"{other.Description}\" linked to this invoice is in {other.Currency}, the invoice in {invoice.Currency}. Unlink it before issuing.");
        var already = linked.Sum(i => i.Amount);
        if (already > invoice.Total)
            throw new DomainException($"The incomes linked to this invoice add up to {Currency.Format(already, invoice.Currency)}, more than its total " +
                                      $"{Currency.Format(invoice.Total, invoice.Currency)}. Unlink some before issuing.");
        var remainder = invoice.Total - already;
        if (remainder > 0)
        {
            if (invoice.Currency != home && exchangeRate is not > 0)
                throw new DomainException($"This invoice is in {invoice.Currency}: enter the exchange rate (how many {home} one {invoice.Currency} is worth) " +
                                          "on the invoice page to issue it, so the ledger can show it in " + home + ".", "ExchangeRate");
            var client = await db.LedgerCategories.Where(c => c.IsBuiltIn && c.Kind == LedgerKind.Income).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
            var income = new Income
            {
                Description = $"Invoice {invoice.Number} – {invoice.IssuedParties?.ClientName ?? invoice.Client?.Name}",
                CategoryId = client, ClientId = invoice.ClientId, InvoiceId = invoice.Id,
                ProjectId = await SingleProjectAsync(invoice, ct),
            };
            try
            {
                income.Record(invoice.IssueDate, remainder, invoice.Currency, exchangeRate, home);
            }
            catch (DomainException e) when (e.Field == nameof(LedgerEntry.ExchangeRate))
            {
                throw new DomainException(e.Message, "ExchangeRate");
            }
            db.Incomes.Add(income);
            linked.Add(income);
        }
        // A not-received income linked to the draft (workflow grid) and the remainder are one open amount.
        MergeOpen(linked, home);
        Apply(invoice, linked, settings.Today(clock));
    }

    /// <summary>Sent or Overdue with received money: refused. Otherwise the open remainder leaves the ledger.</summary>
    public async Task OnVoidedAsync(Invoice invoice, CancellationToken ct)
    {
        var linked = await LinkedIncomesAsync(invoice.Id, ct);
        var received = linked.Where(i => i.IsSettled).Sum(i => i.Amount);
        if (received > 0)
            throw new DomainException($"{invoice.Number} has received {Currency.Format(received, invoice.Currency)}: undo those payments first " +
                                      "(or issue a credit), then void it.");
        db.Incomes.RemoveRange(linked);
    }

    /// <summary>
    /// Records money received: the full open amount settles the open income; less splits it into a
    /// received income and an open remainder.
    /// </summary>
    public async Task RecordAsync(Invoice invoice, int paymentModeId, DateOnly date, decimal amount, CancellationToken ct = default)
    {
        if (invoice.Status is not (InvoiceStatus.Sent or InvoiceStatus.Overdue))
            throw new DomainException(invoice.Status == InvoiceStatus.Paid
                ? $"{invoice.Number} is already paid in full."
                : $"A {invoice.Status.ToString().ToLowerInvariant()} invoice cannot receive payments.");
        if (!await db.PaymentModes.AnyAsync(m => m.Id == paymentModeId, ct))
            throw new DomainException("Choose how the money came in.", "PaymentModeId");
        if (amount <= 0)
            throw new DomainException("Enter an amount greater than zero.", "Amount");
        if (Currency.Round(amount, invoice.Currency) != amount)
            throw new DomainException($"{invoice.Currency} amounts have at most {Currency.MinorUnitDigits(invoice.Currency)} decimals.", "Amount");

        var settings = await db.Settings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new AccountSettings();
        var linked = await LinkedIncomesAsync(invoice.Id, ct);
        var open = MergeOpen(linked, settings.HomeCurrency);
        var openAmount = open?.Amount ?? 0m;
        if (open is null || amount > openAmount)
            throw new DomainException($"At most {Currency.Format(openAmount, invoice.Currency)} is still open on {invoice.Number}.", "Amount");

        if (amount == openAmount)
        {
            open.Record(date, open.Amount, open.Currency, open.ExchangeRate, settings.HomeCurrency);
            open.MarkSettled(paymentModeId);
        }
        else
        {
            open.Record(open.Date, openAmount - amount, open.Currency, open.ExchangeRate, settings.HomeCurrency);
            var received = new Income
            {
                Description = open.Description, CategoryId = open.CategoryId, ClientId = open.ClientId, InvoiceId = invoice.Id,
                ProjectId = open.ProjectId, ServiceId = open.ServiceId,
            };
            received.Record(date, amount, open.Currency, open.ExchangeRate, settings.HomeCurrency);
            received.MarkSettled(paymentModeId);
            db.Incomes.Add(received);
            linked.Add(received);
        }
        Apply(invoice, linked, settings.Today(clock));
    }

    /// <summary>Undoes a received income of the invoice: it goes back into the open amount.</summary>
    public async Task UndoAsync(Invoice invoice, int incomeId, CancellationToken ct = default)
    {
        if (!IsIssued(invoice.Status))
            throw new DomainException($"A {invoice.Status.ToString().ToLowerInvariant()} invoice has no payments to undo.");
        var linked = await LinkedIncomesAsync(invoice.Id, ct);
        var income = linked.SingleOrDefault(i => i.Id == incomeId && i.IsSettled)
                     ?? throw new DomainException("That payment is not recorded on this invoice (it may have been undone already).");
        income.PaymentModeId = null;
        await SettleChangedAsync(income, ct);
    }

    /// <summary>
    /// After an income's payment mode was set or cleared (invoice page, ledger one-click, ledger edit):
    /// an income that is open again merges into the invoice's open amount, and the invoice's status
    /// follows what has been received. Does nothing for an income that is not linked to an issued invoice.
    /// </summary>
    public async Task SettleChangedAsync(Income income, CancellationToken ct = default)
    {
        if (income.InvoiceId is not { } invoiceId) return;
        var invoice = await db.Invoices.Include(i => i.History).SingleOrDefaultAsync(i => i.Id == invoiceId, ct);
        if (invoice is null || !IsIssued(invoice.Status)) return;
        var settings = await db.Settings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new AccountSettings();
        var linked = await LinkedIncomesAsync(invoiceId, ct);
        if (!linked.Contains(income)) linked.Add(income);
        MergeOpen(linked, settings.HomeCurrency);
        Apply(invoice, linked, settings.Today(clock));
    }

    /// <summary>
    /// Why a ledger edit of this income is refused, or null: after issue its amount and currency follow the
    /// invoice, and it cannot leave it (<paramref name="deleting"/> covers deleting and unlinking alike).
    /// </summary>
    public async Task<string?> WhyNotChangeAsync(LedgerEntry entry, decimal? newAmount, string? newCurrency, bool deleting, CancellationToken ct = default)
    {
        if (entry is not Income { InvoiceId: { } invoiceId } income) return null;
        var invoice = await db.Invoices.AsNoTracking().Where(i => i.Id == invoiceId).Select(i => new { i.Number, i.Status }).SingleOrDefaultAsync(ct);
        if (invoice is null || !IsIssued(invoice.Status)) return null;
        if (deleting)
            return $"This income belongs to invoice {invoice.Number}: the incomes of an issued invoice always add up to its total, so it cannot be deleted or unlinked. " +
                   "Undo its payment on the invoice page, or void the invoice.";
        if (newAmount != income.Amount || !string.Equals(Currency.Normalize(newCurrency ?? ""), income.Currency, StringComparison.Ordinal))
            return $"This income belongs to invoice {invoice.Number}: its amount and currency follow the invoice. " +
                   "Record a partial payment on the invoice page to split it.";
        return null;
    }

    /// <summary>
    /// A received income linked to an issued invoice (workflow grid): it takes the place of that much of the
    /// open income (which shrinks or goes), so the linked incomes still add up to the total and the money is
    /// counted once. Refused when it is not received, in another currency, or more than what is still open.
    /// </summary>
    public async Task LinkReceivedAsync(Invoice invoice, Income income, CancellationToken ct = default)
    {
        if (invoice.Status is not (InvoiceStatus.Sent or InvoiceStatus.Overdue))
            throw new DomainException(invoice.Status == InvoiceStatus.Paid
                ? $"{invoice.Number} is already paid in full."
                : $"A {invoice.Status.ToString().ToLowerInvariant()} invoice cannot receive payments.", "InvoiceId");
        if (!income.IsSettled)
            throw new DomainException($"This income is not received yet, and {invoice.Number} already expects its open amount: " +
                                      "set the payment mode (received) first, or record the payment on the invoice page.", "InvoiceId");
        if (income.Currency != invoice.Currency)
            throw new DomainException($"This income is in {income.Currency}, {invoice.Number} in {invoice.Currency}: an invoice is paid in its own currency.", "InvoiceId");
        var settings = await db.Settings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new AccountSettings();
        var linked = await LinkedIncomesAsync(invoice.Id, ct);
        linked.Remove(income);
        var open = MergeOpen(linked, settings.HomeCurrency);
        var openAmount = open?.Amount ?? 0m;
        if (open is null || income.Amount > openAmount)
            throw new DomainException($"This income is {Currency.Format(income.Amount, income.Currency)}, more than the " +
                                      $"{Currency.Format(openAmount, invoice.Currency)} still open on {invoice.Number}.", "InvoiceId");
        if (income.Amount == openAmount)
        {
            linked.Remove(open);
            db.Incomes.Remove(open);
        }
        else open.Record(open.Date, openAmount - income.Amount, open.Currency, open.ExchangeRate, settings.HomeCurrency);
        income.InvoiceId = invoice.Id;
        linked.Add(income);
        Apply(invoice, linked, settings.Today(clock));
    }

    /// <summary>
    /// Takes a received income off an issued invoice: the open income grows back by its amount (or is made
    /// again) and Paid reverts. The open income itself cannot leave (the linked incomes add up to the total).
    /// </summary>
    public async Task UnlinkReceivedAsync(Invoice invoice, Income income, CancellationToken ct = default)
    {
        if (!income.IsSettled)
            throw new DomainException($"This is the open (not received) amount of {invoice.Number}: the incomes of an issued invoice always add up to its total, " +
                                      "so it cannot be unlinked. Void the invoice instead.", "InvoiceId");
        var settings = await db.Settings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new AccountSettings();
        var linked = await LinkedIncomesAsync(invoice.Id, ct);
        linked.Remove(income);
        income.InvoiceId = null;
        var open = MergeOpen(linked, settings.HomeCurrency);
        if (open is not null)
            open.Record(open.Date, open.Amount + income.Amount, open.Currency, open.ExchangeRate, settings.HomeCurrency);
        else
        {
            var category = await db.LedgerCategories.Where(c => c.IsBuiltIn && c.Kind == LedgerKind.Income).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
            open = new Income
            {
                Description = $"Invoice {invoice.Number} – {invoice.IssuedParties?.ClientName ?? invoice.Client?.Name}",
                CategoryId = category, ClientId = invoice.ClientId, InvoiceId = invoice.Id, ProjectId = income.ProjectId,
            };
            open.Record(invoice.IssueDate, income.Amount, income.Currency, income.ExchangeRate, settings.HomeCurrency);
            db.Incomes.Add(open);
            linked.Add(open);
        }
        Apply(invoice, linked, settings.Today(clock));
    }

    /// <summary>Merges every open income into the oldest one (so there is at most one) and returns it.</summary>
    private Income? MergeOpen(List<Income> linked, string home)
    {
        var open = linked.Where(i => !i.IsSettled).ToList();
        if (open.Count == 0) return null;
        var keep = open[0];
        if (open.Count > 1)
        {
            keep.Record(keep.Date, open.Sum(i => i.Amount), keep.Currency, keep.ExchangeRate, home);
            foreach (var gone in open.Skip(1))
            {
                linked.Remove(gone);
                db.Incomes.Remove(gone);
            }
        }
        return keep;
    }

    private void Apply(Invoice invoice, IEnumerable<Income> linked, DateOnly today) =>
        invoice.ApplyReceived(linked.Where(i => i.IsSettled && i.Currency == invoice.Currency).Sum(i => i.Amount), today, clock.GetUtcNow());

    /// <summary>
    /// The one project all the invoice's billed lines belong to, or null (free lines carry no project and are not counted).
    /// Every billed line carries its project (a grouped time line has no single source to look it up by);
    /// only lines saved before lines had a project are looked up through their source.
    /// </summary>
    private async Task<int?> SingleProjectAsync(Invoice invoice, CancellationToken ct)
    {
        var billed = invoice.Lines.Where(l => l.SourceKind != InvoiceLineSourceKind.Free).ToList();
        var projects = billed.Where(l => l.ProjectId is not null).Select(l => l.ProjectId).ToList();
        var sourced = billed.Where(l => l.ProjectId is null && l.SourceId is not null).ToList();
        if (projects.Count == 0 && sourced.Count == 0) return null;
        List<int> Ids(InvoiceLineSourceKind k) => sourced.Where(l => l.SourceKind == k).Select(l => l.SourceId!.Value).Distinct().ToList();
        var time = Ids(InvoiceLineSourceKind.TimeEntry);
        if (time.Count > 0) projects.AddRange(await db.TimeEntries.Where(t => time.Contains(t.Id)).Select(t => (int?)t.ProjectId).Distinct().ToListAsync(ct));
        var milestones = Ids(InvoiceLineSourceKind.Milestone);
        if (milestones.Count > 0) projects.AddRange(await db.Milestones.Where(t => milestones.Contains(t.Id)).Select(t => (int?)t.ProjectId).Distinct().ToListAsync(ct));
        var services = Ids(InvoiceLineSourceKind.Service);
        if (services.Count > 0) projects.AddRange(await db.Services.Where(t => services.Contains(t.Id)).Select(t => (int?)t.ProjectId).Distinct().ToListAsync(ct));
        var changes = Ids(InvoiceLineSourceKind.ScopeChange);
        if (changes.Count > 0) projects.AddRange(await db.ScopeChanges.Where(t => changes.Contains(t.Id)).Select(t => (int?)t.ProjectId).Distinct().ToListAsync(ct));
        var entries = Ids(InvoiceLineSourceKind.Expense).Concat(Ids(InvoiceLineSourceKind.Income)).ToList();
        if (entries.Count > 0) projects.AddRange(await db.LedgerEntries.Where(t => entries.Contains(t.Id)).Select(t => t.ProjectId).Distinct().ToListAsync(ct));
        var distinct = projects.Distinct().ToList();
        return distinct is [{ } only] ? only : null;
    }
}

/// <summary>The ledger side of issuing and voiding, in the invoice's own transaction.</summary>
public sealed class LedgerInvoiceHook(InvoicePayments payments) : IInvoiceLifecycleHook
{
    public Task OnIssuedAsync(Invoice invoice, decimal? exchangeRate, CancellationToken ct) => payments.OnIssuedAsync(invoice, exchangeRate, ct);
    public Task OnVoidedAsync(Invoice invoice, CancellationToken ct) => payments.OnVoidedAsync(invoice, ct);
}
