using System.Security.Claims;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Invoices;

public sealed record PublicInvoicePage(Invoice Invoice, AccountSettings Settings, string? LogoDataUri, string PdfUrl);

/// <summary>
/// What a client sees at an invoice's public link, signed out: the token is the only key. An unknown,
/// altered or revoked token is a plain 404. After the token lookup the request acts as the invoice's
/// owner (like the calendar feed), so every further read goes through the usual owner filter.
/// </summary>
[AllowAnonymous]
public sealed class PublicInvoiceController(AppDbContext db, InvoiceShareLinks links, InvoiceDocuments documents, CurrentAccount account) : Controller
{
    [HttpGet("/i/{token}")]
    public async Task<IActionResult> Show(string token, [FromServices] CurrentUser currentUser)
    {
        var invoice = await LoadAsync(token, currentUser);
        if (invoice is null) return NotFound();
        var logo = await db.Logos.AsNoTracking().Select(l => new { l.Content, l.ContentType }).FirstOrDefaultAsync(HttpContext.RequestAborted);
        var logoUri = logo is null ? null : $"data:{logo.ContentType};base64,{Convert.ToBase64String(logo.Content)}";
        return View("/Features/Invoices/Public.cshtml",
            new PublicInvoicePage(invoice, await account.SettingsAsync(HttpContext.RequestAborted), logoUri, $"{InvoiceShareLinks.PathFor(token)}/pdf"));
    }

    [HttpGet("/i/{token}/pdf")]
    public async Task<IActionResult> Pdf(string token, [FromServices] CurrentUser currentUser)
    {
        var invoice = await LoadAsync(token, currentUser);
        if (invoice is null) return NotFound();
        return File(await documents.PdfAsync(invoice, HttpContext.RequestAborted), "application/pdf", InvoiceDocuments.FileName(invoice));
    }

    private async Task<Invoice?> LoadAsync(string token, CurrentUser currentUser)
    {
        // Never indexed, never cached, and the token does not leave in a Referer header.
        Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        Response.Headers.CacheControl = "no-store";
        Response.Headers["Referrer-Policy"] = "no-referrer";
        var found = await links.FindAsync(token, HttpContext.RequestAborted);
        if (found is not { } f) return null;
        var signedInAs = User.FindFirstValue(ClaimTypes.NameIdentifier);
        currentUser.ActAs(f.OwnerId);
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines).Include(i => i.Client)
            .AsSplitQuery().SingleOrDefaultAsync(i => i.Id == f.InvoiceId, HttpContext.RequestAborted);
        // The owner checking their own link is not the client viewing it.
        if (invoice is not null && signedInAs != f.OwnerId) await links.RecordViewAsync(f.InvoiceId, token, HttpContext.RequestAborted);
        return invoice;
    }
}
