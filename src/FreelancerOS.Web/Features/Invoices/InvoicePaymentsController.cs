using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Invoices;

/// <summary>Payments on the invoice page: record one (full or partial), undo one. Same URLs as the invoice's other pages.</summary>
[UrlSegment("Invoices")]
public sealed class InvoicePaymentsController(AppDbContext db, TimeProvider clock, CurrentAccount account, InvoicePayments payments) : Controller
{
    private const string PaymentConflictMessage = "This invoice's payments were changed in another tab or window meanwhile; nothing was recorded. " +
                                                  "Look at the invoice again, then record the payment.";

    [HttpGet]
    public async Task<IActionResult> Payment(int id)
    {
        var invoice = await InvoiceDetailsQuery.WholeAsync(db, id, tracking: false);
        if (invoice is null) return NotFound();
        if (invoice.Status is not (InvoiceStatus.Sent or InvoiceStatus.Overdue))
        {
            TempData["Error"] = invoice.Status switch
            {
                InvoiceStatus.Draft => "A draft must be issued before it can be paid.",
                InvoiceStatus.Paid => $"{invoice.Number} is already paid in full.",
                _ => "A void invoice cannot receive payments.",
            };
            return RedirectToAction(nameof(InvoicesController.Details), new { id });
        }
        var settings = await account.SettingsAsync();
        var open = await OpenAmountAsync(id);
        var form = new PaymentForm { Date = settings.Today(clock), Amount = open };
        return View(await PaymentPageAsync(invoice, form, open));
    }

    [HttpPost]
    public async Task<IActionResult> Payment(int id, PaymentForm form)
    {
        var invoice = await InvoiceDetailsQuery.WholeAsync(db, id, tracking: true);
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
                return RedirectToAction(nameof(InvoicesController.Details), new { id });
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
        var fresh = await InvoiceDetailsQuery.WholeAsync(db, id, tracking: false);
        return View(await PaymentPageAsync(fresh!, form, await OpenAmountAsync(id)));
    }

    [HttpPost]
    public async Task<IActionResult> UndoPayment(int id, int incomeId)
    {
        var invoice = await InvoiceDetailsQuery.WholeAsync(db, id, tracking: true);
        if (invoice is null) return NotFound();
        await this.ChangeAsync(async () =>
        {
            await db.InTransactionAsync(async () =>
            {
                await payments.UndoAsync(invoice, incomeId, HttpContext.RequestAborted);
                await db.SaveChangesAsync();
            }, HttpContext.RequestAborted);
            return $"Payment undone: {Currency.Format(invoice.BalanceDue, invoice.Currency)} is open again on {invoice.Number}.";
        }, "This invoice's payments were changed meanwhile; nothing was undone. Look at it again.");
        return RedirectToAction(nameof(InvoicesController.Details), new { id });
    }

    private Task<decimal> OpenAmountAsync(int invoiceId) =>
        db.Incomes.AsNoTracking().Where(i => i.InvoiceId == invoiceId && i.PaymentModeId == null).SumAsync(i => i.Amount);

    private async Task<PaymentPage> PaymentPageAsync(Invoice invoice, PaymentForm form, decimal open)
    {
        var modes = await db.PaymentModes.AsNoTracking().OrderBy(m => m.Name).Select(m => new PaymentModeOption(m.Id, m.Name)).ToListAsync();
        return new PaymentPage(invoice, form, modes, open);
    }
}
