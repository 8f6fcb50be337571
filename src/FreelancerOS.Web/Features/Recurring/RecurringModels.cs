using FluentValidation;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Features.Invoices;
using FreelancerOS.Web.Infrastructure;
using ClientOption = FreelancerOS.Web.Features.Projects.ClientOption;

namespace FreelancerOS.Web.Features.Recurring;

public sealed class RecurringForm
{
    public string? Name { get; set; }
    public int ClientId { get; set; }
    public int? ProjectId { get; set; }
    public RecurringFrequency Frequency { get; set; } = RecurringFrequency.Monthly;
    public DayOfWeek DayOfWeek { get; set; } = DayOfWeek.Monday;
    public int? DayOfMonth { get; set; } = 1;
    public DateOnly? StartDate { get; set; }
    public RecurringEndKind EndKind { get; set; }
    public DateOnly? EndDate { get; set; }
    public int? MaxRuns { get; set; }
    public decimal? TaxRate { get; set; }
    public string? Notes { get; set; }
    public RecurringRunAction Action { get; set; }
    public bool IsRetainer { get; set; }
    public decimal? IncludedHours { get; set; }
    public decimal? OverageRate { get; set; }
    public int Version { get; set; }
    public List<InvoiceLineForm> Lines { get; set; } = [];

    public IEnumerable<InvoiceLineForm> FilledLines => Lines.Where(l => !l.IsBlank);

    public RecurringTerms ToTerms() => new(
        Name ?? "", Frequency, DayOfWeek, DayOfMonth ?? 1, StartDate!.Value, EndKind, EndDate, MaxRuns, TaxRate, Notes, Action,
        IsRetainer ? IncludedHours ?? 0 : null, IsRetainer ? OverageRate : null,
        FilledLines.Select(l => new RecurringLineTerms(l.Description ?? "", l.Quantity ?? 0, l.UnitPrice ?? 0)).ToList());

    public RecurringForm WithBlankRows()
    {
        Lines = FilledLines.ToList();
        while (Lines.Count < 2 || !Lines[^1].IsBlank) Lines.Add(new InvoiceLineForm());
        return this;
    }

    public static RecurringForm From(RecurringSchedule s) => new RecurringForm
    {
        Name = s.Name, ClientId = s.ClientId, ProjectId = s.ProjectId, Frequency = s.Frequency, DayOfWeek = s.DayOfWeek, DayOfMonth = s.DayOfMonth,
        StartDate = s.StartDate, EndKind = s.EndKind, EndDate = s.EndDate, MaxRuns = s.MaxRuns, TaxRate = s.TaxRate, Notes = s.Notes,
        Action = s.Action, IsRetainer = s.IsRetainer, IncludedHours = s.IncludedHours, OverageRate = s.OverageRate, Version = s.Version,
        Lines = s.Lines.OrderBy(l => l.Position).Select(l => new InvoiceLineForm { Description = l.Description, Quantity = l.Quantity, UnitPrice = l.UnitPrice }).ToList(),
    }.WithBlankRows();
}

public sealed class RecurringFormValidator : AbstractValidator<RecurringForm>
{
    public RecurringFormValidator()
    {
        RuleFor(f => f.Name).NotEmpty().WithMessage("Give the schedule a name, e.g. \"Monthly retainer\".")
            .MaximumLength(200).WithMessage("At most 200 characters.");
        RuleFor(f => f.ClientId).GreaterThan(0).WithMessage("Choose the client to invoice.");
        RuleFor(f => f.Frequency).IsInEnum().WithMessage("Choose how often.");
        RuleFor(f => f.DayOfWeek).IsInEnum().WithMessage("Choose the weekday.");
        RuleFor(f => f.DayOfMonth).NotNull().WithMessage("Enter the day of the month.")
            .InclusiveBetween(1, 31).WithMessage("Enter a day between 1 and 31 (29–31 run on the last day of shorter months).")
            .When(f => f.Frequency != RecurringFrequency.Weekly);
        RuleFor(f => f.StartDate).NotNull().WithMessage("Enter the start date.")
            .Must(d => d is null || Limits.IsSaneDate(d.Value)).WithMessage("Enter a real date.");
        RuleFor(f => f.EndKind).IsInEnum().WithMessage("Choose when the schedule ends.");
        RuleFor(f => f.EndDate).NotNull().WithMessage("Enter the end date.").When(f => f.EndKind == RecurringEndKind.OnDate);
        RuleFor(f => f.EndDate).GreaterThanOrEqualTo(f => f.StartDate).WithMessage("The end date cannot be before the start date.")
            .When(f => f.EndKind == RecurringEndKind.OnDate && f.EndDate is not null && f.StartDate is not null);
        RuleFor(f => f.MaxRuns).NotNull().WithMessage("Enter how many invoices to make.")
            .InclusiveBetween(1, RecurringSchedule.MaxRunsLimit).WithMessage($"Enter between 1 and {RecurringSchedule.MaxRunsLimit}.")
            .When(f => f.EndKind == RecurringEndKind.AfterCount);
        RuleFor(f => f.TaxRate).InclusiveBetween(0m, 100m).WithMessage("Enter a tax rate between 0 and 100 %.")
            .Must(r => r is null || decimal.Round(r.Value, 4) == r.Value).WithMessage("Use at most four decimals.");
        RuleFor(f => f.Notes).MaximumLength(4000).WithMessage("At most 4,000 characters.");
        RuleFor(f => f.Action).IsInEnum().WithMessage("Choose what each run does.");
        RuleFor(f => f.IncludedHours).NotNull().WithMessage("Enter the hours included in each period (0 if none).")
            .InclusiveBetween(0m, RecurringSchedule.MaxIncludedHours).WithMessage($"Enter between 0 and {RecurringSchedule.MaxIncludedHours:0} hours.")
            .Must(h => h is null || decimal.Round(h.Value, 2) == h.Value).WithMessage("Use at most two decimals.")
            .When(f => f.IsRetainer);
        RuleFor(f => f.OverageRate).NotNull().WithMessage("Enter the hourly rate for hours over the included ones.")
            .GreaterThanOrEqualTo(0m).WithMessage("The rate cannot be negative.")
            .LessThanOrEqualTo(InvoiceFormValidator.MaxUnitPrice).WithMessage(Limits.AmountMessage(null))
            .Must(r => r is null || decimal.Round(r.Value, 4) == r.Value).WithMessage("Use at most four decimals.")
            .When(f => f.IsRetainer);
        RuleFor(f => f.FilledLines.Count()).GreaterThan(0).OverridePropertyName("Lines")
            .WithMessage("Add at least one line (e.g. the retainer fee).");
        RuleFor(f => f.Lines.Count).LessThanOrEqualTo(RecurringSchedule.MaxLines).OverridePropertyName("Lines")
            .WithMessage($"A schedule holds at most {RecurringSchedule.MaxLines} lines.");
        RuleForEach(f => f.Lines).Where(l => !l.IsBlank).ChildRules(line =>
        {
            line.RuleFor(l => l.Description).NotEmpty().WithMessage("Describe the line.")
                .MaximumLength(400).WithMessage("At most 400 characters.");
            line.RuleFor(l => l.Quantity).NotNull().WithMessage("Enter a quantity.")
                .GreaterThan(0).WithMessage("The quantity must be more than zero.")
                .LessThanOrEqualTo(InvoiceFormValidator.MaxQuantity).WithMessage("At most 1,000,000.")
                .Must(q => q is null || decimal.Round(q.Value, 4) == q.Value).WithMessage("Use at most four decimals.");
            line.RuleFor(l => l.UnitPrice).NotNull().WithMessage("Enter a unit price.")
                .GreaterThanOrEqualTo(0).WithMessage("The unit price cannot be negative.")
                .LessThanOrEqualTo(InvoiceFormValidator.MaxUnitPrice).WithMessage(Limits.AmountMessage(null))
                .Must(p => p is null || decimal.Round(p.Value, 4) == p.Value).WithMessage("Use at most four decimals.");
            line.RuleFor(l => l).Must(l => l.Quantity is not { } q || l.UnitPrice is not { } u
                    || Math.Abs(q) > InvoiceFormValidator.MaxQuantity || Math.Abs(u) > InvoiceFormValidator.MaxUnitPrice || q * u <= InvoiceFormValidator.MaxUnitPrice)
                .OverridePropertyName("UnitPrice").WithMessage(Limits.AmountMessage(null));
        });
    }
}

public sealed record ProjectOption(int Id, int ClientId, string Name, string ClientName);

public sealed record RecurringFormPage(RecurringForm Form, IReadOnlyList<ClientOption> Clients, IReadOnlyList<ProjectOption> Projects,
    int? ScheduleId);

public sealed record RecurringListRow(int Id, string Name, int ClientId, string ClientName, string Currency, RecurringFrequency Frequency,
    DayOfWeek DayOfWeek, int DayOfMonth, DateOnly? NextRunDate, bool IsPaused, bool IsRetainer, int RunsMade);

public sealed record RecurringList(Paged<RecurringListRow> Rows, int? ClientId, string? ClientName);

public sealed record RecurringRunRow(DateOnly RunDate, DateOnly PeriodStart, DateOnly PeriodEnd, int? InvoiceId, string? Number,
    InvoiceStatus? Status, decimal? Total, decimal? OverageHours, string? Note);

public sealed record RecurringDetails(RecurringSchedule Schedule, string ClientName, string? ProjectName, string Currency, decimal TemplateTotal,
    Paged<RecurringRunRow> Runs, IReadOnlyList<RetainerPeriod> Periods);

public static class RecurringDisplay
{
    public static string Action(RecurringRunAction a) => a switch
    {
        RecurringRunAction.CreateDraft => "Create a draft to review",
        RecurringRunAction.Issue => "Issue it (gives it a number)",
        _ => "Issue it and send it by e-mail",
    };

    public static string Ends(RecurringSchedule s) => s.EndKind switch
    {
        RecurringEndKind.OnDate => $"on {s.EndDate:yyyy-MM-dd}",
        RecurringEndKind.AfterCount => $"after {s.MaxRuns} invoice(s) ({s.RunsMade} made)",
        _ => "never",
    };

    public static string Every(RecurringFrequency f, DayOfWeek dow, int dom) => f == RecurringFrequency.Weekly
        ? $"Weekly on {dow}"
        : $"{f} on the {RecurringSchedule.Ordinal(dom)}";
}
