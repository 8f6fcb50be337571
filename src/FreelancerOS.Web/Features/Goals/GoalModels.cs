using FluentValidation;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;

namespace FreelancerOS.Web.Features.Goals;

public sealed class GoalForm
{
    public string? Name { get; set; }
    public string? Category { get; set; }
    public decimal? TargetValue { get; set; }
    public string? Unit { get; set; }
    public decimal? Progress { get; set; }
    public DateOnly? TargetDate { get; set; }
    public GoalTracking Tracking { get; set; } = GoalTracking.Manual;
    public int? TrackedClientId { get; set; }
    public int? TrackedPaymentModeId { get; set; }
    public int Version { get; set; }

    public static GoalForm From(Goal g) => new()
    {
        Name = g.Name, Category = g.Category, TargetValue = g.TargetValue, Unit = g.Unit, Progress = g.Progress,
        TargetDate = g.TargetDate, Tracking = g.Tracking, TrackedClientId = g.TrackedClientId,
        TrackedPaymentModeId = g.TrackedPaymentModeId, Version = g.Version,
    };

    /// <summary>Copies the typed values onto the goal; throws a <see cref="DomainException"/> when the tracked figure is incomplete.</summary>
    public void ApplyTo(Goal g)
    {
        g.Track(Tracking, TrackedClientId, TrackedPaymentModeId);
        g.Name = (Name ?? "").Trim();
        g.Category = (Category ?? "").Trim();
        g.TargetValue = TargetValue ?? 0;
        g.Unit = string.IsNullOrWhiteSpace(Unit) ? null : Unit.Trim();
        // A tracked goal keeps the progress last typed, so switching back to manual finds it again.
        if (Tracking == GoalTracking.Manual) g.Progress = Progress ?? 0;
        g.TargetDate = TargetDate;
    }
}

public sealed class GoalFormValidator : AbstractValidator<GoalForm>
{
    public GoalFormValidator()
    {
        RuleFor(f => f.Name).NotEmpty().WithMessage("Enter a name.")
            .MaximumLength(200).WithMessage("At most 200 characters.");
        RuleFor(f => f.Category).NotEmpty().WithMessage("Enter a category, such as Wealth, or one of your own.")
            .MaximumLength(100).WithMessage("At most 100 characters.");
        RuleFor(f => f.TargetValue).NotNull().WithMessage("Enter the target, such as 10 or 50000.")
            .GreaterThanOrEqualTo(0).WithMessage("The target cannot be negative.")
            .LessThanOrEqualTo(Goal.MaxValue).WithMessage("That number is too large.")
            .Must(AtMostFourDecimals).WithMessage("Use at most four decimals.");
        RuleFor(f => f.Progress).GreaterThanOrEqualTo(0).WithMessage("Progress cannot be negative.")
            .LessThanOrEqualTo(Goal.MaxValue).WithMessage("That number is too large.")
            .Must(AtMostFourDecimals).WithMessage("Use at most four decimals.")
            .When(f => f.Tracking == GoalTracking.Manual);
        RuleFor(f => f.Unit).MaximumLength(30).WithMessage("At most 30 characters.");
        RuleFor(f => f.Tracking).IsInEnum().WithMessage("Choose what the progress follows.");
        RuleFor(f => f.TrackedClientId).NotNull().WithMessage("Choose the client whose income this goal follows.")
            .When(f => f.Tracking == GoalTracking.ClientIncomeThisYear);
        RuleFor(f => f.TrackedPaymentModeId).NotNull().WithMessage("Choose the payment mode whose balance this goal follows.")
            .When(f => f.Tracking == GoalTracking.PaymentModeBalance);
        RuleFor(f => f.TargetDate).Must(d => d is null || d.Value.Year is >= 1900 and <= 9999).WithMessage("Enter a date between 1900 and 9999.");
    }

    private static bool AtMostFourDecimals(decimal? d) => d is null || decimal.Round(d.Value, 4) == d.Value;
}

public sealed class GoalFilter
{
    public string? Q { get; set; }
    public string? Category { get; set; }
    public int Page { get; set; } = 1;
}

/// <summary>A goal as listed, with its progress: typed, or the ledger figure it follows (in the home currency).</summary>
public sealed record GoalRow(
    int Id, string Name, string Category, decimal TargetValue, string? Unit, decimal Progress, DateOnly? TargetDate,
    GoalTracking Tracking, string? TrackedName, int Year, string HomeCurrency)
{
    public int? Percent => Goal.CompletionPercent(Progress, TargetValue);
    public bool Exceeded => Goal.IsExceeded(Progress, TargetValue);
    public bool Reached => TargetValue > 0 && Progress >= TargetValue;

    /// <summary>What the progress bar draws: 0 to 100, an exceeded goal full.</summary>
    public int Bar => Math.Clamp(Percent ?? 0, 0, 100);

    /// <summary>A client or payment mode goal whose client or mode was deleted.</summary>
    public bool FigureGone => Tracking is GoalTracking.ClientIncomeThisYear or GoalTracking.PaymentModeBalance && TrackedName is null;

    public string Format(decimal value) => Tracking == GoalTracking.Manual
        ? value.ToString("#,0.####", System.Globalization.CultureInfo.CurrentCulture) + (Unit is null ? "" : " " + Unit)
        : Currency.Format(value, HomeCurrency);

    public string? Follows => Tracking switch
    {
        GoalTracking.IncomeThisYear => $"Follows the ledger: income in {Year}, received or not.",
        GoalTracking.NetThisYear => $"Follows the ledger: net (income minus expenses) in {Year}.",
        GoalTracking.ClientIncomeThisYear => FigureGone ? "Followed the income of a client that no longer exists."
            : $"Follows the ledger: income from {TrackedName} in {Year}.",
        GoalTracking.PaymentModeBalance => FigureGone ? "Followed the balance of a payment mode that no longer exists."
            : $"Follows the ledger: the balance of {TrackedName} today (received income minus paid expenses, all time).",
        _ => null,
    };
}

public sealed record GoalList(Paged<GoalRow> Rows, GoalFilter Filter, IReadOnlyList<string> Categories);

public sealed record GoalOption(int Id, string Name);

/// <summary>The choices the goal form offers besides the typed fields.</summary>
public sealed record GoalFormChoices(IReadOnlyList<string> Categories, IReadOnlyList<GoalOption> Clients, IReadOnlyList<GoalOption> PaymentModes, string HomeCurrency);
