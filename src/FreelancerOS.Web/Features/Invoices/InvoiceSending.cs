using FreelancerOS.Web.Domain;

namespace FreelancerOS.Web.Features.Invoices;

/// <summary>
/// "Send by e-mail now" on the issue action. Implemented by the Mail feature, so that Invoices does not
/// depend on it (Mail depends on Invoices for the PDF).
/// </summary>
public interface IInvoiceSender
{
    /// <summary>Queues the invoice e-mail from the template to the client; returns why it could not, or null.</summary>
    Task<string?> QueueOnIssueAsync(Invoice issued, string baseUrl, CancellationToken ct);
}
