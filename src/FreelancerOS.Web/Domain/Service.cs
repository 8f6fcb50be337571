namespace FreelancerOS.Web.Domain;

public enum ServicePricing
{
    Hourly = 0,
    Flat = 1,
}

public class Service : OwnedEntity, IBoardCard<WorkStatus>
{
    WorkStatus IBoardCard<WorkStatus>.Column => Status;

    public string Name { get; set; } = "";
    public int ProjectId { get; set; }
    public Project? Project { get; set; }
    public ServicePricing Pricing { get; set; }

    /// <summary>The hourly rate (Hourly) or the fee per unit (Flat), in the client's currency.</summary>
    public decimal Rate { get; set; }

    /// <summary>Hours planned (Hourly) or the number of units (Flat, usually 1).</summary>
    public decimal Quantity { get; set; } = 1;

    public WorkStatus Status { get; private set; }

    /// <summary>Position of the card within its status column, 0 first.</summary>
    public int SortOrder { get; private set; }

    public string? Description { get; set; }

    /// <summary>The invoice a flat service is billed on; wired by the invoices feature (no navigation yet).</summary>
    public int? InvoiceId { get; set; }

    /// <summary>Rate x hours, or the flat fee (x quantity), not yet rounded.</summary>
    public decimal TotalValue => Rate * Quantity;

    /// <summary>Only an hourly service has an hourly rate for time entries; a flat fee is not one.</summary>
    public decimal? HourlyRateForTime => Pricing == ServicePricing.Hourly ? Rate : null;

    public void MoveTo(WorkStatus status, int sortOrder)
    {
        if (!Enum.IsDefined(status))
            throw new DomainException("Unknown status.", nameof(Status));
        Status = status;
        SortOrder = sortOrder;
    }

    /// <summary>A flat service billed on an invoice: the line holds its fee, so the service no longer changes.</summary>
    public bool IsLocked => InvoiceId is not null;

    /// <summary>Why the service cannot be changed or deleted, or null when it can.</summary>
    public string? EditRefusal() => IsLocked ? "This service is on an invoice and cannot be changed or deleted." : null;
}
