namespace FreelancerOS.Web.Domain;

/// <summary>What a goal's progress is: typed by the user, or a figure of the ledger read when the goal is shown.</summary>
public enum GoalTracking
{
    Manual = 0,

    /// <summary>All income dated this calendar year, received or not (the dashboard's "this year").</summary>
    IncomeThisYear = 1,

    /// <summary>This calendar year's income minus its expenses.</summary>
    NetThisYear = 2,

    /// <summary>Income from one client dated this calendar year.</summary>
    ClientIncomeThisYear = 3,

    /// <summary>What one payment mode holds today: received income minus paid expenses, all time (the ledger's Balances page).</summary>
    PaymentModeBalance = 4,
}

public class Goal : OwnedEntity, ICreated
{
    public const decimal MaxValue = 999_999_999_999.99m;

    public static readonly IReadOnlyList<string> BuiltInCategories = ["Health", "Wealth", "Relationship"];

    public string Name { get; set; } = "";
    public string Category { get; set; } = "";
    public decimal TargetValue { get; set; }

    /// <summary>km, books, EUR...; a goal that tracks the ledger is in the home currency instead.</summary>
    public string? Unit { get; set; }

    /// <summary>The progress typed by the user; ignored while the goal tracks a ledger figure.</summary>
    public decimal Progress { get; set; }

    public DateOnly? TargetDate { get; set; }

    public GoalTracking Tracking { get; private set; } = GoalTracking.Manual;
    public int? TrackedClientId { get; private set; }
    public int? TrackedPaymentModeId { get; private set; }

    public DateTimeOffset CreatedAt { get; set; }

    public bool IsTracked => Tracking != GoalTracking.Manual;

    /// <summary>Chooses what the progress follows; the client or payment mode is kept only for the figure that needs it.</summary>
    public void Track(GoalTracking tracking, int? clientId, int? paymentModeId)
    {
        if (!Enum.IsDefined(tracking))
            throw new DomainException("Choose what the progress follows.", nameof(Tracking));
        if (tracking == GoalTracking.ClientIncomeThisYear && clientId is null)
            throw new DomainException("Choose the client whose income this goal follows.", nameof(TrackedClientId));
        if (tracking == GoalTracking.PaymentModeBalance && paymentModeId is null)
            throw new DomainException("Choose the payment mode whose balance this goal follows.", nameof(TrackedPaymentModeId));
        Tracking = tracking;
        TrackedClientId = tracking == GoalTracking.ClientIncomeThisYear ? clientId : null;
        TrackedPaymentModeId = tracking == GoalTracking.PaymentModeBalance ? paymentModeId : null;
    }

    /// <summary>progress / target as a whole percentage (3 of 10 is 30); null for a target of 0; over 100 when exceeded.</summary>
    public static int? CompletionPercent(decimal progress, decimal target) => Percent.Of(progress, target);

    public static bool IsExceeded(decimal progress, decimal target) => target > 0 && progress > target;
}
