using FluentValidation;
using FreelancerOS.Web.Domain;

namespace FreelancerOS.Web.Features.Time;

public sealed class TimeEntryForm
{
    public DateOnly? Date { get; set; }
    public int ProjectId { get; set; }
    public int? ServiceId { get; set; }
    public string? Description { get; set; }
    public decimal? Hours { get; set; }
    public bool Billable { get; set; } = true;
    public int Version { get; set; }

    public IReadOnlyList<WorkOption> Options { get; set; } = [];
    public bool Locked { get; set; }
    public decimal? HourlyRate { get; set; }
    public string? Currency { get; set; }

    public static TimeEntryForm From(TimeEntry t) => new()
    {
        Date = t.Date, ProjectId = t.ProjectId, ServiceId = t.ServiceId, Description = t.Description, Hours = t.Hours,
        Billable = t.Billable, Version = t.Version, Locked = t.IsLocked, HourlyRate = t.HourlyRate, Currency = t.Currency,
    };
}

public sealed class TimeEntryFormValidator : AbstractValidator<TimeEntryForm>
{
    public TimeEntryFormValidator()
    {
        RuleFor(f => f.Date).NotNull().WithMessage("Enter the date.");
        RuleFor(f => f.ProjectId).GreaterThan(0).WithMessage("Choose the project.");
        RuleFor(f => f.Hours).NotNull().WithMessage("Enter the hours, e.g. 1.25.")
            .GreaterThan(0).WithMessage("Enter more than 0 hours.")
            .LessThanOrEqualTo(TimeEntry.MaxHoursPerDay).WithMessage("One entry is for one day: at most 24 hours.")
            .Must(h => h is null || decimal.Round(h.Value, 2) == h).WithMessage("Use at most two decimals (0.25 is a quarter hour).");
        RuleFor(f => f.Description).MaximumLength(1000).WithMessage("At most 1,000 characters.");
    }
}

public sealed class TimerForm
{
    public int ProjectId { get; set; }
    public int? ServiceId { get; set; }
    public string? Description { get; set; }
    public bool Billable { get; set; } = true;
}

public sealed class TimerFormValidator : AbstractValidator<TimerForm>
{
    public TimerFormValidator()
    {
        RuleFor(f => f.ProjectId).GreaterThan(0).WithMessage("Choose the project.");
        RuleFor(f => f.Description).MaximumLength(1000).WithMessage("At most 1,000 characters.");
    }
}

/// <summary>A project with its services, for the project and service selects.</summary>
public sealed record WorkOption(int ProjectId, string ProjectName, string ClientName, IReadOnlyList<(int Id, string Name)> Services);

public sealed record RunningTimerView(string ProjectName, int ProjectId, string? ServiceName, string? Description, DateTimeOffset StartedAt, decimal ElapsedHours);

public sealed record TimesheetCell(DateOnly Date, decimal Hours, int Entries, bool Locked)
{
    public bool Editable => Entries <= 1 && !Locked;
}

public sealed record TimesheetRow(int ProjectId, string ProjectName, string ClientName, int? ServiceId, string? ServiceName, IReadOnlyList<TimesheetCell> Cells)
{
    public decimal Total => Cells.Sum(c => c.Hours);
    public string Key => $"{ProjectId}-{ServiceId}";
}

public sealed record Timesheet(DateOnly WeekStart, IReadOnlyList<TimesheetRow> Rows, IReadOnlyDictionary<string, string> Errors)
{
    public IEnumerable<DateOnly> Days => Enumerable.Range(0, 7).Select(WeekStart.AddDays);
    public decimal DayTotal(int day) => Rows.Sum(r => r.Cells[day].Hours);
    public decimal Total => Rows.Sum(r => r.Total);
    public string WeekParam => WeekStart.ToString("yyyy-MM-dd");
    public DateOnly WeekEnd => WeekStart.AddDays(6);

    public static DateOnly MondayOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
}

public sealed record TimePage(Timesheet Sheet, RunningTimerView? Timer, IReadOnlyList<WorkOption> Options, DateOnly Today);
