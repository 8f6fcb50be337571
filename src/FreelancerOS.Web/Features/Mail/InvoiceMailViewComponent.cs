using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Mail;

/// <summary>On the invoice page: "Send by e-mail" and the invoice's payment-reminders switch.</summary>
public sealed class InvoiceMailViewComponent(AppDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int invoiceId, InvoiceStatus status)
    {
        var settings = await db.MailSettings.AsNoTracking().Select(s => new { s.RemindersEnabled, s.SmtpHost }).SingleOrDefaultAsync();
        var off = await db.InvoiceReminderOptOuts.AnyAsync(o => o.InvoiceId == invoiceId);
        var rules = await db.ReminderRules.CountAsync();
        return View("/Features/Mail/_InvoiceMail.cshtml", new InvoiceMailPanel(invoiceId, InvoiceMailer.CanSend(status),
            status is InvoiceStatus.Sent or InvoiceStatus.Overdue, off, settings?.RemindersEnabled ?? false, rules,
            !string.IsNullOrWhiteSpace(settings?.SmtpHost)));
    }
}
