namespace FreelancerOS.Web.Domain;

public enum RecurringFrequency { Weekly = 0, Monthly = 1, Quarterly = 2, Yearly = 3 }

public enum RecurringEndKind { Never = 0, OnDate = 1, AfterCount = 2 }

/// <summary>
/// What a run does with the invoice it makes. <see cref="IssueAndSend"/> issues it, then e-mails it to
/// the client (a note on the run says why when it could not).
/// </summary>
public enum RecurringRunAction { CreateDraft = 0, Issue = 1, IssueAndSend = 2 }

/// <summary>
/// An invoice made again every week, month, quarter or year for one client from template lines; a
/// retainer when it includes hours (the overage is billed at <see cref="OverageRate"/>).
/// Runs fall on the chosen day: a weekday, or a day of the month clamped to the month's last day (the 31st
/// runs on 28/29 February, 30 April...). Quarterly and yearly runs keep the start date's month in step.
/// The run on date D closes the period from the previous run date to D − 1 (a monthly run on 1 December
/// closes 1–30 November): that is the period its retainer hours are counted in.
/// </summary>
public class RecurringSchedule : OwnedEntity, ICreated
{
    public const int MaxLines = 50;
    public const int MaxRunsLimit = 1000;
    public const decimal MaxIncludedHours = 10000m;

    public string Name { get; private set; } = "";
    public int ClientId { get; private set; }
    public Client? Client { get; private set; }

    /// <summary>A retainer's hours are counted on this project only; null counts every project of the client.</summary>
    public int? ProjectId { get; private set; }
    public Project? Project { get; private set; }

    public RecurringFrequency Frequency { get; private set; }
    public DayOfWeek DayOfWeek { get; private set; } = DayOfWeek.Monday;
    public int DayOfMonth { get; private set; } = 1;
    public DateOnly StartDate { get; private set; }
    public RecurringEndKind EndKind { get; private set; }
    public DateOnly? EndDate { get; private set; }
    public int? MaxRuns { get; private set; }

    public decimal? TaxRate { get; private set; }
    public string? Notes { get; private set; }
    public RecurringRunAction Action { get; private set; }

    /// <summary>Hours included per period; null for a plain recurring invoice.</summary>
    public decimal? IncludedHours { get; private set; }
    public decimal? OverageRate { get; private set; }
    public bool IsRetainer => IncludedHours is not null;

    public bool IsPaused { get; private set; }
    public int RunsMade { get; private set; }
    public DateOnly? LastRunDate { get; private set; }

    /// <summary>The date of the next run; null once the schedule has ended.</summary>
    public DateOnly? NextRunDate { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    private readonly List<RecurringLine> _lines = [];
    public IReadOnlyList<RecurringLine> Lines => _lines;

    private RecurringSchedule() { }

    public static RecurringSchedule Create(RecurringTerms terms, Client client, Project? project, DateOnly today, DateTimeOffset now)
    {
        var schedule = new RecurringSchedule { CreatedAt = now };
        schedule.Update(terms, client, project, today);
        return schedule;
    }

    /// <summary>
    /// Applies the terms and finds the next run again, never before today nor on or before the last run:
    /// an edit (or a start date in the past) does not bill periods that have already gone by.
    /// </summary>
    public void Update(RecurringTerms t, Client client, Project? project, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(t.Name)) throw new DomainException("Give the schedule a name.", nameof(Name));
        if (t.Name.Trim().Length > 200) throw new DomainException("At most 200 characters.", nameof(Name));
        if (!Enum.IsDefined(t.Frequency)) throw new DomainException("Choose how often.", nameof(Frequency));
        if (!Enum.IsDefined(t.DayOfWeek)) throw new DomainException("Choose the weekday.", nameof(DayOfWeek));
        if (t.DayOfMonth is < 1 or > 31) throw new DomainException("Enter a day between 1 and 31.", nameof(DayOfMonth));
        if (!Limits.IsSaneDate(t.StartDate)) throw new DomainException("Enter a real start date.", nameof(StartDate));
        switch (t.EndKind)
        {
            case RecurringEndKind.OnDate when t.EndDate is not { } end:
                throw new DomainException("Enter the end date.", nameof(EndDate));
            case RecurringEndKind.OnDate when t.EndDate < t.StartDate:
                throw new DomainException("The end date cannot be before the start date.", nameof(EndDate));
            case RecurringEndKind.AfterCount when t.MaxRuns is not (>= 1 and <= MaxRunsLimit):
                throw new DomainException($"Enter a number of invoices between 1 and {MaxRunsLimit}.", nameof(MaxRuns));
            case not (RecurringEndKind.Never or RecurringEndKind.OnDate or RecurringEndKind.AfterCount):
                throw new DomainException("Choose when the schedule ends.", nameof(EndKind));
        }
        if (t.TaxRate is < 0 or > 100) throw new DomainException("The tax rate must be between 0 and 100 %.", nameof(TaxRate));
        if (!Enum.IsDefined(t.Action)) throw new DomainException("Choose what each run does.", nameof(Action));
        if (project is not null && project.ClientId != client.Id)
            throw new DomainException($"{project.Name} is a project of another client.", nameof(ProjectId));
        if (t.IncludedHours is { } hours)
        {
            if (hours < 0 || hours > MaxIncludedHours) throw new DomainException($"Enter between 0 and {MaxIncludedHours:0} hours.", nameof(IncludedHours));
            if (t.OverageRate is not >= 0) throw new DomainException("Enter the hourly rate for hours over the included ones.", nameof(OverageRate));
        }
        if (t.Lines.Count == 0) throw new DomainException("Add at least one line.", "Lines");
        if (t.Lines.Count > MaxLines) throw new DomainException($"A schedule holds at most {MaxLines} lines.", "Lines");

        Name = t.Name.Trim();
        ClientId = client.Id;
        Client = client;
        ProjectId = project?.Id;
        Project = project;
        Frequency = t.Frequency;
        DayOfWeek = t.DayOfWeek;
        DayOfMonth = t.DayOfMonth;
        StartDate = t.StartDate;
        EndKind = t.EndKind;
        EndDate = t.EndKind == RecurringEndKind.OnDate ? t.EndDate : null;
        MaxRuns = t.EndKind == RecurringEndKind.AfterCount ? t.MaxRuns : null;
        TaxRate = t.TaxRate is 0 ? null : t.TaxRate;
        Notes = string.IsNullOrWhiteSpace(t.Notes) ? null : t.Notes.Trim();
        Action = t.Action;
        IncludedHours = t.IncludedHours;
        OverageRate = t.IncludedHours is null ? null : t.OverageRate;
        _lines.Clear();
        _lines.AddRange(t.Lines.Select((l, k) => new RecurringLine(k + 1, l.Description, l.Quantity, l.UnitPrice)));
        Reschedule(today);
    }

    /// <summary>Paused: the job makes no run. Periods that go by while paused are skipped, not caught up.</summary>
    public void Pause()
    {
        if (IsPaused) throw new DomainException("This schedule is already paused.");
        IsPaused = true;
    }

    public void Resume(DateOnly today)
    {
        if (!IsPaused) throw new DomainException("This schedule is not paused.");
        IsPaused = false;
        Reschedule(today);
    }

    public bool HasEnded => NextRunDate is null;

    /// <summary>Records the run on <paramref name="runDate"/> and moves on to the next one (or ends the schedule).</summary>
    public void RecordRun(DateOnly runDate)
    {
        RunsMade++;
        LastRunDate = runDate;
        NextRunDate = EndsBy(After(runDate)) ? null : After(runDate);
    }

    /// <summary>The period the run on <paramref name="runDate"/> closes: from the previous run date to the day before.</summary>
    public (DateOnly Start, DateOnly End) PeriodClosedBy(DateOnly runDate) => (Before(runDate), runDate.AddDays(-1));

    /// <summary>The run dates from <paramref name="from"/> (an occurrence) onwards while the schedule lasts, assuming each one is made.</summary>
    public IEnumerable<DateOnly> UpcomingRuns(DateOnly from)
    {
        var runs = RunsMade;
        for (var date = from; ; date = After(date))
        {
            if (EndKind == RecurringEndKind.OnDate && date > EndDate) yield break;
            if (EndKind == RecurringEndKind.AfterCount && runs >= MaxRuns) yield break;
            if (!Limits.IsSaneDate(date)) yield break;
            yield return date;
            runs++;
        }
    }

    private void Reschedule(DateOnly today)
    {
        var from = StartDate;
        if (today > from) from = today;
        if (LastRunDate is { } last && last >= from) from = last.AddDays(1);
        var next = FirstOnOrAfter(from);
        NextRunDate = EndsBy(next) ? null : next;
    }

    private bool EndsBy(DateOnly run) =>
        (EndKind == RecurringEndKind.OnDate && run > EndDate)
        || (EndKind == RecurringEndKind.AfterCount && RunsMade >= MaxRuns)
        || !Limits.IsSaneDate(run);

    private int MonthStep => Frequency switch
    {
        RecurringFrequency.Monthly => 1,
        RecurringFrequency.Quarterly => 3,
        RecurringFrequency.Yearly => 12,
        _ => 0,
    };

    /// <summary>The first run date on or after <paramref name="date"/>.</summary>
    public DateOnly FirstOnOrAfter(DateOnly date)
    {
        if (Frequency == RecurringFrequency.Weekly)
            return date.AddDays(((int)DayOfWeek - (int)date.DayOfWeek + 7) % 7);
        var step = MonthStep;
        var anchor = MonthIndex(StartDate);
        var m = MonthIndex(date);
        m += ((anchor - m) % step + step) % step;
        var candidate = Slot(m);
        return candidate >= date ? candidate : Slot(m + step);
    }

    /// <summary>The run date after the run date <paramref name="run"/>.</summary>
    public DateOnly After(DateOnly run) =>
        Frequency == RecurringFrequency.Weekly ? run.AddDays(7) : Slot(MonthIndex(run) + MonthStep);

    /// <summary>The run date before the run date <paramref name="run"/> (whether or not a run was made then).</summary>
    public DateOnly Before(DateOnly run) =>
        Frequency == RecurringFrequency.Weekly ? run.AddDays(-7) : Slot(MonthIndex(run) - MonthStep);

    private static int MonthIndex(DateOnly d) => d.Year * 12 + d.Month - 1;

    private DateOnly Slot(int monthIndex)
    {
        var year = monthIndex / 12;
        var month = monthIndex % 12 + 1;
        return new DateOnly(year, month, Math.Min(DayOfMonth, DateTime.DaysInMonth(year, month)));
    }

    /// <summary>"Monthly on the 31st (the last day in shorter months)", "Weekly on Monday".</summary>
    public string Describe() => Frequency == RecurringFrequency.Weekly
        ? $"Weekly on {DayOfWeek}"
        : $"{Frequency} on the {Ordinal(DayOfMonth)}{(DayOfMonth > 28 ? " (the last day in shorter months)" : "")}";

    public static string Ordinal(int n) => n + (n % 100 is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" });

    /// <summary>"November 2026" for a month, otherwise "2026-11-02 to 2026-11-08".</summary>
    public static string PeriodText(DateOnly start, DateOnly end) =>
        start.Day == 1 && end == start.AddMonths(1).AddDays(-1)
            ? start.ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)
            : $"{start:yyyy-MM-dd} to {end:yyyy-MM-dd}";

    /// <summary>Hours over the included ones in a period (0 when within them).</summary>
    public decimal OverageHours(decimal hoursUsed) => IncludedHours is { } inc && hoursUsed > inc ? hoursUsed - inc : 0m;
}

/// <summary>What the form gives a schedule.</summary>
public sealed record RecurringTerms(
    string Name, RecurringFrequency Frequency, DayOfWeek DayOfWeek, int DayOfMonth, DateOnly StartDate,
    RecurringEndKind EndKind, DateOnly? EndDate, int? MaxRuns, decimal? TaxRate, string? Notes, RecurringRunAction Action,
    decimal? IncludedHours, decimal? OverageRate, IReadOnlyList<RecurringLineTerms> Lines);

public sealed record RecurringLineTerms(string Description, decimal Quantity, decimal UnitPrice);

/// <summary>A template line; "{period}" in its description becomes the period the run closes.</summary>
public class RecurringLine
{
    public const string PeriodPlaceholder = "{period}";

    public int Id { get; private set; }
    public int ScheduleId { get; private set; }
    public int Position { get; private set; }
    public string Description { get; private set; } = "";
    public decimal Quantity { get; private set; }
    public decimal UnitPrice { get; private set; }

    private RecurringLine() { }

    internal RecurringLine(int position, string description, decimal quantity, decimal unitPrice)
    {
        if (string.IsNullOrWhiteSpace(description)) throw new DomainException("Each line needs a description.", "Lines");
        if (description.Trim().Length > 400) throw new DomainException("A line's description has at most 400 characters.", "Lines");
        if (quantity <= 0) throw new DomainException($"The quantity of \"{description.Trim()}\" must be more than zero.", "Lines");
        if (unitPrice < 0) throw new DomainException($"The unit price of \"{description.Trim()}\" cannot be negative.", "Lines");
        Position = position;
        Description = description.Trim();
        Quantity = quantity;
        UnitPrice = unitPrice;
    }

    public string DescriptionFor(string periodText) => Description.Replace(PeriodPlaceholder, periodText, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// One run of a schedule: the unique key on (schedule, period start) is what makes a run happen once per
/// period, whatever number of job instances try at once. Kept when its draft is deleted (the invoice id
/// becomes null), so a deleted draft is not made again.
/// </summary>
public class RecurringRun : OwnedEntity, ICreated
{
    public int ScheduleId { get; private set; }
    public DateOnly PeriodStart { get; private set; }
    public DateOnly PeriodEnd { get; private set; }
    public DateOnly RunDate { get; private set; }
    public int? InvoiceId { get; private set; }
    public Invoice? Invoice { get; private set; }
    public decimal? HoursUsed { get; private set; }
    public decimal? OverageHours { get; private set; }

    /// <summary>What did not go as asked (e.g. "Not issued: ..."); null when the run did all it was set to.</summary>
    public string? Note { get; set; }

    public DateTimeOffset CreatedAt { get; private set; }

    private RecurringRun() { }

    public RecurringRun(int scheduleId, DateOnly periodStart, DateOnly periodEnd, DateOnly runDate, Invoice invoice,
        decimal? hoursUsed, decimal? overageHours, DateTimeOffset now)
    {
        ScheduleId = scheduleId;
        PeriodStart = periodStart;
        PeriodEnd = periodEnd;
        RunDate = runDate;
        Invoice = invoice;
        HoursUsed = hoursUsed;
        OverageHours = overageHours;
        CreatedAt = now;
    }
}
