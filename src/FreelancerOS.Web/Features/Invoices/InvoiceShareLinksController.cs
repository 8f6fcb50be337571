using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace FreelancerOS.Web.Features.Invoices;

/// <summary>The invoice's public link: made and revoked from the invoice page.</summary>
[UrlSegment("Invoices")]
public sealed class InvoiceShareLinksController : Controller
{
    [HttpPost]
    public async Task<IActionResult> Share(int id, [FromServices] InvoiceShareLinks links)
    {
        var (outcome, message) = await links.CreateAsync(id, HttpContext.RequestAborted);
        if (outcome == ShareOutcome.NotFound) return NotFound();
        if (outcome == ShareOutcome.Refused) TempData["Error"] = message;
        else TempData["Flash"] = "The public link is ready: copy it and send it to your client. Anyone with the link can see this invoice.";
        return Redirect($"/invoices/details/{id}#share-link");
    }

    [HttpPost]
    public async Task<IActionResult> Unshare(int id, [FromServices] InvoiceShareLinks links)
    {
        if (await links.RevokeAsync(id, HttpContext.RequestAborted) == ShareOutcome.NotFound) return NotFound();
        TempData["Flash"] = "The public link was revoked: it no longer opens the invoice.";
        return Redirect($"/invoices/details/{id}#share-link");
    }
}
