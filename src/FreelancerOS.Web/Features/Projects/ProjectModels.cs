using FluentValidation;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;

namespace FreelancerOS.Web.Features.Projects;

public sealed class ProjectForm
{
    public string Name { get; set; } = "";
    public int ClientId { get; set; }
    public ProjectPricing Pricing { get; set; } = ProjectPricing.Hourly;
    public decimal? Value { get; set; }
    public decimal? HourlyRate { get; set; }
    public Priority Priority { get; set; } = Priority.Medium;
    public WorkStatus Status { get; set; } = WorkStatus.NotStarted;
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public decimal? EstimatedHours { get; set; }
    public CompletionBasis CompletionBasis { get; set; } = CompletionBasis.Hours;
    public string? Notes { get; set; }
    public int Version { get; set; }

    /// <summary>The clients to choose from; filled by the controller.</summary>
    public IReadOnlyList<ClientOption> Clients { get; set; } = [];

    public static ProjectForm From(Project p) => new()
    {
        Name = p.Name, ClientId = p.ClientId, Pricing = p.Pricing, Value = p.Value, HourlyRate = p.HourlyRate,
        Priority = p.Priority, Status = p.Status, StartDate = p.StartDate, EndDate = p.EndDate,
        EstimatedHours = p.EstimatedHours, CompletionBasis = p.CompletionBasis, Notes = p.Notes, Version = p.Version,
    };

    /// <summary>Copies the typed values; the priority is moved by the caller (it needs a position).</summary>
    public void ApplyTo(Project p)
    {
        p.Name = Name.Trim();
        p.ClientId = ClientId;
        p.Pricing = Pricing;
        p.Value = Pricing == ProjectPricing.FixedPrice ? Value : null;
        p.HourlyRate = HourlyRate;
        p.Status = Status;
        p.SetDates(StartDate, EndDate);
        p.EstimatedHours = EstimatedHours;
        p.CompletionBasis = CompletionBasis;
        p.Notes = string.IsNullOrWhiteSpace(Notes) ? null : Notes.Trim();
    }
}

public sealed record ClientOption(int Id, string Name, string Currency);

public sealed class ProjectFormValidator : AbstractValidator<ProjectForm>
{
    // The two-decimal bound of Limits: these amounts are in the client's currency, summed as decimals.
    public static readonly decimal MaxAmount = Limits.MaxAmount(null);

    public ProjectFormValidator(Data.AppDbContext db)
    {
        // The amounts are in the chosen client's currency (read once per validation).
        string? currency = null;
        string? CurrencyOf(ProjectForm f) => currency ??=
            db.Clients.Where(c => c.Id == f.ClientId).Select(c => c.Currency).SingleOrDefault();
        RuleFor(f => f.Name).NotEmpty().WithMessage("Enter the project's name.")
            .MaximumLength(200).WithMessage("At most 200 characters.");
        RuleFor(f => f.ClientId).GreaterThan(0).WithMessage("Choose the client.");
        RuleFor(f => f.Pricing).IsInEnum().WithMessage("Choose fixed price or hourly.");
        RuleFor(f => f.Priority).IsInEnum().WithMessage("Choose a priority.");
        RuleFor(f => f.Status).IsInEnum().WithMessage("Choose a status.");
        RuleFor(f => f.CompletionBasis).IsInEnum().WithMessage("Choose how completion is measured.");
        RuleFor(f => f.Value).NotNull().WithMessage("Enter the fixed price.")
            .When(f => f.Pricing == ProjectPricing.FixedPrice);
        RuleFor(f => f.Value).GreaterThan(0).WithMessage("The fixed price must be more than 0.")
            .LessThanOrEqualTo(MaxAmount).WithMessage(Limits.AmountMessage(null))
            .WithCurrencyDecimals(CurrencyOf)
            .When(f => f.Value is not null);
        RuleFor(f => f.HourlyRate).GreaterThanOrEqualTo(0).WithMessage("The hourly rate cannot be negative.")
            .LessThanOrEqualTo(1_000_000m).WithMessage("That rate is too large.");
        RuleFor(f => f.EstimatedHours).GreaterThan(0).WithMessage("The estimate must be more than 0 hours, or leave it empty.")
            .LessThanOrEqualTo(1_000_000m).WithMessage("That estimate is too large.");
        RuleFor(f => f.EndDate).Must((f, end) => end is null || f.StartDate is null || end >= f.StartDate)
            .WithMessage("The end date cannot be before the start date.");
        RuleFor(f => f.StartDate).NotNull().When(f => f.EndDate is not null)
            .WithMessage("Enter the start date too, or only a start date for a single date.");
        RuleFor(f => f.CompletionBasis).Must((f, b) => b != CompletionBasis.Invoicing || f.Pricing == ProjectPricing.FixedPrice)
            .WithMessage("Completion by invoicing needs a value: choose fixed price, or measure by hours.");
        RuleFor(f => f.Notes).MaximumLength(4000).WithMessage("At most 4,000 characters.");
    }
}

public sealed record ProjectCard(
    int Id, string Name, string ClientName, Priority Priority, WorkStatus Status, ProjectPricing Pricing,
    DateOnly? StartDate, DateOnly? EndDate, int? CompletionPercent);

public sealed record PriorityColumn(Priority Priority, IReadOnlyList<ProjectCard> Cards, int Count)
{
    /// <summary>Rendered as the answer to a move: htmx swaps the column in place by its id.</summary>
    public bool OutOfBand { get; init; }

    public int? FocusProjectId { get; init; }

    public PriorityCards Page => new(Priority, Cards, Cards.Count, Count);
}

/// <summary>A run of cards of one column and the "show more" after it.</summary>
public sealed record PriorityCards(Priority Priority, IReadOnlyList<ProjectCard> Cards, int Shown, int Count)
{
    public BoardMore More => new($"/projects/column?priority={Priority}&skip={Shown}", $"/projects/list?priority={Priority}", Shown, Count);
}

public sealed record PriorityBoard(IReadOnlyList<PriorityColumn> Columns, int? FocusProjectId)
{
    /// <summary>Completed projects, off the board: the page links to them in the list.</summary>
    public int Completed { get; init; }
}

public sealed record ProjectListRow(
    int Id, string Name, int ClientId, string ClientName, string Currency, ProjectPricing Pricing, Priority Priority,
    WorkStatus Status, DateOnly? StartDate, DateOnly? EndDate, decimal? Value, decimal ExtraValue, int? CompletionPercent);

public sealed record ProjectList(
    Paged<ProjectListRow> Rows, IReadOnlyList<ClientOption> Clients, int? ClientId, WorkStatus? Status, Priority? Priority);

public sealed record ServiceRow(int Id, string Name, ServicePricing Pricing, decimal Rate, decimal Quantity, WorkStatus Status, bool Locked)
{
    public decimal TotalValue => Rate * Quantity;
}

public sealed record TimeEntryRow(int Id, DateOnly Date, string? ServiceName, string? Description, decimal Hours, bool Billable, decimal HourlyRate, decimal Amount, string Currency, bool Locked);

public sealed record ProjectDetails(
    Project Project, string ClientName, string Currency, int? CompletionPercent, decimal HoursLogged, decimal Invoiced,
    IReadOnlyList<ServiceRow> Services, IReadOnlyList<Milestone> Milestones, IReadOnlyList<ScopeChange> ScopeChanges,
    Paged<TimeEntryRow> Entries, Profitability Profitability, ScopeChangeForm NewScopeChange)
{
    public string DateText => Project.StartDate is null ? "—"
        : Project.EndDate is null ? Project.StartDate.Value.ToString("d") : $"{Project.StartDate:d} – {Project.EndDate:d}";
}

public sealed class ScopeChangeForm
{
    public string? Description { get; set; }
    public decimal? EstimateHours { get; set; }
    public decimal? EstimateAmount { get; set; }
}

public sealed class ScopeChangeFormValidator : AbstractValidator<ScopeChangeForm>
{
    public ScopeChangeFormValidator()
    {
        RuleFor(f => f.Description).NotEmpty().WithMessage("Describe the change.")
            .MaximumLength(2000).WithMessage("At most 2,000 characters.");
        RuleFor(f => f.EstimateHours).GreaterThan(0).WithMessage("Hours must be more than 0, or leave them empty.")
            .LessThanOrEqualTo(100_000m).WithMessage("That estimate is too large.");
        RuleFor(f => f.EstimateAmount).GreaterThan(0).WithMessage("The amount must be more than 0, or leave it empty.")
            .LessThanOrEqualTo(ProjectFormValidator.MaxAmount).WithMessage(Limits.AmountMessage(null))
            // The currency's own decimals are checked by the action, which knows the project (3 is the most any currency has).
            .Must(v => v is null || decimal.Round(v.Value, 3) == v).WithMessage("Use at most three decimals.");
        RuleFor(f => f.EstimateHours).NotNull().When(f => f.EstimateAmount is null)
            .WithMessage("Enter an estimate in hours or an amount.");
    }
}

public sealed class MilestoneRowForm
{
    public int Id { get; set; }
    public string? Name { get; set; }
    public decimal? Share { get; set; }
    public DateOnly? DueDate { get; set; }
    public MilestoneState State { get; set; }
}

public sealed class MilestoneScheduleForm
{
    public ShareMode Mode { get; set; } = ShareMode.Percent;
    public List<MilestoneRowForm> Rows { get; set; } = [];
    public int Version { get; set; }

    /// <summary>The rows that carry anything; a blank row is ignored (a saved milestone left blank is removed).</summary>
    public List<MilestoneRowForm> FilledRows() =>
        Rows.Where(r => !string.IsNullOrWhiteSpace(r.Name) || r.Share is not null).ToList();
}

public sealed class MilestoneScheduleFormValidator : AbstractValidator<MilestoneScheduleForm>
{
    public MilestoneScheduleFormValidator()
    {
        RuleFor(f => f.Mode).IsInEnum().WithMessage("Choose percent or amount.");
        RuleFor(f => f.Rows).Must(r => r.Count <= 50).WithMessage("At most 50 milestones.");
        RuleForEach(f => f.Rows).ChildRules(row =>
        {
            row.RuleFor(r => r.Name).NotEmpty().WithMessage("Name the milestone.")
                .MaximumLength(200).WithMessage("At most 200 characters.")
                .When(r => r.Share is not null);
            row.RuleFor(r => r.Share).NotNull().WithMessage("Enter its share.")
                .When(r => !string.IsNullOrWhiteSpace(r.Name));
            row.RuleFor(r => r.Share).GreaterThan(0).WithMessage("A share must be more than 0.")
                .LessThanOrEqualTo(ProjectFormValidator.MaxAmount).WithMessage(Limits.AmountMessage(null));
            row.RuleFor(r => r.State).IsInEnum().WithMessage("Choose a state.");
        });
    }
}

public sealed record MilestoneEditor(int ProjectId, string ProjectName, decimal Value, string Currency, MilestoneScheduleForm Form, IReadOnlyList<Milestone> Existing);
