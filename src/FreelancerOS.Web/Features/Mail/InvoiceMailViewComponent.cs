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
        // One statement for the panel (the invoice page is held to a fixed, small number): each figure a subquery of the invoice's row.
        var panel = await db.Invoices.AsNoTracking().Where(i => i.Id == invoiceId).Select(i => new
        {
            Reminders = db.MailSettings.Select(s => (bool?)s.RemindersEnabled).FirstOrDefault(),
            SmtpHost = db.MailSettings.Select(s => s.SmtpHost).FirstOrDefault(),
            Off = db.InvoiceReminderOptOuts.Any(o => o.InvoiceId == invoiceId),
            Rules = db.ReminderRules.Count(),
        }).SingleOrDefaultAsync();
        return View("/Features/Mail/_InvoiceMail.cshtml", new InvoiceMailPanel(invoiceId, InvoiceMailer.CanSend(status),
            status is InvoiceStatus.Sent or InvoiceStatus.Overdue, panel?.Off ?? false, panel?.Reminders ?? false, panel?.Rules ?? 0,
            !string.IsNullOrWhiteSpace(panel?.SmtpHost)));
    }
}
