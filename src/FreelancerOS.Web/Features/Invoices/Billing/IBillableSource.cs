using FreelancerOS.Web.Domain;

namespace FreelancerOS.Web.Features.Invoices;

/// <summary>
/// One kind of billable work: time, reached milestones, flat services, approved scope changes with an
/// amount, rechargeable expenses. Each kind has a single "is billable" rule that the form's list, the
/// dashboard's totals, the check of a pick and the claim's condition all use, so what the form offers is
/// exactly what a draft can take.
/// </summary>
public interface IBillableSource
{
    InvoiceLineSourceKind Kind { get; }

    /// <summary>
    /// The lines for this kind's part of the pick (none when nothing of it was ticked). Ids this account
    /// cannot see are "not found"; items of another client or not billable are refused by name.
    /// </summary>
    Task<PickResult> ResolveAsync(WorkPick pick, int clientId, string currency, CancellationToken ct);

    /// <summary>
    /// Takes the items of a saved line with one update conditioned on the rule (inside the saving
    /// transaction); returns how many it took, fewer when another invoice took some first.
    /// </summary>
    Task<int> ClaimAsync(int invoiceId, InvoiceLine line, PickedLine pick, CancellationToken ct);

    /// <summary>Makes the items of these lines of the invoice unbilled again; null means all of the invoice's items of this kind.</summary>
    Task ReleaseAsync(int invoiceId, IReadOnlyCollection<InvoiceLine>? lines, CancellationToken ct);

    /// <summary>
    /// Every client's billable items of this kind per currency, or null when the kind is not in the dashboard's figure: of the
    /// signed-in account, or of <paramref name="owner"/> whoever is signed in (the dashboard's kept figures are recomputed for
    /// the owner of what changed).
    /// </summary>
    IQueryable<UnbilledSum>? Totals(string? owner = null);
}
