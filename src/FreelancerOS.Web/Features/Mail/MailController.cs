using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Mail;

/// <summary>E-mail settings (Settings → E-mail), sending an invoice, and its reminders switch.</summary>
public sealed class MailController(AppDbContext db, MailSettingsEditor editor, InvoiceMailer mailer, MailOutbox outbox, TimeProvider clock) : Controller
{
    [HttpGet("/settings/email")]
    public async Task<IActionResult> Index() => View(await editor.PageAsync(null, HttpContext.RequestAborted));

    [HttpPost("/settings/email")]
    public async Task<IActionResult> Index(MailSettingsForm form)
    {
        if (!ModelState.IsValid) return View(await editor.PageAsync(form.WithBlankRow(), HttpContext.RequestAborted));
        await editor.SaveAsync(form, HttpContext.RequestAborted);
        TempData["Flash"] = "E-mail settings saved.";
        return Redirect("/settings/email");
    }

    /// <summary>A test message to the from-address (or the account's own), sent now with the saved settings.</summary>
    [HttpPost("/settings/email/test")]
    public async Task<IActionResult> Test()
    {
        var (ok, message) = await editor.SendTestAsync(User.Identity?.Name, HttpContext.RequestAborted);
        TempData[ok ? "Flash" : "Error"] = message;
        return Redirect("/settings/email");
    }

    [HttpGet("/invoices/send/{id:int}")]
    public async Task<IActionResult> Send(int id)
    {
        var invoice = await LoadAsync(id);
        if (invoice is null) return NotFound();
        if (Refusal(invoice) is { } refusal) return RefuseAsync(id, refusal);
        return View(await SendPageAsync(invoice, await mailer.ComposeAsync(invoice, HttpContext.RequestAborted)));
    }

    [HttpPost("/invoices/send/{id:int}")]
    public async Task<IActionResult> Send(int id, SendForm form)
    {
        var invoice = await LoadAsync(id);
        if (invoice is null) return NotFound();
        if (Refusal(invoice) is { } refusal) return RefuseAsync(id, refusal);
        if (!ModelState.IsValid) return View(await SendPageAsync(invoice, form));
        await mailer.QueueAsync(invoice, form, BaseUrl(), HttpContext.RequestAborted);
        TempData["Flash"] = $"{invoice.Number} is being sent to {string.Join(", ", MailAddresses.Split(form.To))}; the history below shows when it has gone.";
        return Redirect($"/invoices/details/{id}");
    }

    /// <summary>Payment reminders for one invoice: on (the default) or off.</summary>
    [HttpPost("/invoices/reminders/{id:int}")]
    public async Task<IActionResult> Reminders(int id, bool on)
    {
        if (!await db.Invoices.AnyAsync(i => i.Id == id)) return NotFound();
        var existing = await db.InvoiceReminderOptOuts.SingleOrDefaultAsync(o => o.InvoiceId == id);
        if (on && existing is not null) db.InvoiceReminderOptOuts.Remove(existing);
        if (!on && existing is null) db.InvoiceReminderOptOuts.Add(new InvoiceReminderOptOut(id, clock.GetUtcNow()));
        await db.SaveChangesAsync();
        TempData["Flash"] = on ? "Payment reminders are on for this invoice." : "Payment reminders are off for this invoice.";
        return Redirect($"/invoices/details/{id}");
    }

    /// <summary>The address this request came in at (after the forwarded headers), for the client's link.</summary>
    private string BaseUrl() => $"{Request.Scheme}://{Request.Host}{Request.PathBase}/";

    private static string? Refusal(Invoice invoice) => InvoiceMailer.CanSend(invoice.Status) ? null
        : invoice.Status == InvoiceStatus.Draft ? "Issue the draft before sending it: a draft has no number yet." : "A void invoice cannot be sent.";

    private RedirectResult RefuseAsync(int id, string message)
    {
        TempData["Error"] = message;
        return Redirect($"/invoices/details/{id}");
    }

    private Task<Invoice?> LoadAsync(int id) =>
        db.Invoices.AsNoTracking().Include(i => i.Client).SingleOrDefaultAsync(i => i.Id == id);

    private async Task<SendPage> SendPageAsync(Invoice invoice, SendForm form) =>
        new(invoice.Id, invoice.Number ?? "", invoice.Client?.Name ?? "", form, (await mailer.SettingsAsync(HttpContext.RequestAborted)).UsesSmtp, outbox.Folder);
}
