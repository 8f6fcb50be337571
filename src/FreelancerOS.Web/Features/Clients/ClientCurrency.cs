using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Clients;

/// <summary>
/// A client's currency is fixed once money was counted in it: invoices (any status) or priced work
/// (time, milestones, services, scope changes with an amount, a fixed price on a project). Changing it then
/// would make invoiced and unbilled sums add different currencies.
/// </summary>
public static class ClientCurrency
{
    /// <summary>Why the currency cannot change any more, or null while it still can.</summary>
    public static async Task<string?> WhyFixedAsync(AppDbContext db, int clientId, CancellationToken ct = default)
    {
        var counts = await db.Clients.AsNoTracking().Where(c => c.Id == clientId).Select(c => new
        {
            Invoices = db.Invoices.Any(i => i.ClientId == c.Id),
            Time = db.TimeEntries.Any(t => t.Project!.ClientId == c.Id && t.HourlyRate != 0),
            Milestones = db.Milestones.Any(m => db.Projects.Any(p => p.Id == m.ProjectId && p.ClientId == c.Id)),
            Services = db.Services.Any(s => s.Project!.ClientId == c.Id && s.Rate != 0),
            Changes = db.ScopeChanges.Any(s => s.EstimateAmount != null && db.Projects.Any(p => p.Id == s.ProjectId && p.ClientId == c.Id)),
            Prices = db.Projects.Any(p => p.ClientId == c.Id && (p.Value != null || p.HourlyRate != null)),
        }).SingleOrDefaultAsync(ct);
        if (counts is null) return null;
        var reason = counts.Invoices ? "it has invoices"
            : counts.Time ? "time was logged for it at a rate"
            : counts.Milestones || counts.Services || counts.Changes || counts.Prices ? "its projects carry prices" : null;
        return reason is null ? null : $"The currency is fixed because {reason} in this currency; a client in another currency is a new client.";
    }

    public static bool Changes(Client client, string? typed) => Currency.Normalize(typed) != client.Currency;
}
