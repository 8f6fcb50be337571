namespace FreelancerOS.Web.Domain;

public enum ProjectPricing
{
    FixedPrice = 0,
    Hourly = 1,
}

public enum Priority
{
    Low = 0,
    Medium = 1,
    High = 2,
}

/// <summary>Shared by projects and services: Not started, In progress, Completed.</summary>
public enum WorkStatus
{
    NotStarted = 0,
    InProgress = 1,
    Completed = 2,
}

public enum CompletionBasis
{
    /// <summary>Hours logged (billable or not) against the estimate.</summary>
    Hours = 0,

    /// <summary>Invoiced amount against the value.</summary>
    Invoicing = 1,
}

public static class WorkLabels
{
    public static string Label(this WorkStatus s) => s switch
    {
        WorkStatus.NotStarted => "Not started",
        WorkStatus.InProgress => "In progress",
        _ => "Completed",
    };

    public static string Label(this ProjectPricing p) => p == ProjectPricing.FixedPrice ? "Fixed price" : "Hourly";

    public static string Label(this CompletionBasis b) => b == CompletionBasis.Hours ? "By hours" : "By invoicing";

    public static readonly IReadOnlyList<Priority> Priorities = [Priority.Low, Priority.Medium, Priority.High];
    public static readonly IReadOnlyList<WorkStatus> Statuses = [WorkStatus.NotStarted, WorkStatus.InProgress, WorkStatus.Completed];
}

public class Project : OwnedEntity, IBoardCard<Priority>, ICreated
{
    Priority IBoardCard<Priority>.Column => Priority;

    public string Name { get; set; } = "";
    public int ClientId { get; set; }
    public Client? Client { get; set; }

    public ProjectPricing Pricing { get; set; }

    /// <summary>The fixed price agreed at the start (fixed-price projects), in the client's currency.</summary>
    public decimal? Value { get; set; }

    /// <summary>The project's hourly rate: used for time logged on it when no service rate applies.</summary>
    public decimal? HourlyRate { get; set; }

    public Priority Priority { get; private set; } = Priority.Medium;

    /// <summary>Position of the card within its priority column, 0 first.</summary>
    public int SortOrder { get; private set; }

    public WorkStatus Status { get; set; }

    /// <summary>A single date is a start date with no end date.</summary>
    public DateOnly? StartDate { get; private set; }
    public DateOnly? EndDate { get; private set; }

    public decimal? EstimatedHours { get; set; }
    public CompletionBasis CompletionBasis { get; set; }

    /// <summary>What approved scope changes added: to the value (fixed price) or the estimate (hourly).</summary>
    public decimal ApprovedExtraValue { get; private set; }
    public decimal ApprovedExtraHours { get; private set; }

    public string? Notes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// The hours of its time entries and its invoiced amount (see Features/Projects/ProjectInvoicing), kept by
    /// Data/KeptProjectFigures in the same transaction as every write that changes them, so the board and the list
    /// read them instead of summing every entry and line; null only on rows from before they were kept, until the
    /// start-up fill.
    /// </summary>
    public decimal? LoggedHours { get; internal set; } = 0m;
    public decimal? InvoicedAmount { get; internal set; } = 0m;

    /// <summary>The agreed value plus approved scope changes; null for an hourly project with no value.</summary>
    public decimal? TotalValue => WithExtra(Value, ApprovedExtraValue);

    /// <summary>The estimate plus approved scope changes; null when nothing was estimated.</summary>
    public decimal? TotalEstimatedHours => WithExtra(EstimatedHours, ApprovedExtraHours);

    /// <summary>An agreed figure plus what approved scope changes added; null when there is neither.</summary>
    public static decimal? WithExtra(decimal? agreed, decimal extra) => agreed is null && extra == 0 ? null : (agreed ?? 0) + extra;

    public void MoveTo(Priority priority, int sortOrder)
    {
        if (!Enum.IsDefined(priority))
            throw new DomainException("Unknown priority.", nameof(Priority));
        Priority = priority;
        SortOrder = sortOrder;
    }

    public void SetDates(DateOnly? start, DateOnly? end)
    {
        if (end is not null && start is null)
            throw new DomainException("Enter the start date too, or only a start date for a single date.", nameof(StartDate));
        if (start is not null && end is not null && end < start)
            throw new DomainException("The end date cannot be before the start date.", nameof(EndDate));
        StartDate = start;
        EndDate = end;
    }

    /// <summary>
    /// Completion as a whole percentage, or null when there is nothing to compare with (no estimate, no
    /// value). Over 100 is returned as is so the page can show the overrun.
    /// </summary>
    public int? CompletionPercent(decimal hoursLogged, decimal invoicedAmount) =>
        Completion(CompletionBasis, hoursLogged, TotalEstimatedHours, invoicedAmount, TotalValue);

    public static int? Completion(CompletionBasis basis, decimal hoursLogged, decimal? estimatedHours, decimal invoiced, decimal? value) =>
        basis == CompletionBasis.Hours
            ? estimatedHours is { } e ? Percent.Of(hoursLogged, e) : null
            : value is { } v ? Percent.Of(invoiced, v) : null;

    /// <summary>
    /// Approving a proposed change raises the value of a fixed-price project by its amount, or the
    /// estimate of an hourly project by its hours, and makes the change billable.
    /// </summary>
    public void Approve(ScopeChange change)
    {
        if (change.ProjectId != Id && change.ProjectId != 0)
            throw new DomainException("That scope change belongs to another project.");
        if (change.State != ScopeChangeState.Proposed)
            throw new DomainException($"Only a proposed change can be approved; this one is {change.State.ToString().ToLowerInvariant()}.");
        if (Pricing == ProjectPricing.FixedPrice)
        {
            if (change.EstimateAmount is not { } amount)
                throw new DomainException("A fixed-price project's change needs an amount before it can be approved.", nameof(ScopeChange.EstimateAmount));
            ApprovedExtraValue += amount;
            if (change.EstimateHours is { } h) ApprovedExtraHours += h;
        }
        else
        {
            if (change.EstimateHours is not { } hours)
                throw new DomainException("An hourly project's change needs an estimate in hours before it can be approved.", nameof(ScopeChange.EstimateHours));
            ApprovedExtraHours += hours;
        }
        change.State = ScopeChangeState.Approved;
    }

    public void Reject(ScopeChange change)
    {
        if (change.State != ScopeChangeState.Proposed)
            throw new DomainException($"Only a proposed change can be rejected; this one is {change.State.ToString().ToLowerInvariant()}.");
        change.State = ScopeChangeState.Rejected;
    }
}
