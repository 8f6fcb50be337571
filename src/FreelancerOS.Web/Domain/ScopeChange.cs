namespace FreelancerOS.Web.Domain;

public enum ScopeChangeState
{
    Proposed = 0,
    Approved = 1,
    Rejected = 2,
}

/// <summary>A request outside the agreed scope. Approved through <see cref="Project.Approve"/>.</summary>
public class ScopeChange : OwnedEntity
{
    public int ProjectId { get; set; }
    public string Description { get; set; } = "";
    public decimal? EstimateHours { get; set; }
    public decimal? EstimateAmount { get; set; }
    public ScopeChangeState State { get; set; }
    public DateOnly RequestedOn { get; set; }

    /// <summary>The invoice it is billed on; wired by the invoices feature (no navigation yet).</summary>
    public int? InvoiceId { get; set; }

    /// <summary>Approved and not on an invoice yet: ready to invoice as its own line.</summary>
    public bool IsBillable => State == ScopeChangeState.Approved && InvoiceId is null;

    /// <summary>An approved change is part of the project's value or estimate (and may be billed): it stays.</summary>
    public void EnsureDeletable()
    {
        if (State == ScopeChangeState.Approved)
            throw new DomainException("An approved change is part of the project's value or estimate and cannot be deleted.");
    }
}
