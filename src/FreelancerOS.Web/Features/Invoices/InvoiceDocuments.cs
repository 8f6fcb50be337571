using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Invoices;

/// <summary>
/// The invoice as a document (the PDF, with the account's logo), the same for the owner's download, the
/// client's public link and an e-mail attachment.
/// </summary>
public sealed class InvoiceDocuments(AppDbContext db, CurrentAccount account)
{
    public async Task<byte[]> PdfAsync(Invoice invoice, CancellationToken ct = default) =>
        await PdfAsync(invoice, await account.SettingsAsync(ct), ct);

    /// <summary>For jobs that act for several accounts in one scope and read each account's settings themselves.</summary>
    public async Task<byte[]> PdfAsync(Invoice invoice, AccountSettings settings, CancellationToken ct)
    {
        var logo = await db.Logos.AsNoTracking().Select(l => l.Content).FirstOrDefaultAsync(ct);
        return InvoicePdf.Render(InvoicePdfModel.From(invoice, settings, logo));
    }

    public static string FileName(Invoice invoice) =>
        (invoice.Number ?? $"draft-{invoice.IssueDate:yyyy-MM-dd}-{invoice.Id}") + ".pdf";
}
