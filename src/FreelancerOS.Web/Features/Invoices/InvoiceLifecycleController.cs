using System.Globalization;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Invoices;

/// <summary>An invoice's lifecycle from its page: a draft issued (and maybe e-mailed), an issued invoice voided (docs/decisions/012).</summary>
[UrlSegment("Invoices")]
public sealed class InvoiceLifecycleController(InvoiceIssuer issuer) : Controller
{
    [HttpPost]
    public async Task<IActionResult> Issue(int id, string? exchangeRate, bool sendByEmail, [FromServices] IInvoiceSender sender)
    {
        if (!TryParseRate(exchangeRate, out var rate))
        {
            TempData["Error"] = "The exchange rate must be a number, such as 0.92. Nothing was issued.";
            return RedirectToAction(nameof(InvoicesController.Details), new { id });
        }
        try
        {
            var (outcome, invoice) = await issuer.IssueAsync(id, rate, HttpContext.RequestAborted);
            if (outcome == IssueOutcome.NotFound) return NotFound();
            TempData["Flash"] = $"Issued as {invoice!.Number}. It is locked now; download the PDF or send it by e-mail.";
            if (sendByEmail) await SendAsync(invoice, sender);
        }
        catch (DomainException e)
        {
            TempData["Error"] = e.Message;
        }
        return RedirectToAction(nameof(InvoicesController.Details), new { id });
    }

    [HttpPost]
    public async Task<IActionResult> Void(int id)
    {
        var found = true;
        await this.ChangeAsync(async () =>
        {
            var (outcome, invoice) = await issuer.VoidAsync(id, HttpContext.RequestAborted);
            found = outcome != IssueOutcome.NotFound;
            return found ? $"{invoice!.Number} is void. Its number stays used." : null;
        }, "This invoice was changed meanwhile; nothing was voided. Look at it again.");
        if (!found) return NotFound();
        return RedirectToAction(nameof(InvoicesController.Details), new { id });
    }

    /// <summary>The issued invoice queued for e-mail; the flash says whether it goes, or why not (it stays issued either way).</summary>
    private async Task SendAsync(Invoice invoice, IInvoiceSender sender)
    {
        var problem = await sender.QueueOnIssueAsync(invoice, $"{Request.Scheme}://{Request.Host}{Request.PathBase}/", HttpContext.RequestAborted);
        if (problem is null) TempData["Flash"] = $"Issued as {invoice.Number} and being e-mailed to {invoice.Client?.Email}; the history shows when it has gone.";
        else TempData["Error"] = $"Issued as {invoice.Number}. {problem}";
    }

    /// <summary>A blank rate is none (the issuer looks for one); a typed one is read in the display culture, or with a point.</summary>
    private static bool TryParseRate(string? typed, out decimal? rate)
    {
        rate = null;
        if (string.IsNullOrWhiteSpace(typed)) return true;
        if (!decimal.TryParse(typed.Trim(), NumberStyles.Number, CultureInfo.CurrentCulture, out var value)
            && !decimal.TryParse(typed.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out value)) return false;
        rate = value;
        return true;
    }
}
