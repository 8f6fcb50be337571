using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Invoices;

public enum DraftOutcome { Saved, NotFound, Refused, Conflict }

/// <summary>
/// What became of a draft write. <see cref="DraftOutcome.Refused"/> and <see cref="DraftOutcome.Conflict"/>
/// carry the form field and the message to show beside it; a conflict (the draft is locked, or its work was
/// billed elsewhere meanwhile) is answered 409.
/// </summary>
public sealed record DraftResult(DraftOutcome Outcome, Invoice? Invoice = null, string Field = "", string? Message = null, int WorkLines = 0)
{
    public static readonly DraftResult NotFound = new(DraftOutcome.NotFound);
    public static DraftResult Refused(string field, string message) => new(DraftOutcome.Refused, Field: field, Message: message);
    public static DraftResult Conflict(string field, string message) => new(DraftOutcome.Conflict, Field: field, Message: message);
}

/// <summary>
/// Creating, editing and deleting drafts, each one transaction: the draft's terms and free lines, the
/// unbilled work ticked on the form (claimed with conditional updates, so two tabs cannot bill it twice)
/// and the lines taken off (their items become unbilled again). The caller validated the form's fields.
/// </summary>
public sealed class DraftInvoices(AppDbContext db, BilledWork work, CurrentAccount account, TimeProvider clock, IEnumerable<IInvoiceLifecycleHook> hooks)
{
    public const string EditConflictMessage = "This invoice was changed in another tab or window since you opened this form. " +
                                              "Reload the page to see the current invoice, then make your change again.";

    public async Task<DraftResult> CreateAsync(InvoiceForm form, CancellationToken ct = default)
    {
        var (client, picked, refusal) = await ClientAndWorkAsync(form, ct);
        if (refusal is not null || client is null || picked is null) return refusal ?? DraftResult.NotFound;
        var settings = await account.SettingsAsync(ct);
        try
        {
            var invoice = Invoice.CreateDraft(client, form.IssueDate!.Value, form.DueDateFor(settings.PaymentTermsDays), form.TaxRate, form.Notes, clock.GetUtcNow());
            var itemLines = invoice.AddLines(picked.Lines.Select(l => l.Item).ToList());
            invoice.AddLines(form.ToItems(invoice.Currency));
            await work.SaveNewDraftAsync(invoice, itemLines.Zip(picked.Lines).ToList(), ct);
            return new DraftResult(DraftOutcome.Saved, invoice, WorkLines: itemLines.Count);
        }
        catch (DomainException e)
        {
            return DraftResult.Refused(WorkField(e, picked), e.Message);
        }
        catch (AlreadyBilledException e)
        {
            return DraftResult.Conflict("Work", e.Message);
        }
    }

    /// <summary>The form's client and the work it ticked, or why the draft cannot be saved (nothing read is changed).</summary>
    private async Task<(Client? Client, PickResult? Picked, DraftResult? Refusal)> ClientAndWorkAsync(InvoiceForm form, CancellationToken ct)
    {
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == form.ClientId, ct);
        if (client is null) return (null, null, DraftResult.Refused(nameof(InvoiceForm.ClientId), "Choose one of your clients."));
        var picked = await work.ResolveAsync(form.Pick, client.Id, ct);
        if (picked.NotFound) return (client, picked, DraftResult.NotFound);
        return picked.Refusal is not null ? (client, picked, DraftResult.Refused("Work", picked.Refusal)) : (client, picked, null);
    }

    /// <summary>
    /// Saves the draft as the form shows it; <paramref name="form"/>'s version must still be the stored
    /// one (another tab's save in between is refused, not overwritten).
    /// </summary>
    public async Task<DraftResult> EditAsync(int id, InvoiceForm form, CancellationToken ct = default)
    {
        var invoice = await db.Invoices.Include(i => i.Lines).Include(i => i.History).Include(i => i.Client).AsSplitQuery()
            .SingleOrDefaultAsync(i => i.Id == id, ct);
        if (invoice is null) return DraftResult.NotFound;
        if (!invoice.IsEditable)
            return DraftResult.Conflict("", $"Invoice {invoice.Number} is {invoice.Status} and locked: only a draft can be edited. Nothing was changed.");
        var (client, picked, refusal) = await ClientAndWorkAsync(form, ct);
        if (refusal is not null || client is null || picked is null) return refusal ?? DraftResult.NotFound;
        var settings = await account.SettingsAsync(ct);
        try
        {
            await db.InTransactionAsync(() => SaveEditAsync(invoice, client, form, picked, settings.PaymentTermsDays, ct), ct);
            return new DraftResult(DraftOutcome.Saved, invoice);
        }
        catch (DomainException e)
        {
            return DraftResult.Refused(WorkField(e, picked), e.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return DraftResult.Refused("", EditConflictMessage);
        }
        catch (AlreadyBilledException e)
        {
            return DraftResult.Conflict("Work", e.Message);
        }
    }

    private async Task SaveEditAsync(Invoice invoice, Client client, InvoiceForm form, PickResult picked, int paymentTermsDays, CancellationToken ct)
    {
        db.Entry(invoice).Property(i => i.Version).OriginalValue = form.Version;
        var removed = invoice.RemoveLines(form.RemoveLineIds.Where(l => invoice.Lines.Any(x => x.Id == l && x.SourceKind != InvoiceLineSourceKind.Free)).ToList());
        await work.ReleaseLinesAsync(invoice.Id, removed, ct);
        if (client.Id != invoice.ClientId) invoice.SetClient(client);
        invoice.SetTerms(form.IssueDate!.Value, form.DueDateFor(paymentTermsDays), form.TaxRate, form.Notes);
        invoice.ReplaceFreeLines(form.ToItems(invoice.Currency));
        var itemLines = invoice.AddLines(picked.Lines.Select(l => l.Item).ToList());
        await db.SaveChangesAsync(ct);
        await work.ClaimAsync(invoice.Id, itemLines.Zip(picked.Lines).ToList(), ct);
        if (removed.Count > 0 || itemLines.Count > 0) await work.KeepFiguresAsync(ct);
    }

    /// <summary>Deletes a draft; the other features give back what was on it (billed work, linked incomes) in the same transaction.</summary>
    public async Task<DraftResult> DeleteAsync(int id, CancellationToken ct = default)
    {
        var invoice = await db.Invoices.Include(i => i.Lines).Include(i => i.History).Include(i => i.Client).AsSplitQuery()
            .SingleOrDefaultAsync(i => i.Id == id, ct);
        if (invoice is null) return DraftResult.NotFound;
        try
        {
            invoice.EnsureDeletable();
            await db.InTransactionAsync(async () =>
            {
                foreach (var hook in hooks) await hook.OnDraftDeletingAsync(invoice, ct);
                db.Invoices.Remove(invoice);
                await db.SaveChangesAsync(ct);
            }, ct);
            return new DraftResult(DraftOutcome.Saved, invoice);
        }
        catch (DomainException e)
        {
            return DraftResult.Refused("", e.Message);
        }
    }

    // A refusal about the lines while work was ticked is about that work (the free lines alone are fine).
    private static string WorkField(DomainException e, PickResult picked) =>
        e.Field is "Lines" && picked.Lines.Count > 0 ? "Work" : e.Field ?? "";
}
