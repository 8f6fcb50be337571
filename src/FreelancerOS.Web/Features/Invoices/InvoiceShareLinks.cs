using FreelancerOS.Web.Domain;

namespace FreelancerOS.Web.Features.Invoices;

/// <summary>
/// The link a client opens to see an issued invoice without signing in. E-mails (sending, reminders)
/// put it in their body through this seam, so mail does not depend on how links are stored.
/// </summary>
public interface IInvoiceShareLinks
{
    /// <summary>
    /// The invoice's public address under <paramref name="baseUrl"/> (e.g. "https://books.example.com/"),
    /// created when the invoice has none yet; null when the invoice cannot be shared (a draft) or links
    /// are not available. Saves its own changes.
    /// </summary>
    Task<string?> LinkForAsync(Invoice invoice, string baseUrl, CancellationToken ct);
}

/// <summary>Until public links exist: e-mails go out without one.</summary>
public sealed class NoShareLinks : IInvoiceShareLinks
{
    public Task<string?> LinkForAsync(Invoice invoice, string baseUrl, CancellationToken ct) => Task.FromResult<string?>(null);
}
