using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Ledger;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Invoices;

/// <summary>Payments on the invoice page: record one (full or partial), undo one.</summary>
public sealed partial class InvoicesController
{
    private const string PaymentConflictMessage = "This invoice's payments were changed in another tab or window meanwhile; nothing was recorded. " +
                                                  "Look at the invoice again, then record the payment.";

    [HttpGet]
    public async Task<IActionResult> Payment(int id)
    {
        var invoice = await LoadAsync(id, tracking: false);
        if (invoice is null) return NotFound();
        if (invoice.Status is not (InvoiceStatus.Sent or InvoiceStatus.Overdue))
        {
            TempData["Error"] = invoice.Status switch
            {
                InvoiceStatus.Draft => "A draft must be issued before it can be paid.",
                InvoiceStatus.Paid => $"{invoice.Number} is already paid in full.",
                _ => "A void invoice cannot receive payments.",
            };
            return RedirectToAction(nameof(Details), new { id });
        }
        var settings = await SettingsAsync();
        var open = await OpenAmountAsync(id);
        var form = new PaymentForm { Date = settings.Today(clock), Amount = open };
        return View(await PaymentPageAsync(invoice, form, open));
    }

    [HttpPost]
    public async Task<IActionResult> Payment(int id, PaymentForm form)
    {
        var invoice = await LoadAsync(id, tracking: true);
        if (invoice is null) return NotFound();
        if (ModelState.IsValid)
        {
            try
            {
                await db.InTransactionAsync(async () =>
                {
                    await payments.RecordAsync(invoice, form.PaymentModeId!.Value, form.Date!.Value, form.Amount!.Value, HttpContext.RequestAborted);
                    await db.SaveChangesAsync();
                }, HttpContext.RequestAborted);
                TempData["Flash"] = invoice.Status == InvoiceStatus.Paid
                    ? $"Payment of {Currency.Format(form.Amount!.Value, invoice.Currency)} recorded: {invoice.Number} is paid."
                    : $"Payment of {Currency.Format(form.Amount!.Value, invoice.Currency)} recorded; {Currency.Format(invoice.BalanceDue, invoice.Currency)} is still open.";
                return RedirectToAction(nameof(Details), new { id });
            }
            catch (DomainException e)
            {
                ModelState.AddModelError(e.Field ?? "", e.Message);
            }
            catch (DbUpdateConcurrencyException)
            {
                ModelState.AddModelError("", PaymentConflictMessage);
            }
        }
        var fresh = await LoadAsync(id, tracking: false);
        return View(await PaymentPageAsync(fresh!, form, await OpenAmountAsync(id)));
    }

    [HttpPost]
    public async Task<IActionResult> UndoPayment(int id, int incomeId)
    {
        var invoice = await LoadAsync(id, tracking: true);
        if (invoice is null) return NotFound();
        try
        {
            await db.InTransactionAsync(async () =>
            {
                await payments.UndoAsync(invoice, incomeId, HttpContext.RequestAborted);
                await db.SaveChangesAsync();
            }, HttpContext.RequestAborted);
            TempData["Flash"] = $"Payment undone: {Currency.Format(invoice.BalanceDue, invoice.Currency)} is open again on {invoice.Number}.";
        }
        catch (DomainException e)
        {
            TempData["Error"] = e.Message;
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Error"] = "This invoice's payments were changed meanwhile; nothing was undone. Look at it again.";
        }
        return RedirectToAction(nameof(Details), new { id });
    }

    private Task<decimal> OpenAmountAsync(int invoiceId) =>
        db.Incomes.AsNoTracking().Where(i => i.InvoiceId == invoiceId && i.PaymentModeId == null).SumAsync(i => i.Amount);

    private async Task<PaymentPage> PaymentPageAsync(Invoice invoice, PaymentForm form, decimal open)
    {
        var lookups = await LedgerLists.LoadAsync(db);
        return new PaymentPage(invoice, form, lookups.Modes, open);
    }

    private async Task<InvoiceDetails> DetailsAsync(Invoice invoice)
    {
        var settings = await SettingsAsync();
        var rows = await db.Incomes.AsNoTracking().Where(i => i.InvoiceId == invoice.Id)
            .OrderBy(i => i.PaymentModeId == null).ThenBy(i => i.Date).ThenBy(i => i.Id)
            .Select(i => new InvoicePaymentRow(i.Id, i.Date, i.Amount, i.Currency, i.PaymentMode != null ? i.PaymentMode.Name : null))
            .ToListAsync();
        decimal? rate = null;
        if (invoice.IsEditable && invoice.Currency != settings.HomeCurrency)
            rate = await db.LedgerEntries.AsNoTracking().Where(e => e.Currency == invoice.Currency)
                .OrderByDescending(e => e.Date).ThenByDescending(e => e.Id).Select(e => (decimal?)e.ExchangeRate).FirstOrDefaultAsync();
        // Only the sends, reminders and views of an issued invoice; the query filter does not apply to events,
        // so they are read through the invoice the caller already loaded as its owner.
        var events = await db.InvoiceEvents.AsNoTracking().Where(e => e.InvoiceId == invoice.Id)
            .OrderBy(e => e.Id).Take(200).ToListAsync();
        return new InvoiceDetails(invoice, settings, rows, rate) { Today = settings.Today(clock), Events = events };
    }
}
