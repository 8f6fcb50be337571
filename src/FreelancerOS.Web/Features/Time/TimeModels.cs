using FluentValidation;
using FreelancerOS.Web.Domain;

namespace FreelancerOS.Web.Features.Time;

public sealed class TimeEntryForm
{
    public DateOnly? Date { get; set; }
    public int ProjectId { get; set; }
    public int? ServiceId { get; set; }
    public string? Description { get; set; }
    /// <summary>As typed ("2:30", "2h30", "2.5"): read by <see cref="HoursText"/>.</summary>
    public string? Hours { get; set; }
    public bool Billable { get; set; } = true;
    public int Version { get; set; }

    /// <summary>Where the user started from (a local path), to go back there after saving.</summary>
    public string? ReturnUrl { get; set; }

    public decimal ParsedHours => HoursText.TryParse(Hours, out var h, out _) ? h : 0;

    public IReadOnlyList<WorkOption> Options { get; set; } = [];
    public bool Locked { get; set; }
    public bool DefaultRateIsZero { get; set; }
    public decimal? HourlyRate { get; set; }
    public string? Currency { get; set; }

    /// <summary>What the form sets on an entry, new or edited; the rate and the hours follow their own rules.</summary>
    public void ApplyTo(TimeEntry entry)
    {
        entry.Date = Date!.Value;
        entry.ProjectId = ProjectId;
        entry.ServiceId = ServiceId;
        entry.Description = TimeShared.Blank(Description);
        entry.Billable = Billable;
    }

    public static TimeEntryForm From(TimeEntry t) => new()
    {
        Date = t.Date, ProjectId = t.ProjectId, ServiceId = t.ServiceId, Description = t.Description, Hours = HoursText.Format(t.Hours),
        Billable = t.Billable, Version = t.Version, Locked = t.IsLocked, HourlyRate = t.HourlyRate, Currency = t.Currency,
    };
}

public sealed class TimeEntryFormValidator : AbstractValidator<TimeEntryForm>
{
    public TimeEntryFormValidator()
    {
        RuleFor(f => f.Date).NotNull().WithMessage("Enter the date.");
        RuleFor(f => f.ProjectId).GreaterThan(0).WithMessage("Choose the project.");
        RuleFor(f => f.Hours).Custom((text, context) =>
        {
            if (string.IsNullOrWhiteSpace(text)) context.AddFailure("Enter the hours, e.g. 1:15 or 1.25.");
            else if (!HoursText.TryParse(text, out var hours, out var error)) context.AddFailure(error!);
            else if (TimeEntry.HoursError(hours) is { } rule) context.AddFailure(rule);
        });
        RuleFor(f => f.ReturnUrl).MaximumLength(500);
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

public sealed record TimesheetCell(DateOnly Date, decimal Hours, int Entries, bool Locked, string? Note)
{
    public bool Editable => Entries <= 1 && !Locked;
}

public sealed record TimesheetRow(int ProjectId, string ProjectName, string ClientName, int? ServiceId, string? ServiceName, IReadOnlyList<TimesheetCell> Cells)
{
    public decimal Total => Cells.Sum(c => c.Hours);
    public string Key => $"{ProjectId}-{ServiceId}";
}

/// <summary>A refused cell: the reason and what the user typed, shown back in the cell.</summary>
public sealed record TypedCell(string Error, string? Hours, string? Note);

public sealed record Timesheet(DateOnly WeekStart, IReadOnlyList<TimesheetRow> Rows, IReadOnlyDictionary<string, TypedCell> Refused)
{
    public static string CellKey(int projectId, int? serviceId, DateOnly date) => $"{projectId}-{serviceId}-{date:yyyy-MM-dd}";

    public IEnumerable<DateOnly> Days => Enumerable.Range(0, 7).Select(WeekStart.AddDays);
    public decimal DayTotal(int day) => Rows.Sum(r => r.Cells[day].Hours);
    public decimal Total => Rows.Sum(r => r.Total);
    public string WeekParam => WeekStart.ToString("yyyy-MM-dd");
    public DateOnly WeekEnd => WeekStart.AddDays(6);

    public static DateOnly MondayOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
}

public sealed record TimePage(Timesheet Sheet, RunningTimerView? Timer, IReadOnlyList<WorkOption> Options, DateOnly Today, bool DefaultRateIsZero);
