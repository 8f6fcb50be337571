using FluentValidation;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;

namespace FreelancerOS.Web.Features.Services;

public sealed class ServiceForm
{
    public string Name { get; set; } = "";
    public int ProjectId { get; set; }
    public ServicePricing Pricing { get; set; } = ServicePricing.Hourly;
    public decimal Rate { get; set; }
    public decimal Quantity { get; set; } = 1;
    public WorkStatus Status { get; set; } = WorkStatus.NotStarted;
    public string? Description { get; set; }
    public int Version { get; set; }

    public IReadOnlyList<ProjectOption> Projects { get; set; } = [];

    public static ServiceForm From(Service s) => new()
    {
        Name = s.Name, ProjectId = s.ProjectId, Pricing = s.Pricing, Rate = s.Rate, Quantity = s.Quantity,
        Status = s.Status, Description = s.Description, Version = s.Version,
    };

    public void ApplyTo(Service s)
    {
        s.Name = Name.Trim();
        s.ProjectId = ProjectId;
        s.Pricing = Pricing;
        s.Rate = Rate;
        s.Quantity = Quantity;
        s.Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim();
    }
}

public sealed record ProjectOption(int Id, string Name, string ClientName, string Currency);

public sealed class ServiceFormValidator : AbstractValidator<ServiceForm>
{
    public ServiceFormValidator(Data.AppDbContext db)
    {
        // The rate is in the project's client's currency (read once per validation).
        string? currency = null;
        string? CurrencyOf(ServiceForm f) => currency ??=
            db.Projects.Where(p => p.Id == f.ProjectId).Select(p => p.Client!.Currency).SingleOrDefault();
        RuleFor(f => f.Name).NotEmpty().WithMessage("Enter the service's name.")
            .MaximumLength(200).WithMessage("At most 200 characters.");
        RuleFor(f => f.ProjectId).GreaterThan(0).WithMessage("Choose the project.");
        RuleFor(f => f.Pricing).IsInEnum().WithMessage("Choose hourly or flat.");
        RuleFor(f => f.Status).IsInEnum().WithMessage("Choose a status.");
        RuleFor(f => f.Rate).GreaterThanOrEqualTo(0).WithMessage("The rate cannot be negative.")
            .LessThanOrEqualTo(1_000_000_000m).WithMessage("That rate is too large.")
            .WithCurrencyDecimals(CurrencyOf);
        // A flat service becomes one invoice line of rate × quantity: bounded like any amount, so no column overflows.
        // Checked only once both factors are in range, so the product itself cannot overflow.
        RuleFor(f => f.Rate).Must((f, r) => r > 1_000_000_000m || f.Quantity > 1_000_000m || r * f.Quantity <= Limits.MaxAmount(CurrencyOf(f)))
            .WithMessage(f => $"Rate × quantity is too large: at most {Limits.MaxAmount(CurrencyOf(f)).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} {CurrencyOf(f)}.".Replace(" .", "."));
        RuleFor(f => f.Quantity).GreaterThan(0).WithMessage("Enter more than 0 (hours for hourly, the quantity for flat).")
            .LessThanOrEqualTo(1_000_000m).WithMessage("That is too large.");
        RuleFor(f => f.Description).MaximumLength(4000).WithMessage("At most 4,000 characters.");
    }
}

public sealed record ServiceCard(int Id, string Name, int ProjectId, string ProjectName, string ClientName, ServicePricing Pricing,
    decimal Rate, decimal Quantity, WorkStatus Status, string Currency)
{
    public decimal TotalValue => Domain.Currency.Round(Rate * Quantity, Currency);
}

public sealed record StatusColumn(WorkStatus Status, int? ProjectId, IReadOnlyList<ServiceCard> Cards, int Count)
{
    /// <summary>Rendered as the answer to a move: htmx swaps the column in place by its id.</summary>
    public bool OutOfBand { get; init; }

    public int? FocusServiceId { get; init; }

    public StatusCards Page => new(Status, ProjectId, Cards, Cards.Count, Count);
}

/// <summary>A run of cards of one column and the "show more" after it.</summary>
public sealed record StatusCards(WorkStatus Status, int? ProjectId, IReadOnlyList<ServiceCard> Cards, int Shown, int Count)
{
    public BoardMore More => new($"/services/column?status={Status}&skip={Shown}{(ProjectId is { } p ? $"&projectId={p}" : "")}",
        ProjectId is { } id ? $"/projects/details/{id}" : "/projects/list", Shown, Count);
}

public sealed record StatusBoard(IReadOnlyList<StatusColumn> Columns, IReadOnlyList<ProjectOption> Projects, int? ProjectId, int? FocusServiceId);
